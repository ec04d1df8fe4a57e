#!/usr/bin/env node
// @ts-check
/**
 * `node scripts/generate-validators.mjs [--check]` (part of `npm run generate`): writes
 * src/generated/validators.ts, the response validators, from openapi.yaml.
 *
 * For every operation's JSON success response, the schema (with the component schemas it
 * refers to) is compiled by Ajv (JSON Schema draft 2020-12, as OpenAPI 3.1 uses) into standalone
 * code: plain functions, no `eval`, no `new Function`. Each is compiled twice: as the spec says
 * (unknown fields allowed) and strict (every object schema that does not say otherwise gets
 * `unevaluatedProperties: false`). esbuild then inlines the few Ajv runtime helpers the code
 * `require`s, so the result imports nothing and runs in any JavaScript runtime. A small typed
 * wrapper, `validateResponse`, turns Ajv's first error into a JSON path and words.
 *
 * `format` is an annotation, as draft 2020-12's default vocabulary says: the spec's date-times
 * are checked by `pattern`.
 *
 * With `--check`, nothing is written: exits 1 when the file differs from what would be
 * generated (`npm run check:generated`). `--output PATH` names another file to write or check.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Ajv2020Module from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { parse } from "yaml";

// Ajv is CommonJS: under Node's ES module loader, its classes are the default's `default`.
const Ajv2020 = Ajv2020Module.default;
const standaloneCode = standaloneModule.default;

const ROOT_URL = new URL("..", import.meta.url);
const SPEC = "openapi.yaml";
const OUTPUT = "src/generated/validators.ts";
/** Base of the `$id`s the schemas get inside Ajv; never fetched. */
const BASE = "https://ncp-mi.invalid";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/**
 * Keywords that carry no validation, besides `x-*`: dropped before compiling, so that the code
 * does not embed the spec's prose.
 */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "examples",
  "example",
  "deprecated",
  "externalDocs",
  "xml",
  "$comment",
]);
/** Keywords whose value is a schema. */
const SCHEMA_KEYWORDS = [
  "items",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
];
/** Keywords whose value is an array of schemas. */
const SCHEMA_LIST_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "dependentSchemas"];

/** An OpenAPI document or part of one, walked generically. @typedef {any} Json */

/**
 * Copies a schema, applying `visit` to it and to every schema inside it (after their own
 * subschemas). Only schema positions are visited: a property named `type` or an example's
 * value is left alone.
 *
 * @param {Json} schema
 * @param {(schema: Record<string, Json>) => Record<string, Json>} visit
 * @returns {Json}
 */
function mapSchema(schema, visit) {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  /** @type {Record<string, Json>} */
  const copy = { ...schema };
  for (const key of SCHEMA_KEYWORDS) {
    if (key in copy) copy[key] = mapSchema(copy[key], visit);
  }
  for (const key of SCHEMA_LIST_KEYWORDS) {
    if (Array.isArray(copy[key])) copy[key] = copy[key].map((s) => mapSchema(s, visit));
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    if (copy[key] && typeof copy[key] === "object") {
      copy[key] = Object.fromEntries(
        Object.entries(copy[key]).map(([name, s]) => [name, mapSchema(s, visit)]),
      );
    }
  }
  return visit(copy);
}

/**
 * Points `#/components/schemas/X` references at the component schema that Ajv holds as
 * `{base}/components/X.json`: each component is one schema of its own, so that its code is
 * generated once and shared by every operation. Any other reference is refused: the generator
 * would not know what it names.
 *
 * @param {Json} schema
 * @param {string} base
 */
function retargetRefs(schema, base) {
  return mapSchema(schema, (s) => {
    if (typeof s.$ref !== "string") return s;
    const match = /^#\/components\/schemas\/([^/]+)$/.exec(s.$ref);
    if (!match) throw new Error(`${SPEC}: unsupported $ref ${JSON.stringify(s.$ref)}`);
    return { ...s, $ref: `${base}/components/${match[1]}.json` };
  });
}

/**
 * Closes every object schema that does not say whether it is open: the strict variant
 * rejects unknown fields. `allOf` is refused: closing each of its parts would reject the
 * properties the other parts declare, and that needs handling this generator does not have.
 *
 * @param {Json} schema
 */
function closeObjects(schema) {
  return mapSchema(schema, (s) => {
    if ("allOf" in s) throw new Error(`${SPEC}: the strict validators cannot close an allOf yet`);
    const isObject = s.type === "object" || (Array.isArray(s.type) && s.type.includes("object"));
    const saysSo = "additionalProperties" in s || "unevaluatedProperties" in s;
    return (isObject || "properties" in s) && !saysSo ? { ...s, unevaluatedProperties: false } : s;
  });
}

/**
 * Follows a local `$ref` (such as `#/components/responses/X`) to what it names.
 *
 * @param {Json} spec
 * @param {Json} node
 */
function deref(spec, node) {
  let current = node;
  while (typeof current?.$ref === "string" && current.$ref.startsWith("#/")) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((/** @type {Json} */ o, /** @type {string} */ k) => {
        return o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")];
      }, spec);
  }
  return current;
}

/**
 * The JSON success response of each operation, in document order.
 *
 * @param {Json} spec
 * @returns {{ operationId: string, status: string, schema: Json }[]}
 */
function successBodies(spec) {
  const bodies = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof operation.operationId !== "string") throw new Error(`${where}: no operationId`);
      const successes = Object.entries(operation.responses ?? {}).flatMap(([status, r]) => {
        const schema = deref(spec, r)?.content?.["application/json"]?.schema;
        return /^2\d\d$/.test(status) && schema ? [{ status, schema }] : [];
      });
      if (successes.length > 1) {
        throw new Error(`${where}: more than one JSON success response; cannot tell them apart`);
      }
      const [success] = successes;
      if (success) bodies.push({ operationId: operation.operationId, ...success });
    }
  }
  return bodies;
}

/**
 * Drops the annotations (prose, examples, `x-*` extensions) from a schema and its subschemas.
 *
 * @param {Json} schema
 */
function stripAnnotations(schema) {
  return mapSchema(schema, (s) =>
    Object.fromEntries(
      Object.entries(s).filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith("x-")),
    ),
  );
}

/**
 * Ajv's standalone code for the relaxed and strict validator of each body, as the text of a
 * script that imports nothing and declares the functions `check0`, `check1`, …; and, for each
 * variant, the names of the functions that check the bodies, in the order of `bodies`.
 *
 * @param {Json} spec
 * @param {{ operationId: string, schema: Json }[]} bodies
 * @returns {Promise<{ code: string, checks: { relaxed: string[], strict: string[] } }>}
 */
async function compile(spec, bodies) {
  const components = spec.components?.schemas ?? {};
  const ajv = new Ajv2020({
    code: { source: true, esm: true },
    strict: true,
    allErrors: false,
    validateFormats: false,
    discriminator: true,
    // One function per component schema, shared by the operations, instead of a copy in each.
    inlineRefs: false,
  });
  /**
   * Function name of each schema id to export, each id once: Ajv repeats the code of a
   * function exported under two names, which esbuild then refuses.
   *
   * @type {Map<string, string>}
   */
  const names = new Map();
  /** @param {string} $id */
  const nameOf = ($id) => {
    if (!names.has($id)) names.set($id, `check${names.size}`);
    return /** @type {string} */ (names.get($id));
  };
  /** @type {{ relaxed: string[], strict: string[] }} */
  const checks = { relaxed: [], strict: [] };
  for (const [variant, transform] of /** @type {const} */ ([
    ["relaxed", (/** @type {Json} */ s) => s],
    ["strict", closeObjects],
  ])) {
    const base = `${BASE}/${variant}`;
    /** @param {Json} schema @param {string} $id */
    const add = (schema, $id) => {
      ajv.addSchema({ ...transform(retargetRefs(stripAnnotations(schema), base)), $id });
    };
    for (const [name, schema] of Object.entries(components)) {
      add(schema, `${base}/components/${name}.json`);
    }
    for (const { operationId, schema } of bodies) {
      // A body that is just a component (the usual case) is checked by that component's code.
      const component = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref ?? "");
      const onlyRef = component && Object.keys(schema).length === 1;
      const $id = onlyRef
        ? `${base}/components/${component[1]}.json`
        : `${base}/operations/${operationId}.json`;
      if (!onlyRef) add(schema, $id);
      checks[variant].push(nameOf($id));
    }
  }
  const bundled = await build({
    stdin: {
      contents: standaloneCode(ajv, Object.fromEntries([...names].map(([id, n]) => [n, id]))),
      resolveDir: fileURLToPath(ROOT_URL),
      sourcefile: "ajv-standalone.js",
      loader: "js",
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    legalComments: "none",
    write: false,
  });
  const [file] = bundled.outputFiles;
  if (!file) throw new Error("esbuild produced no output");
  // The module's own export list goes: the wrapper below refers to the functions by name.
  const code = file.text.replace(/\nexport \{[^}]*\};\n$/, "\n");
  if (code === file.text) throw new Error("esbuild output does not end with its export list");
  for (const forbidden of [/\bimport\b/, /\brequire\(/, /\bnew Function\b/, /\beval\(/]) {
    if (forbidden.test(code)) {
      throw new Error(`the bundled validators contain ${forbidden}: they must run anywhere`);
    }
  }
  return { code, checks };
}

/**
 * The typed API around the compiled functions. Kept as TypeScript text here because the file it
 * goes into is generated whole.
 *
 * @param {{ operationId: string, status: string }[]} bodies
 * @param {{ relaxed: string[], strict: string[] }} checks The functions checking each body.
 */
function wrapper(bodies, checks) {
  const ids = bodies.map((b) => JSON.stringify(b.operationId));
  const table = bodies.map(
    (b, i) =>
      `  ${b.operationId}: { relaxed: ${checks.relaxed[i]}, strict: ${checks.strict[i]} }, // HTTP ${b.status}`,
  );
  return `
/** The operations whose success body {@link validateResponse} checks. */
export type ValidatedOperationId = ${ids.join(" | ")};

/** Every {@link ValidatedOperationId}, in the order of openapi.yaml. */
export const validatedOperationIds: readonly ValidatedOperationId[] = Object.freeze([${ids.join(", ")}]);

/** How strictly {@link validateResponse} checks. */
export interface ValidateResponseOptions {
  /**
   * Whether fields the spec does not declare are accepted (default \`true\`, as servers may add
   * fields). \`false\` rejects them, naming the first one.
   */
  allowUnknownFields?: boolean;
}

/**
 * The outcome of {@link validateResponse}: valid, or the first violation found, as a JSON path
 * into the body (\`$.result.targetSceneIds\`, \`$.result.sceneSummaries[2].startMs\`) and what
 * the spec expects there, in words (\`must be array or null\`,
 * \`required property status is missing\`, \`must be one of BEFORE_SUMMARIZE, …\`). Neither
 * quotes the offending value.
 */
export type ResponseValidation = { ok: true } | { ok: false; path: string; expected: string };

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Check = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const CHECKS: Record<ValidatedOperationId, { relaxed: Check; strict: Check }> = {
${table.join("\n")}
};

/**
 * Checks a parsed success body (the whole JSON envelope, \`code\` and \`message\` included) of
 * an operation against openapi.yaml. Pure and synchronous; never throws for any body.
 *
 * @param operationId - The operation whose success response \`body\` is.
 * @param body - The parsed JSON body.
 * @param options - Whether unknown fields are accepted; they are by default.
 * @returns \`{ ok: true }\`, or the path and expectation of the first violation.
 * @throws TypeError when \`operationId\` names no operation with a JSON success response.
 */
export function validateResponse(
  operationId: ValidatedOperationId,
  body: unknown,
  options: ValidateResponseOptions = {},
): ResponseValidation {
  const checks = Object.hasOwn(CHECKS, operationId) ? CHECKS[operationId] : undefined;
  if (!checks) {
    throw new TypeError(\`validateResponse: no validator for operation \${JSON.stringify(operationId)}\`);
  }
  const check = options.allowUnknownFields === false ? checks.strict : checks.relaxed;
  if (check(body)) return { ok: true };
  const error = check.errors?.[0];
  if (!error) return { ok: false, path: "$", expected: "must match the schema" };
  return describe(error, body);
}

/** Ajv's error as a path and words; a missing or unknown property is pointed at itself. */
function describe(error: AjvError, body: unknown): { ok: false; path: string; expected: string } {
  const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
  const { params } = error;
  let expected = error.message ?? \`must satisfy \${error.keyword}\`;
  if (error.keyword === "required") {
    segments.push(String(params.missingProperty));
    expected = \`required property \${params.missingProperty} is missing\`;
  } else if (error.keyword === "unevaluatedProperties" || error.keyword === "additionalProperties") {
    const name = String(params.unevaluatedProperty ?? params.additionalProperty);
    segments.push(name);
    // The name comes from the server: the path quotes it, escaped and shortened.
    expected = "unknown property is not allowed";
  } else if (error.keyword === "type") {
    const types = Array.isArray(params.type) ? params.type : String(params.type).split(",");
    expected = \`must be \${types.join(" or ")}\`;
  } else if (error.keyword === "enum") {
    const values = (params.allowedValues as unknown[]).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
    expected = \`must be one of \${values.join(", ")}\`;
  } else if (error.keyword === "pattern") {
    expected = \`must match the pattern \${params.pattern}\`;
  }
  return { ok: false, path: jsonPath(body, segments), expected };
}

function escapeChar(char: string): string {
  return \`\\\\u\${char.charCodeAt(0).toString(16).padStart(4, "0")}\`;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Longest property name a path shows whole; a longer one is cut and ends with \`…\`. */
const MAX_NAME = 100;

/**
 * \`$.a.b[0]["odd key"]\`: indexes where the body has an array, names elsewhere. A name that is
 * not an identifier is quoted as JSON, C1 controls and line separators escaped too, so that a
 * name from the server cannot put control characters into a message.
 */
function jsonPath(body: unknown, segments: string[]): string {
  let path = "$";
  let node: unknown = body;
  for (const segment of segments) {
    const shown = segment.length > MAX_NAME ? \`\${segment.slice(0, MAX_NAME)}…\` : segment;
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(segment)) path += \`[\${segment}]\`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(shown)) path += \`.\${shown}\`;
    else path += \`[\${JSON.stringify(shown).replace(/[\\u007f-\\u009f\\u2028\\u2029]/g, escapeChar)}]\`;
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}
`;
}

/**
 * Generates the file's text from the spec's text.
 *
 * @returns {Promise<{ text: string, operations: number }>}
 */
async function generate() {
  const spec = parse(readFileSync(new URL(SPEC, ROOT_URL), "utf8"));
  const bodies = successBodies(spec);
  if (bodies.length === 0) throw new Error(`${SPEC}: no operation has a JSON success response`);
  const header = `// @ts-nocheck: Ajv's standalone code is untyped; the exported API at the end is typed.
// Generated by scripts/generate-validators.mjs from ${SPEC} (npm run generate). Do not edit.
`;
  const { code, checks } = await compile(spec, bodies);
  return { text: `${header}${code}${wrapper(bodies, checks)}`, operations: bodies.length };
}

const { values } = parseArgs({
  options: { check: { type: "boolean", default: false }, output: { type: "string" } },
});
const { text, operations } = await generate();
const target = values.output ?? new URL(OUTPUT, ROOT_URL);
const shown = values.output ?? OUTPUT;
if (values.check) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${shown} is out of date with ${SPEC}: run \`npm run generate\`.`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`${shown}: validators for ${operations} operations`);
}
