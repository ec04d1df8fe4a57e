/**
 * A catalogue's progress on stderr. On a terminal, one bar redrawn in place, with the count of
 * assets in each state (at most ten times a second); otherwise (a pipe, a file, a CI log) one
 * plain line per change of an asset's state.
 */
import { ASSET_OUTCOMES, type AssetState, type BatchProgress } from "../../batch/many.js";
import { formatElapsed } from "../../duration.js";
// Asset IDs and statuses come from the user and the server: printableLine leaves nothing a
// terminal obeys.
import { printableLine } from "../../text.js";
import { bar, type ProgressReporter } from "../progress.js";

/** How each state reads in a line, on the bar, and in the summary at the end. */
export const STATE_WORDS: Readonly<Record<AssetState, string>> = {
  pending: "pending",
  requesting: "requesting",
  waiting: "waiting",
  completed: "completed",
  "already-done": "already done",
  failed: "failed",
  cancelled: "cancelled",
  "timed-out": "timed out",
  error: "error",
};

/** The least time between two drawings of the bar, in ms. */
const REDRAW_MS = 100;

/** What {@link createCatalogueProgress} returns. */
export interface CatalogueProgress {
  /** Shows a change of an asset's state. */
  update(progress: BatchProgress): void;
  /** Draws the bar as it ends, and leaves it on its own line. */
  end(): void;
}

/** How many assets have ended, of the counts of every state. */
function ended(counts: Readonly<Record<AssetState, number>>): number {
  return ASSET_OUTCOMES.reduce((sum, state) => sum + counts[state], 0);
}

/** The bar's text: how many have ended, then each state that has any. */
function barText(progress: BatchProgress, elapsedMs: number): string {
  const { counts, total } = progress;
  const done = ended(counts);
  const states = (["requesting", "waiting", ...ASSET_OUTCOMES] as const)
    .filter((state) => counts[state] > 0)
    .map((state) => `${counts[state]} ${STATE_WORDS[state]}`);
  return `${bar(done, total)} ${done}/${total} done${states.length > 0 ? ` · ${states.join(" · ")}` : ""}  ${formatElapsed(elapsedMs)}`;
}

/** The plain line of a change: `summarize: 5678: SUMMARIZING (3/21 done)`. */
function plainLine(progress: BatchProgress): string {
  const { ids, state, status, following, counts, total } = progress;
  const what =
    state === "waiting"
      ? status === undefined
        ? following
          ? "following the summarisation already in progress"
          : "requested"
        : printableLine(String(status))
      : STATE_WORDS[state];
  return `summarize: ${printableLine(String(ids.assetId))}: ${what} (${ended(counts)}/${total} done)`;
}

/**
 * A catalogue's progress through the run's reporter (which keeps notes and the bar apart).
 *
 * @param now - A monotonic clock, in ms; the catalogue began when this was made.
 */
export function createCatalogueProgress(
  reporter: ProgressReporter,
  tty: boolean,
  now: () => number = () => performance.now(),
): CatalogueProgress {
  const started = now();
  let last: BatchProgress | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = () => {
    if (!last) return;
    drawnAt = now();
    reporter.draw(barText(last, drawnAt - started));
  };
  return {
    update(progress) {
      last = progress;
      if (!tty) {
        reporter.line(plainLine(progress));
        return;
      }
      if (now() - drawnAt >= REDRAW_MS || ended(progress.counts) === progress.total) draw();
    },
    end() {
      if (tty) draw();
      reporter.end();
    },
  };
}
