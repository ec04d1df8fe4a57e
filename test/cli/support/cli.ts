/**
 * Runs the built `ncp-mi` as a child process, the way a user or a script would, and
 * checks on every run that the secret key appears in neither stdout nor stderr.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  CLI,
  DEMO_ASSET_OPTIONS,
  DEMO_INDEX_OPTIONS,
  DEMO_SUMMARY_OPTIONS,
} from "../../../scripts/demo.mjs";
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

/** Options of {@link startCli}. */
export interface CliOptions {
  /** NCLOUD_MI_BASE_URL for the run. */
  baseUrl?: string;
  /**
   * Environment on top of the test credentials; `undefined` removes a variable. Nothing is
   * inherited from the test process but PATH, so a developer's own keys cannot leak in.
   */
  env?: Record<string, string | undefined>;
  /** Working directory of the run. */
  cwd?: string;
}

/** A running CLI. */
export interface RunningCli {
  child: ChildProcess;
  /** What it has written to stderr so far. */
  stderr(): string;
  result: Promise<CliResult>;
}

/** Starts `node dist/cli/main.js ...args`. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
    NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
    NCLOUD_MI_BASE_URL: options.baseUrl,
    ...options.env,
  };
  const secret = env.NCLOUD_SECRET_KEY;
  const child = spawn(process.execPath, [CLI, ...args], {
    env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
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
      if (secret && (stdout.includes(secret) || stderr.includes(secret))) {
        reject(new Error(`ncp-mi ${args.join(" ")} printed the secret key:\n${stdout}${stderr}`));
      }
      resolve({ code, stdout, stderr });
    });
  });
  return { child, stderr: () => stderr, result };
}

/** Runs `ncp-mi ...args` to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

/** ESC, which starts every terminal escape sequence. */
export const ESC = "\x1b";
