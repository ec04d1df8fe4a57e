/**
 * The response validators generated from openapi.yaml (src/generated/validators.ts, by
 * scripts/generate-validators.mjs): the spec's own examples pass, each kind of violation is
 * reported with its JSON path and what was expected, unknown fields pass unless asked not to,
 * and the generated code imports nothing and evaluates no code, so it runs in any runtime.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import {
  type ValidatedOperationId,
  validatedOperationIds,
  validateResponse,
} from "../../src/generated/validators.js";
import { documentedResponses, readSpec } from "../contract/support/spec.js";

const SPEC = fileURLToPath(new URL("../../openapi.yaml", import.meta.url));
const GENERATED = fileURLToPath(new URL("../../src/generated/validators.ts", import.meta.url));
const GENERATOR = fileURLToPath(new URL("../../scripts/generate-validators.mjs", import.meta.url));

const STATUS = {
  code: "0",
  message: "success",
  result: {
    status: "SUMMARIZING",
    statusMessage: null,
    sceneSummaryId: 101,
    targetSceneIds: null,
    analyzedSceneCount: 3,
    totalSceneCount: 10,
    requestedTime: "2026-04-17T10:30:00",
    completedTime: null,
  },
};

const SUMMARIES = {
  code: "0",
  message: "success",
  result: {
    indexId: 1001,
    sceneSummaries: [
      { scene: 1, startMs: 0, endMs: 1000 },
      {
        scene: 2,
        startMs: 1000,
        endMs: 2000,
        sceneSummary: {
          description: "A scene.",
          metadataChangedAfterSummary: false,
          analyzedAt: "2026-04-17T10:30:00",
        },
      },
    ],
  },
};

/** STATUS with `result` changed. */
function status(result: Record<string, unknown>) {
  return { ...STATUS, result: { ...STATUS.result, ...result } };
}

describe("the spec's success examples", () => {
  const examples = documentedResponses(readSpec(SPEC)).filter((r) => /^2\d\d$/.test(r.status));

  test("every operation of the spec has a validator", () => {
    const operations = new Set(examples.map((r) => r.operationId));
    expect([...validatedOperationIds].sort()).toEqual([...operations].sort());
  });

  test.each(examples.map((r) => [`${r.operationId} ${r.example}`, r] as const))(
    "%s is valid, strictly too",
    (_, r) => {
      const id = r.operationId as ValidatedOperationId;
      expect(validateResponse(id, r.value)).toEqual({ ok: true });
      expect(validateResponse(id, r.value, { allowUnknownFields: false })).toEqual({ ok: true });
    },
  );
});

describe("violations name the path and what was expected", () => {
  test("a wrong type", () => {
    expect(validateResponse("getSceneSummaryStatus", status({ targetSceneIds: "2,5" }))).toEqual({
      ok: false,
      path: "$.result.targetSceneIds",
      expected: "must be array or null",
    });
  });

  test("a missing required property is pointed at itself", () => {
    expect(validateResponse("getSceneSummaryStatus", status({ status: undefined }))).toEqual({
      ok: false,
      path: "$.result.status",
      expected: "required property status is missing",
    });
  });

  test("a value outside an enum lists the allowed values", () => {
    expect(validateResponse("getAssetSceneSummaryStatus", status({ status: "DONE" }))).toEqual({
      ok: false,
      path: "$.result.status",
      expected:
        "must be one of BEFORE_SUMMARIZE, WAIT_SUMMARIZE, SUMMARIZING, SUMMARIZE_COMPLETED, SUMMARIZE_FAIL, SUMMARIZE_CANCELED",
    });
  });

  test("a date-time that is not one", () => {
    expect(validateResponse("getSceneSummaryStatus", status({ requestedTime: "today" }))).toEqual({
      ok: false,
      path: "$.result.requestedTime",
      expected: expect.stringMatching(/^must match the pattern \^\\d\{4\}-/),
    });
  });

  test("array elements by index, below the minimum", () => {
    const body = structuredClone(SUMMARIES);
    Object.assign(body.result.sceneSummaries[1] ?? {}, { startMs: -1 });
    expect(validateResponse("getAssetSceneSummary", body)).toEqual({
      ok: false,
      path: "$.result.sceneSummaries[1].startMs",
      expected: "must be >= 0",
    });
  });

  test("a body that is not an object at all", () => {
    for (const body of [null, "ok", [STATUS]]) {
      expect(validateResponse("getSceneSummaryStatus", body)).toEqual({
        ok: false,
        path: "$",
        expected: "must be object",
      });
    }
  });

  test("an empty envelope misses its code first", () => {
    expect(validateResponse("cancelSceneSummary", {})).toEqual({
      ok: false,
      path: "$.code",
      expected: "required property code is missing",
    });
  });

  test("an inferred field of an open result is still checked", () => {
    const body = { code: "0", message: "success", result: { sceneSummaryId: "101" } };
    expect(validateResponse("requestSceneSummaries", body)).toEqual({
      ok: false,
      path: "$.result.sceneSummaryId",
      expected: "must be integer",
    });
  });
});

describe("unknown fields", () => {
  const extended = status({ newField: 1 });

  test("are allowed by default", () => {
    expect(validateResponse("getSceneSummaryStatus", extended)).toEqual({ ok: true });
    expect(validateResponse("getSceneSummaryStatus", extended, {})).toEqual({ ok: true });
  });

  test("are refused in strict mode, nested ones too", () => {
    const strict = { allowUnknownFields: false };
    expect(validateResponse("getSceneSummaryStatus", extended, strict)).toEqual({
      ok: false,
      path: "$.result.newField",
      expected: "unknown property is not allowed",
    });
    const body = structuredClone(SUMMARIES);
    Object.assign(body.result.sceneSummaries[1]?.sceneSummary ?? {}, { "odd key": true });
    expect(validateResponse("getSceneSummaries", body, strict)).toEqual({
      ok: false,
      path: '$.result.sceneSummaries[1].sceneSummary["odd key"]',
      expected: "unknown property is not allowed",
    });
  });

  test("named by the server are escaped and shortened in the path", () => {
    const strict = { allowUnknownFields: false };
    const hostile = status({ "a\u0085\u001b[31m\u2028b": 1 });
    expect(validateResponse("getSceneSummaryStatus", hostile, strict)).toMatchObject({
      path: '$.result["a\\u0085\\u001b[31m\\u2028b"]',
    });
    const long = status({ ["x".repeat(100_000)]: 1 });
    expect(validateResponse("getSceneSummaryStatus", long, strict)).toMatchObject({
      path: `$.result["${"x".repeat(100)}…"]`,
    });
  });

  test("stay allowed in strict mode where the spec says the object is open", () => {
    const body = { code: "0", message: "success", result: { anything: [1] } };
    expect(
      validateResponse("requestAssetSceneSummary", body, { allowUnknownFields: false }),
    ).toEqual({ ok: true });
  });
});

test("an operation without a validator is a programming error", () => {
  expect(() => validateResponse("toString" as ValidatedOperationId, {})).toThrow(TypeError);
});

describe("the generated file", () => {
  const source = readFileSync(GENERATED, "utf8");

  test("imports nothing and evaluates no code, so it runs in browsers, Deno, Bun and workerd", () => {
    expect(source).not.toMatch(/\bimport\b|\brequire\(|\bnew Function\b|\beval\(/);
  });

  test("npm run check:generated fails when it is stale", async () => {
    const run = promisify(execFile);
    const copy = join(mkdtempSync(join(tmpdir(), "validators-")), "validators.ts");
    writeFileSync(copy, source);
    await expect(run("node", [GENERATOR, "--check", "--output", copy])).resolves.toBeDefined();
    writeFileSync(copy, source.replace("must be", "has to be"));
    await expect(run("node", [GENERATOR, "--check", "--output", copy])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("is out of date with openapi.yaml"),
    });
  }, 60_000);
});
