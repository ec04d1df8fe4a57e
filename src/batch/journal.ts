/**
 * The journal of a catalogue (`summarizeMany`): what was done to each asset, one entry per
 * step, appended in order and each durable before the next step is taken, so that a run
 * interrupted at any point (Ctrl-C, a crash, `kill -9`) can be resumed without requesting any
 * asset twice. This module is the entries, their check, and their replay into each asset's
 * standing; where they are kept is the journal's own business (`openFileJournal` keeps them in
 * a file of JSON lines).
 *
 * An asset's steps, in order:
 *
 * - `requesting`: a request is about to be sent; `before` is the status read just before it,
 *   so that a rerun can tell from the status whether it took effect (a run other than
 *   `before`'s) without sending it again.
 * - `requested`: the request was accepted, or (`existing`) a summarisation already under way
 *   is followed instead.
 * - `completed`: the summarisation completed; its result is yet to be read and stored.
 * - `stored`: the result was read and stored (`ref`: where, such as a file name).
 * - `failed`: it ended in `SUMMARIZE_FAIL` or `SUMMARIZE_CANCELED`.
 * - `unregistered`: the request was accepted, but the status still showed the run from before
 *   it when the grace period ended. A rerun follows it again (it may have registered since);
 *   with `retryFailed`, a rerun requests it again.
 * - `not-started`: a run that was followed (one found running) gave way to no run at all
 *   within the grace period: it is requested on a rerun.
 */
import { InvalidInputError, quote } from "../errors.js";
import { type AssetIds, assetPathParams } from "../ids.js";
import type { SceneSummaryStatus } from "../types.js";

/** The version of the entries this SDK writes, and the only one it reads. */
export const JOURNAL_VERSION = 1;

/** The status read just before a request: enough to tell a later run from it. */
export interface StatusBefore {
  status: string;
  requestedTime: string | null;
}

/** What every entry has: the version, when, and the asset. */
interface EntryBase {
  v: typeof JOURNAL_VERSION;
  /** When, as an ISO 8601 date-time in UTC. */
  at: string;
  workspace: string;
  project: string;
  asset: string;
}

/** One step of one asset, as a journal keeps it. */
export type JournalEntry = EntryBase &
  (
    | { event: "requesting"; before: StatusBefore }
    | { event: "requested"; existing?: true }
    | { event: "completed" }
    | { event: "stored"; ref?: string }
    | {
        event: "failed";
        status: "SUMMARIZE_FAIL" | "SUMMARIZE_CANCELED";
        statusMessage: string | null;
      }
    | { event: "unregistered" }
    | { event: "not-started" }
  );

/** The event of an entry. */
export type JournalEvent = JournalEntry["event"];

/**
 * Where the entries of a catalogue are kept. `summarizeMany` reads them once, before it sends
 * anything, and appends one per step, waiting for each to be durable before the next step.
 */
export interface SummaryJournal {
  /** Every entry so far, oldest first. */
  read(): Promise<readonly JournalEntry[]> | readonly JournalEntry[];
  /** Keeps `entry`; resolves once it would survive a crash. */
  append(entry: JournalEntry): Promise<void>;
}

/** Where an asset stands, by its entries. */
export type Standing =
  | { phase: "requesting"; before: StatusBefore }
  | { phase: "requested"; before: StatusBefore | undefined }
  | { phase: "unregistered"; before: StatusBefore | undefined }
  | { phase: "completed" }
  | { phase: "stored"; ref: string | undefined }
  | {
      phase: "failed";
      status: "SUMMARIZE_FAIL" | "SUMMARIZE_CANCELED";
      statusMessage: string | null;
    };

/** The key of an asset in a journal: its three ids, as sent. */
export function assetKey(ids: { workspace: string; project: string; asset: string }): string {
  return JSON.stringify([ids.workspace, ids.project, ids.asset]);
}

/** An asset's ids as a journal names them; checks them. */
export function journalIds(ids: AssetIds): { workspace: string; project: string; asset: string } {
  const path = assetPathParams(ids);
  return { workspace: path.workspace_name, project: path.project_id, asset: path.asset_id };
}

/** The status before a request, as a `requesting` entry keeps it. */
export function statusBefore(status: SceneSummaryStatus): StatusBefore {
  return {
    status: String(status.status),
    requestedTime: typeof status.requestedTime === "string" ? status.requestedTime : null,
  };
}

/** Replays entries into where each asset stands, by {@link assetKey}. */
export function replay(entries: readonly JournalEntry[]): Map<string, Standing> {
  const standings = new Map<string, Standing>();
  for (const entry of entries) {
    const key = assetKey(entry);
    const previous = standings.get(key);
    switch (entry.event) {
      case "requesting":
        standings.set(key, { phase: "requesting", before: entry.before });
        break;
      case "requested":
        standings.set(key, {
          phase: "requested",
          before: !entry.existing && previous?.phase === "requesting" ? previous.before : undefined,
        });
        break;
      case "unregistered":
        standings.set(key, {
          phase: "unregistered",
          before:
            previous?.phase === "requested" || previous?.phase === "unregistered"
              ? previous.before
              : undefined,
        });
        break;
      case "completed":
        standings.set(key, { phase: "completed" });
        break;
      case "stored":
        standings.set(key, { phase: "stored", ref: entry.ref });
        break;
      case "failed":
        standings.set(key, {
          phase: "failed",
          status: entry.status,
          statusMessage: entry.statusMessage,
        });
        break;
      case "not-started":
        standings.delete(key);
        break;
    }
  }
  return standings;
}

const EVENTS: ReadonlySet<string> = new Set<JournalEvent>([
  "requesting",
  "requested",
  "completed",
  "stored",
  "failed",
  "unregistered",
  "not-started",
]);

/**
 * Checks that `value` is a journal entry this SDK can replay.
 *
 * @param where - Where it was read, for the error: `out/ncp-mi-journal.jsonl line 7`.
 * @throws InvalidInputError naming `journal` and `where`.
 */
export function checkEntry(value: unknown, where: string): JournalEntry {
  const fail = (reason: string): never => {
    throw new InvalidInputError("journal", `${where}: ${reason}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail("is not a journal entry (a JSON object)");
  }
  const entry = value as Record<string, unknown>;
  if (entry.v !== JOURNAL_VERSION) {
    return fail(
      `has version ${quote(JSON.stringify(entry.v) ?? "none")}; this version of the SDK reads version ${JOURNAL_VERSION} (was it written by a newer one?)`,
    );
  }
  for (const field of ["at", "workspace", "project", "asset", "event"]) {
    if (typeof entry[field] !== "string") fail(`has no ${field}`);
  }
  if (!EVENTS.has(entry.event as string)) {
    fail(`has an event this version does not know: ${quote(String(entry.event))}`);
  }
  if (entry.event === "requesting") {
    const before = entry.before as Record<string, unknown> | undefined;
    if (
      typeof before?.status !== "string" ||
      (before.requestedTime !== null && typeof before.requestedTime !== "string")
    ) {
      fail("is a requesting entry without the status read before it");
    }
  }
  if (entry.event === "stored" && entry.ref !== undefined && typeof entry.ref !== "string") {
    fail("is a stored entry whose ref is not text");
  }
  if (
    entry.event === "failed" &&
    ((entry.status !== "SUMMARIZE_FAIL" && entry.status !== "SUMMARIZE_CANCELED") ||
      (entry.statusMessage !== null && typeof entry.statusMessage !== "string"))
  ) {
    fail("is a failed entry without its status and message");
  }
  return entry as unknown as JournalEntry;
}
