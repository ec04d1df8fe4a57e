/**
 * Request bodies are held to openapi.yaml before anything is sent, by the check generated from
 * each operation's request body schema (src/generated/checks.ts, read by src/validate.ts): a
 * body the spec does not allow is an `InvalidInputError` naming the field at fault by its JSON
 * path and what the spec wants there, thrown before the request is signed, before the hooks
 * hear of it and before it takes a turn of the rate limiter; the CLI and the MCP tools word it
 * as they word any bad input.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, test } from "vitest";
import { parse } from "yaml";
import { exitCodeOf } from "../../src/cli/exit-codes.js";
import { describeToolError } from "../../src/cli/mcp/messages.js";
import { TOOLS } from "../../src/cli/mcp/tools/index.js";
import { describeError } from "../../src/cli/messages.js";
import { operationTable } from "../../src/generated/operations.js";
import {
  createMediaIntelligenceClient,
  InvalidInputError,
  type MediaIntelligenceClient,
  type MediaIntelligenceClientOptions,
} from "../../src/index.js";
import type { OperationId } from "../../src/operation.js";
import { checkRequestBody } from "../../src/validate.js";
import { statusResult, TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { EXAMPLE_ASSET_IDS as ASSET, EXAMPLE_IDS as INDEX } from "../support/ids.js";
import { ID } from "../support/operations.js";
import { virtualTime } from "../support/virtual-time.js";

// biome-ignore lint/suspicious/noExplicitAny: bodies from JavaScript callers are untyped.
type Any = any;

/** A body the spec refuses, the field the error names, and what it says of it. */
type Refused = [label: string, body: unknown, field: string, reason: string];

/** Bodies of the asset-based request that openapi.yaml refuses. */
const ASSET_REFUSED: Refused[] = [
  ["an empty locale", { locale: "" }, "locale", "must not be empty"],
  ["a locale that is not a string", { locale: 5 }, "locale", "must be a string, got an integer"],
  ["sceneIds as a string", { sceneIds: "3" }, "sceneIds", "must be an array, got a string"],
  [
    "a scene id that is not whole",
    { sceneIds: [1.5] },
    "sceneIds[0]",
    "must be an integer, got a non-integer number",
  ],
  ["a scene id as text", { sceneIds: [1, "2"] }, "sceneIds[1]", "must be an integer, got a string"],
  [
    "a scene id past the safe integers, which JSON would send as 1e+21",
    { sceneIds: [1e21] },
    "sceneIds[0]",
    "must be at most 9007199254740991, the largest integer JavaScript sends exactly",
  ],
  [
    "a scene id below the safe integers",
    { sceneIds: [-(2 ** 60)] },
    "sceneIds[0]",
    "must be at least -9007199254740991, the smallest integer JavaScript sends exactly",
  ],
  [
    "a hole in the list, which JSON sends as null",
    { sceneIds: new Array<number>(3).fill(1, 0, 1).fill(3, 2) },
    "sceneIds[1]",
    "must be an integer, got null",
  ],
  [
    "a misspelt field",
    { sceneId: [3] },
    "sceneId",
    "is not a field openapi.yaml declares here; the fields are sceneIds, locale",
  ],
  ["a body that is not an object", "sceneIds=3", "body", "must be an object, got a string"],
  [
    "FormData, which would go as multipart",
    new FormData(),
    "body",
    "must be a plain object of JSON fields",
  ],
  ["a Map", new Map([["sceneIds", [3]]]), "body", "must be a plain object of JSON fields"],
  ["null", null, "body", "must be an object, got null"],
  ["an array", [{ sceneIds: [3] }], "body", "must be an object, got an array"],
];

/** Bodies of the index-based request that openapi.yaml refuses. */
const INDEX_REFUSED: Refused[] = [
  ["sceneIds as a string", { sceneIds: "3" }, "sceneIds", "must be an array, got a string"],
  [
    "a scene id that is not a number, which JSON sends as null",
    { sceneIds: [Number.NaN] },
    "sceneIds[0]",
    "must be an integer, got null (NaN, which JSON sends as null)",
  ],
  [
    "a scene id that is not whole",
    { sceneIds: [3, 1.5] },
    "sceneIds[1]",
    "must be an integer, got a non-integer number",
  ],
  [
    "locale, which the index-based API does not take",
    { locale: "en" },
    "locale",
    "is not a field openapi.yaml declares here; the fields are sceneIds",
  ],
  [
    "a misspelt field",
    { sceneId: [3] },
    "sceneId",
    "is not a field openapi.yaml declares here; the fields are sceneIds",
  ],
  ["a number for a body", 3, "body", "must be an object, got an integer"],
];

/** The request body examples of openapi.yaml, by operation. */
function requestExamples(): Array<[OperationId, string, unknown]> {
  const spec = parse(readFileSync(new URL("../../openapi.yaml", import.meta.url), "utf8"));
  return Object.values(spec.paths).flatMap((item: Any) =>
    Object.values(item).flatMap((operation: Any) =>
      Object.entries(operation?.requestBody?.content?.["application/json"]?.examples ?? {}).map(
        ([name, example]: [string, Any]) => [operation.operationId, name, example.value],
      ),
    ),
  ) as Array<[OperationId, string, unknown]>;
}

/** The error `checkRequestBody` throws for `body`; fails if it throws none. */
function refusal(id: OperationId, body: unknown): InvalidInputError {
  try {
    checkRequestBody(id, body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe("checkRequestBody", () => {
  test("the operations that take a JSON body have a check, the others none", () => {
    const withCheck = Object.entries(operationTable)
      .filter(([, op]) => op.bodyCheck !== null)
      .map(([id]) => id);
    const withBody = Object.entries(operationTable)
      .filter(([, op]) => op.requestBody)
      .map(([id]) => id);
    expect(withCheck).toEqual([ID.assetRequest, ID.indexRequest]);
    expect(withCheck).toEqual(withBody);
  });

  const examples = requestExamples();
  test.each(examples)("the spec's example passes: %s %s", (id, _, body) => {
    expect(() => checkRequestBody(id, body)).not.toThrow();
  });

  test.each([
    [ID.assetRequest, undefined],
    [ID.assetRequest, {}],
    [ID.assetRequest, { sceneIds: [] }],
    [ID.assetRequest, { sceneIds: [1, 3, 5] }],
    [ID.assetRequest, { locale: "ko" }],
    [ID.indexRequest, undefined],
    [ID.indexRequest, {}],
    [ID.indexRequest, { sceneIds: [0, 2 ** 40] }],
    [ID.indexRequest, { sceneIds: [Number.MAX_SAFE_INTEGER] }],
    // What JSON does not send is not checked: a field set to undefined, an inherited one.
    [ID.assetRequest, { sceneIds: [1], locale: undefined }],
    [ID.assetRequest, Object.assign(Object.create({ inherited: 1 }), { sceneIds: [1] })],
  ])("%s accepts %j", (id, body) => {
    expect(() => checkRequestBody(id, body)).not.toThrow();
  });

  describe.each([
    [ID.assetRequest, ASSET_REFUSED],
    [ID.indexRequest, INDEX_REFUSED],
  ])("%s", (id, cases) => {
    test.each(cases)("refuses %s, naming the field and the rule", (_, body, field, reason) => {
      const error = refusal(id, body);
      expect(error).toMatchObject({ name: "InvalidInputError", field, reason });
      expect(error.message).toBe(`${field} ${reason}.`);
    });
  });

  test("a value of the wrong type is one error, whatever else it breaks", () => {
    expect(refusal(ID.assetRequest, { locale: [], sceneId: 1 })).toMatchObject({
      field: "locale",
      reason: "must be a string, got an array",
    });
  });

  test("the spec's `not` (no sceneIds with locale), reached without the resource, names both", () => {
    expect(refusal(ID.assetRequest, { sceneIds: [3], locale: "en" })).toMatchObject({
      field: "body",
      reason: "must not have sceneIds and locale together",
    });
  });

  test("a huge value is never echoed, a huge or hostile field name is cut and escaped", () => {
    const huge = "x".repeat(1_000_000);
    const wrongType = refusal(ID.assetRequest, { sceneIds: huge });
    expect(wrongType.message).toBe("sceneIds must be an array, got a string.");
    const longName = refusal(ID.indexRequest, { [huge]: 1 });
    expect(longName.field).toBe(`["${"x".repeat(100)}…"]`);
    expect(longName.message.length).toBeLessThan(200);
    const hostile = refusal(ID.indexRequest, { "a\u001b[31m\nb": 1 });
    expect(hostile.field).toBe('["a\\u001b[31m\\nb"]');
  });
});

/** What a call made of the client: fetches, `onRequest` hooks. */
interface Recorder {
  fetched: string[];
  hooked: string[];
}

/**
 * A client whose fetch records each call, answering a status read with a completed run and a
 * request with its acceptance.
 */
function setup(options: MediaIntelligenceClientOptions = {}) {
  const recorder: Recorder = { fetched: [], hooked: [] };
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: "https://mi.example.test",
    retries: 0,
    fetch: async (url, init) => {
      recorder.fetched.push(`${init.method} ${url}`);
      const result =
        init.method === "POST"
          ? { sceneSummaryId: 101 }
          : statusResult("SUMMARIZE_COMPLETED", 10, 10);
      return Response.json({ code: "0", message: "success", result });
    },
    hooks: { onRequest: (info) => recorder.hooked.push(info.operationId) },
    ...options,
  });
  return { client, recorder };
}

type Call = (client: MediaIntelligenceClient, body: Any) => Promise<unknown>;

/** A way the client sends a request body: its name, the operation it sends, the call. */
type Sender = [name: string, id: OperationId, call: Call];

const REQUESTS: Sender[] = [
  ["sceneSummaries.request", ID.assetRequest, (c, body) => c.sceneSummaries.request(ASSET, body)],
  [
    "indexSceneSummaries.request",
    ID.indexRequest,
    (c, body) => c.indexSceneSummaries.request(INDEX, body),
  ],
];

/** `summarize` takes the body's fields among its options, and sends those its API has. */
const SUMMARIZES: Array<[...Sender, fields: string[]]> = [
  [
    "sceneSummaries.summarize",
    ID.assetRequest,
    (c, body) => c.sceneSummaries.summarize(ASSET, body),
    ["sceneIds", "locale"],
  ],
  [
    "indexSceneSummaries.summarize",
    ID.indexRequest,
    (c, body) => c.indexSceneSummaries.summarize(INDEX, body),
    ["sceneIds"],
  ],
];

/** The refused bodies of operation `id`. */
const refusedOf = (id: OperationId) => (id === ID.assetRequest ? ASSET_REFUSED : INDEX_REFUSED);

/** Whether `body` is an object of only `fields`: options that `summarize` sends. */
const onlyOf = (fields: string[]) => (body: unknown) =>
  typeof body === "object" &&
  body !== null &&
  Object.getPrototypeOf(body) === Object.prototype &&
  Object.keys(body).every((key) => fields.includes(key));

describe("the client refuses a body the spec does not allow before anything is sent", () => {
  const cases = [
    // `request` takes null, as undefined, for no body: the full analysis.
    ...REQUESTS.flatMap(([name, id, call]) =>
      refusedOf(id)
        .filter(([, body]) => body !== null)
        .map(([label, body, field]) => [`${name}: ${label}`, call, body, field] as const),
    ),
    ...SUMMARIZES.flatMap(([name, id, call, fields]) =>
      refusedOf(id)
        .filter(([, body]) => onlyOf(fields)(body))
        .map(([label, body, field]) => [`${name}: ${label}`, call, body, field] as const),
    ),
  ];

  test("each generation's request and summarize meet several refused bodies", () => {
    for (const [name] of [...REQUESTS, ...SUMMARIZES]) {
      expect(cases.filter(([label]) => label.startsWith(`${name}:`)).length).toBeGreaterThan(2);
    }
  });

  it.each(cases)("%s", async (_, call, body, field) => {
    const { client, recorder } = setup();
    const error = await call(client, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(recorder).toEqual({ fetched: [], hooked: [] });
  });

  it.each(
    REQUESTS.map(([name, id, call]) => {
      const body = id === ID.assetRequest ? { locale: "ko" } : { sceneIds: [1, 3] };
      return [name, id, call, body] as const;
    }),
  )("%s still sends a body the spec allows", async (_, id, call, body) => {
    const { client, recorder } = setup();
    await call(client, body);
    expect(recorder.hooked.at(-1)).toBe(id);
    expect(recorder.fetched.at(-1)).toMatch(/^POST /);
  });

  it("summarizeMany checks its locale before it reads anything", () => {
    const { client, recorder } = setup();
    expect(() => client.sceneSummaries.summarizeMany([ASSET], { locale: "" })).toThrow(
      expect.objectContaining({ name: "InvalidInputError", field: "locale" }),
    );
    expect(recorder).toEqual({ fetched: [], hooked: [] });
  });

  it("a refused body takes no turn of the rate limiter", async () => {
    const time = virtualTime();
    const { client, recorder } = setup({
      maxRequestsPerSecond: 1,
      monotonicClock: time.now,
      sleep: time.sleep,
    });
    for (let i = 0; i < 3; i++) {
      await expect(
        client.indexSceneSummaries.request(INDEX, { sceneIds: [i + 0.5] }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    }
    // Had the refused calls taken their turns, this one would wait three seconds for its own.
    const status = client.sceneSummaries.status(ASSET);
    await time.settle();
    expect(recorder.fetched).toHaveLength(1);
    await status;
    expect(time.now()).toBe(0);
  });
});

describe("the CLI and the MCP tools word the refusal as bad input", () => {
  it("ncp-mi: bad --locale, exit 2", async () => {
    const { client } = setup();
    const error = await client.sceneSummaries.request(ASSET, { locale: "" }).catch((e) => e);
    expect(describeError(error, { baseUrlSource: "default" })).toBe(
      "bad --locale: --locale must not be empty.",
    );
    expect(exitCodeOf(error)).toBe(2);
  });

  it.each([
    [{ locale: "" }, "Bad argument: 'locale' must not be empty. Nothing was sent."],
    [
      { sceneIds: [1.5] },
      "sceneIds[0] must be an integer, got a non-integer number. Nothing was sent.",
    ],
  ])(
    "request_scene_summary with %j, its arguments unchecked: a tool error, nothing sent",
    async (args, says) => {
      const { client, recorder } = setup();
      const run = TOOLS.request_scene_summary.run(
        { workspace: ASSET.workspaceName, project: ASSET.projectId, asset: ASSET.assetId, ...args },
        {
          client,
          signal: new AbortController().signal,
          polling: {},
          onProgress: () => {},
          log: () => {},
        },
      );
      const error = await run.catch((e: unknown) => e);
      expect(describeToolError(error)).toBe(says);
      expect(recorder).toEqual({ fetched: [], hooked: [] });
    },
  );
});
