/**
 * The progress of `wait` and `summarize`, on stderr. On a terminal, one bar redrawn in place; otherwise
 * (a pipe, a file, a CI log) one plain line per poll, without escape codes, so that logs
 * stay readable.
 */
import { formatElapsed } from "../duration.js";
import { printableLine } from "../text.js";
import type { WaitProgress } from "../wait.js";
import type { Output } from "./io.js";

/** How to draw. */
export interface ProgressStyle {
  /** stderr is a terminal: redraw one line in place. */
  tty: boolean;
  /** Colour the status (a terminal, and NO_COLOR unset). */
  color: boolean;
  /** What starts each plain line: the command's name. */
  label: string;
  /** The terminal's width, which a bar never reaches (a line as wide would wrap). */
  columns?: number | undefined;
}

/**
 * Draws progress updates, and the other lines of stderr between them: a line written while a
 * bar is drawn takes the bar's place, and the next update draws the bar again below it.
 */
export interface ProgressReporter {
  /** Shows how a wait stands. */
  update(progress: WaitProgress): void;
  /** On a terminal, draws `text` in place (a catalogue's bar); elsewhere, nothing. */
  draw(text: string): void;
  /** Writes one line of text (a note, a debug line) on stderr. */
  line(text: string): void;
  /** Leaves the last bar drawn on its own line. */
  end(): void;
}

const BAR_WIDTH = 24;
const CLEAR_LINE = "\r\x1b[2K";
const STATUS_COLORS: Record<string, number> = {
  SUMMARIZE_COMPLETED: 32, // green
  SUMMARIZE_FAIL: 31, // red
  SUMMARIZE_CANCELED: 33, // yellow
};
const IN_PROGRESS_COLOR = 36; // cyan

/** The narrowest bar worth drawing; below it, the line goes without one. */
const MIN_BAR_WIDTH = 5;

/** A bar of `analysed` out of `total`, such as `[######------------------]`. */
export function bar(analysed: number, total: number, width = BAR_WIDTH): string {
  const fraction = total > 0 ? Math.min(Math.max(analysed / total, 0), 1) : 0;
  const filled = Math.round(fraction * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

/**
 * The line drawn for a wait: status, bar, scenes and time, narrower than `columns` (a line
 * as wide as the terminal would wrap, and the next redraw would clear only its last row): the
 * bar shrinks, then goes, then the line is cut.
 */
function barLine(
  name: string,
  scenes: string,
  elapsed: string,
  progress: WaitProgress,
  columns = Infinity,
): string {
  const room = columns - 1 - `${name}  ${scenes}  ${elapsed}`.length - 2;
  const width = Math.min(BAR_WIDTH, room);
  const line =
    width >= MIN_BAR_WIDTH
      ? `${name} ${bar(progress.analyzedSceneCount ?? 0, progress.totalSceneCount ?? 0, width)} ${scenes}  ${elapsed}`
      : `${name} ${scenes}  ${elapsed}`;
  return line.length < columns ? line : line.slice(0, Math.max(columns - 1, 0));
}

/** A reporter writing to `out` in the given style. */
export function createProgressReporter(out: Output, style: ProgressStyle): ProgressReporter {
  let drawnWidth = 0;
  /** Draws `line` over the one drawn before; `colored` is the same line with escape codes. */
  const redraw = (line: string, colored: string) => {
    // No escape codes at all without colour: overwrite the previous line with spaces instead.
    out.write(style.color ? `${CLEAR_LINE}${colored}` : `\r${line.padEnd(drawnWidth)}`);
    drawnWidth = line.length;
  };
  return {
    draw(text) {
      if (style.tty) redraw(text, text);
    },
    update(progress) {
      const { status, analyzedSceneCount, totalSceneCount, elapsedMs } = progress;
      const scenes = `${analyzedSceneCount ?? "?"}/${totalSceneCount ?? "?"} scenes`;
      const elapsed = formatElapsed(elapsedMs);
      // A status this version does not know is printed as sent: without control characters.
      const name = printableLine(status);
      if (!style.tty) {
        out.write(`${style.label}: ${name}, ${scenes} analysed, ${elapsed} elapsed\n`);
        return;
      }
      const line = barLine(name, scenes, elapsed, progress, style.columns);
      const color = STATUS_COLORS[status] ?? IN_PROGRESS_COLOR;
      const shown = line.slice(0, name.length);
      redraw(line, `\x1b[${color}m${shown}\x1b[39m${line.slice(shown.length)}`);
    },
    line(text) {
      if (style.tty && drawnWidth > 0) {
        out.write(style.color ? CLEAR_LINE : `\r${" ".repeat(drawnWidth)}\r`);
        drawnWidth = 0;
      }
      out.write(`${text}\n`);
    },
    end() {
      if (style.tty && drawnWidth > 0) out.write("\n");
      drawnWidth = 0;
    },
  };
}
