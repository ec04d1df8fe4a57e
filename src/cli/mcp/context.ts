/** What a tool's handler works with: the client of the server, and the call's own signal and progress. */
import type { MediaIntelligenceClient } from "../../client.js";
import type { WaitOptions, WaitProgress } from "../../wait.js";

/** What a tool's handler is given for one call. */
export interface ToolContext {
  /** The server's client: its keys, base URL, retries and limits come from the command line and the environment. */
  client: MediaIntelligenceClient;
  /** Aborted when the caller cancels the call, or when the server stops. */
  signal: AbortSignal;
  /** How to poll, from the command line (`--interval`, `--grace`); each absent means the SDK's default. */
  polling: Pick<WaitOptions, "intervalMs" | "maxIntervalMs" | "notRequestedGraceMs">;
  /** Reports a wait's progress to the caller, when it asked for progress; else does nothing. */
  onProgress(progress: WaitProgress): void;
  /** Writes a line to the server's log (stderr). */
  log(text: string): void;
}
