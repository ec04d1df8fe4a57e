import { describe, expect, it } from "vitest";
import {
  MediaIntelligenceError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryNotRegisteredError,
  SceneSummaryNotRequestedError,
  type SceneSummaryWaitError,
  WaitTimeoutError,
} from "../../src/errors.js";
import type { SceneSummaryStatus } from "../../src/types.js";
import { type WaitProgress, waitForSceneSummary } from "../../src/wait.js";
import { statusResult } from "../support/gateway.js";

/** A virtual clock: `sleep` advances it instead of waiting. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

/** Answers the given statuses in turn, then repeats the last. */
function statuses(...list: string[]) {
  let i = 0;
  return async () => {
    const status = list[Math.min(i, list.length - 1)] as string;
    i++;
    return statusResult(status, i, 10) as SceneSummaryStatus;
  };
}

describe("waitForSceneSummary", () => {
  it("follows WAIT_SUMMARIZE and SUMMARIZING to SUMMARIZE_COMPLETED, backing off up to the cap", async () => {
    const time = virtualTime();
    const progress: WaitProgress[] = [];
    const result = await waitForSceneSummary(
      statuses(
        "WAIT_SUMMARIZE",
        "SUMMARIZING",
        "SUMMARIZING",
        "SUMMARIZING",
        "SUMMARIZING",
        "SUMMARIZE_COMPLETED",
      ),
      { ...time, intervalMs: 1_000, maxIntervalMs: 3_000, onProgress: (p) => progress.push(p) },
    );
    expect(result.status).toBe("SUMMARIZE_COMPLETED");
    expect(time.sleeps).toEqual([1_000, 1_500, 2_250, 3_000, 3_000]);
    expect(
      progress.map((p) => [
        p.status,
        p.analyzedSceneCount,
        p.totalSceneCount,
        p.elapsedMs,
        p.polls,
      ]),
    ).toEqual([
      ["WAIT_SUMMARIZE", 1, 10, 0, 1],
      ["SUMMARIZING", 2, 10, 1_000, 2],
      ["SUMMARIZING", 3, 10, 2_500, 3],
      ["SUMMARIZING", 4, 10, 4_750, 4],
      ["SUMMARIZING", 5, 10, 7_750, 5],
      ["SUMMARIZE_COMPLETED", 6, 10, 10_750, 6],
    ]);
  });

  it("never waits longer than maxIntervalMs, even when intervalMs is longer", async () => {
    const time = virtualTime();
    await waitForSceneSummary(statuses("SUMMARIZING", "SUMMARIZING", "SUMMARIZE_COMPLETED"), {
      ...time,
      intervalMs: 60_000,
    });
    expect(time.sleeps).toEqual([30_000, 30_000]);
  });

  it("spreads each delay by up to 10% either way, within intervalMs and maxIntervalMs", async () => {
    const draws = [0, 0.999, 0.25, 0.5, 0];
    const time = virtualTime();
    await waitForSceneSummary(
      statuses(...Array.from({ length: 5 }, () => "SUMMARIZING"), "SUMMARIZE_COMPLETED"),
      { ...time, random: () => draws.shift() ?? 0.5, intervalMs: 2_000, maxIntervalMs: 4_000 },
    );
    // Unspread: 2,000, 3,000, 4,000, 4,000, 4,000.
    expect(time.sleeps).toEqual([2_000, 3_299, 3_800, 4_000, 3_600]);
  });

  it("rejects SUMMARIZE_FAIL with the statusMessage", async () => {
    const failed = async () =>
      statusResult("SUMMARIZE_FAIL", 4, 10, {
        statusMessage: "Decoder error in scene 5",
      }) as SceneSummaryStatus;
    const error = await waitForSceneSummary(failed, virtualTime()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneSummaryFailedError);
    expect(error).toMatchObject({ statusMessage: "Decoder error in scene 5" });
    expect((error as Error).message).toBe("Scene summarisation failed: Decoder error in scene 5.");
  });

  it("reports counts the service sent as text (a departure) as the counts they are, and others as unknown", async () => {
    const progress: WaitProgress[] = [];
    const sent = [
      { status: "SUMMARIZING", analyzedSceneCount: "3", totalSceneCount: "10" },
      { status: "SUMMARIZING", analyzedSceneCount: "three", totalSceneCount: 1.5e300 ** 2 },
      { status: "SUMMARIZE_COMPLETED", analyzedSceneCount: 10, totalSceneCount: 10 },
    ] as unknown as SceneSummaryStatus[];
    let poll = 0;
    await waitForSceneSummary(async () => sent[poll++] as SceneSummaryStatus, {
      ...virtualTime(),
      intervalMs: 1_000,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => [p.analyzedSceneCount, p.totalSceneCount])).toEqual([
      [3, 10],
      [undefined, undefined],
      [10, 10],
    ]);
  });

  it("rejects SUMMARIZE_CANCELED with a distinct error", async () => {
    const error = await waitForSceneSummary(
      statuses("SUMMARIZING", "SUMMARIZE_CANCELED"),
      virtualTime(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneSummaryCanceledError);
    expect(error).not.toBeInstanceOf(SceneSummaryFailedError);
    expect((error as SceneSummaryWaitError).lastStatus?.status).toBe("SUMMARIZE_CANCELED");
  });

  it("gives BEFORE_SUMMARIZE a grace period, then says no summarisation was requested", async () => {
    const time = virtualTime();
    const error = await waitForSceneSummary(statuses("BEFORE_SUMMARIZE"), {
      ...time,
      intervalMs: 1_000,
      maxIntervalMs: 1_000,
      notRequestedGraceMs: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneSummaryNotRequestedError);
    expect((error as Error).message).toMatch(/No scene summarisation was requested/);
    // Polled every second: the poll at 5 s is the first past the grace period.
    expect(time.sleeps).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it("says a request that has not registered past the grace period was made, not that none was", async () => {
    // The status still shows the run from before the request: `summarize`'s stale check.
    const error = await waitForSceneSummary(statuses("SUMMARIZE_COMPLETED"), {
      ...virtualTime(),
      intervalMs: 1_000,
      maxIntervalMs: 1_000,
      notRequestedGraceMs: 5_000,
      isStale: () => true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneSummaryNotRegisteredError);
    expect(error).not.toBeInstanceOf(SceneSummaryNotRequestedError);
    expect((error as Error).message).toMatch(
      /accepted, but after 5 s the status still shows the summarisation from before it \(SUMMARIZE_COMPLETED\)/,
    );
  });

  it("lets a request that registers within the grace period carry on", async () => {
    const result = await waitForSceneSummary(
      statuses("BEFORE_SUMMARIZE", "BEFORE_SUMMARIZE", "WAIT_SUMMARIZE", "SUMMARIZE_COMPLETED"),
      { ...virtualTime(), intervalMs: 1_000, notRequestedGraceMs: 5_000 },
    );
    expect(result.status).toBe("SUMMARIZE_COMPLETED");
  });

  it("rejects with WaitTimeoutError past timeoutMs, polling one last time at the deadline", async () => {
    const time = virtualTime();
    let polls = 0;
    const error = await waitForSceneSummary(
      async () => {
        polls++;
        return statusResult("SUMMARIZING", 1, 10) as SceneSummaryStatus;
      },
      { ...time, intervalMs: 4_000, maxIntervalMs: 4_000, timeoutMs: 10_000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).not.toBeInstanceOf(MediaIntelligenceError);
    expect((error as Error).message).toMatch(
      /after 10 s \(last status SUMMARIZING, 1\/10 scenes\)/,
    );
    expect(time.sleeps).toEqual([4_000, 4_000, 2_000]);
    expect(polls).toBe(4);
  });

  it("keeps polling a status newer than this SDK", async () => {
    const result = await waitForSceneSummary(
      statuses("SUMMARIZE_QUEUED_SOMEWHERE", "SUMMARIZE_COMPLETED"),
      virtualTime(),
    );
    expect(result.status).toBe("SUMMARIZE_COMPLETED");
  });

  it("stops at once when the signal aborts, with an AbortError caused by the signal's reason", async () => {
    const controller = new AbortController();
    let polls = 0;
    const pending = waitForSceneSummary(
      async () => {
        if (++polls === 2) controller.abort(new Error("user gave up"));
        return statusResult("SUMMARIZING") as SceneSummaryStatus;
      },
      { ...virtualTime(), signal: controller.signal },
    );
    await expect(pending).rejects.toMatchObject({
      name: "AbortError",
      cause: new Error("user gave up"),
    });
    expect(polls).toBe(2);
  });

  it("passes a poll's error through", async () => {
    const failure = new MediaIntelligenceError("boom", {
      kind: "network",
      method: "GET",
      path: "/",
    });
    await expect(
      waitForSceneSummary(async () => {
        throw failure;
      }, virtualTime()),
    ).rejects.toBe(failure);
  });

  it.each([
    [{ intervalMs: 0 }, /intervalMs must be a positive number/],
    [{ timeoutMs: -1 }, /timeoutMs must be a positive number/],
    [{ maxIntervalMs: Number.NaN }, /maxIntervalMs/],
    [{ notRequestedGraceMs: Number.POSITIVE_INFINITY }, /notRequestedGraceMs/],
  ])("refuses %j before polling", async (options, message) => {
    let polls = 0;
    const getStatus = async () => {
      polls++;
      return statusResult("SUMMARIZING") as SceneSummaryStatus;
    };
    await expect(waitForSceneSummary(getStatus, { ...virtualTime(), ...options })).rejects.toThrow(
      message,
    );
    expect(polls).toBe(0);
  });
});

describe("SceneSummaryFailedError", () => {
  it("does not double the server's own full stop", () => {
    const status = statusResult("SUMMARIZE_FAIL", 0, 1, {
      statusMessage: "Internal error.",
    }) as SceneSummaryStatus;
    expect(new SceneSummaryFailedError(status).message).toBe(
      "Scene summarisation failed: Internal error.",
    );
  });
});
