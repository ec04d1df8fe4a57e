/**
 * `sceneSummaries.summarizeMany` against a catalogue in this process: each asset's outcome
 * yielded as it settles, at a status read, a request, its polls and a result read each;
 * checks before anything is sent; progress; a journal that makes a rerun resume without
 * requesting anything twice, whatever step the first run stopped at.
 */
import { describe, expect, it } from "vitest";
import {
  AbortError,
  type AssetOutcome,
  type BatchProgress,
  createMediaIntelligenceClient,
  InvalidInputError,
  type JournalEntry,
  type MediaIntelligenceClientOptions,
  SceneSummaryNotRegisteredError,
  type SummarizeManyOptions,
  type SummaryJournal,
} from "../../src/index.js";
import {
  CATALOGUE_RESULT,
  type CatalogueOptions,
  catalogueFetch,
  createCatalogue,
} from "../support/catalogue.js";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { journalEntry as entry } from "../support/journal.js";

const FAIL_MESSAGE = "The video could not be decoded.";
const ids = (assetId: string) => ({ workspaceName: "ws", projectId: "1", assetId });

/** A client on a catalogue, polls answered at once. */
function setup(
  catalogueOptions: CatalogueOptions = {},
  options: MediaIntelligenceClientOptions = {},
) {
  const catalogue = createCatalogue({ failing: { bad: FAIL_MESSAGE }, ...catalogueOptions });
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: "https://mi.example.test",
    fetch: catalogueFetch(catalogue),
    sleep: async () => {},
    random: () => 0.5,
    ...options,
  });
  return { catalogue, client };
}

/** A journal in memory. */
function memoryJournal(initial: JournalEntry[] = []) {
  const entries = [...initial];
  const journal: SummaryJournal = {
    read: () => [...entries],
    append: async (entry) => {
      entries.push(entry);
    },
  };
  return { journal, entries };
}

async function collect(outcomes: AsyncIterable<AssetOutcome>): Promise<AssetOutcome[]> {
  const all: AssetOutcome[] = [];
  for await (const outcome of outcomes) all.push(outcome);
  return all;
}

/** Outcome by asset id, as `outcome` or `outcome (earlier)`. */
function byAsset(outcomes: AssetOutcome[]): Record<string, string> {
  return Object.fromEntries(
    outcomes.map((o) => [
      String(o.ids.assetId),
      "earlier" in o && o.earlier ? `${o.outcome} (earlier)` : o.outcome,
    ]),
  );
}

function summarize(
  client: ReturnType<typeof setup>["client"],
  assets: string[],
  options: SummarizeManyOptions = {},
) {
  return collect(client.sceneSummaries.summarizeMany(assets.map(ids), options));
}

describe("summarizeMany", () => {
  it("yields each asset's outcome, completed with its summaries or failed with its message", async () => {
    const { catalogue, client } = setup();
    const outcomes = await summarize(client, ["a1", "a2", "a3", "bad"]);
    expect(byAsset(outcomes)).toEqual({
      a1: "completed",
      a2: "completed",
      a3: "completed",
      bad: "failed",
    });
    const completed = outcomes.find((o) => o.outcome === "completed");
    expect(completed).toMatchObject({ summaries: CATALOGUE_RESULT });
    expect(outcomes.find((o) => o.outcome === "failed")).toMatchObject({
      statusMessage: FAIL_MESSAGE,
      earlier: false,
    });
    // A status read, a request, a poll and (when completed) the result: no more.
    expect(Object.fromEntries(catalogue.requests)).toEqual({ a1: 4, a2: 4, a3: 4, bad: 3 });
    expect([...catalogue.runs.values()]).toEqual([1, 1, 1, 1]);
  });

  it("counts a repeated asset once", async () => {
    const { catalogue, client } = setup();
    const outcomes = await summarize(client, ["a1", "a1", "a2", "a1"]);
    expect(outcomes).toHaveLength(2);
    expect(Object.fromEntries(catalogue.runs)).toEqual({ a1: 1, a2: 1 });
  });

  it("checks every id and option before anything is sent", () => {
    const { catalogue, client } = setup();
    const many = client.sceneSummaries.summarizeMany;
    expect(() => many([ids("a1"), ids("a2"), ids(" a3")])).toThrow(InvalidInputError);
    expect(() => many([ids("a1"), ids("a2"), ids(" a3")])).toThrow(
      /assets\[2\]\.assetId must not start or end with white space/,
    );
    expect(() => many([ids("a1")], { concurrency: 0 })).toThrow(/concurrency must be a whole/);
    expect(() => many([ids("a1")], { intervalMs: 10 })).toThrow(/intervalMs must be at least/);
    expect(() => many([ids("a1")], { journal: {} as SummaryJournal })).toThrow(/journal must/);
    expect(() => many("a1" as never)).toThrow(/assets must be an array/);
    expect(catalogue.total()).toBe(0);
  });

  it("works on at most `concurrency` assets at once, and reports every change of state", async () => {
    const { client } = setup({ pollsToFinish: 2 });
    const updates: BatchProgress[] = [];
    await summarize(client, ["a1", "a2", "a3", "a4", "a5"], {
      concurrency: 2,
      onProgress: (update) => updates.push(update),
    });
    for (const { counts, total } of updates) {
      expect(counts.requesting + counts.waiting).toBeLessThanOrEqual(2);
      expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(total);
    }
    expect(
      updates.filter((u) => u.ids.assetId === "a3").map((u) => [u.state, u.status ?? "-"]),
    ).toEqual([
      ["requesting", "-"],
      ["waiting", "-"],
      ["waiting", "SUMMARIZING"],
      ["waiting", "SUMMARIZE_COMPLETED"],
      ["completed", "-"],
    ]);
    expect(updates.at(-1)?.counts).toMatchObject({ completed: 5, pending: 0, waiting: 0 });
  });

  it("follows a summarisation already under way instead of requesting another", async () => {
    const { catalogue, client } = setup({ pollsToFinish: 1 });
    // Someone else's run, still SUMMARIZING at the first status read.
    await client.sceneSummaries.request(ids("busy"));
    const { journal, entries } = memoryJournal();
    const outcomes = await summarize(client, ["busy"], { journal });
    expect(byAsset(outcomes)).toEqual({ busy: "completed" });
    expect(catalogue.runs.get("busy")).toBe(1);
    expect(entries.map((e) => e.event)).toEqual(["requested", "completed", "stored"]);
    expect(entries[0]).toMatchObject({ existing: true });
  });

  it("stores each result before the asset counts as done, and records where", async () => {
    const { client } = setup();
    const { journal, entries } = memoryJournal();
    const stored: string[] = [];
    const outcomes = await summarize(client, ["a1", "bad"], {
      journal,
      store: async (asset, summaries) => {
        expect(summaries).toEqual(CATALOGUE_RESULT);
        stored.push(String(asset.assetId));
        return `${asset.assetId}.vtt`;
      },
    });
    expect(stored).toEqual(["a1"]);
    expect(outcomes.find((o) => o.outcome === "completed")).toMatchObject({ ref: "a1.vtt" });
    expect(entries.map((e) => [e.asset, e.event])).toEqual(
      expect.arrayContaining([
        ["a1", "requesting"],
        ["a1", "requested"],
        ["a1", "completed"],
        ["a1", "stored"],
        ["bad", "requesting"],
        ["bad", "requested"],
        ["bad", "failed"],
      ]),
    );
    expect(entries).toHaveLength(7);
    expect(entries.find((e) => e.event === "stored")).toMatchObject({ ref: "a1.vtt" });
    expect(entries.find((e) => e.event === "failed")).toMatchObject({
      status: "SUMMARIZE_FAIL",
      statusMessage: FAIL_MESSAGE,
    });
  });

  it("a store that throws makes the asset's outcome an error; a rerun reads the result again", async () => {
    const { catalogue, client } = setup();
    const { journal } = memoryJournal();
    const failure = new Error("disk full");
    const first = await summarize(client, ["a1"], {
      journal,
      store: () => {
        throw failure;
      },
    });
    expect(first).toMatchObject([{ outcome: "error", error: failure }]);
    const second = await summarize(client, ["a1"], { journal, store: () => "a1.vtt" });
    expect(byAsset(second)).toEqual({ a1: "completed" });
    expect(catalogue.runs.get("a1")).toBe(1);
    expect(catalogue.operations).toEqual({ status: 2, request: 1, get: 2 });
  });

  it("ends with an AbortError when the signal aborts, having yielded what settled", async () => {
    const controller = new AbortController();
    const { client } = setup({
      onRequest: ({ asset, operation }) => {
        if (asset === "a3" && operation === "request") controller.abort();
      },
    });
    const seen: string[] = [];
    const run = (async () => {
      for await (const outcome of client.sceneSummaries.summarizeMany(
        ["a1", "a2", "a3", "a4"].map(ids),
        { concurrency: 1, signal: controller.signal },
      )) {
        seen.push(String(outcome.ids.assetId));
      }
    })();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(["a1", "a2"]);
  });

  it("stops sending when the caller stops iterating", async () => {
    const { catalogue, client } = setup({ pollsToFinish: 3 });
    for await (const outcome of client.sceneSummaries.summarizeMany(
      ["a1", "a2", "a3", "a4", "a5", "a6"].map(ids),
      { concurrency: 2 },
    )) {
      expect(outcome.outcome).toBe("completed");
      break;
    }
    const sent = catalogue.total();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(catalogue.total()).toBe(sent);
    expect(catalogue.runs.size).toBeLessThanOrEqual(3);
  });

  it("ends with the journal's error when an entry cannot be kept, and sends no more", async () => {
    const { catalogue, client } = setup();
    const failure = new Error("ENOSPC");
    let appends = 0;
    const journal: SummaryJournal = {
      read: () => [],
      append: async () => {
        if (++appends === 3) throw failure;
      },
    };
    await expect(summarize(client, ["a1", "a2", "a3"], { journal, concurrency: 1 })).rejects.toBe(
      failure,
    );
    // a1's requesting and requested were kept; its completion was not: nothing more was sent.
    expect(catalogue.operations).toEqual({ status: 2, request: 1, get: 0 });
  });
});

describe("summarizeMany with a journal: a rerun resumes", () => {
  const before = { status: "BEFORE_SUMMARIZE", requestedTime: null };

  it.each<[string, JournalEntry[], Record<string, number>]>([
    ["stored: nothing is sent", [entry("x", { event: "stored", ref: "x.vtt" })], {}],
    ["completed: the result is read", [entry("x", { event: "completed" })], { get: 1 }],
    [
      "requested: waited for and read, not requested again",
      [entry("x", { event: "requesting", before }), entry("x", { event: "requested" })],
      { status: 1, get: 1 },
    ],
    [
      "failed: reported as it failed, nothing sent",
      [
        entry("x", {
          event: "failed",
          status: "SUMMARIZE_FAIL",
          statusMessage: FAIL_MESSAGE,
        }),
      ],
      {},
    ],
  ])("%s", async (_, journaled, operations) => {
    const { catalogue, client } = setup();
    // The asset's run, requested by the first run.
    if (journaled.some((e) => e.event !== "requesting")) {
      await client.sceneSummaries.request(ids("x"));
      catalogue.operations.status = catalogue.operations.request = 0;
    }
    const { journal } = memoryJournal(journaled);
    const outcomes = await summarize(client, ["x"], { journal });
    expect(outcomes).toHaveLength(1);
    expect({ status: 0, request: 0, get: 0, ...operations }).toEqual(catalogue.operations);
    expect(catalogue.runs.get("x") ?? 0).toBeLessThanOrEqual(1);
  });

  it("already done, from the journal, says so; a stored result that is gone is read again", async () => {
    const { catalogue, client } = setup();
    const { journal } = memoryJournal([
      entry("kept", { event: "stored", ref: "kept.vtt" }),
      entry("gone", { event: "stored", ref: "gone.vtt" }),
    ]);
    await client.sceneSummaries.request(ids("gone"));
    const outcomes = await summarize(client, ["kept", "gone"], {
      journal,
      isStored: (asset, ref) => asset.assetId === "kept" && ref === "kept.vtt",
    });
    expect(byAsset(outcomes)).toEqual({ kept: "already-done", gone: "completed" });
    expect(outcomes[0]).toMatchObject({ ref: "kept.vtt" });
    expect(catalogue.operations.get).toBe(1);
    expect(catalogue.runs.get("gone")).toBe(1);
  });

  it("a request accepted but not shown in the status within the grace period is journalled as unregistered", async () => {
    let now = 0;
    const client = createMediaIntelligenceClient({
      accessKey: TEST_ACCESS_KEY,
      secretKey: TEST_SECRET_KEY,
      baseUrl: "https://mi.example.test",
      fetch: async (_url, init) =>
        Response.json({
          code: "0",
          message: "success",
          result: init.method === "POST" ? {} : { status: "BEFORE_SUMMARIZE" },
        }),
      monotonicClock: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const { journal, entries } = memoryJournal();
    const [outcome] = await summarize(client, ["x"], { journal, notRequestedGraceMs: 5_000 });
    expect(outcome).toMatchObject({ outcome: "error" });
    expect((outcome as { error?: unknown }).error).toBeInstanceOf(SceneSummaryNotRegisteredError);
    // Not "not-started": a rerun follows the request through the status, never sends another.
    expect(entries.map((e) => e.event)).toEqual(["requesting", "requested", "unregistered"]);
  });

  it.each([
    ["registered since: followed, not requested again", true, false, 0],
    ["registered since, with retryFailed: followed, not requested again", true, true, 0],
    ["still not shown: followed again, not requested", false, false, 0],
    ["still not shown, with retryFailed: requested again", false, true, 1],
  ])("unregistered, %s", async (_, registered, retryFailed, requests) => {
    const { catalogue, client } = setup();
    const { journal } = memoryJournal([
      entry("x", { event: "requesting", before }),
      entry("x", { event: "requested" }),
      entry("x", { event: "unregistered" }),
    ]);
    if (registered) {
      await client.sceneSummaries.request(ids("x"));
      catalogue.operations.request = 0;
    }
    const outcomes = await summarize(client, ["x"], {
      journal,
      retryFailed,
      notRequestedGraceMs: 1,
    });
    expect(byAsset(outcomes)).toEqual({ x: registered || retryFailed ? "completed" : "error" });
    expect(catalogue.operations.request).toBe(requests);
    expect(catalogue.runs.get("x") ?? 0).toBe(registered || retryFailed ? 1 : 0);
  });

  it("a request that took effect before it was recorded is followed, not sent again", async () => {
    const { catalogue, client } = setup();
    await client.sceneSummaries.request(ids("x")); // the first run's POST, then a crash
    const { journal, entries } = memoryJournal([entry("x", { event: "requesting", before })]);
    const outcomes = await summarize(client, ["x"], { journal });
    expect(byAsset(outcomes)).toEqual({ x: "completed" });
    expect(catalogue.runs.get("x")).toBe(1);
    expect(entries.map((e) => e.event)).toEqual(["requesting", "requested", "completed", "stored"]);
  });

  it("a request that never took effect (the status shows the run before it) is sent", async () => {
    const { catalogue, client } = setup();
    const { journal } = memoryJournal([entry("x", { event: "requesting", before })]);
    const outcomes = await summarize(client, ["x"], { journal });
    expect(byAsset(outcomes)).toEqual({ x: "completed" });
    expect(catalogue.runs.get("x")).toBe(1);
  });

  it("a failed asset is requested again with retryFailed", async () => {
    const { catalogue, client } = setup({ failing: {} });
    const { journal } = memoryJournal([
      entry("x", { event: "failed", status: "SUMMARIZE_CANCELED", statusMessage: null }),
    ]);
    expect(byAsset(await summarize(client, ["x"], { journal }))).toEqual({
      x: "cancelled (earlier)",
    });
    expect(catalogue.total()).toBe(0);
    expect(byAsset(await summarize(client, ["x"], { journal, retryFailed: true }))).toEqual({
      x: "completed",
    });
    expect(catalogue.runs.get("x")).toBe(1);
  });

  it("interrupted anywhere and rerun, completes with every asset requested once", async () => {
    const assets = Array.from({ length: 12 }, (_, i) => `a${i}`);
    // Stopped as the Nth request arrives (it takes effect, unrecorded), with runs that are
    // over (0) or still under way (1) when the rerun reads their status.
    for (const [stopAt, pollsToFinish] of [
      [1, 0],
      [4, 1],
      [7, 0],
      [11, 1],
    ]) {
      const controller = new AbortController();
      let posts = 0;
      const { catalogue, client } = setup({
        pollsToFinish,
        onRequest: ({ operation }) => {
          if (operation === "request" && ++posts === stopAt) controller.abort();
        },
      });
      const { journal } = memoryJournal();
      await expect(
        summarize(client, assets, { journal, concurrency: 3, signal: controller.signal }),
      ).rejects.toBeInstanceOf(AbortError);
      const outcomes = await summarize(client, assets, { journal, concurrency: 3 });
      expect(outcomes.every((o) => o.outcome === "completed" || o.outcome === "already-done")).toBe(
        true,
      );
      expect(outcomes).toHaveLength(assets.length);
      expect([...catalogue.runs.values()]).toEqual(assets.map(() => 1));
    }
  });

  it("refuses a journal entry it cannot read, before anything is sent", async () => {
    const { catalogue, client } = setup();
    const journal = memoryJournal([{ ...entry("x", { event: "completed" }), v: 2 } as never]);
    await expect(summarize(client, ["x"], { journal: journal.journal })).rejects.toThrow(
      /journal entry 1: has version 2; this version of the SDK reads version 1/,
    );
    expect(catalogue.total()).toBe(0);
  });
});
