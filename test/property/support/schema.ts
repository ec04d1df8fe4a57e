/**
 * The JSON Schemas of openapi.yaml as the property tests walk them: each operation's success
 * body schema, and `$ref`s followed to the component schemas.
 */
import { fileURLToPath } from "node:url";
import { readSpec } from "../../contract/support/spec.js";

/** The part of JSON Schema the response schemas use; anything else is refused where it matters. */
export interface Schema {
  $ref?: string;
  type?: JsonType | JsonType[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  allOf?: Schema[];
  "x-sdk-enforced"?: string[];
  [keyword: string]: unknown;
}

/** The seven JSON Schema types. */
export type JsonType = "null" | "boolean" | "object" | "array" | "number" | "integer" | "string";

/** An OpenAPI document, as far as the tests read it. */
export interface Spec {
  paths: Record<
    string,
    Record<string, { operationId?: string; responses?: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** The repository's openapi.yaml, parsed. */
export const SPEC: Spec = readSpec(
  fileURLToPath(new URL("../../../openapi.yaml", import.meta.url)),
);

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * Follows `$ref`s (`#/components/schemas/X`, `#/components/responses/X`) to what they name.
 *
 * @throws Error for a reference outside the document.
 */
export function deref<T>(spec: Spec, node: T): T {
  let current: unknown = node;
  const seen = new Set<string>();
  while (current && typeof current === "object" && "$ref" in current) {
    const ref = String(current.$ref);
    if (!ref.startsWith("#/") || seen.has(ref)) throw new Error(`unsupported $ref ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      // biome-ignore lint/suspicious/noExplicitAny: a JSON pointer walks an untyped document.
      .reduce<any>((o, k) => o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
  }
  return current as T;
}

/** Each operation's `application/json` 2xx body schema, in document order. */
export function successSchemas(spec: Spec): { operationId: string; schema: Schema }[] {
  const out: { operationId: string; schema: Schema }[] = [];
  for (const item of Object.values(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const schema = deref(spec, response as { content?: Record<string, { schema?: Schema }> })
          .content?.["application/json"]?.schema;
        if (/^2\d\d$/.test(status) && schema)
          out.push({ operationId: operation.operationId, schema });
      }
    }
  }
  return out;
}

/**
 * The schema with its `$ref` followed (the referring schema's own keywords kept), an `allOf`
 * of one schema taken as that schema, and a nullable alternative (`anyOf: [X, { type: null }]`,
 * as openapi.yaml writes a nullable reference) taken as X with `null` among its types.
 */
export function resolve(spec: Spec, schema: Schema): Schema {
  if (schema.$ref !== undefined) {
    const { $ref, ...siblings } = schema;
    return resolve(spec, { ...deref(spec, { $ref }), ...siblings });
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    if (allOf.length !== 1) throw new Error("an allOf of more than one schema is not supported");
    return resolve(spec, { ...(allOf[0] as Schema), ...rest });
  }
  if (schema.anyOf) {
    const { anyOf, ...rest } = schema;
    const others = anyOf.filter((s) => !(s.type === "null" && Object.keys(s).length === 1));
    if (others.length !== 1 || anyOf.length !== 2) {
      throw new Error("an anyOf other than a nullable schema is not supported");
    }
    const inner = resolve(spec, { ...(others[0] as Schema), ...rest });
    return { ...inner, type: [...new Set([...typesOf(inner), "null" as const])] };
  }
  return schema;
}

/** The types a schema allows (all seven when it names none), `$ref`s followed. */
export function typesOf(schema: Schema): JsonType[] {
  if (schema.type === undefined) {
    return ["null", "boolean", "object", "array", "number", "integer", "string"];
  }
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** The JSON type of a parsed JSON value: `integer` for whole numbers. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "boolean" | "object" | "string";
}

/** Whether a value's type is one the schema allows (an integer is a number too). */
export function typeAllowed(schema: Schema, value: unknown): boolean {
  const types = typesOf(schema);
  const type = jsonTypeOf(value);
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

/** `.name` for identifiers, `[i]` for array indexes, `["odd key"]` otherwise. */
export function pathSegment(key: string | number): string {
  if (typeof key === "number") return `[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
