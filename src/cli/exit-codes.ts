/** `ncp-mi`'s exit codes, and which error ends in which. */
import {
  InvalidInputError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryInProgressError,
  SceneSummaryNotRegisteredError,
  WaitTimeoutError,
} from "../errors.js";
import { OutputError } from "./destination.js";
import { UsageError } from "./usage-error.js";

/** The exit codes. Scripts depend on them: never renumber. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /**
   * A request failed (API, gateway, network, timeout), no summarisation was requested, the
   * output could not be written, or `mcp` found no MCP SDK to serve with.
   */
  failed: 1,
  /** Bad command line, bad id, missing credentials or a closed stdout: nothing was sent. */
  usage: 2,
  /** `wait`, `summarize`: the summarisation ended in SUMMARIZE_FAIL. */
  summarisationFailed: 3,
  /** `wait`, `summarize`: the summarisation ended in SUMMARIZE_CANCELED. */
  cancelled: 4,
  /** `wait`, `summarize`: `--timeout` passed first. */
  timedOut: 5,
  /** `summarize --no-wait-existing`: a summarisation was already in progress. */
  inProgress: 6,
  /**
   * `summarize --assets-from`: not every asset completed (one failed, was cancelled, timed
   * out or met an error); the summary says which, and a rerun resumes.
   */
  incomplete: 7,
  /** A bug in ncp-mi: it stopped without finishing, or threw what it should have caught. */
  internal: 70,
  /** Interrupted by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
  interrupted: 130,
} as const;

/** The exit codes section of the help. */
export const EXIT_CODE_HELP = [
  "Exit codes:",
  "  0    Success (--dry-run: the request was printed)",
  "  1    API or network error, after retries; the output could not be written;",
  "       the status stays BEFORE_SUMMARIZE past --grace (nothing was requested);",
  "       or, for mcp, the MCP SDK (an optional peer dependency) is not installed",
  "  2    Usage error, bad id, missing credentials, closed stdout: nothing was sent",
  "  3    wait, summarize: the summarisation failed (SUMMARIZE_FAIL)",
  "  4    wait, summarize: the summarisation was cancelled (SUMMARIZE_CANCELED)",
  "  5    wait, summarize: --timeout passed before the summarisation ended, or a",
  "       request accepted did not show in the status within --grace; it goes on",
  "  6    summarize --no-wait-existing: a summarisation was already in progress",
  "  7    summarize --assets-from: not every asset completed (each one's outcome is",
  "       on stdout); run the same command again to resume",
  "  70   Internal error: a bug in ncp-mi; please report it",
  "  130  Interrupted (Ctrl-C); a summarisation requested goes on on the server",
];

/**
 * The exit code for an error that ended a command. Everything else (MediaIntelligenceError,
 * SceneSummaryNotRequestedError, a result the exports cannot read) is a failed request: 1.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof InvalidInputError) return ExitCode.usage;
  if (error instanceof OutputError) return error.beforeSending ? ExitCode.usage : ExitCode.failed;
  if (error instanceof SceneSummaryFailedError) return ExitCode.summarisationFailed;
  if (error instanceof SceneSummaryCanceledError) return ExitCode.cancelled;
  // Both leave a summarisation that may still run: nothing to request again.
  if (error instanceof WaitTimeoutError || error instanceof SceneSummaryNotRegisteredError) {
    return ExitCode.timedOut;
  }
  if (error instanceof SceneSummaryInProgressError) return ExitCode.inProgress;
  return ExitCode.failed;
}
