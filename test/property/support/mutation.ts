/**
 * Generic mutations of a valid body, guided by its schema: each breaks exactly one rule at one
 * place, and knows the departure a check must report for it (JSON path, what is expected, the
 * kind received) and whether the SDK acts on that place (`x-sdk-enforced` all the way down),
 * so that a lax check must refuse the body rather than report the departure.
 *
 * - `drop`: a required property is removed;
 * - `type`: a value is replaced by one of a type the schema does not allow;
 * - `enum`: a value is replaced by a string outside the enum;
 * - `pattern`: a string is replaced by one that does not match the pattern;
 * - `minimum`: a number is replaced by one below the minimum;
 * - `unknown`: an undeclared property is added to an object that does not allow one.
 */
import fc from "fast-check";
import {
  jsonTypeOf,
  pathSegment,
  resolve,
  type Schema,
  type Spec,
  typeAllowed,
  typesOf,
} from "./schema.js";

/** The kinds of mutation, see the module's description. */
export type MutationKind = "drop" | "type" | "enum" | "pattern" | "minimum" | "unknown";

/** A mutated body and what a check must say about it. */
export interface Mutation {
  kind: MutationKind;
  body: unknown;
  /** The departure: JSON path of the broken value, what is expected there, what came. */
  departure: { path: string; expected: string; received: string };
  /** Whether the SDK acts on that place: lax, the body is refused, not used. */
  enforced: boolean;
}

/** One place a body can be broken, and the replacement values that break it. */
interface Site {
  kind: MutationKind;
  at: (string | number)[];
  /** Replacement values; `undefined` removes the property. */
  values: unknown[];
  expected: string;
  enforced: boolean;
}

/** Values of every JSON type, to pick a wrong type from. */
const ONE_OF_EACH_TYPE = ["text", 1.5, 7, true, null, [], {}];
/** The property the `unknown` mutation adds. */
const UNKNOWN_FIELD = "unknownField";
/** What a check expects where the spec has no such property. */
export const NO_SUCH_PROPERTY = "no such property (openapi.yaml does not declare it)";

/** Every kind of mutation. */
export const ALL_KINDS: readonly MutationKind[] = [
  "drop",
  "type",
  "enum",
  "pattern",
  "minimum",
  "unknown",
];

/**
 * An arbitrary of mutations of the bodies `bodies` generates.
 *
 * @param kinds - The kinds to draw from; by default all.
 */
export function mutationOf(
  spec: Spec,
  schema: Schema,
  bodies: fc.Arbitrary<unknown>,
  kinds: readonly MutationKind[] = ALL_KINDS,
): fc.Arbitrary<Mutation> {
  return bodies.chain((body) => {
    const sites = sitesOf(spec, schema, body, [], true).filter((s) => kinds.includes(s.kind));
    if (sites.length === 0) throw new Error(`no ${kinds.join("/")} mutation for this body`);
    return fc.constantFrom(...sites).chain((site) =>
      fc.constantFrom(...site.values).map((value) => ({
        kind: site.kind,
        body: replaceAt(body, site.at, value),
        departure: {
          path: `$${site.at.map(pathSegment).join("")}`,
          expected: site.expected,
          received: value === undefined ? "missing" : jsonTypeOf(value),
        },
        enforced: site.enforced,
      })),
    );
  });
}

/**
 * Every place `value` (valid for `schema`) can be broken, depth first. `enforced`: whether the
 * SDK acts on this place (every property on the way to it is in its object's `x-sdk-enforced`).
 */
function sitesOf(
  spec: Spec,
  node: Schema,
  value: unknown,
  at: (string | number)[],
  enforced: boolean,
): Site[] {
  const schema = resolve(spec, node);
  const sites: Site[] = [];
  if (schema.type !== undefined) {
    const values = ONE_OF_EACH_TYPE.filter((v) => !typeAllowed(schema, v));
    const expected = `must be ${typesOf(schema).join(" or ")}`;
    if (values.length) sites.push({ kind: "type", at, values, expected, enforced });
  }
  // An enum or a pattern is the spec's word, never the SDK's: lax, only reported.
  if (schema.enum && typeof value === "string") {
    const outside = `NOT_${schema.enum.join("_")}`;
    const expected = `must be one of ${schema.enum.map(String).join(", ")}`;
    sites.push({
      kind: "enum",
      at,
      values: [outside, outside.toLowerCase()],
      expected,
      enforced: false,
    });
  }
  if (schema.pattern !== undefined && typeof value === "string") {
    const values = ["", "not matching", `${value}!`].filter(
      (v) => !new RegExp(schema.pattern ?? "", "u").test(v),
    );
    const expected = `must match the pattern ${schema.pattern}`;
    sites.push({ kind: "pattern", at, values, expected, enforced: false });
  }
  if (schema.minimum !== undefined && typeof value === "number") {
    const below = schema.minimum - 1;
    const expected = `must be >= ${schema.minimum}`;
    sites.push({ kind: "minimum", at, values: [below], expected, enforced });
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      sites.push(...sitesOf(spec, schema.items as Schema, item, [...at, i], enforced));
    });
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    const acted = schema["x-sdk-enforced"] ?? [];
    const isEnforced = (name: string) => enforced && acted.includes(name);
    for (const name of schema.required ?? []) {
      if (Object.hasOwn(record, name)) {
        sites.push({
          kind: "drop",
          at: [...at, name],
          values: [undefined],
          expected: "a required property",
          enforced: isEnforced(name),
        });
      }
    }
    for (const [name, propertySchema] of Object.entries(properties)) {
      if (Object.hasOwn(record, name)) {
        sites.push(...sitesOf(spec, propertySchema, record[name], [...at, name], isEnforced(name)));
      }
    }
    const { additionalProperties: extra } = schema;
    if ((extra === undefined || extra === false) && !Object.hasOwn(record, UNKNOWN_FIELD)) {
      sites.push({
        kind: "unknown",
        at: [...at, UNKNOWN_FIELD],
        values: [1],
        expected: NO_SUCH_PROPERTY,
        enforced: false,
      });
    }
  }
  return sites;
}

/** A deep copy of `body` (JSON, so a JSON round trip) with the value at `at` replaced (or removed, for `undefined`). */
function replaceAt(body: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(body)) as Record<string | number, unknown>;
  const parent = at
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>(
      (node, key) => node[key] as Record<string | number, unknown>,
      copy,
    );
  const last = at[at.length - 1] as string | number;
  if (value === undefined) delete parent[last];
  else
    Object.defineProperty(parent, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}
