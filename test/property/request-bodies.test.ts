/**
 * Property-based tests of the request body checks (src/generated/checks.ts, read by
 * `checkRequestBody`): for each operation of openapi.yaml that takes a JSON body, bodies near
 * the spec's (its fields with values of every kind, misspelt fields, bodies that are not
 * objects) are refused exactly when Ajv, compiled here from the spec's own schema with its
 * object closed, refuses them; and a refusal is an `InvalidInputError` on one printable line of
 * bounded length, naming a field of the body, whatever the body holds.
 */
import Ajv2020Module from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { operationTable } from "../../src/generated/operations.js";
import { InvalidInputError } from "../../src/index.js";
import type { OperationId } from "../../src/operation.js";
import { escapedJson, printableLine } from "../../src/text.js";
import { checkRequestBody } from "../../src/validate.js";
import { RUNS } from "./support/runs.js";
import { deref, type Schema, SPEC } from "./support/schema.js";

// ajv is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;

/** Each operation's JSON request body schema, as openapi.yaml gives it. */
function requestSchemas(): Array<[OperationId, Schema]> {
  return Object.values(SPEC.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) => {
      const body = (operation as { requestBody?: unknown }).requestBody;
      const schema = (deref(SPEC, body) as { content?: Record<string, { schema?: Schema }> })
        ?.content?.["application/json"]?.schema;
      return schema ? [[operation.operationId as OperationId, deref(SPEC, schema)] as const] : [];
    }),
  ) as Array<[OperationId, Schema]>;
}

/**
 * An independent check of the body as JSON sends it: Ajv on the spec's schema, its object
 * closed and its int64s bounded to the integers JavaScript sends exactly. The request bodies
 * are flat objects of scalars and lists of scalars, so that is all the strict checks add.
 */
function oracleOf(schema: Schema): (body: unknown) => boolean {
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  const safe = (s: Schema): Schema =>
    s.type === "integer" && s.format === "int64"
      ? { ...s, minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }
      : s.type === "array" && s.items
        ? { ...s, items: safe(s.items as Schema) }
        : s;
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, s]) => [name, safe(s as Schema)]),
  );
  const check = ajv.compile({ ...schema, properties, unevaluatedProperties: false });
  return (body) => {
    let sent: unknown = body;
    try {
      const text = JSON.stringify(body);
      if (text !== undefined) sent = JSON.parse(text);
    } catch {}
    return check(sent);
  };
}

/** Values of every kind, the kinds the spec names most often. */
const value = fc.oneof(
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.array(fc.oneof(fc.integer(), fc.double(), fc.string()), { maxLength: 4 }),
  fc.string({ maxLength: 4 }),
  fc.constantFrom("", "ko", "en", "x".repeat(10_000)),
  fc.anything({ maxDepth: 2 }),
);

/** A body near the spec's: its fields, misspelt ones and others, or a body that is no object. */
function bodyOf(schema: Schema): fc.Arbitrary<unknown> {
  const declared = Object.keys(schema.properties ?? {});
  const key = fc.oneof(
    fc.constantFrom(...declared),
    fc.constantFrom(...declared.map((name) => name.slice(0, -1)), "sceneIDs", "language"),
    fc.string({ maxLength: 8 }),
    fc.constant("k".repeat(1_000)),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(key, value, { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
  );
}

/** How a JSON path names a key of the body: as it is, or quoted; cut past 100 characters. */
function segmentOf(key: string): string {
  const shown = key.length > 100 ? `${key.slice(0, 100)}…` : key;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(shown)
    ? shown
    : `[${escapedJson(JSON.stringify(shown))}]`;
}

const operations = requestSchemas();

test("every operation with a body check has its properties here", () => {
  const here = operations.map(([id]) => id).sort();
  const checked = Object.entries(operationTable)
    .filter(([, op]) => op.bodyCheck !== null)
    .map(([id]) => id)
    .sort();
  expect(here).toEqual(checked);
  expect(here.length).toBeGreaterThan(0);
});

describe.each(operations)("%s", (id, schema) => {
  const oracle = oracleOf(schema);

  test("a body is refused exactly when the spec refuses it, with an InvalidInputError naming one of its fields", () => {
    fc.assert(
      fc.property(bodyOf(schema), (body) => {
        let error: unknown;
        try {
          checkRequestBody(id, body);
        } catch (e) {
          error = e;
        }
        // `undefined` is no body at all: nothing is sent, nothing is checked.
        expect(error === undefined).toBe(body === undefined || oracle(body));
        if (error === undefined) return;
        expect(error).toBeInstanceOf(InvalidInputError);
        const { field, message } = error as InvalidInputError;
        expect(printableLine(message)).toBe(message);
        expect(message.length).toBeLessThan(300);
        if (field === "body") return;
        // The field's first segment is a key of the body, cut and escaped as paths are.
        const named = Object.keys(body as object).some((key) => {
          const segment = segmentOf(key);
          return field === segment || field.startsWith(`${segment}[`);
        });
        expect(named).toBe(true);
      }),
      RUNS,
    );
  });
});
