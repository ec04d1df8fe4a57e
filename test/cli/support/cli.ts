/**
 * Runs `ncp-mi`: in this process through `run(argv, io)` (every test but a few), or as the
 * built executable in a child process (signals, the process's own exit), the way a user or a
 * script would. Either way, every run checks that the secret key appears in neither stdout
 * nor stderr.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  CLI,
  DEMO_ASSET_OPTIONS,
  DEMO_INDEX_OPTIONS,
  DEMO_SUMMARY_OPTIONS,
} from "../../../scripts/demo.mjs";
import { run } from "../../../src/cli/run.js";
import type { FetchLike } from "../../../src/index.js";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../../support/gateway.js";

/**
 * The built CLI, and the ids of the spec's examples as options (shared with `npm start`):
 * the asset-based API's, and the index-based one's (with `--index`).
 */
export { CLI, DEMO_ASSET_OPTIONS as ASSET_OPTIONS, DEMO_INDEX_OPTIONS as INDEX_OPTIONS };

/** The line `--index` prints on stderr, first. */
export const DEPRECATION_NOTE =
  "ncp-mi: note: --index uses the index-based API, which is deprecated and removed in " +
  "January 2027; leave out --index (and --summary) to use the asset-based API.\n";

/** {@link INDEX_OPTIONS} and `--summary`. */
export const SUMMARY_OPTIONS = [...DEMO_INDEX_OPTIONS, ...DEMO_SUMMARY_OPTIONS];

/** How a run ended, and what it printed. */
export interface CliResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli} and {@link startCli}. */
export interface CliOptions {
  /** NCLOUD_MI_BASE_URL for the run. */
  baseUrl?: string;
  /**
   * Environment on top of the test credentials; `undefined` removes a variable. Nothing is
   * inherited from the test process but PATH, so a developer's own keys cannot leak in.
   */
  env?: Record<string, string | undefined>;
  /** Working directory of the run: where a relative `-o FILE` goes. */
  cwd?: string;
}

/** Options of an in-process run, besides {@link CliOptions}. */
export interface InProcessOptions extends CliOptions {
  /** Whether stderr is a terminal. */
  isTTY?: boolean;
  /** Columns of stdout, when it is a terminal. */
  columns?: number;
  /** Aborts the run, as Ctrl-C does. */
  signal?: AbortSignal;
  /** The `fetch` the client calls, instead of the platform's. */
  fetch?: FetchLike;
  /** What stdin holds, for `--assets-from -`. */
  stdin?: string;
}

function environment(options: CliOptions): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
    NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
    NCLOUD_MI_BASE_URL: options.baseUrl,
    ...options.env,
  };
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function checkSecret(env: Record<string, string>, args: readonly string[], result: CliResult) {
  const secret = env.NCLOUD_SECRET_KEY;
  if (secret && (result.stdout.includes(secret) || result.stderr.includes(secret))) {
    throw new Error(
      `ncp-mi ${args.join(" ")} printed the secret key:\n${result.stdout}${result.stderr}`,
    );
  }
}

/** `text` as stdin gives it: UTF-8 chunks. */
async function* chunks(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, "utf8");
}

/** Runs `ncp-mi ...args` in this process, to its end. */
export async function runCli(
  args: readonly string[],
  options: InProcessOptions = {},
): Promise<CliResult> {
  const env = environment(options);
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    env,
    stdout: {
      write: (text: string, done?: (error?: Error | null) => void) => {
        stdout += text;
        done?.();
      },
    },
    stderr: {
      write: (text: string, done?: (error?: Error | null) => void) => {
        stderr += text;
        done?.();
      },
    },
    isTTY: options.isTTY,
    columns: options.columns,
    signal: options.signal,
    ...(options.cwd && { cwd: options.cwd }),
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.stdin !== undefined && { stdin: chunks(options.stdin) }),
  });
  const result = { code, stdout, stderr };
  checkSecret(env, args, result);
  return result;
}

/** A running CLI process. */
export interface RunningCli {
  child: ChildProcess;
  /** What it has written to stderr so far. */
  stderr(): string;
  result: Promise<CliResult>;
}

/** Starts `node dist/cli/main.js ...args` as a child process. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const env = environment(options);
  const child = spawn(process.execPath, [CLI, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const outcome = { code, stdout, stderr };
      try {
        checkSecret(env, args, outcome);
        resolve(outcome);
      } catch (error) {
        reject(error);
      }
    });
  });
  return { child, stderr: () => stderr, result };
}

/** ESC, which starts every terminal escape sequence. */
export const ESC = "\x1b";
