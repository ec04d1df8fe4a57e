/** What `ncp-mi` needs from its surroundings, so that tests can run it without a process. */
import type { FetchLike } from "../transport.js";

/** Somewhere to write text: process.stdout, process.stderr, or a test's buffer. */
export interface Output {
  write(text: string): unknown;
}

/** The surroundings of one run of `ncp-mi`. */
export interface CliEnvironment {
  /** Environment variables: credentials, NCLOUD_MI_BASE_URL, NO_COLOR. */
  env: Record<string, string | undefined>;
  /** Data: statuses and summaries. */
  stdout: Output;
  /** Diagnostics: progress, errors, debug logs. */
  stderr: Output;
  /** The `fetch` to call; defaults to the platform's. */
  fetch?: FetchLike | undefined;
  /** Whether stderr is a terminal: progress bar and colour. Default false. */
  isTTY?: boolean | undefined;
  /** Width of stdout in columns, when it is a terminal: the table fits it. */
  columns?: number | undefined;
  /** Aborted on Ctrl-C: the command stops and the run ends with exit code 130. */
  signal?: AbortSignal | undefined;
}
