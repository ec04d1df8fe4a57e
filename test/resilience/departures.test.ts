/**
 * A catalogue of plausible departures of the live service from openapi.yaml, each its own
 * fixture, answered by a gateway that checks signatures (test/support/gateway.ts) and read by
 * the real client:
 *
 * - lax (the default): the call succeeds with the body as received, and each departure is
 *   reported once (a second call reports nothing new);
 * - strict: the call is an `invalid-response` error naming the first departure's JSON path.
 *
 * And a wait through a status the pages do not name, which is taken as not finished.
 */
import { describe, expect, it } from "vitest";
import {
  createMediaIntelligenceClient,
  type DriftInfo,
  type MediaIntelligenceClient,
  MediaIntelligenceError,
} from "../../src/index.js";
import {
  type Gateway,
  ok,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
  useGateways,
} from "../support/gateway.js";
import { EXAMPLE_ASSET_IDS as ASSET } from "../support/ids.js";
import { ID } from "../support/operations.js";

const SCENE = {
  scene: 1,
  startMs: 0,
  endMs: 42_500,
  sceneSummary: {
    description: "The host opens the programme.",
    metadataChangedAfterSummary: false,
    analyzedAt: "2026-04-17T11:02:40",
  },
};
const RESULT = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T11:05:12", analyzedSceneIds: null },
  sceneSummaries: [SCENE, { scene: 2, startMs: 42_500, endMs: 60_000 }],
};

/** One departure: the body the service answers, and what the client must report. */
interface Departure {
  name: string;
  call: "status" | "get";
  /** The `result` answered, inside the success envelope unless `body` is given. */
  result?: unknown;
  /** The whole body, for departures of the envelope itself. */
  body?: unknown;
  reported: Array<Pick<DriftInfo, "path" | "expected" | "received">>;
}

const CATALOGUE: Departure[] = [
  {
    name: "a never-requested asset's status with a null id and no time (no departure)",
    call: "status",
    result: statusResult("BEFORE_SUMMARIZE", 0, 0, { sceneSummaryId: null, requestedTime: null }),
    reported: [],
  },
  {
    name: "a status without its counts or times (no departure: they are optional)",
    call: "status",
    result: { status: "SUMMARIZING" },
    reported: [],
  },
  {
    name: "a string where an integer was",
    call: "status",
    result: statusResult("SUMMARIZING", 3, 10, { sceneSummaryId: "101" }),
    reported: [
      { path: "$.result.sceneSummaryId", expected: "must be integer or null", received: "string" },
    ],
  },
  {
    name: "a status the pages do not name",
    call: "status",
    result: statusResult("SUMMARIZE_QUEUED", 0, 10),
    reported: [
      {
        path: "$.result.status",
        expected:
          "must be one of BEFORE_SUMMARIZE, WAIT_SUMMARIZE, SUMMARIZING, SUMMARIZE_COMPLETED, SUMMARIZE_FAIL, SUMMARIZE_CANCELED",
        received: "string",
      },
    ],
  },
  {
    name: "a timestamp with an offset",
    call: "status",
    result: statusResult("SUMMARIZING", 3, 10, { requestedTime: "2026-04-17T10:30:00+09:00" }),
    reported: [
      {
        path: "$.result.requestedTime",
        expected: String.raw`must match the pattern ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$`,
        received: "string",
      },
    ],
  },
  {
    name: "extra fields, at the top and inside the result",
    call: "status",
    body: {
      code: "0",
      message: "success",
      traceId: "abc",
      result: statusResult("SUMMARIZING", 3, 10, { priority: 2 }),
    },
    reported: [
      {
        path: "$.result.priority",
        expected: "no such property (openapi.yaml does not declare it)",
        received: "integer",
      },
      {
        path: "$.traceId",
        expected: "no such property (openapi.yaml does not declare it)",
        received: "string",
      },
    ],
  },
  {
    name: "an envelope without its message",
    call: "status",
    body: { code: "0", result: statusResult("SUMMARIZING", 3, 10) },
    reported: [{ path: "$.message", expected: "a required property", received: "missing" }],
  },
  {
    name: "counts as strings",
    call: "status",
    result: statusResult("SUMMARIZING", 3, 10, { analyzedSceneCount: "3", totalSceneCount: "10" }),
    reported: [
      {
        path: "$.result.analyzedSceneCount",
        expected: "must be integer or null",
        received: "string",
      },
      { path: "$.result.totalSceneCount", expected: "must be integer or null", received: "string" },
    ],
  },
  {
    name: "target scene ids as text",
    call: "status",
    result: statusResult("WAIT_SUMMARIZE", 0, 2, { targetSceneIds: "2,5" }),
    reported: [
      { path: "$.result.targetSceneIds", expected: "must be array or null", received: "string" },
    ],
  },
  {
    name: "a result without its index or summary information",
    call: "get",
    result: { sceneSummaries: RESULT.sceneSummaries },
    reported: [],
  },
  {
    name: "a null where the pages give none: the index id",
    call: "get",
    result: { ...RESULT, indexId: null },
    reported: [{ path: "$.result.indexId", expected: "must be integer", received: "null" }],
  },
  {
    name: "integer scene ids where the page has strings",
    call: "get",
    result: {
      ...RESULT,
      sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T11:05:12", analyzedSceneIds: [1, 3] },
    },
    reported: [
      {
        path: "$.result.sceneSummaryInfo.analyzedSceneIds[*]",
        expected: "must be string",
        received: "integer",
      },
    ],
  },
  {
    name: "a new field in every scene: one report, not one per scene",
    call: "get",
    result: {
      ...RESULT,
      sceneSummaries: RESULT.sceneSummaries.map((scene) => ({ ...scene, speakers: [] })),
    },
    reported: [
      {
        path: "$.result.sceneSummaries[*].speakers",
        expected: "no such property (openapi.yaml does not declare it)",
        received: "array",
      },
    ],
  },
  {
    name: "a null summary for a scene not analysed, and a summary without its description",
    call: "get",
    result: {
      ...RESULT,
      sceneSummaries: [
        { ...SCENE, sceneSummary: { metadataChangedAfterSummary: true } },
        { scene: 2, startMs: 42_500, endMs: 60_000, sceneSummary: null },
      ],
    },
    reported: [],
  },
  {
    name: "a staleness flag as text",
    call: "get",
    result: {
      ...RESULT,
      sceneSummaries: [
        { ...SCENE, sceneSummary: { ...SCENE.sceneSummary, metadataChangedAfterSummary: "no" } },
      ],
    },
    reported: [
      {
        path: "$.result.sceneSummaries[*].sceneSummary.metadataChangedAfterSummary",
        expected: "must be boolean",
        received: "string",
      },
    ],
  },
];

const launch = useGateways();
let gateway: Gateway | undefined;

/** A client of a gateway answering every call with `body`, its departures collected. */
async function clientAnswering(body: unknown, strict: boolean) {
  gateway = await launch({ handler: () => ({ status: 200, body }) });
  const drift: DriftInfo[] = [];
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: gateway.url,
    retries: 0,
    strictResponses: strict,
    hooks: { onDrift: (info) => drift.push(info) },
  });
  return { client, drift };
}

const call = (client: MediaIntelligenceClient, which: Departure["call"]) =>
  which === "status" ? client.sceneSummaries.status(ASSET) : client.sceneSummaries.get(ASSET);

describe("the catalogue of departures", () => {
  it("has at least ten that are departures, on both reads", () => {
    const departures = CATALOGUE.filter((d) => d.reported.length > 0);
    expect(departures.length).toBeGreaterThanOrEqual(10);
    expect(new Set(departures.map((d) => d.call))).toEqual(new Set(["status", "get"]));
  });

  it.each(CATALOGUE)("lax: $name succeeds, each departure reported once", async (departure) => {
    const body = departure.body ?? { code: "0", message: "success", result: departure.result };
    const { client, drift } = await clientAnswering(body, false);
    const expected = (body as { result: unknown }).result;
    await expect(call(client, departure.call)).resolves.toEqual(expected);
    await expect(call(client, departure.call)).resolves.toEqual(expected);
    const operationId = departure.call === "status" ? ID.assetStatus : ID.assetResult;
    expect(drift).toEqual(departure.reported.map((d) => ({ operationId, ...d })));
    expect(gateway?.seen.every((request) => request.authenticated)).toBe(true);
  });

  it.each(CATALOGUE.filter((d) => d.reported.length > 0))(
    "strict: $name is invalid-response naming the path",
    async (departure) => {
      const body = departure.body ?? { code: "0", message: "success", result: departure.result };
      const { client, drift } = await clientAnswering(body, true);
      const error = await call(client, departure.call).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaIntelligenceError);
      expect(error).toMatchObject({ kind: "invalid-response", status: 200 });
      const paths = departure.reported.map((d) => d.path);
      expect(paths).toContain(
        (error as MediaIntelligenceError).departure?.path.replace(/\[\d+\]/g, "[*]"),
      );
      expect((error as Error).message).toContain("openapi.yaml does not allow");
      expect(drift).toEqual([]);
    },
  );
});

describe("a status the pages do not name, mid-wait", () => {
  it("is not terminal: the wait goes on through it to the end, reporting it once", async () => {
    const statuses = [
      "WAIT_SUMMARIZE",
      "SUMMARIZE_QUEUED",
      "SUMMARIZE_QUEUED",
      "SUMMARIZE_COMPLETED",
    ];
    let polls = 0;
    gateway = await launch({
      handler: () =>
        ok(statusResult(statuses[Math.min(polls++, statuses.length - 1)] as string, 1, 2)),
    });
    const drift: DriftInfo[] = [];
    const client = createMediaIntelligenceClient({
      accessKey: TEST_ACCESS_KEY,
      secretKey: TEST_SECRET_KEY,
      baseUrl: gateway.url,
      sleep: async () => {},
      hooks: { onDrift: (info) => drift.push(info) },
    });
    const seen: string[] = [];
    const final = await client.sceneSummaries.wait(ASSET, {
      intervalMs: 1_000,
      onProgress: (p) => seen.push(p.status),
    });
    expect(final.status).toBe("SUMMARIZE_COMPLETED");
    expect(seen).toEqual(statuses);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ path: "$.result.status", received: "string" });
  });
});
