/**
 * Prism as a validation proxy (`prism proxy openapi.yaml <upstream> --errors`), the way
 * `npm run contract:live` checks the real API: here the upstream is a local stand-in gateway
 * (test/support/gateway.ts, which also checks that the signature survives the proxy) that
 * answers conforming and drifted responses. Conforming traffic must pass untouched; drift must
 * reach the client as an error, with Prism's report naming the field, and the live script's
 * verdict must call it drift. Where the spec only infers a response (the asset-based calls),
 * the live script's stricter verdict must also catch an API that answers another documented
 * status.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { inferredVerdict, verdict } from "../../scripts/contract-live.mjs";
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
import { ID } from "../support/operations.js";
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
  "missing-field": ok(without(CONFORMING_STATUS, "status")),
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
  "asset-conforming-status": ok(CONFORMING_STATUS),
  "asset-status-without-status": ok(without(CONFORMING_STATUS, "status")),
  "asset-busy-as-409": { status: 409, body: { code: "40900", message: "In progress." } },
  "asset-busy-as-400": { status: 400, body: { code: "10001", message: "Invalid Request." } },
};

/** What a scenario answers to the status a request reads before it: a conforming one. */
const READ_BEFORE_REQUEST = ok(CONFORMING_STATUS);

/** The scenario a request names: the asset id of an asset-based call, else the id named last. */
function scenarioOf(target: string): string {
  const asset = /\/assets\/([^/]+)\/scene-summary/.exec(target)?.[1];
  return asset ?? target.split("/").at(-2) ?? "";
}

const statusIds = (scenario: string): SceneSummaryIds => ({
  ...EXAMPLE_IDS,
  sceneSummaryId: scenario,
});
const resultIds = (scenario: string): IndexIds => ({ ...statusIds("1"), indexId: scenario });

let upstream: Gateway;
let prism: PrismServer;

beforeAll(async () => {
  upstream = await startGateway({
    handler: ({ target }) =>
      target.endsWith("/status") && scenarioOf(target).startsWith("asset-busy")
        ? READ_BEFORE_REQUEST
        : (SCENARIOS[scenarioOf(target)] ?? { status: 500, body: { error: { errorCode: "900" } } }),
  });
  prism = await startPrism({ mode: "proxy", upstream: upstream.url, spec: inject("specPath") });
});

afterAll(async () => {
  await prism?.stop();
  await upstream?.close();
});

/** Calls through the proxy; returns what the client did and Prism's report. */
async function through(
  call: "status" | "result" | "asset status" | "asset request",
  scenario: string,
) {
  const recorder = recordingFetch();
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: prism.url,
    fetch: recorder.fetch,
    retries: 0,
  });
  const asset = { ...EXAMPLE_IDS, assetId: scenario };
  const calls = {
    status: () => client.getSceneSummaryStatus(statusIds(scenario)),
    result: () => client.getSceneSummaries(resultIds(scenario)),
    "asset status": () => client.sceneSummaries.status(asset),
    "asset request": () => client.sceneSummaries.request(asset),
  };
  const outcome = await (calls[call]() as Promise<unknown>).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  // An asset-based request reads the status first.
  expect(recorder.exchanges).toHaveLength(call === "asset request" ? 2 : 1);
  const report = recorder.exchanges.at(-1)?.report;
  // The request reached the upstream with its signature intact.
  expect(upstream.seen.at(-1)).toMatchObject({ authenticated: true });
  expect(upstream.seen.at(-1)?.target).toContain(`/${scenario}/`);
  return { outcome, report };
}

describe("the places the spec infers, as the live script checks them", () => {
  const statusPlace = `${ID.assetStatus} responses 200` as const;
  const busyPlace = "components responses SummaryInProgress";

  test("an asset-based status in the inferred shape confirms it", async () => {
    const { outcome, report } = await through("asset status", "asset-conforming-status");
    expect(outcome).toStrictEqual({ result: CONFORMING_STATUS });
    expect(inferredVerdict(report, outcome, { place: statusPlace, status: 200 })).toEqual({
      verdict: "pass",
      detail: `matches openapi.yaml; confirms ${statusPlace}`,
    });
  });

  test("an asset-based status without its status is drift", async () => {
    const { outcome, report } = await through("asset status", "asset-status-without-status");
    expect(outcome).toMatchObject({ error: { kind: "invalid-response", status: 500 } });
    const judged = inferredVerdict(report, outcome, { place: statusPlace, status: 200 });
    expect(judged.verdict).toBe("drift");
    expect(judged.detail).toContain("must have required property 'status'");
  });

  test("a request refused with the inferred 409 while one runs confirms it", async () => {
    const { outcome, report } = await through("asset request", "asset-busy-as-409");
    expect(outcome).toMatchObject({ error: { kind: "api", status: 409, code: "40900" } });
    expect(inferredVerdict(report, outcome, { place: busyPlace, status: 409 }).verdict).toBe(
      "pass",
    );
  });

  // A 400 is documented for the request, so Prism lets it through; only the live script's
  // inferred status tells that the spec's 409 is wrong.
  test("a request refused with another documented status is drift all the same", async () => {
    const { outcome, report } = await through("asset request", "asset-busy-as-400");
    expect(report).toEqual({ status: 400, violations: [], problem: undefined });
    expect(verdict(report, outcome).verdict).toBe("pass");
    expect(inferredVerdict(report, outcome, { place: busyPlace, status: 409 })).toEqual({
      verdict: "drift",
      detail: `openapi.yaml infers HTTP 409 here (${busyPlace}); the API answered HTTP 400`,
    });
  });
});

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
      "Response body property result must have required property 'status'",
    ],
    [
      "status",
      "wrong-type",
      "Response body property result.analyzedSceneCount must be integer,null",
    ],
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
