/**
 * What a catalogue prints on stdout once it ends: one line per asset, in the order of the
 * list, saying how it ended (completed and where its export is, already done, failed with the
 * server's `statusMessage`, cancelled, timed out, or the error that stopped it); or, with
 * `--json`, the same as one JSON document.
 */
import type { AssetOutcome } from "../../batch/many.js";
import { seconds } from "../../errors.js";
// Asset IDs and server text go to a terminal: printableLine leaves nothing a terminal obeys.
import { printableLine } from "../../text.js";
import { toJson } from "../output.js";

/** How each outcome reads. */
const WORDS: Record<AssetOutcome["outcome"], string> = {
  completed: "completed",
  "already-done": "already done",
  failed: "failed",
  cancelled: "cancelled",
  "timed-out": "timed out",
  error: "error",
};

/** An asset's outcome, with what the summary says of it. */
export interface Settled {
  /** The asset ID, as listed. */
  asset: string;
  outcome: AssetOutcome;
  /** The export's path, as the user named the folder, when there is one. */
  file?: string | undefined;
  /** For an `error`: the message, as the CLI words it. */
  message?: string | undefined;
}

/** The longest asset ID column; a longer ID pushes its own line's detail along. */
const MAX_ASSET_COLUMN = 40;

/** What the line says after the asset ID. */
function detail({ outcome, file, message }: Settled): string {
  switch (outcome.outcome) {
    case "completed":
    case "already-done":
      return file ?? "";
    case "failed":
      return (
        `SUMMARIZE_FAIL: ${outcome.statusMessage ?? "no details given"}` +
        (outcome.earlier ? " (in an earlier run; --retry-failed requests it again)" : "")
      );
    case "cancelled":
      return `SUMMARIZE_CANCELED${outcome.earlier ? " (in an earlier run; --retry-failed requests it again)" : ""}`;
    case "timed-out": {
      const last = outcome.error.lastStatus?.status;
      return (
        `no end within ${seconds(outcome.error.timeoutMs)} (--timeout)` +
        (last === undefined ? "" : `, last ${String(last)}`) +
        "; it goes on on the server: run the same command again to keep waiting"
      );
    }
    case "error":
      return message ?? String(outcome.error);
  }
}

/** One line per asset: outcome, asset ID, detail. */
export function outcomeLines(settled: readonly Settled[]): string {
  const width = Math.min(
    MAX_ASSET_COLUMN,
    Math.max(...settled.map((s) => printableLine(s.asset).length)),
  );
  return settled
    .map((s) =>
      `${WORDS[s.outcome.outcome].padEnd(12)}  ${printableLine(s.asset).padEnd(width)}  ${printableLine(detail(s))}`.trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** The `--json` summary: the folder, the format, the counts, and each asset's outcome. */
export function jsonSummary(
  settled: readonly Settled[],
  context: { outDir: string; format: string; repeated: number },
): string {
  const counts = Object.fromEntries(Object.keys(WORDS).map((outcome) => [outcome, 0]));
  for (const { outcome } of settled) counts[outcome.outcome] = (counts[outcome.outcome] ?? 0) + 1;
  return toJson({
    outDir: context.outDir,
    format: context.format,
    total: settled.length,
    repeated: context.repeated,
    counts,
    assets: settled.map(assetSummary),
  });
}

/** One asset in the `--json` summary. */
function assetSummary(s: Settled): Record<string, unknown> {
  const { outcome } = s;
  const base = { asset: s.asset, outcome: outcome.outcome };
  switch (outcome.outcome) {
    case "completed":
    case "already-done":
      return { ...base, file: s.file };
    case "failed":
      return {
        ...base,
        status: "SUMMARIZE_FAIL",
        statusMessage: outcome.statusMessage,
        earlier: outcome.earlier,
      };
    case "cancelled":
      return { ...base, status: "SUMMARIZE_CANCELED", earlier: outcome.earlier };
    case "timed-out":
      return { ...base, message: detail(s), lastStatus: outcome.error.lastStatus?.status };
    default:
      return { ...base, message: detail(s) };
  }
}
