/**
 * Each scenario of the bundled mock over real HTTP: the statuses a summarisation goes
 * through, what the request, result and cancel calls answer along the way, and that every
 * body is one openapi.yaml allows (support/api.ts checks each answer against its schema).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../scripts/mock-server.mjs";
import { ID } from "../support/operations.js";
import { type Answer, type CallOptions, call, specComplaints, specExample } from "./support/api.js";

/** The mock's clock, which {@link follow} moves: every step is seen, however slow the machine. */
const START = Date.parse("2026-04-17T10:30:00Z");
let clock = START;
/** Each poll of {@link follow} moves the clock this far, in ms. */
const STEP_MS = 100;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ now: () => clock });
});
afterAll(() => mock?.stop());

let nextAsset = 1;
/** The path of an asset no other test uses, so that tests running side by side share no state. */
const freshAsset = () => `/api/v1/workspaces/ws/projects/1/assets/${nextAsset++}`;

const api = (method: string, path: string, options?: CallOptions) =>
  call(mock.url, method, path, options);

/** One step of a summarisation, as its status calls saw it. */
type Step = { status: string; analyzedSceneCount: number };

const TERMINAL = ["SUMMARIZE_COMPLETED", "SUMMARIZE_FAIL", "SUMMARIZE_CANCELED"];

/**
 * Polls `statusPath`, moving the mock's clock `stepMs` (default {@link STEP_MS}) after each
 * poll, until a terminal status or `forMs` of mock time; returns the steps seen, each once,
 * and the last answer's result.
 */
async function follow(
  statusPath: string,
  options: CallOptions & { forMs?: number; stepMs?: number } = {},
) {
  const { forMs = 120_000, stepMs = STEP_MS, ...callOptions } = options;
  const steps: Step[] = [];
  const until = clock + forMs;
  let last: Answer;
  for (;;) {
    last = await api("GET", statusPath, callOptions);
    expect(last.status).toBe(200);
    const { status, analyzedSceneCount } = last.body.result;
    const previous = steps.at(-1);
    if (previous?.status !== status || previous?.analyzedSceneCount !== analyzedSceneCount) {
      steps.push({ status, analyzedSceneCount });
    }
    if (TERMINAL.includes(status) || clock >= until) break;
    clock += stepMs;
  }
  return {
    steps,
    statuses: [...new Set(steps.map((step) => step.status))],
    last: last.body.result,
  };
}

/** START as the service writes it: its wall time at +09:00, without an offset. */
const START_AS_WRITTEN = "2026-04-17T19:30:00";

/** Seconds from one of the API's local date-times to another. */
const secondsBetween = (from: string, to: string) =>
  (Date.parse(`${to}Z`) - Date.parse(`${from}Z`)) / 1000;

/** A moment as the service writes it: its wall time at +09:00, to the second, without an offset. */
const asWritten = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19);

/** The analysed counts seen while SUMMARIZING. */
const summarizingCounts = (steps: Step[]) =>
  steps.filter((step) => step.status === "SUMMARIZING").map((step) => step.analyzedSceneCount);

// These tests move the one clock of the mock: one at a time.
describe.sequential("with the mock's clock moved by the test", () => {
  describe("complete (the default)", () => {
    it("goes BEFORE_SUMMARIZE, WAIT_SUMMARIZE, SUMMARIZING with counts rising, SUMMARIZE_COMPLETED; then the spec's result", async () => {
      const asset = freshAsset();
      const before = await api("GET", `${asset}/scene-summary/status`);
      expect(before.body.result.status).toBe("BEFORE_SUMMARIZE");
      const none = await api("GET", `${asset}/scene-summary`);
      expect(none).toMatchObject({ status: 404 });

      const requested = await api("POST", `${asset}/scene-summary`, { body: {} });
      expect(requested.status).toBe(200);
      expect(requested.body).toEqual(specExample(ID.assetRequest, 200, "accepted"));
      const early = await api("GET", `${asset}/scene-summary`);
      expect(early.status).toBe(409);
      expect(early.body).toEqual(specExample(ID.assetResult, 409, "summarizing"));
      const again = await api("POST", `${asset}/scene-summary`, { body: {} });
      expect(again.status).toBe(409);
      expect(again.body).toEqual(specExample(ID.assetRequest, 409, "alreadyInProgress"));

      const { steps, statuses, last } = await follow(`${asset}/scene-summary/status`);
      expect(statuses).toEqual(["WAIT_SUMMARIZE", "SUMMARIZING", "SUMMARIZE_COMPLETED"]);
      expect(summarizingCounts(steps)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(last).toMatchObject({
        analyzedSceneCount: 10,
        totalSceneCount: 10,
        targetSceneIds: null,
      });
      expect(secondsBetween(last.requestedTime, last.completedTime)).toBe(3);

      const result = await api("GET", `${asset}/scene-summary`);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ code: "0", message: "success" });
    });

    it("the result has as many scenes as the status counted, each analysed when the run completed", async () => {
      const asset = freshAsset();
      const requestedAt = clock;
      await api("POST", `${asset}/scene-summary`);
      const { last } = await follow(`${asset}/scene-summary/status`);
      const { result } = (await api("GET", `${asset}/scene-summary`)).body;
      expect(result.sceneSummaries).toHaveLength(last.totalSceneCount);
      expect(result.sceneSummaryInfo).toEqual({
        lastAnalyzedAt: last.completedTime,
        analyzedSceneIds: null,
      });
      // The asset's latest index: the one the demo's index-based commands name.
      expect(result.indexId).toBe(1001);
      let previousEnd = 0;
      for (const [i, item] of result.sceneSummaries.entries()) {
        expect(item.scene).toBe(i + 1);
        expect(item.startMs).toBeGreaterThanOrEqual(previousEnd);
        expect(item.endMs).toBeGreaterThan(item.startMs);
        expect(item.sceneSummary).toMatchObject({
          metadataChangedAfterSummary: false,
          analyzedAt: last.completedTime,
        });
        expect(item.sceneSummary.description).not.toBe("");
        previousEnd = item.endMs;
      }
      // The first scene is the pages' example, analysed in this run.
      const example = specExample(ID.assetResult, 200, "completed").result.sceneSummaries[0];
      expect(result.sceneSummaries[0]).toEqual({
        ...example,
        sceneSummary: { ...example.sceneSummary, analyzedAt: last.completedTime },
      });
      expect(last.requestedTime).toBe(asWritten(requestedAt));
    });

    it("writes times as the service does: its wall time at +09:00, without an offset", async () => {
      const asset = freshAsset();
      const at = clock;
      await api("POST", `${asset}/scene-summary`);
      const { result } = (await api("GET", `${asset}/scene-summary/status`)).body;
      expect(result.requestedTime).toBe(asWritten(at));
      // What the SDK reads back (serverUtcOffsetMinutes 540): the very moment of the request.
      expect(Date.parse(`${result.requestedTime}Z`) - 9 * 3_600_000).toBe(
        Math.floor(at / 1000) * 1000,
      );
      expect(asWritten(START)).toBe(START_AS_WRITTEN);
    });

    it("refuses a partial re-analysis before a full one has completed, with the spec's 400", async () => {
      const asset = freshAsset();
      const partial = { body: { sceneIds: [3, 7] } };
      const before = await api("POST", `${asset}/scene-summary`, partial);
      expect(before.status).toBe(400);
      expect(before.body).toEqual(specExample(ID.assetRequest, 400, "invalidRequest"));
      const status = await api("GET", `${asset}/scene-summary/status`);
      expect(status.body.result.status).toBe("BEFORE_SUMMARIZE");

      // Nor while the first full one runs, nor after it failed.
      await api("POST", `${asset}/scene-summary`, { scenario: "fail" });
      expect((await api("POST", `${asset}/scene-summary`, partial)).status).toBe(409);
      await follow(`${asset}/scene-summary/status`);
      expect((await api("POST", `${asset}/scene-summary`, partial)).status).toBe(400);
    });

    it("after a full run, a partial one re-analyses those scenes only, and counts them only", async () => {
      const asset = freshAsset();
      await api("POST", `${asset}/scene-summary`);
      const full = (await follow(`${asset}/scene-summary/status`)).last;
      clock += 60_000;
      // locale belongs to a full analysis: with sceneIds the spec refuses it.
      const withLocale = { body: { sceneIds: [3, 7], locale: "en" } };
      expect((await api("POST", `${asset}/scene-summary`, withLocale)).status).toBe(400);
      const partial = await api("POST", `${asset}/scene-summary`, { body: { sceneIds: [3, 7] } });
      expect(partial.status).toBe(200);
      const { last } = await follow(`${asset}/scene-summary/status`);
      expect(last).toMatchObject({
        status: "SUMMARIZE_COMPLETED",
        targetSceneIds: [3, 7],
        analyzedSceneCount: 2,
        totalSceneCount: 2,
      });
      const { result } = (await api("GET", `${asset}/scene-summary`)).body;
      expect(result.sceneSummaryInfo).toEqual({
        lastAnalyzedAt: last.completedTime,
        analyzedSceneIds: ["3", "7"],
      });
      expect(result.sceneSummaries).toHaveLength(full.totalSceneCount);
      for (const item of result.sceneSummaries) {
        expect(item.sceneSummary.analyzedAt).toBe(
          [3, 7].includes(item.scene) ? last.completedTime : full.completedTime,
        );
      }
      // Scenes the video does not have are refused.
      const unknown = await api("POST", `${asset}/scene-summary`, { body: { sceneIds: [11] } });
      expect(unknown.status).toBe(400);
    });

    it("a cancel call moves a running summarisation to SUMMARIZE_CANCELED, and a new one can be requested", async () => {
      const asset = freshAsset();
      await api("POST", `${asset}/scene-summary`);
      const canceled = await api("POST", `${asset}/scene-summary/cancel`);
      expect(canceled.status).toBe(200);
      expect(canceled.body).toEqual(specExample(ID.assetCancel, 200, "canceled"));
      const { statuses } = await follow(`${asset}/scene-summary/status`);
      expect(statuses).toEqual(["SUMMARIZE_CANCELED"]);
      const nothingToCancel = await api("POST", `${asset}/scene-summary/cancel`);
      expect(nothingToCancel.status).toBe(400);
      expect((await api("GET", `${asset}/scene-summary`)).status).toBe(404);

      expect((await api("POST", `${asset}/scene-summary`)).status).toBe(200);
      const status = await api("GET", `${asset}/scene-summary/status`);
      expect(status.body.result).toMatchObject({ status: "WAIT_SUMMARIZE", sceneSummaryId: 102 });
    });
  });

  describe("scenarios chosen by the X-Mock-Scenario header", () => {
    it("fail: ends SUMMARIZE_FAIL with a statusMessage, part of the scenes analysed", async () => {
      const asset = freshAsset();
      await api("POST", `${asset}/scene-summary`, { scenario: "fail" });
      // The job keeps the scenario it was requested under: no header needed to follow it.
      const { statuses, last } = await follow(`${asset}/scene-summary/status`);
      expect(statuses).toEqual(["WAIT_SUMMARIZE", "SUMMARIZING", "SUMMARIZE_FAIL"]);
      expect(last.statusMessage).toBe("Scene summarization failed due to an internal error.");
      expect(last.analyzedSceneCount).toBe(4);
      expect(last.completedTime).toBeNull();
      expect((await api("GET", `${asset}/scene-summary`)).status).toBe(404);
    });

    it("cancel: ends SUMMARIZE_CANCELED with no cancel call, as if cancelled elsewhere", async () => {
      const asset = freshAsset();
      await api("POST", `${asset}/scene-summary`, { scenario: "cancel" });
      const { statuses, last } = await follow(`${asset}/scene-summary/status`);
      expect(statuses).toEqual(["WAIT_SUMMARIZE", "SUMMARIZING", "SUMMARIZE_CANCELED"]);
      expect(last.statusMessage).toBeNull();
    });

    it("in-progress: SUMMARIZING from the start, so a request gets the spec's 409; it completes later", async () => {
      const asset = freshAsset();
      const first = await api("GET", `${asset}/scene-summary/status`, { scenario: "in-progress" });
      expect(first.body.result).toMatchObject({ status: "SUMMARIZING", analyzedSceneCount: 3 });
      const refused = await api("POST", `${asset}/scene-summary`, { scenario: "in-progress" });
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual(specExample(ID.assetRequest, 409, "alreadyInProgress"));
      const { steps, statuses } = await follow(`${asset}/scene-summary/status`);
      expect(statuses).toEqual(["SUMMARIZING", "SUMMARIZE_COMPLETED"]);
      expect(summarizingCounts(steps).length).toBeGreaterThanOrEqual(2);
      expect((await api("POST", `${asset}/scene-summary`)).status).toBe(200);
    });

    it("slow: still SUMMARIZING 2 s after the request, completed after a minute", async () => {
      const asset = freshAsset();
      await api("POST", `${asset}/scene-summary`, { scenario: "slow" });
      // What `wait --timeout 2` sees: it times out.
      const early = await follow(`${asset}/scene-summary/status`, { forMs: 2_000 });
      expect(early.statuses).toEqual(["WAIT_SUMMARIZE", "SUMMARIZING"]);
      const { statuses, last } = await follow(`${asset}/scene-summary/status`, { stepMs: 2_000 });
      expect(statuses).toEqual(["SUMMARIZING", "SUMMARIZE_COMPLETED"]);
      expect(secondsBetween(last.requestedTime, last.completedTime)).toBe(61);
    });

    it("an unknown scenario is refused, naming the choices", async () => {
      const response = await fetch(`${mock.url}${freshAsset()}/scene-summary/status`, {
        headers: { "x-mock-scenario": "nope" },
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("complete, fail, cancel, in-progress, slow");
    });
  });

  describe("index-based (deprecated) paths", () => {
    it("status follows the scene summary id the POST returned; another id is 404", async () => {
      const index = `${freshAsset()}/indexes/1001`;
      const requested = await api("POST", `${index}/scene-summaries`, { body: {} });
      expect(requested.body).toEqual({
        code: "0",
        message: "success",
        result: { sceneSummaryId: 101 },
      });
      expect((await api("GET", `${index}/scene-summaries/102/status`)).status).toBe(404);
      const { statuses, last } = await follow(`${index}/scene-summaries/101/status`);
      expect(statuses).toEqual(["WAIT_SUMMARIZE", "SUMMARIZING", "SUMMARIZE_COMPLETED"]);
      expect(last).toMatchObject({ sceneSummaryId: 101, totalSceneCount: 10 });
      const result = await api("GET", `${index}/scene-summaries`);
      expect(result.body.result).toMatchObject({ indexId: 1001 });
      expect(result.body.result.sceneSummaries).toHaveLength(10);

      const second = await api("POST", `${index}/scene-summaries`);
      expect(second.body.result.sceneSummaryId).toBe(102);
      expect((await api("DELETE", `${index}/scene-summaries/101`)).status).toBe(404);
      const canceled = await api("DELETE", `${index}/scene-summaries/102`);
      expect(canceled.body).toEqual(specExample(ID.indexCancel, 200, "canceled"));
      const after = await api("GET", `${index}/scene-summaries/102/status`);
      expect(after.body.result.status).toBe("SUMMARIZE_CANCELED");
    });

    it("the result names the index of the path, and a partial run needs a full one first", async () => {
      const index = `${freshAsset()}/indexes/7`;
      const partial = await api("POST", `${index}/scene-summaries`, { body: { sceneIds: [1] } });
      expect(partial.body).toEqual(specExample(ID.indexRequest, 400, "invalidRequest"));
      await api("POST", `${index}/scene-summaries`);
      await follow(`${index}/scene-summaries/101/status`);
      const result = await api("GET", `${index}/scene-summaries`);
      expect(result.body.result).toMatchObject({ indexId: 7 });
    });

    it("in-progress: scene summary 101 is running already", async () => {
      const index = `${freshAsset()}/indexes/7`;
      const status = await api("GET", `${index}/scene-summaries/101/status`, {
        scenario: "in-progress",
      });
      expect(status.body.result).toMatchObject({ status: "SUMMARIZING", sceneSummaryId: 101 });
      const refused = await api("POST", `${index}/scene-summaries`);
      expect(refused.body).toEqual(specExample(ID.indexRequest, 409, "alreadyInProgress"));
    });
  });

  describe("Prism still checks every request", () => {
    it("an unsigned request is refused with the spec's 401, and changes nothing", async () => {
      const asset = freshAsset();
      const response = await fetch(`${mock.url}${asset}/scene-summary`, { method: "POST" });
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(specComplaints(ID.assetRequest, 401, body)).toEqual([]);
      const status = await api("GET", `${asset}/scene-summary/status`);
      expect(status.body.result.status).toBe("BEFORE_SUMMARIZE");
    });

    it("a body the spec does not allow is refused, and changes nothing", async () => {
      const asset = freshAsset();
      const refused = await api("POST", `${asset}/scene-summary`, { body: { sceneIds: "3,7" } });
      expect(refused.status).toBe(400);
      const status = await api("GET", `${asset}/scene-summary/status`);
      expect(status.body.result.status).toBe("BEFORE_SUMMARIZE");
    });

    it("the body check can fail: a status with a count as a string is not the spec's", () => {
      const body = structuredClone(specExample(ID.assetStatus, 200, "summarizing"));
      expect(specComplaints(ID.assetStatus, 200, body)).toEqual([]);
      body.result.analyzedSceneCount = "3";
      expect(specComplaints(ID.assetStatus, 200, body)).toEqual([
        "/result/analyzedSceneCount must be integer,null",
      ]);
    });
  });
});

describe("startMock options", () => {
  it("scenario sets the default; a bad scenario or speed is refused before anything starts", async () => {
    const failing = await startMock({ scenario: "fail", speed: 4 });
    try {
      expect(failing.scenario).toBe("fail");
      const asset = freshAsset();
      await call(failing.url, "POST", `${asset}/scene-summary`);
      let last: Answer;
      do last = await call(failing.url, "GET", `${asset}/scene-summary/status`);
      while (!TERMINAL.includes(last.body.result.status));
      expect(last.body.result.status).toBe("SUMMARIZE_FAIL");
    } finally {
      await failing.stop();
    }
    // @ts-expect-error: not a scenario
    await expect(startMock({ scenario: "nope" })).rejects.toThrow('unknown scenario "nope"');
    await expect(startMock({ speed: 0 })).rejects.toThrow("speed must be a number above 0");
  });
});
