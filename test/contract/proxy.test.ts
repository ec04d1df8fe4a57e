/**
 * Prism as a validation proxy (`prism proxy openapi.yaml <upstream> --errors`), the way
 * `npm run contract:live` checks the real API: here the upstream is a local stand-in gateway
 * (test/support/gateway.ts, which also checks that the signature survives the proxy) that
 * answers conforming and drifted responses. Conforming traffic must pass untouched; drift must
 * reach the client as an error, with Prism's report naming the field, and the live script's
 * verdict must call it drift.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { verdict } from "../../scripts/contract-live.mjs";
import { type PrismServer, startPrism } from "../../scripts/prism.mjs";
import {
  createMediaIntelligenceClient,
  type IndexIds,
  MediaIntelligenceError,
  type SceneSummaryIds,
} from "../../src/index.js";
import {
  type Gateway,
  ok,
  type Reply,
  startGateway,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { EXAMPLE_IDS } from "../support/ids.js";
import { recordingFetch } from "./support/recording-fetch.js";

const CONFORMING_STATUS = statusResult("SUMMARIZING", 3, 10);
const CONFORMING_RESULT = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: null },
  sceneSummaries: [
    {
      scene: 1,
      startMs: 0,
      endMs: 3000,
      sceneSummary: {
        description: "The host greets the camera.",
        metadataChangedAfterSummary: false,
        analyzedAt: "2026-04-17T10:30:00",
      },
    },
    { scene: 2, startMs: 3000, endMs: 9000 },
  ],
};

function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/**
 * What the upstream answers, by scenario. The scenario is the id the request names last: the
 * scene summary id of a status request, the index id of a result request.
 */
const SCENARIOS: Record<string, Reply> = {
  "conforming-status": ok(CONFORMING_STATUS),
  "conforming-result": ok(CONFORMING_RESULT),
  "documented-error": { status: 404, body: { code: "40400", message: "Scene summary not found." } },
  "missing-field": ok(without(CONFORMING_STATUS, "analyzedSceneCount")),
  "wrong-type": ok({ ...CONFORMING_STATUS, analyzedSceneCount: "3" }),
  "unknown-status": ok({ ...CONFORMING_STATUS, status: "SUMMARIZE_PAUSED" }),
  "malformed-date-time": ok({ ...CONFORMING_STATUS, requestedTime: "17/04/2026 10:30" }),
  "numeric-error-code": { status: 429, body: { error: { errorCode: 410, message: "Throttle" } } },
  "integer-scene-ids": ok({
    ...CONFORMING_RESULT,
    sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: [1, 3] },
  }),
  "undocumented-status": { status: 418, body: { error: { errorCode: "999", message: "Teapot" } } },
  "unknown-property": ok({ ...CONFORMING_STATUS, priority: "high" }),
};

const statusIds = (scenario: string): SceneSummaryIds => ({
  ...EXAMPLE_IDS,
  sceneSummaryId: scenario,
});
const resultIds = (scenario: string): IndexIds => ({ ...statusIds("1"), indexId: scenario });

let upstream: Gateway;
let prism: PrismServer;

beforeAll(async () => {
  upstream = await startGateway({
    handler: ({ target }) => {
      const scenario = target.split("/").at(-2) ?? "";
      return SCENARIOS[scenario] ?? { status: 500, body: { error: { errorCode: "900" } } };
    },
  });
  prism = await startPrism({ mode: "proxy", upstream: upstream.url, spec: inject("specPath") });
});

afterAll(async () => {
  await prism?.stop();
  await upstream?.close();
});

/** Calls through the proxy; returns what the client did and Prism's report. */
async function through(call: "status" | "result", scenario: string) {
  const recorder = recordingFetch();
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: prism.url,
    fetch: recorder.fetch,
    retries: 0,
  });
  const outcome = await (call === "status"
    ? client.getSceneSummaryStatus(statusIds(scenario))
    : client.getSceneSummaries(resultIds(scenario))
  ).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  expect(recorder.exchanges).toHaveLength(1);
  const report = recorder.exchanges[0]?.report;
  // The request reached the upstream with its signature intact.
  expect(upstream.seen.at(-1)).toMatchObject({ authenticated: true });
  expect(upstream.seen.at(-1)?.target).toContain(`/${scenario}/`);
  return { outcome, report };
}

describe("conforming traffic passes through untouched", () => {
  test("a status", async () => {
    const { outcome, report } = await through("status", "conforming-status");
    expect(outcome).toStrictEqual({ result: CONFORMING_STATUS });
    expect(report).toEqual({ status: 200, violations: [], problem: undefined });
    expect(verdict(report, outcome).verdict).toBe("pass");
  });

  test("a result", async () => {
    const { outcome, report } = await through("result", "conforming-result");
    expect(outcome).toStrictEqual({ result: CONFORMING_RESULT });
    expect(report).toEqual({ status: 200, violations: [], problem: undefined });
    expect(verdict(report, outcome).verdict).toBe("pass");
  });

  test("a documented error", async () => {
    const { outcome, report } = await through("status", "documented-error");
    expect(outcome).toMatchObject({ error: { kind: "api", status: 404, code: "40400" } });
    expect(report).toEqual({ status: 404, violations: [], problem: undefined });
    expect(verdict(report, outcome).verdict).toBe("pass");
  });
});

describe("drift is flagged", () => {
  // With --errors Prism replaces a response that breaks the spec by a 500 problem+json whose
  // `validation` (and `sl-violations` header) names the field. The client sees a 500 in
  // neither error shape: an `invalid-response` error, not data.
  test.each([
    [
      "status",
      "missing-field",
      "Response body property result must have required property 'analyzedSceneCount'",
    ],
    ["status", "wrong-type", "Response body property result.analyzedSceneCount must be integer"],
    [
      "status",
      "unknown-status",
      "Response body property result.status must be equal to one of the allowed values: BEFORE_SUMMARIZE, WAIT_SUMMARIZE, SUMMARIZING, SUMMARIZE_COMPLETED, SUMMARIZE_FAIL, SUMMARIZE_CANCELED",
    ],
    [
      "status",
      "malformed-date-time",
      "Response body property result.requestedTime must match pattern",
    ],
    ["status", "numeric-error-code", "Response body property error.errorCode must be string"],
    [
      "result",
      "integer-scene-ids",
      "Response body property result.sceneSummaryInfo.analyzedSceneIds.0 must be string",
    ],
  ] as const)("%s: %s", async (call, scenario, message) => {
    const { outcome, report } = await through(call, scenario);
    expect(outcome).toMatchObject({ error: { kind: "invalid-response", status: 500 } });
    expect("error" in outcome && outcome.error).toBeInstanceOf(MediaIntelligenceError);
    expect(report?.problem).toMatchObject({
      type: "https://stoplight.io/prism/errors#VIOLATIONS",
      status: 500,
      validation: expect.arrayContaining([
        expect.objectContaining({ severity: "Error", message: expect.stringContaining(message) }),
      ]),
    });
    expect(report?.violations).toEqual(report?.problem?.validation);
    const judged = verdict(report, outcome);
    expect(judged.verdict).toBe("drift");
    expect(judged.detail).toContain(message);
  });

  // A status the spec does not list is only a warning to Prism: it passes the response on,
  // with the warning in `sl-violations`. The live script counts it as drift all the same.
  test("an undocumented HTTP status passes with a warning, which is drift", async () => {
    const { outcome, report } = await through("status", "undocumented-status");
    expect(outcome).toMatchObject({ error: { kind: "gateway", status: 418, code: "999" } });
    expect(report?.problem).toBeUndefined();
    expect(report?.violations).toEqual([
      expect.objectContaining({
        severity: "Warning",
        message: expect.stringContaining("Unable to match the returned status code"),
      }),
    ]);
    expect(verdict(report, outcome).verdict).toBe("drift");
  });
});

describe("what Prism does not flag", () => {
  // The spec's object schemas do not forbid other properties, so a field the spec does not
  // know is not a violation: a new field in the API is not drift.
  test("an unknown property passes", async () => {
    const { outcome, report } = await through("status", "unknown-property");
    expect(outcome).toStrictEqual({ result: { ...CONFORMING_STATUS, priority: "high" } });
    expect(report).toEqual({ status: 200, violations: [], problem: undefined });
    expect(verdict(report, outcome).verdict).toBe("pass");
  });
});
