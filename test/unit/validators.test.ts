/**
 * The response checks generated from openapi.yaml (src/generated/checks.ts and the operation
 * table, by scripts/generate-operations.mjs), read by src/validate.ts: the spec's own examples
 * pass strictly; every departure is named by its JSON path, what the spec expects and the kind
 * received; lax, only a body without what the SDK acts on is refused; and the generated code
 * imports nothing and evaluates no code, so it runs in any runtime.
 */
import { execFile } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { operationTable } from "../../src/generated/operations.js";
import type { OperationId } from "../../src/operation.js";
import { checkBody, placeOf } from "../../src/validate.js";
import { documentedResponses, readSpec } from "../contract/support/spec.js";
import { ID } from "../support/operations.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SPEC = join(ROOT, "openapi.yaml");
const GENERATOR = join(ROOT, "scripts/generate-operations.mjs");
const run = promisify(execFile);

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

/** STATUS with `result` changed; an `undefined` value removes the field. */
function status(result: Record<string, unknown>) {
  const merged = { ...STATUS.result, ...result };
  for (const [key, value] of Object.entries(merged))
    if (value === undefined) delete merged[key as never];
  return { ...STATUS, result: merged };
}

/** The departures of a body, lax. */
function departures(id: OperationId, body: unknown) {
  const check = checkBody(id, body, false);
  if (!check.ok) throw new Error(`refused: ${JSON.stringify(check.departure)}`);
  return check.departures;
}

/** The departure that refuses a body, strict or lax. */
function refusal(id: OperationId, body: unknown, strict: boolean) {
  const check = checkBody(id, body, strict);
  if (check.ok) throw new Error("accepted");
  return check.departure;
}

describe("the spec's success examples", () => {
  const examples = documentedResponses(readSpec(SPEC)).filter((r) => /^2\d\d$/.test(r.status));

  test("every operation of the spec is in the table", () => {
    const operations = new Set(examples.map((r) => r.operationId));
    expect(Object.keys(operationTable).sort()).toEqual([...operations].sort());
  });

  test.each(examples.map((r) => [`${r.operationId} ${r.example}`, r] as const))(
    "%s matches strictly, with no departure",
    (_, r) => {
      const id = r.operationId as OperationId;
      expect(checkBody(id, r.value, true)).toEqual({ ok: true, body: r.value, departures: [] });
    },
  );
});

describe("departures name the path, what was expected and the kind received", () => {
  test("another type where a nullable array was", () => {
    expect(departures(ID.indexStatus, status({ targetSceneIds: "2,5" }))).toEqual([
      { path: "$.result.targetSceneIds", expected: "must be array or null", received: "string" },
    ]);
  });

  test("a string where an integer was", () => {
    expect(departures(ID.assetStatus, status({ analyzedSceneCount: "3" }))).toEqual([
      {
        path: "$.result.analyzedSceneCount",
        expected: "must be integer or null",
        received: "string",
      },
    ]);
  });

  test("a missing required field the SDK does not act on", () => {
    const { message: _, ...body } = STATUS;
    expect(departures(ID.assetStatus, body)).toEqual([
      { path: "$.message", expected: "a required property", received: "missing" },
    ]);
  });

  test("a value outside an enum lists the values the pages name, never the value", () => {
    expect(departures(ID.assetStatus, status({ status: "SUMMARIZE_PAUSED" }))).toEqual([
      {
        path: "$.result.status",
        expected:
          "must be one of BEFORE_SUMMARIZE, WAIT_SUMMARIZE, SUMMARIZING, SUMMARIZE_COMPLETED, SUMMARIZE_FAIL, SUMMARIZE_CANCELED",
        received: "string",
      },
    ]);
  });

  test("a date-time with an offset misses the pattern, and is not also 'must be null'", () => {
    expect(
      departures(ID.assetStatus, status({ requestedTime: "2026-04-17T10:30:00+09:00" })),
    ).toEqual([
      {
        path: "$.result.requestedTime",
        expected: expect.stringMatching(/^must match the pattern \^\\d\{4\}-/),
        received: "string",
      },
    ]);
  });

  test("a nullable reference of another type lists both types", () => {
    expect(departures(ID.assetStatus, status({ completedTime: 42 }))).toEqual([
      { path: "$.result.completedTime", expected: "must be string or null", received: "integer" },
    ]);
  });

  test("inside a nullable object: the inner departure alone", () => {
    const body = structuredClone(SUMMARIES);
    Object.assign(body.result.sceneSummaries[1]?.sceneSummary ?? {}, {
      description: 5,
      tone: "calm",
    });
    expect(departures(ID.assetResult, body)).toEqual([
      {
        path: "$.result.sceneSummaries[1].sceneSummary.description",
        expected: "must be string",
        received: "integer",
      },
      {
        path: "$.result.sceneSummaries[1].sceneSummary.tone",
        expected: "no such property (openapi.yaml does not declare it)",
        received: "string",
      },
    ]);
  });

  test("null where the spec allows none", () => {
    const body = structuredClone(SUMMARIES);
    Object.assign(body.result, { indexId: null });
    expect(departures(ID.assetResult, body)).toEqual([
      { path: "$.result.indexId", expected: "must be integer", received: "null" },
    ]);
  });

  test("unknown fields, nested ones too", () => {
    const body = structuredClone(SUMMARIES);
    Object.assign(body.result, { extra: [1] });
    Object.assign(body.result.sceneSummaries[1]?.sceneSummary ?? {}, { "odd key": true });
    expect(departures(ID.indexResult, body)).toEqual([
      {
        path: '$.result.sceneSummaries[1].sceneSummary["odd key"]',
        expected: "no such property (openapi.yaml does not declare it)",
        received: "boolean",
      },
      {
        path: "$.result.extra",
        expected: "no such property (openapi.yaml does not declare it)",
        received: "array",
      },
    ]);
  });

  test("names from the server are escaped and shortened in the path", () => {
    const hostile = status({ "a\u0085\u001b[31m\u2028b": 1 });
    expect(departures(ID.indexStatus, hostile)[0]?.path).toBe(
      '$.result["a\\u0085\\u001b[31m\\u2028b"]',
    );
    const long = status({ ["x".repeat(100_000)]: 1 });
    expect(departures(ID.indexStatus, long)[0]?.path).toBe(`$.result["${"x".repeat(100)}…"]`);
  });

  test("open objects take any field, strictly too", () => {
    const body = { code: "0", message: "success", result: { anything: [1] } };
    expect(checkBody(ID.assetRequest, body, true)).toMatchObject({
      ok: true,
      departures: [],
    });
  });

  test("a departure of every scene is one place", () => {
    const body = structuredClone(SUMMARIES);
    for (const scene of body.result.sceneSummaries) Object.assign(scene, { extra: 1 });
    const places = new Set(departures(ID.assetResult, body).map((d) => placeOf(d.path)));
    expect([...places]).toEqual(["$.result.sceneSummaries[*].extra"]);
  });
});

describe("lax: only a body without what the SDK acts on is refused", () => {
  test.each([
    ["no status", status({ status: undefined }), "$.result.status", "a required property"],
    ["a status that is not a string", status({ status: 3 }), "$.result.status", "must be string"],
    ["no result", { code: "0", message: "success" }, "$.result", "a required property"],
  ])("%s", (_, body, path, expected) => {
    for (const strict of [false, true]) {
      expect(refusal(ID.assetStatus, body, strict)).toMatchObject({ path, expected });
    }
  });

  test.each([
    ["no scene list", { result: {} }, "$.result.sceneSummaries", "a required property"],
    [
      "a scene without endMs",
      { result: { sceneSummaries: [{ scene: 1, startMs: 0 }] } },
      "$.result.sceneSummaries[0].endMs",
      "a required property",
    ],
    [
      "a negative start",
      { result: { sceneSummaries: [{ scene: 1, startMs: -1, endMs: 2 }] } },
      "$.result.sceneSummaries[0].startMs",
      "must be >= 0",
    ],
    [
      "a scene number as text",
      { result: { sceneSummaries: [{ scene: "1", startMs: 0, endMs: 2 }] } },
      "$.result.sceneSummaries[0].scene",
      "must be integer",
    ],
  ])("%s", (_, body, path, expected) => {
    expect(refusal(ID.assetResult, body, false)).toMatchObject({ path, expected });
  });

  test("a body that is not an object at all", () => {
    for (const body of [null, "ok", [STATUS]]) {
      expect(refusal(ID.indexStatus, body, false)).toMatchObject({
        path: "$",
        expected: "must be object",
      });
    }
  });

  test("everything else passes lax and is refused strict, naming the first departure", () => {
    const body = status({ status: "QUEUED", sceneSummaryId: null, extra: {} });
    expect(checkBody(ID.assetStatus, body, false)).toMatchObject({ ok: true, body });
    expect(refusal(ID.assetStatus, body, true)).toEqual({
      path: "$.result.status",
      expected: expect.stringMatching(/^must be one of BEFORE_SUMMARIZE, /),
      received: "string",
    });
  });
});

describe("the generator", () => {
  const table = readFileSync(join(ROOT, "src/generated/operations.ts"), "utf8");
  const checks = readFileSync(join(ROOT, "src/generated/checks.ts"), "utf8");

  test("the checks import nothing and evaluate no code, so they run in browsers, Deno, Bun and workerd", () => {
    expect(checks).not.toMatch(/\bimport\b|\brequire\(|\bnew Function\b|\beval\(/);
  });

  test("npm run check:generated fails when a file is stale", async () => {
    const directory = mkdtempSync(join(tmpdir(), "operations-"));
    writeFileSync(join(directory, "operations.ts"), table);
    writeFileSync(join(directory, "checks.ts"), checks);
    await expect(
      run("node", [GENERATOR, "--check", "--out-dir", directory]),
    ).resolves.toBeDefined();
    writeFileSync(join(directory, "operations.ts"), table.replace('"GET"', '"PUT"'));
    await expect(run("node", [GENERATOR, "--check", "--out-dir", directory])).rejects.toMatchObject(
      {
        code: 1,
        stderr: expect.stringContaining("operations.ts is out of date with openapi.yaml"),
      },
    );
  }, 60_000);

  test("npm run check:generated names the stale types and the command that regenerates them", async () => {
    // A copy of what the check reads, so that making a file stale touches nothing of the repo's.
    const copy = mkdtempSync(join(tmpdir(), "check-generated-"));
    for (const file of [
      "openapi.yaml",
      "redocly.yaml",
      "scripts/check-generated.mjs",
      "scripts/generate-operations.mjs",
      "src/generated/openapi.ts",
      "src/generated/operations.ts",
      "src/generated/checks.ts",
    ]) {
      cpSync(join(ROOT, file), join(copy, file));
    }
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
    const check = () => run("node", ["scripts/check-generated.mjs"], { cwd: copy });
    await expect(check()).resolves.toBeDefined();
    appendFileSync(join(copy, "src/generated/openapi.ts"), "// edited by hand\n");
    await expect(check()).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        "src/generated/openapi.ts is out of date with openapi.yaml: run `npm run generate`.",
      ),
    });
  }, 60_000);

  test("the request checks leave what a `not` refuses open: closing it would let more through", async () => {
    // Opened, the body takes any field; its `not` still refuses sceneIds with locale, with or
    // without another field beside them.
    const spec = parse(readFileSync(SPEC, "utf8"));
    spec.components.schemas.AssetSceneSummaryRequest.additionalProperties = true;
    const directory = mkdtempSync(join(tmpdir(), "operations-"));
    const copy = join(directory, "openapi.yaml");
    writeFileSync(copy, stringify(spec));
    await run("node", [GENERATOR, "--spec", copy, "--out-dir", directory]);
    const { request0 } = await import(join(directory, "checks.ts"));
    expect(request0({ extra: 1 })).toBe(true);
    expect(request0({ sceneIds: [1], locale: "en" })).toBe(false);
    expect(request0({ sceneIds: [1], locale: "en", extra: 1 })).toBe(false);
  }, 60_000);

  test("refuses an x-sdk-enforced field the spec does not require", async () => {
    const spec = parse(readFileSync(SPEC, "utf8"));
    spec.components.schemas.SceneSummaryStatus["x-sdk-enforced"].push("requestedTime");
    const directory = mkdtempSync(join(tmpdir(), "operations-"));
    const copy = join(directory, "openapi.yaml");
    writeFileSync(copy, stringify(spec));
    await expect(
      run("node", [GENERATOR, "--spec", copy, "--out-dir", directory]),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        "x-sdk-enforced names requestedTime, which the schema does not require",
      ),
    });
  }, 60_000);
});
