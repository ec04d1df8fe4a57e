/**
 * Prism checks requests as well as responses: a request the spec does not allow is refused,
 * and one it allows goes through without a violation. What Prism 5.14 does in each case was
 * observed, not assumed; the comments say what it does.
 */
import createClient from "openapi-fetch";
import { describe, expect, inject, test } from "vitest";
import {
  createMediaIntelligenceApi,
  createMediaIntelligenceClient,
  createSigningMiddleware,
  InvalidInputError,
  MediaIntelligenceError,
  type paths,
} from "../../src/index.js";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { EXAMPLE_ASSET_IDS, EXAMPLE_IDS as IDS } from "../support/ids.js";
import { OPERATION_ENTRIES } from "../support/operations.js";
import { ASSET_PARAMS, INDEX_PARAMS, RUN_PARAMS as PATH_PARAMS, PATHS } from "./support/calls.js";
import { type RequestChanges, recordingFetch } from "./support/recording-fetch.js";
import { readSpec } from "./support/spec.js";

const STATUS_PATH = PATHS.indexStatus;

const prismUrl = inject("prismUrl");
const spec = readSpec(inject("specPath"));

/** The headers the spec's security schemes require, lower-cased. */
const securityHeaders: string[] = Object.values<{ in: string; name: string }>(
  spec.components.securitySchemes,
)
  .filter((scheme) => scheme.in === "header")
  .map((scheme) => scheme.name.toLowerCase());

/** The real client, with its requests changed on the way to Prism. */
function clientSending(changes: RequestChanges = {}) {
  const prism = recordingFetch(changes);
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: prismUrl,
    fetch: prism.fetch,
    retries: 0,
    // Strict in development: any departure from openapi.yaml fails the test.
    strictResponses: true,
  });
  return { client, exchanges: prism.exchanges };
}

/**
 * The signed spec-level client, with its requests changed on the way to Prism: it sends what
 * the typed client would refuse to build, such as a body of the wrong type.
 */
function apiSending(changes: RequestChanges = {}) {
  const prism = recordingFetch(changes);
  const api = createMediaIntelligenceApi({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: prismUrl,
    fetch: prism.fetch,
  });
  return { api, exchanges: prism.exchanges };
}

/** Prism's violation when a security header is missing. */
const SECURITY_VIOLATION = {
  location: ["request"],
  severity: "Error",
  code: 401,
  message: "Invalid security scheme used",
};

describe("requests the spec allows", () => {
  test.each(OPERATION_ENTRIES)(
    "the real client's %s requests pass Prism's checks",
    async (_operationId, { call }) => {
      const { client, exchanges } = clientSending();
      await call(client);
      expect(exchanges.length).toBeGreaterThan(0);
      for (const { report } of exchanges) {
        expect(report).toEqual({ status: 200, violations: [], problem: undefined });
      }
    },
  );

  test.each([
    ["a partial re-analysis", { sceneIds: [2, 5, 7] }],
    ["a full analysis with a locale", { locale: "any-string" }],
    ["no fields", {}],
  ])("the real client's asset-based request with %s passes", async (_name, body) => {
    const { client, exchanges } = clientSending();
    await client.sceneSummaries.request(EXAMPLE_ASSET_IDS, body);
    // The status read first, then the request.
    expect(exchanges.map((e) => [e.method, e.report])).toEqual([
      ["GET", { status: 200, violations: [], problem: undefined }],
      ["POST", { status: 200, violations: [], problem: undefined }],
    ]);
  });

  // The spec-level client (openapi-fetch) sends no body at all when given none.
  test("an asset-based request without a body passes: the body is optional", async () => {
    const { api, exchanges } = apiSending();
    await api.POST(PATHS.assetSummary, { params: { path: ASSET_PARAMS } });
    expect(exchanges.map((e) => e.report)).toEqual([
      { status: 200, violations: [], problem: undefined },
    ]);
  });

  test("the client sends every header the spec's security schemes require", async () => {
    const { client, exchanges } = clientSending();
    // Whatever Prism answers, this test is about what was sent.
    await client.getSceneSummaryStatus(IDS).catch(() => undefined);
    const sent = [...(exchanges[0]?.headers.keys() ?? [])];
    expect(securityHeaders).toHaveLength(3);
    expect(sent).toEqual(expect.arrayContaining(securityHeaders));
  });
});

describe("requests the spec refuses", () => {
  test("an unsigned request (openapi-fetch without the signing middleware) gets 401", async () => {
    const plain = createClient<paths>({ baseUrl: prismUrl });
    const { response, error } = await plain.GET(STATUS_PATH, { params: { path: PATH_PARAMS } });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toEqual([SECURITY_VIOLATION]);
    // Prism answers with the spec's first 401 example.
    expect(error).toEqual({
      error: {
        errorCode: "200",
        message: "Authentication Failed",
        details: "Invalid authentication information.",
      },
    });
  });

  // The three headers are one security requirement: each is needed, not just one of them.
  test.each(securityHeaders)("a request without %s gets 401", async (header) => {
    const { client, exchanges } = clientSending({ drop: header });
    const error = await client.getSceneSummaryStatus(IDS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaIntelligenceError);
    expect(error).toMatchObject({ kind: "gateway", status: 401, code: "200" });
    expect(exchanges.map((e) => e.report.violations)).toEqual([[SECURITY_VIOLATION]]);
  });

  // Every path parameter has `minLength: 1`. An empty one leaves an empty segment, which
  // Prism reads as a missing parameter. Because the spec documents a 400, Prism answers with
  // its first 400 example (gateway error 100) rather than its own 422 problem.
  test.each(Object.keys(PATH_PARAMS))("an empty %s gets 400", async (name) => {
    const signed = createClient<paths>({ baseUrl: prismUrl });
    signed.use(createSigningMiddleware({ accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY }));
    const { response, error } = await signed.GET(STATUS_PATH, {
      params: { path: { ...PATH_PARAMS, [name]: "" } },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: { errorCode: "100", message: "Bad Request Exception" } });
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toEqual([
      {
        location: ["request", "path"],
        severity: "Error",
        code: "required",
        message: `Request path must have required property '${name}'`,
      },
    ]);
  });

  // A body the spec refuses. Prism 5.14 answers a request it refuses with the operation's
  // documented 400 when there is one (its first example, gateway error 100), not with its own
  // 422 problem, and names the violation in `sl-violations`.
  test.each([
    [
      "asset-based",
      PATHS.assetSummary,
      ASSET_PARAMS,
      { sceneIds: ["x"] },
      "Request body property sceneIds.0 must be integer",
    ],
    [
      "asset-based",
      PATHS.assetSummary,
      ASSET_PARAMS,
      { locale: 42 },
      "Request body property locale must be string",
    ],
    [
      "asset-based",
      PATHS.assetSummary,
      ASSET_PARAMS,
      { sceneIds: 3 },
      "Request body property sceneIds must be array",
    ],
    [
      "asset-based",
      PATHS.assetSummary,
      ASSET_PARAMS,
      { sceneIds: [3], locale: "en" },
      "Request body must NOT be valid",
    ],
    [
      "index-based",
      PATHS.indexSummaries,
      INDEX_PARAMS,
      { sceneIds: [1.5] },
      "Request body property sceneIds.0 must be integer",
    ],
  ] as const)(
    "an %s request with the body %j gets 400: %s",
    async (_generation, path, params, body, message) => {
      const { api, exchanges } = apiSending();
      // The point is a body the types refuse.
      const { response, error } = await api.POST(path, {
        params: { path: params },
        body: body as never,
      });
      expect(response.status).toBe(400);
      expect(error).toEqual({ error: { errorCode: "100", message: "Bad Request Exception" } });
      // A number that is not a whole one also misses the `int64` format: one body, two words.
      expect(exchanges.map((e) => e.report.violations)).toEqual([
        expect.arrayContaining([
          {
            location: expect.arrayContaining(["request", "body"]),
            severity: "Error",
            code: expect.any(String),
            message,
          },
        ]),
      ]);
    },
  );

  test("the real client refuses an empty id itself, and sends nothing", async () => {
    const { client, exchanges } = clientSending();
    await expect(client.getSceneSummaryStatus({ ...IDS, workspaceName: "" })).rejects.toThrow(
      InvalidInputError,
    );
    expect(exchanges).toEqual([]);
  });

  // A path the spec does not have (as after renaming a path in the spec and regenerating):
  // Prism answers 404 with its own problem, which the client reports as unreadable.
  test("a path the spec does not have gets Prism's 404 problem", async () => {
    const { client, exchanges } = clientSending({ url: (url) => url.replace(/status$/, "state") });
    const error = await client.getSceneSummaryStatus(IDS).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid-response", status: 404 });
    expect(exchanges[0]?.report.problem).toMatchObject({
      type: "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR",
      status: 404,
    });
  });
});

describe("what Prism lets through", () => {
  // OpenAPI has no way to forbid query parameters it does not declare, and Prism 5.14 does
  // not flag them: a stray parameter is not caught by the mock.
  test("an undeclared query parameter passes", async () => {
    const { client, exchanges } = clientSending({ url: (url) => `${url}?verbose=1` });
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(exchanges.map((e) => e.report)).toEqual([
      { status: 200, violations: [], problem: undefined },
    ]);
  });
});
