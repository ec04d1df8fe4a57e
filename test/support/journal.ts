/** Journal entries for the tests of `summarizeMany` and the file journal. */
import type { JournalEntry } from "../../src/index.js";

/** An entry of asset `asset` of workspace `ws`, project `1`, with the step's fields. */
export function journalEntry(asset: string, step: Record<string, unknown>): JournalEntry {
  return {
    v: 1,
    at: "2026-04-17T01:00:00.000Z",
    workspace: "ws",
    project: "1",
    asset,
    ...step,
  } as JournalEntry;
}
