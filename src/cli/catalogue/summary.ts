/**
 * What a catalogue prints on stdout once it ends: one line per asset, in the order of the
 * list, saying how it ended (completed and where its export is, already done, failed with the
 * server's `statusMessage`, cancelled, timed out, or the error that stopped it); or, with
 * `--json`, the same as one JSON document.
 */
import { ASSET_OUTCOMES, type AssetOutcome } from "../../batch/many.js";

import { seconds } from "../../duration.js";
// Asset IDs and server text go to a terminal: printableLine leaves nothing a terminal obeys.
import { printableLine } from "../../text.js";
import { toJson } from "../output.js";
import { STATE_WORDS } from "./progress.js";

/**
 * What the summary says of an asset: its outcome without its summaries, which are written
 * and let go as each asset completes, so that a catalogue's memory does not grow with them.
 */
export interface Settled {
  /** The asset ID, as listed. */
  asset: string;
  outcome: AssetOutcome["outcome"];
  /** `completed`, `already-done`: the export's path, as the user named the folder. */
  file?: string | undefined;
  /** `failed`: the server's message. */
  statusMessage?: string | null | undefined;
  /** `failed`, `cancelled`: whether it ended so in an earlier run (as the journal says). */
  earlier?: boolean | undefined;
  /** `timed-out`: the limit, and the last status seen. */
  timeoutMs?: number | undefined;
  lastStatus?: string | undefined;
  /** `error`: the message, as the CLI words it. */
  message?: string | undefined;
}

/** What the summary keeps of an outcome. */
export function settledOf(
  asset: string,
  outcome: AssetOutcome,
  words: { file?: string | undefined; message?: string | undefined },
): Settled {
  const settled: Settled = { asset, outcome: outcome.outcome, ...words };
  if (outcome.outcome === "failed") settled.statusMessage = outcome.statusMessage;
  if (outcome.outcome === "failed" || outcome.outcome === "cancelled") {
    settled.earlier = outcome.earlier;
  }
  if (outcome.outcome === "timed-out") {
    settled.timeoutMs = outcome.error.timeoutMs;
    const last = outcome.error.lastStatus?.status;
    if (last !== undefined) settled.lastStatus = String(last);
  }
  return settled;
}

/** The longest asset ID column; a longer ID pushes its own line's detail along. */
const MAX_ASSET_COLUMN = 40;

const EARLIER = " (in an earlier run; --retry-failed requests it again)";

/** What the line says after the asset ID. */
function detail(s: Settled): string {
  switch (s.outcome) {
    case "completed":
    case "already-done":
      return s.file ?? "";
    case "failed":
      return `SUMMARIZE_FAIL: ${s.statusMessage ?? "no details given"}${s.earlier ? EARLIER : ""}`;
    case "cancelled":
      return `SUMMARIZE_CANCELED${s.earlier ? EARLIER : ""}`;
    case "timed-out":
      return (
        `no end within ${seconds(s.timeoutMs ?? 0)} (--timeout)` +
        (s.lastStatus === undefined ? "" : `, last ${s.lastStatus}`) +
        "; it goes on on the server: run the same command again to keep waiting"
      );
    default:
      return s.message ?? "";
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
      `${STATE_WORDS[s.outcome].padEnd(12)}  ${printableLine(s.asset).padEnd(width)}  ${printableLine(detail(s))}`.trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** The `--json` summary: the folder, the format, the counts, and each asset's outcome. */
export function jsonSummary(
  settled: readonly Settled[],
  context: { outDir: string; format: string; repeated: number },
): string {
  const counts = Object.fromEntries(ASSET_OUTCOMES.map((outcome) => [outcome, 0]));
  for (const { outcome } of settled) counts[outcome] = (counts[outcome] ?? 0) + 1;
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
  const base = { asset: s.asset, outcome: s.outcome };
  switch (s.outcome) {
    case "completed":
    case "already-done":
      return { ...base, file: s.file };
    case "failed":
      return {
        ...base,
        status: "SUMMARIZE_FAIL",
        statusMessage: s.statusMessage ?? null,
        earlier: s.earlier,
      };
    case "cancelled":
      return { ...base, status: "SUMMARIZE_CANCELED", earlier: s.earlier };
    case "timed-out":
      return { ...base, message: detail(s), lastStatus: s.lastStatus };
    default:
      return { ...base, message: detail(s) };
  }
}
