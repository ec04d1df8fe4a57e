/**
 * `client.sceneSummaries.summarizeMany`: a catalogue of assets summarised by one client, so
 * within its one rate limiter, a few at a time, each asset's outcome yielded as it settles.
 *
 * Each asset costs what `summarize` costs and no more: a status read, one request, its polls
 * and one result read. With a journal, every step is recorded (durably) before the next, and a
 * rerun with the same journal resumes: an asset whose result was stored is skipped (no
 * request at all); one whose request may have been sent is reconciled through the status and
 * waited for, never requested again; one that failed is reported as it failed (unless
 * `retryFailed`); the rest are requested.
 */
import { follow } from "../abort.js";
import {
  InvalidInputError,
  MediaIntelligenceError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryNotRegisteredError,
  SceneSummaryNotRequestedError,
  WaitTimeoutError,
} from "../errors.js";
import type { AssetIds } from "../ids.js";
import type { CallOptions } from "../requester.js";
import { isAnotherRun } from "../resources/resource.js";
import {
  type AnySceneSummaryStatusValue,
  isRunningStatus,
  type SceneSummaries,
  type SceneSummaryRequest,
  type SceneSummaryStatus,
} from "../types.js";
import {
  checkWaitOptions,
  type WaitDependencies,
  type WaitOptions,
  waitForSceneSummary,
} from "../wait.js";
import {
  assetKey,
  checkEntry,
  JOURNAL_VERSION,
  type JournalEntry,
  journalIds,
  replay,
  type Standing,
  type StatusBefore,
  type SummaryJournal,
  statusBefore,
} from "./journal.js";

/** How many assets are worked on at once, unless told otherwise. */
const DEFAULT_CONCURRENCY = 10;

/** Options of {@link SummarizeMany}. The wait options apply to each asset's wait. */
export interface SummarizeManyOptions
  extends Pick<
    WaitOptions,
    "intervalMs" | "maxIntervalMs" | "maxWaitMs" | "notRequestedGraceMs" | "signal"
  > {
  /** How many assets are worked on at once: requested, waited for, read. Default 10. */
  concurrency?: number | undefined;
  /** Language of the summaries (see openapi.yaml: values not documented). */
  locale?: string | undefined;
  /**
   * Where every step is recorded, durably, before the next: with the same journal, a rerun
   * resumes instead of starting over (`openFileJournal` from `ncloud-media-intelligence/
   * file-journal` keeps one in a file).
   */
  journal?: SummaryJournal | undefined;
  /**
   * Stores an asset's summaries (writes a file, say) and resolves with where (a `ref` the
   * journal keeps); the asset is done once it resolves. Its summaries are yielded all the same.
   * If it throws, the asset's outcome is an `error`, and a rerun reads its result again.
   */
  store?:
    | ((
        ids: AssetIds,
        summaries: SceneSummaries,
      ) => Promise<string | undefined> | string | undefined)
    | undefined;
  /**
   * Whether what a journal says was stored (at `ref`) is still there; if not, the result is
   * read again and stored (no request). Default: what the journal says.
   */
  isStored?: ((ids: AssetIds, ref: string | undefined) => Promise<boolean> | boolean) | undefined;
  /**
   * Requests again an asset whose summarisation a journal says failed or was cancelled, or
   * whose request was accepted but never showed in the status (`unregistered`). Default
   * false: a failed one is reported as it ended, and nothing is sent; an unregistered one is
   * followed through the status again.
   */
  retryFailed?: boolean | undefined;
  /** Called on every change of an asset's state, with the counts of every state. */
  onProgress?: ((update: BatchProgress) => void) | undefined;
}

/** Where an asset stands in a catalogue. The last six are outcomes. */
export type AssetState =
  /** Not started yet. */
  | "pending"
  /** Its status is being read and its request sent (or, resumed, its result read again). */
  | "requesting"
  /** Requested (or a summarisation already under way followed); its status is polled. */
  | "waiting"
  | AssetOutcome["outcome"];

/** The outcomes an asset ends in: the last states of {@link ASSET_STATES}. */
export const ASSET_OUTCOMES: readonly AssetOutcome["outcome"][] = Object.freeze([
  "completed",
  "already-done",
  "failed",
  "cancelled",
  "timed-out",
  "error",
]);

/** The states, in the order a catalogue goes through them. */
export const ASSET_STATES: readonly AssetState[] = Object.freeze([
  "pending",
  "requesting",
  "waiting",
  ...ASSET_OUTCOMES,
]);

/** What `onProgress` is told. */
export interface BatchProgress {
  /** The asset whose state changed. */
  ids: AssetIds;
  /** Its new state. */
  state: AssetState;
  /** While `waiting`: the status last read, once one was. */
  status?: AnySceneSummaryStatusValue | undefined;
  /** While `waiting`: whether it follows a summarisation it did not request. */
  following?: boolean | undefined;
  /** How many assets are in each state now. */
  counts: Readonly<Record<AssetState, number>>;
  /** How many assets the catalogue has (repeated ones counted once). */
  total: number;
}

/** How one asset of a catalogue ended. */
export type AssetOutcome =
  /** Completed: its summaries were read (and stored, with `store`). */
  | { outcome: "completed"; ids: AssetIds; summaries: SceneSummaries; ref: string | undefined }
  /** A journal says its summaries were stored in an earlier run: nothing was sent. */
  | { outcome: "already-done"; ids: AssetIds; ref: string | undefined }
  /**
   * The summarisation ended in `SUMMARIZE_FAIL`. `earlier`: a journal says so, and nothing
   * was sent.
   */
  | {
      outcome: "failed";
      ids: AssetIds;
      statusMessage: string | null;
      error: SceneSummaryFailedError;
      earlier: boolean;
    }
  /** The summarisation ended in `SUMMARIZE_CANCELED`. */
  | { outcome: "cancelled"; ids: AssetIds; error: SceneSummaryCanceledError; earlier: boolean }
  /** Its wait passed `maxWaitMs`; the summarisation goes on, and a rerun waits for it again. */
  | { outcome: "timed-out"; ids: AssetIds; error: WaitTimeoutError }
  /**
   * A request failed after its retries, no run showed after the request, or `store` threw.
   * A rerun takes it up where it stopped.
   */
  | { outcome: "error"; ids: AssetIds; error: unknown };

/** `summarizeMany`, as the asset-based resource has it. */
export type SummarizeMany = (
  assets: Iterable<AssetIds>,
  options?: SummarizeManyOptions,
) => AsyncGenerator<AssetOutcome, void, undefined>;

/** The operations a catalogue is made of: the asset-based generation's. */
export interface CatalogueOperations {
  status(ids: AssetIds, options?: CallOptions): Promise<SceneSummaryStatus>;
  /** Requests a summarisation, reconciling an ambiguous failure against `before`. */
  request(
    ids: AssetIds,
    body: SceneSummaryRequest,
    options: CallOptions,
    before: SceneSummaryStatus,
  ): Promise<unknown>;
  get(ids: AssetIds, options?: CallOptions): Promise<SceneSummaries>;
  /**
   * The body of every asset's request, checked against openapi.yaml.
   *
   * @throws InvalidInputError naming the field the spec does not allow.
   */
  bodyOf(options: { locale?: string | undefined }): SceneSummaryRequest;
}

/** The client's clock for the journal's times, besides a wait's clock, timer and hooks. */
export interface CatalogueDependencies extends WaitDependencies {
  /** ms since the epoch. */
  clock: () => number;
}

/** One asset of a catalogue: its ids as given, and as a journal names them. */
interface Item {
  ids: AssetIds;
  named: { workspace: string; project: string; asset: string };
  key: string;
}

/** Checks the options of `summarizeMany`. */
function checkOptions(options: SummarizeManyOptions): number {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InvalidInputError(
      "concurrency",
      `must be a whole number ≥ 1, got ${String(options.concurrency)}`,
    );
  }
  for (const name of ["store", "isStored", "onProgress"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      throw new InvalidInputError(name, `must be a function, got ${typeof options[name]}`);
    }
  }
  const { journal } = options;
  if (
    journal !== undefined &&
    (typeof journal?.read !== "function" || typeof journal?.append !== "function")
  ) {
    throw new InvalidInputError("journal", "must have read() and append(entry)");
  }
  const { intervalMs, maxIntervalMs, maxWaitMs, notRequestedGraceMs } = options;
  checkWaitOptions({ intervalMs, maxIntervalMs, maxWaitMs, notRequestedGraceMs });
  return concurrency;
}

/** The assets, checked, repeated ones once. */
function itemsOf(assets: Iterable<AssetIds>): Item[] {
  if (
    typeof assets === "string" ||
    typeof (assets as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== "function"
  ) {
    throw new InvalidInputError("assets", "must be an array (or another iterable) of asset ids");
  }
  const items = new Map<string, Item>();
  let index = 0;
  for (const ids of assets) {
    let named: Item["named"];
    try {
      named = journalIds(ids);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw new InvalidInputError(`assets[${index}].${error.field}`, error.reason);
    }
    const key = assetKey(named);
    if (!items.has(key)) items.set(key, { ids, named, key });
    index++;
  }
  return [...items.values()];
}

/** A status a journal's `before` stands for, to compare runs with. */
function asStatus(before: StatusBefore): SceneSummaryStatus {
  return before as unknown as SceneSummaryStatus;
}

/** Creates `summarizeMany` over the asset-based operations. */
export function createSummarizeMany(
  operations: CatalogueOperations,
  dependencies: CatalogueDependencies,
): SummarizeMany {
  return function summarizeMany(assets, options = {}) {
    const concurrency = checkOptions(options);
    // The body every asset's request sends, held to openapi.yaml before the first status read.
    const body = operations.bodyOf({ locale: options.locale });
    const items = itemsOf(assets);
    return run(items, body, concurrency, options);
  };

  async function* run(
    items: Item[],
    body: SceneSummaryRequest,
    concurrency: number,
    options: SummarizeManyOptions,
  ): AsyncGenerator<AssetOutcome, void, undefined> {
    const { journal, store, isStored, retryFailed, onProgress } = options;
    const entries = journal ? await journal.read() : [];
    const standings = replay(entries.map((entry, i) => checkEntry(entry, `entry ${i + 1}`)));
    const waits = {
      intervalMs: options.intervalMs,
      maxIntervalMs: options.maxIntervalMs,
      maxWaitMs: options.maxWaitMs,
      notRequestedGraceMs: options.notRequestedGraceMs,
    };
    // Our own signal: it follows the caller's, and stops everything when the catalogue ends
    // early (the caller stopped iterating, or a journal could not be written).
    const follower = follow(options.signal);
    const signal = follower.signal;
    const counts = Object.fromEntries(ASSET_STATES.map((state) => [state, 0])) as Record<
      AssetState,
      number
    >;
    counts.pending = items.length;
    const states = new Map<string, { state: AssetState; status?: string }>();

    function progress(item: Item, state: AssetState, detail: Partial<BatchProgress> = {}) {
      const previous = states.get(item.key);
      if (previous?.state === state && previous.status === detail.status) return;
      counts[previous?.state ?? "pending"]--;
      counts[state]++;
      states.set(item.key, {
        state,
        ...(detail.status === undefined ? {} : { status: detail.status }),
      });
      onProgress?.({ ids: item.ids, state, ...detail, counts: { ...counts }, total: items.length });
    }

    /** Records a step, durably, before the next one is taken. */
    async function record(item: Item, step: DistributiveOmit<JournalEntry, keyof Base>) {
      if (!journal) return;
      const entry = {
        v: JOURNAL_VERSION,
        at: new Date(dependencies.clock()).toISOString(),
        ...item.named,
        ...step,
      } as JournalEntry;
      try {
        await journal.append(entry);
      } catch (error) {
        throw new JournalFailure(error);
      }
    }

    /** Reads the result, stores it, records it. */
    async function deliver(item: Item): Promise<AssetOutcome> {
      const summaries = await operations.get(item.ids, { signal });
      const ref = (await store?.(item.ids, summaries)) ?? undefined;
      await record(item, { event: "stored", ...(ref === undefined ? {} : { ref }) });
      return { outcome: "completed", ids: item.ids, summaries, ref };
    }

    /**
     * Where `start` takes an asset up: a failed one (here only with `retryFailed`) afresh; an
     * unregistered one, with `retryFailed`, as a request that may have taken effect (a run
     * other than the one before it is followed; otherwise it is requested again).
     */
    function startingFrom(standing: Standing | undefined): Standing | undefined {
      if (standing?.phase === "failed") return undefined;
      if (standing?.phase === "unregistered" && retryFailed) {
        return standing.before && { phase: "requesting", before: standing.before };
      }
      return standing;
    }

    /** Requests the asset, or finds the run to follow; resolves with what to wait for. */
    async function start(item: Item, standing: Standing | undefined) {
      // Requested already (perhaps not yet shown): the wait's first poll reads the status.
      if (standing?.phase === "requested" || standing?.phase === "unregistered") {
        return { before: standing.before, following: false };
      }
      progress(item, "requesting");
      const current = await operations.status(item.ids, { signal });
      if (
        standing?.phase === "requesting" &&
        isAnotherRun(asStatus(standing.before), current) === true
      ) {
        // The request of an earlier run took effect before it was recorded.
        await record(item, { event: "requested" });
        return { before: standing.before, following: false };
      }
      if (isRunningStatus(current.status)) {
        await record(item, { event: "requested", existing: true });
        return { before: undefined, following: true };
      }
      const before = statusBefore(current);
      await record(item, { event: "requesting", before });
      try {
        await operations.request(item.ids, body, { signal }, current);
      } catch (error) {
        // Refused because one is under way: one requested elsewhere, or ours registering late.
        if (!(error instanceof MediaIntelligenceError && error.status === 409)) throw error;
        await record(item, { event: "requested", existing: true });
        return { before: undefined, following: true };
      }
      await record(item, { event: "requested" });
      return { before, following: false };
    }

    /** Takes one asset from where the journal says it stands to its outcome. */
    async function settle(item: Item): Promise<AssetOutcome> {
      const standing = standings.get(item.key);
      const { ids } = item;
      if (standing?.phase === "stored" && ((await isStored?.(ids, standing.ref)) ?? true)) {
        return { outcome: "already-done", ids, ref: standing.ref };
      }
      if (standing?.phase === "failed" && !retryFailed) {
        const status = { status: standing.status, statusMessage: standing.statusMessage };
        return standing.status === "SUMMARIZE_FAIL"
          ? {
              outcome: "failed",
              ids,
              statusMessage: standing.statusMessage,
              error: new SceneSummaryFailedError(status as SceneSummaryStatus),
              earlier: true,
            }
          : {
              outcome: "cancelled",
              ids,
              error: new SceneSummaryCanceledError(status as SceneSummaryStatus),
              earlier: true,
            };
      }
      if (standing?.phase === "completed" || standing?.phase === "stored") {
        progress(item, "requesting");
        return deliver(item);
      }
      const { before, following } = await start(item, startingFrom(standing));
      progress(item, "waiting", { following });
      try {
        await waitForSceneSummary((pollSignal) => operations.status(ids, { signal: pollSignal }), {
          ...dependencies,
          ...waits,
          signal,
          isStale: before
            ? (status) => isAnotherRun(asStatus(before), status) === false
            : undefined,
          onProgress: (update) => progress(item, "waiting", { status: update.status, following }),
        });
      } catch (error) {
        if (
          error instanceof SceneSummaryFailedError ||
          error instanceof SceneSummaryCanceledError
        ) {
          const failed = error instanceof SceneSummaryFailedError;
          await record(item, {
            event: "failed",
            status: failed ? "SUMMARIZE_FAIL" : "SUMMARIZE_CANCELED",
            statusMessage:
              typeof error.lastStatus?.statusMessage === "string"
                ? error.lastStatus.statusMessage
                : null,
          });
          return error instanceof SceneSummaryFailedError
            ? { outcome: "failed", ids, statusMessage: error.statusMessage, error, earlier: false }
            : { outcome: "cancelled", ids, error, earlier: false };
        }
        if (error instanceof SceneSummaryNotRequestedError) {
          await record(item, { event: "not-started" });
        }
        if (error instanceof SceneSummaryNotRegisteredError) {
          await record(item, { event: "unregistered" });
        }
        throw error;
      }
      await record(item, { event: "completed" });
      return deliver(item);
    }

    // Outcomes as they settle, for the loop below; `failure` ends the catalogue.
    const settled: AssetOutcome[] = [];
    let failure: { error: unknown } | undefined;
    let wake: (() => void) | undefined;
    let next = 0;
    let running = 0;

    async function work(): Promise<void> {
      for (;;) {
        const item = items[next++];
        if (!item || failure) return;
        let outcome: AssetOutcome;
        try {
          outcome = await settle(item);
        } catch (error) {
          if (signal.aborted || error instanceof JournalFailure) {
            failure ??= { error: error instanceof JournalFailure ? error.cause : error };
            follower.abort(error);
            return;
          }
          outcome =
            error instanceof WaitTimeoutError
              ? { outcome: "timed-out", ids: item.ids, error }
              : { outcome: "error", ids: item.ids, error };
        }
        progress(item, outcome.outcome);
        settled.push(outcome);
        wake?.();
      }
    }

    const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      running++;
      try {
        await work();
      } finally {
        running--;
        wake?.();
      }
    });
    try {
      for (;;) {
        const outcome = settled.shift();
        if (outcome) {
          yield outcome;
          continue;
        }
        if (failure) throw failure.error;
        if (running === 0) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      // The caller stopped early, or the catalogue failed: stop what is under way, and let it
      // finish recording before returning.
      if (running > 0) follower.abort(new Error("summarizeMany stopped"));
      await Promise.allSettled(workers);
      follower.release();
    }
  }
}

/** The fields every entry has, which `record` fills in. */
type Base = { v: unknown; at: unknown; workspace: unknown; project: unknown; asset: unknown };
/** `Omit` over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A journal that could not be written: the catalogue ends with its error, the `cause`. */
class JournalFailure extends Error {
  constructor(cause: unknown) {
    super("the journal could not be written", { cause });
  }
}
