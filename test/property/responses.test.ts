/**
 * Property-based contract tests: for each operation of openapi.yaml, bodies generated from its
 * success schema (test/property/support/arbitrary.ts, one generic translation of the schema)
 *
 * - are accepted by the generated validators, with unknown fields and, without them, strictly;
 * - are rendered by every exporter when they carry a scene summary result; the one documented
 *   refusal is a `RangeError` naming a scene whose time is not a safe integer;
 * - once broken in one place (support/mutation.ts: a required field dropped, a type changed,
 *   an enum value outside the set, …) are rejected, the path and the expectation named, by
 *   the validators and by the real client (an `invalid-response` error).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { toMarkdown, toSrt, toTable, toWebVtt } from "../../src/export/index.js";
import {
  type ValidatedOperationId,
  validatedOperationIds,
  validateResponse,
} from "../../src/generated/validators.js";
import {
  createMediaIntelligenceClient,
  type MediaIntelligenceClient,
  MediaIntelligenceError,
} from "../../src/index.js";
import type { SceneSummaries } from "../../src/types.js";
import { arbitraryOf } from "./support/arbitrary.js";
import { mutationOf } from "./support/mutation.js";
import { RUNS } from "./support/runs.js";
import { deref, type Schema, SPEC, successSchemas } from "./support/schema.js";

/** The component that the exporters render, as the `result` of a success body. */
const EXPORTED = "#/components/schemas/SceneSummaries";
const EXPORTERS: Record<string, (result: SceneSummaries) => string> = {
  toWebVtt,
  toSrt,
  toMarkdown,
  toTable,
};

/** What `JSON.parse` would give for the value: the body as a client receives it. */
function asReceived(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Whether `error` is the exporters' documented refusal: a RangeError naming a scene of
 * `result` whose `startMs` or `endMs` is not a safe integer.
 */
function isDocumentedTimeError(error: unknown, result: SceneSummaries): boolean {
  if (!(error instanceof RangeError)) return false;
  const match = /^Scene (.+?): (startMs|endMs): Invalid timestamp /.exec(error.message);
  if (!match) return false;
  const [, scene, field] = match as unknown as [string, string, "startMs" | "endMs"];
  return result.sceneSummaries.some(
    (item) => String(item.scene) === scene && !Number.isSafeInteger(item[field]),
  );
}

const operations = successSchemas(SPEC);

test("every operation the validators check has its properties here", () => {
  const here = operations.map((o) => o.operationId).sort();
  expect(here).toEqual([...validatedOperationIds].sort());
});

test("the mutations break every kind of rule somewhere, so that no property is vacuous", () => {
  const kinds = new Set(
    operations.flatMap(({ schema }) => {
      const bodies = arbitraryOf(SPEC, schema).map(asReceived);
      return fc.sample(mutationOf(SPEC, schema, bodies), RUNS).map((m) => m.kind);
    }),
  );
  expect([...kinds].sort()).toEqual(["drop", "enum", "minimum", "pattern", "type"]);
});

describe.each(operations.map((o) => [o.operationId, o.schema] as const))("%s", (name, schema) => {
  const operationId = name as ValidatedOperationId;
  const bodies = arbitraryOf(SPEC, schema).map(asReceived);
  const declaredOnly = arbitraryOf(SPEC, schema, { unknownFields: false }).map(asReceived);

  test("every valid body is accepted, unknown fields and all", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        expect(validateResponse(operationId, body)).toEqual({ ok: true });
      }),
      RUNS,
    );
  });

  test("every valid body without unknown fields is accepted strictly", () => {
    fc.assert(
      fc.property(declaredOnly, (body) => {
        expect(validateResponse(operationId, body, { allowUnknownFields: false })).toEqual({
          ok: true,
        });
      }),
      RUNS,
    );
  });

  test("every body broken in one place is rejected, naming the path and what was expected", () => {
    fc.assert(
      fc.property(mutationOf(SPEC, schema, bodies), ({ body, path, expected }) => {
        expect(validateResponse(operationId, body)).toEqual({ ok: false, path, expected });
      }),
      RUNS,
    );
    // Strictly too, on bodies without unknown fields (which strict mode would report first).
    fc.assert(
      fc.property(mutationOf(SPEC, schema, declaredOnly), ({ body, path, expected }) => {
        const strict = { allowUnknownFields: false };
        expect(validateResponse(operationId, body, strict)).toEqual({ ok: false, path, expected });
      }),
      RUNS,
    );
  });

  test("an undeclared field is rejected strictly where the spec does not open the object", () => {
    fc.assert(
      fc.property(mutationOf(SPEC, schema, declaredOnly, ["unknown"]), (mutation) => {
        const { body, path, expected } = mutation;
        const strict = { allowUnknownFields: false };
        expect(validateResponse(operationId, body)).toEqual({ ok: true });
        expect(validateResponse(operationId, body, strict)).toEqual({ ok: false, path, expected });
      }),
      RUNS,
    );
  });
});

/** The operations whose success `result` is what the exporters render. */
const exported = operations.filter(
  (o) => (deref(SPEC, o.schema).properties?.result as Schema | undefined)?.$ref === EXPORTED,
);

test("some operations return what the exporters render", () => {
  expect(exported.length).toBeGreaterThan(0);
});

describe.each(exported.map((o) => [o.operationId, o.schema] as const))("%s result", (_, schema) => {
  const bodies = arbitraryOf(SPEC, schema).map(asReceived);

  test("every valid result is rendered by every exporter, or refused for an unsafe time as documented", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const { result } = body as { result: SceneSummaries };
        for (const [exporter, render] of Object.entries(EXPORTERS)) {
          let output: unknown;
          try {
            output = render(result);
          } catch (error) {
            if (isDocumentedTimeError(error, result)) continue;
            throw new Error(`${exporter} threw on a valid result: ${String(error)}`, {
              cause: error,
            });
          }
          expect(typeof output, exporter).toBe("string");
        }
      }),
      RUNS,
    );
  });
});

/** Each operation through the real client: the typed method that reads its success body. */
const CALLS: Record<ValidatedOperationId, (client: MediaIntelligenceClient) => Promise<unknown>> = {
  requestAssetSceneSummary: (c) => c.sceneSummaries.request(IDS),
  getAssetSceneSummaryStatus: (c) => c.sceneSummaries.status(IDS),
  getAssetSceneSummary: (c) => c.sceneSummaries.get(IDS),
  cancelAssetSceneSummary: (c) => c.sceneSummaries.cancel(IDS),
  requestSceneSummaries: (c) => c.indexSceneSummaries.request(IDS),
  getSceneSummaryStatus: (c) => c.indexSceneSummaries.status(IDS),
  getSceneSummaries: (c) => c.indexSceneSummaries.get(IDS),
  cancelSceneSummary: (c) => c.indexSceneSummaries.cancel(IDS),
};
const IDS = { workspaceName: "w", projectId: 1, assetId: 2, indexId: 3, sceneSummaryId: 4 };

/** A client whose every call is answered with `body`, once, with no retries. */
function answering(body: unknown): MediaIntelligenceClient {
  return createMediaIntelligenceClient({
    accessKey: "AK",
    secretKey: "secret",
    baseUrl: "https://mi.example.test",
    retries: 0,
    fetch: async () => Response.json(body),
  });
}

/** Whether a body is an error envelope inside a 200 (`code` other than "0"), reported as `api`. */
function isErrorEnvelope(body: unknown): boolean {
  const code = (body as { code?: unknown } | null)?.code;
  return (typeof code === "string" || typeof code === "number") && String(code) !== "0";
}

describe.each(operations.map((o) => [o.operationId, o.schema] as const))(
  "%s through the client",
  (name, schema) => {
    const operationId = name as ValidatedOperationId;
    const call = CALLS[operationId];
    const bodies = arbitraryOf(SPEC, schema).map(asReceived);

    test("a valid body resolves (or is an error envelope); one broken in one place rejects naming the path", async () => {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          // A `code` other than "0" is an error envelope inside a 200: the client's documented reading.
          if (isErrorEnvelope(body)) {
            await expect(call(answering(body))).rejects.toMatchObject({ kind: "api" });
          } else {
            await call(answering(body));
          }
        }),
        RUNS,
      );
      await fc.assert(
        fc.asyncProperty(mutationOf(SPEC, schema, bodies), async ({ body, path, expected }) => {
          const error = await call(answering(body)).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(MediaIntelligenceError);
          if (isErrorEnvelope(body)) {
            expect(error).toMatchObject({ kind: "api" });
            return;
          }
          expect(error).toMatchObject({ kind: "invalid-response" });
          expect((error as Error).message).toContain(`at ${path}, ${expected}`);
        }),
        RUNS,
      );
    });
  },
);
