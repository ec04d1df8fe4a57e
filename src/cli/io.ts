/** What `ncp-mi` needs from its surroundings, so that tests can run it without a process. */
import type { Readable } from "node:stream";
import type { FetchLike } from "../transport.js";

/** Somewhere to write text: process.stdout, process.stderr, or a test's buffer. */
export interface Output {
  /** Writes `text`; `callback` gets the error if the write failed (a full disk, a closed pipe). */
  write(text: string, callback?: (error?: Error | null) => void): unknown;
}

/** The surroundings of one run of `ncp-mi`. */
export interface CliEnvironment {
  /** Environment variables: credentials, NCLOUD_MI_BASE_URL, NO_COLOR. */
  env: Record<string, string | undefined>;
  /** Data: statuses, summaries, curl commands. */
  stdout: Output;
  /** Diagnostics: progress, notes, errors, debug logs. */
  stderr: Output;
  /**
   * What `ncp-mi mcp` reads the MCP client's messages from (its answers go to `stdout`), and
   * what `summarize --assets-from -` reads its list from: the process's stdin, or a test's
   * chunks. The other commands read nothing.
   */
  stdin?: Readable | AsyncIterable<Uint8Array | string> | undefined;
  /**
   * Whether stdout was closed when ncp-mi started (`>&-`): Node then writes it to /dev/null,
   * and the output would be lost without a word.
   */
  stdoutClosed?: boolean | undefined;
  /** The `fetch` to call; defaults to the platform's. */
  fetch?: FetchLike | undefined;
  /** Whether stderr is a terminal: progress bar and colour. Default false. */
  isTTY?: boolean | undefined;
  /** Width of stdout in columns, when it is a terminal: the table fits it. */
  columns?: number | undefined;
  /** Width of stderr in columns, when it is a terminal: the progress bar fits it. */
  stderrColumns?: number | undefined;
  /** Aborted on Ctrl-C: the command stops and the run ends with exit code 130. */
  signal?: AbortSignal | undefined;
  /** The folder a relative `-o FILE` is in. Default: the process's working directory. */
  cwd?: string | undefined;
}

/**
 * Writes `text` to `out` and resolves once it is written, or rejects with the write's error:
 * a failed write of the output is an error of the command, not a crash or a silent loss.
 */
export function writeText(out: Output, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      out.write(text, (error) => (error ? reject(error) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}

/** How wide a terminal is taken to be when it reports 0 columns and `COLUMNS` says nothing. */
const FALLBACK_COLUMNS = 80;

/**
 * The width to draw for on a terminal that reports `columns`: that, unless it reports 0
 * (`script`, `docker exec -t`), then `COLUMNS`, else 80. Undefined when it is no terminal.
 */
export function terminalWidth(
  columns: number | undefined,
  env: Record<string, string | undefined>,
): number | undefined {
  if (columns === undefined) return undefined;
  if (columns > 0) return columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : FALLBACK_COLUMNS;
}
