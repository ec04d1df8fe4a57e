/**
 * The progress of a wait, as MCP progress notifications: the scenes analysed out of the
 * scenes to analyse, and the status in words. MCP requires each notification's `progress` to
 * be greater than the one before, so a poll that shows no more scenes analysed than the last
 * one sent sends nothing (the first poll is always sent).
 */
import { printableLine } from "../../text.js";
import type { WaitProgress } from "../../wait.js";
import { describeStatus } from "./messages.js";

/** The parameters of one `notifications/progress`, but the caller's progress token. */
export interface ProgressUpdate {
  /** Scenes analysed so far. */
  progress: number;
  /** Scenes to analyse, when the status says. */
  total?: number;
  /** The status and the counts, in words. */
  message: string;
}

/**
 * A wait's `onProgress` that passes each poll on to `send` when it shows progress.
 *
 * @param send - Sends one notification; a failure (the client gone) is left to it to handle.
 */
export function progressReporter(
  send: (update: ProgressUpdate) => void,
): (progress: WaitProgress) => void {
  let last: number | undefined;
  return (update) => {
    const progress = update.analyzedSceneCount ?? 0;
    if (last !== undefined && progress <= last) return;
    last = progress;
    send({
      progress,
      ...(update.totalSceneCount === undefined ? {} : { total: update.totalSceneCount }),
      message: printableLine(describeStatus(update)),
    });
  };
}
