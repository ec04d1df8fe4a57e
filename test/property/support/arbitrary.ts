/**
 * One generic translation from a JSON Schema (the subset openapi.yaml's response schemas use)
 * to a fast-check arbitrary of the JSON values it accepts: `type` (one or a list, so
 * `["string", "null"]` is nullable), `enum`, `const`, `properties` / `required` (optional
 * properties are sometimes left out), `additionalProperties`, `items` / `minItems` /
 * `maxItems`, `minimum` / `maximum`, `minLength` / `maxLength`, `pattern`, `$ref`, `anyOf`
 * and an `allOf` of one schema.
 * A keyword outside that subset which would constrain values makes it throw, so that the spec
 * cannot gain a constraint the generated values silently ignore.
 */
import fc from "fast-check";
import { deref, type JsonType, type Schema, type Spec, typesOf } from "./schema.js";

/** What the generated values may contain beyond what the schema names. */
export interface ArbitraryOptions {
  /**
   * Add undeclared properties to objects whose schema does not close them. `additionalProperties`
   * `true` (or a schema) always allows them; when it is absent, JSON Schema allows them too, and
   * this decides. Default `true`.
   */
  unknownFields?: boolean;
}

/** Keywords that constrain values and are handled below. */
const HANDLED = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
]);
/** Keywords that carry no constraint (`format` says how wide an integer is, for generators). */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "examples",
  "example",
  "deprecated",
  "format",
]);

/** Integers far from zero that JSON and the schema allow: the unsafe ones among them too. */
const LARGE_INTEGERS = [2 ** 31, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21];
const MAX_ARRAY = 5;
const MAX_UNKNOWN_FIELDS = 3;

/**
 * An arbitrary of JSON values (as `JSON.parse` gives them) that `schema` accepts.
 *
 * @throws Error for a keyword this function does not implement, or a recursive `$ref`.
 */
export function arbitraryOf(
  spec: Spec,
  schema: Schema,
  options: ArbitraryOptions = {},
  refs: readonly string[] = [],
): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) {
    if (refs.includes(schema.$ref)) throw new Error(`recursive $ref ${schema.$ref}`);
    const { $ref, ...siblings } = schema;
    return arbitraryOf(spec, { ...deref(spec, { $ref }), ...siblings }, options, [...refs, $ref]);
  }
  if (schema.anyOf) {
    const { anyOf, ...siblings } = schema;
    return fc.oneof(
      ...anyOf.map((branch) => arbitraryOf(spec, { ...branch, ...siblings }, options, refs)),
    );
  }
  if (schema.allOf) {
    const { allOf, ...siblings } = schema;
    if (allOf.length !== 1)
      throw new Error("arbitraryOf: an allOf of several schemas is not implemented");
    return arbitraryOf(spec, { ...(allOf[0] as Schema), ...siblings }, options, refs);
  }
  for (const keyword of Object.keys(schema)) {
    if (!HANDLED.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith("x-")) {
      throw new Error(`arbitraryOf: JSON Schema keyword ${keyword} is not implemented`);
    }
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const recurse = (s: Schema) => arbitraryOf(spec, s, options, refs);
  return fc.oneof(...typesOf(schema).map((type) => ofType(type, schema, recurse, options)));
}

/** The values of one JSON type that the schema's constraints for that type accept. */
function ofType(
  type: JsonType,
  schema: Schema,
  recurse: (schema: Schema) => fc.Arbitrary<unknown>,
  options: ArbitraryOptions,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      const large = LARGE_INTEGERS.filter((n) => n >= min && n <= (schema.maximum ?? n));
      return fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: Math.max(min, -(2 ** 31)), max }) },
        { weight: 1, arbitrary: large.length ? fc.constantFrom(...large) : fc.constant(min) },
      );
    }
    case "number":
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(schema.minimum !== undefined && { min: schema.minimum }),
        ...(schema.maximum !== undefined && { max: schema.maximum }),
      });
    case "string": {
      const length = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 40 };
      if (schema.pattern === undefined) {
        // Any code point, control characters and lone surrogates included: JSON can carry them.
        return fc.string({ ...length, unit: "binary" });
      }
      const pattern = new RegExp(schema.pattern, "u");
      return fc
        .stringMatching(pattern)
        .filter((s) => s.length >= length.minLength && s.length <= (schema.maxLength ?? s.length));
    }
    case "array":
      return fc.array(schema.items ? recurse(schema.items) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? Math.max(MAX_ARRAY, schema.minItems ?? 0),
      });
    case "object":
      return objectOf(schema, recurse, options);
  }
}

/** Objects with the declared properties (required ones always) and perhaps undeclared ones. */
function objectOf(
  schema: Schema,
  recurse: (schema: Schema) => fc.Arbitrary<unknown>,
  options: ArbitraryOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const declared = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, recurse(s)])),
    { requiredKeys: (schema.required ?? []).filter((name) => name in properties) },
  );
  const { additionalProperties: extra } = schema;
  const open = extra === undefined ? options.unknownFields !== false : extra !== false;
  if (!open) return declared;
  const value = typeof extra === "object" ? recurse(extra) : fc.jsonValue();
  const unknown = fc.dictionary(
    fc.string().filter((name) => !(name in properties)),
    value,
    { maxKeys: MAX_UNKNOWN_FIELDS },
  );
  // fromEntries defines each key as an own property, `__proto__` included.
  return fc
    .tuple(declared, unknown)
    .map(([d, u]) => Object.fromEntries([...Object.entries(d), ...Object.entries(u)]));
}
