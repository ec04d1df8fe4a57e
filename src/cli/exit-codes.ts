/** `ncp-mi`'s exit codes, and which error ends in which. */
import {
  InvalidInputError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  WaitTimeoutError,
} from "../errors.js";
import { UsageError } from "./command-line.js";

/** The exit codes. Scripts depend on them: never renumber. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** A request failed (API, gateway, network, timeout), or no summarisation was requested. */
  failed: 1,
  /** Bad command line, bad id, or missing credentials: nothing was sent. */
  usage: 2,
  /** `wait`: the summarisation ended in SUMMARIZE_FAIL. */
  summarisationFailed: 3,
  /** `wait`: the summarisation ended in SUMMARIZE_CANCELED. */
  cancelled: 4,
  /** `wait`: `--timeout` passed first. */
  timedOut: 5,
  /** Interrupted by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
  interrupted: 130,
} as const;

/** The exit codes section of the help. */
export const EXIT_CODE_HELP = [
  "Exit codes:",
  "  0    Success",
  "  1    API or network error, after retries; also `wait` when the status stays",
  "       BEFORE_SUMMARIZE past --grace (no summarisation was requested)",
  "  2    Usage error, bad id or missing credentials: nothing was sent",
  "  3    wait: the summarisation failed (SUMMARIZE_FAIL)",
  "  4    wait: the summarisation was cancelled (SUMMARIZE_CANCELED)",
  "  5    wait: --timeout passed before the summarisation ended",
  "  130  Interrupted (Ctrl-C)",
];

/**
 * The exit code for an error that ended a command. Everything else (MediaIntelligenceError,
 * SceneSummaryNotRequestedError, a result the exports cannot read) is a failed request: 1.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof InvalidInputError) return ExitCode.usage;
  if (error instanceof SceneSummaryFailedError) return ExitCode.summarisationFailed;
  if (error instanceof SceneSummaryCanceledError) return ExitCode.cancelled;
  if (error instanceof WaitTimeoutError) return ExitCode.timedOut;
  return ExitCode.failed;
}
