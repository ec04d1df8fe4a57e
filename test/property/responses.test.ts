/**
 * Property-based contract tests: for each operation of openapi.yaml, bodies generated from its
 * success schema (test/property/support/arbitrary.ts, one generic translation of the schema)
 *
 * - are accepted strictly, with no departure, when they carry only declared fields;
 * - with undeclared fields, are used lax, each undeclared field a departure;
 * - once broken in one place (support/mutation.ts: a required field dropped, a type changed,
 *   an enum value outside the set, …) are refused strictly, naming the departure; lax, they are
 *   refused only where the SDK acts on the place (`x-sdk-enforced`), and otherwise used as
 *   received with that one departure reported, by the checks and by the real client;
 * - when they carry a scene summary result, are rendered by every exporter into documents of
 *   the right structure, lax-broken ones too (the one documented refusal: a `RangeError` for a
 *   time that is not a safe integer).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { toMarkdown, toSrt, toTable, toWebVtt } from "../../src/export/index.js";
import { operationTable } from "../../src/generated/operations.js";
import {
  createMediaIntelligenceClient,
  type DriftInfo,
  type MediaIntelligenceClient,
  MediaIntelligenceError,
} from "../../src/index.js";
import type { OperationId } from "../../src/operation.js";
import type { SceneSummaries, SceneSummaryItem } from "../../src/types.js";
import { checkBody, placeOf } from "../../src/validate.js";
import { OPERATIONS } from "../support/operations.js";
import { arbitraryOf } from "./support/arbitrary.js";
import { ALL_KINDS, mutationOf, NO_SUCH_PROPERTY } from "./support/mutation.js";
import { RUNS } from "./support/runs.js";
import { deref, type Schema, SPEC, successSchemas } from "./support/schema.js";

/** The component that the exporters render, as the `result` of a success body. */
const EXPORTED = "#/components/schemas/SceneSummaries";

/** What `JSON.parse` would give for the value: the body as a client receives it. */
function asReceived(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const operations = successSchemas(SPEC);

test("every operation of the table has its properties here", () => {
  const here = operations.map((o) => o.operationId).sort();
  expect(here).toEqual(Object.keys(operationTable).sort());
});

test("the mutations break every kind of rule somewhere, enforced and not, so that no property is vacuous", () => {
  const seen = new Set(
    operations.flatMap(({ schema }) => {
      const bodies = arbitraryOf(SPEC, schema).map(asReceived);
      return fc
        .sample(mutationOf(SPEC, schema, bodies), RUNS)
        .map((m) => `${m.kind} ${m.enforced ? "enforced" : "reported"}`);
    }),
  );
  expect([...seen].sort()).toEqual(
    [
      "drop enforced",
      "drop reported",
      "enum reported",
      "minimum enforced",
      "minimum reported",
      "pattern reported",
      "type enforced",
      "type reported",
      "unknown reported",
    ].sort(),
  );
  expect(ALL_KINDS).toHaveLength(6);
});

describe.each(operations.map((o) => [o.operationId, o.schema] as const))("%s", (name, schema) => {
  const operationId = name as OperationId;
  const bodies = arbitraryOf(SPEC, schema).map(asReceived);
  const declaredOnly = arbitraryOf(SPEC, schema, { unknownFields: false }).map(asReceived);

  test("every valid body with only declared fields matches strictly, with no departure", () => {
    fc.assert(
      fc.property(declaredOnly, (body) => {
        expect(checkBody(operationId, body, true)).toEqual({ ok: true, body, departures: [] });
      }),
      RUNS,
    );
  });

  test("every valid body is used lax; its only departures are undeclared fields", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const check = checkBody(operationId, body, false);
        expect(check.ok).toBe(true);
        for (const departure of check.ok ? check.departures : []) {
          expect(departure.expected).toBe(NO_SUCH_PROPERTY);
        }
      }),
      RUNS,
    );
  });

  test("a body broken in one place: strict refuses it; lax refuses it where the SDK acts, else reports it", () => {
    fc.assert(
      fc.property(mutationOf(SPEC, schema, declaredOnly), ({ body, departure, enforced }) => {
        expect(checkBody(operationId, body, true)).toEqual({ ok: false, departure });
        const lax = checkBody(operationId, body, false);
        if (enforced) expect(lax).toEqual({ ok: false, departure });
        else expect(lax).toEqual({ ok: true, body, departures: [departure] });
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

/** The scenes of a result that become timed cues: analysed, with a positive duration. */
function cueCount(result: SceneSummaries): number {
  return result.sceneSummaries.filter(
    (item: SceneSummaryItem) =>
      item.sceneSummary !== null &&
      typeof item.sceneSummary === "object" &&
      !Array.isArray(item.sceneSummary) &&
      item.endMs > item.startMs,
  ).length;
}

const TIMING = /^\d{2,}:\d{2}:\d{2}[.,]\d{3} --> \d{2,}:\d{2}:\d{2}[.,]\d{3}$/;

/** Checks the structure of each export of `result`, as its format requires. */
function expectWellFormed(result: SceneSummaries): void {
  const scenes = result.sceneSummaries.length;
  const cues = cueCount(result);

  const vtt = toWebVtt(result).split("\n");
  expect(vtt[0]).toBe("WEBVTT");
  const vttTimings = vtt.filter((line) => line.includes("-->"));
  expect(vttTimings).toHaveLength(cues);
  for (const line of vttTimings) expect(line).toMatch(TIMING);

  const srt = toSrt(result);
  const blocks = srt === "" ? [] : srt.trimEnd().split("\n\n");
  expect(blocks).toHaveLength(cues);
  blocks.forEach((block, i) => {
    const [number, timing, text, ...rest] = block.split("\n");
    expect([number, rest]).toEqual([String(i + 1), []]);
    expect(timing).toMatch(TIMING);
    expect(text).not.toMatch(/-->|^\s*$/);
  });

  const markdown = toMarkdown(result).split("\n");
  expect(markdown[0]).toMatch(/^# Scene summaries/);
  const rows = markdown.filter(
    (line) => line.startsWith("| ") && !line.startsWith("| Scene |") && !line.startsWith("| ---:"),
  );
  expect(rows).toHaveLength(scenes);
  for (const row of rows)
    expect(row).toMatch(/^\| .* \| \d{2,}:\d{2}:\d{2}\.\d{3} – \d{2,}:\d{2}:\d{2}\.\d{3} \| .*\|$/);

  const table = toTable(result).split("\n");
  expect(table[0]).toMatch(/^\s*Scene\s+Start - End\s+Status\s+Summary$/);
  const starts = table.filter((line) => /^\s*\S+\s+\d{2,}:\d{2}:\d{2}\.\d{3} - /.test(line));
  expect(starts).toHaveLength(scenes);
}

/** Whether `error` is the documented refusal: a RangeError for a time that is not a safe integer. */
function isDocumentedTimeError(error: unknown, result: SceneSummaries): boolean {
  if (!(error instanceof RangeError)) return false;
  const match = /^Scene (.+?): (startMs|endMs): Invalid timestamp /.exec(error.message);
  if (!match) return false;
  const [, scene, field] = match as unknown as [string, string, "startMs" | "endMs"];
  return result.sceneSummaries.some(
    (item) => String(item.scene) === scene && !Number.isSafeInteger(item[field]),
  );
}

/** Renders `result` in every format, checking the structure, unless the time refusal applies. */
function expectRendered(result: SceneSummaries): void {
  try {
    expectWellFormed(result);
  } catch (error) {
    if (!isDocumentedTimeError(error, result)) throw error;
  }
}

describe.each(exported.map((o) => [o.operationId, o.schema] as const))("%s result", (_, schema) => {
  const bodies = arbitraryOf(SPEC, schema).map(asReceived);

  test("every valid result is rendered by every exporter into a well-formed document", () => {
    fc.assert(
      fc.property(bodies, (body) => expectRendered((body as { result: SceneSummaries }).result)),
      RUNS,
    );
  });

  test("every result the SDK uses lax, departures and all, is rendered too", () => {
    fc.assert(
      fc.property(mutationOf(SPEC, schema, bodies), ({ body, enforced }) => {
        fc.pre(!enforced);
        expectRendered((body as { result: SceneSummaries }).result);
      }),
      RUNS,
    );
  });
});

/** A valid status, for the status read a request makes before it. */
const STATUS = { code: "0", message: "success", result: { status: "SUMMARIZE_COMPLETED" } };

/**
 * A client whose calls of operation `id` are answered with `body` (and the status read before a
 * request with a valid status), once, with no retries; departures go to `drift`.
 */
function answering(
  id: OperationId,
  body: unknown,
  options: { strict: boolean; drift?: DriftInfo[] },
): MediaIntelligenceClient {
  const { method } = operationTable[id];
  return createMediaIntelligenceClient({
    accessKey: "AK",
    secretKey: "secret",
    baseUrl: "https://mi.example.test",
    retries: 0,
    strictResponses: options.strict,
    hooks: { onDrift: (info) => options.drift?.push(info) },
    fetch: async (_, init) => Response.json(init.method === method ? body : STATUS),
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
    const operationId = name as OperationId;
    const { call } = OPERATIONS[operationId];
    const declaredOnly = arbitraryOf(SPEC, schema, { unknownFields: false }).map(asReceived);

    test("a valid body resolves (or is an error envelope), strictly and with nothing reported", async () => {
      await fc.assert(
        fc.asyncProperty(declaredOnly, async (body) => {
          const drift: DriftInfo[] = [];
          const pending = call(answering(operationId, body, { strict: true, drift }));
          if (isErrorEnvelope(body)) await expect(pending).rejects.toMatchObject({ kind: "api" });
          else await pending;
          expect(drift).toEqual([]);
        }),
        RUNS,
      );
    });

    test("one broken in one place: strict rejects naming it; lax resolves and reports it, unless the SDK acts on it", async () => {
      await fc.assert(
        fc.asyncProperty(
          mutationOf(SPEC, schema, declaredOnly),
          async ({ body, departure, enforced }) => {
            if (isErrorEnvelope(body)) return;
            const strict = await call(answering(operationId, body, { strict: true })).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(strict).toBeInstanceOf(MediaIntelligenceError);
            expect(strict).toMatchObject({ kind: "invalid-response", departure });
            const drift: DriftInfo[] = [];
            const lax = call(answering(operationId, body, { strict: false, drift }));
            if (enforced) {
              await expect(lax).rejects.toMatchObject({ kind: "invalid-response", departure });
              return;
            }
            await lax;
            expect(drift).toEqual([{ operationId, ...departure, path: placeOf(departure.path) }]);
          },
        ),
        RUNS,
      );
    });
  },
);
