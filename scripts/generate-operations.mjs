#!/usr/bin/env node
// @ts-check
/**
 * `node scripts/generate-operations.mjs [--check]` (part of `npm run generate`): writes, from
 * openapi.yaml, the two files the SDK's operation table is made of:
 *
 * - `src/generated/checks.ts`: the checks of the bodies. Each schema (with the component
 *   schemas it refers to) is compiled by Ajv (JSON Schema draft 2020-12, as OpenAPI 3.1 uses)
 *   into standalone code: plain functions, no `eval`, no `new Function`. Every operation's
 *   JSON success response is compiled twice:
 *   - `strict`: the spec exactly, every object schema that does not say otherwise closed
 *     (`unevaluatedProperties: false`; what a `not` refuses is left as written), every error
 *     listed (`allErrors`): each error is a departure of the response from the spec;
 *   - `essential`: only what the SDK acts on, the properties an object lists in its
 *     `x-sdk-enforced` extension, with their types and bounds (no enum, no pattern, no
 *     other property): a response that fails it cannot be used.
 *   Every operation's JSON request body is compiled once more, as `request`: strict as the
 *   `strict` checks are, each error also carrying its schema (`verbose`), so that the SDK can
 *   say what the spec wants where a body it is about to send departs from it; an `int64`
 *   there is also bounded to JavaScript's safe integers, the ones it sends exactly.
 *   esbuild inlines the few Ajv runtime helpers the code `require`s, so the file imports
 *   nothing and runs in any JavaScript runtime.
 * - `src/generated/operations.ts`: the operation table, one entry per operationId, in the
 *   order of openapi.yaml: method, path template, path parameters, whether it takes a JSON
 *   body (`requestBody`) and the check of that body (`bodyCheck`, `null` for none), the
 *   success status, whether it is deprecated, and its two success checks; and the types of
 *   each operation's path parameters, request body and success body, from openapi-typescript's
 *   `operations`.
 *
 * What reads them (the words of a check's errors, the lax and strict rules for responses, the
 * refusal of a request body) is src/validate.ts.
 * `format` is an annotation, as draft 2020-12's default vocabulary says: the spec's date-times
 * are checked by `pattern`.
 *
 * With `--check`, nothing is written: exits 1 when a file differs from what would be generated
 * (`npm run check:generated`). `--out-dir DIR` writes or checks the files in DIR instead;
 * `--spec FILE` reads another copy of the spec (the tests use both).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Ajv2020Module from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { parse } from "yaml";

// Ajv is CommonJS: under Node's ES module loader, its classes are the default's `default`.
const Ajv2020 = Ajv2020Module.default;
const standaloneCode = standaloneModule.default;

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const SPEC = "openapi.yaml";
const OUTPUT_DIR = "src/generated";
const CHECKS_FILE = "checks.ts";
const TABLE_FILE = "operations.ts";
/** Base of the `$id`s the schemas get inside Ajv; never fetched. */
const BASE = "https://ncp-mi.invalid";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** The extension that lists the properties of an object the SDK acts on. */
const ENFORCED = "x-sdk-enforced";
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
  "format",
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
/** Keywords whose schemas the strict checks leave open: closing what `not` refuses widens it. */
const OPEN = new Set(["not"]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
/** What the essential variant keeps of a schema besides its enforced properties. */
const ESSENTIAL_KEYWORDS = [
  "type",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
];

/** An OpenAPI document or part of one, walked generically. @typedef {any} Json */

/**
 * Copies a schema, applying `visit` to it and to every schema inside it (after their own
 * subschemas). Only schema positions are visited: a property named `type` or an example's
 * value is left alone.
 *
 * @param {Json} schema
 * @param {(schema: Record<string, Json>) => Record<string, Json>} visit
 * @param {ReadonlySet<string>} [skip] Keywords whose schemas are copied as they are, unvisited.
 * @returns {Json}
 */
function mapSchema(schema, visit, skip = new Set()) {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  /** @type {Record<string, Json>} */
  const copy = { ...schema };
  const map = (/** @type {Json} */ s) => mapSchema(s, visit, skip);
  for (const key of SCHEMA_KEYWORDS) {
    if (key in copy && !skip.has(key)) copy[key] = map(copy[key]);
  }
  for (const key of SCHEMA_LIST_KEYWORDS) {
    if (Array.isArray(copy[key]) && !skip.has(key)) copy[key] = copy[key].map(map);
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    if (copy[key] && typeof copy[key] === "object" && !skip.has(key)) {
      copy[key] = Object.fromEntries(Object.entries(copy[key]).map(([name, s]) => [name, map(s)]));
    }
  }
  return visit(copy);
}

/** The component name of a `#/components/schemas/X` reference, if it is one. @param {Json} ref */
function componentName(ref) {
  return typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1] : undefined;
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
    if (s.$ref === undefined) return s;
    const name = componentName(s.$ref);
    if (!name) throw new Error(`${SPEC}: unsupported $ref ${JSON.stringify(s.$ref)}`);
    return { ...s, $ref: `${base}/components/${name}.json` };
  });
}

/** Whether a schema describes objects. @param {Json} s */
function isObjectSchema(s) {
  return (
    s.type === "object" ||
    (Array.isArray(s.type) && s.type.includes("object")) ||
    "properties" in s ||
    ENFORCED in s
  );
}

/**
 * Closes every object schema that does not say whether it is open: the strict variant
 * rejects unknown fields. An `allOf` that combines objects is refused: closing each of its
 * parts would reject the properties the other parts declare. An `allOf` of one reference to
 * a scalar (how a property gets its own description) is fine. What a `not` refuses is left as
 * the spec wrote it: closing it would make it match less, and so let more through.
 *
 * @param {Json} spec
 * @returns {(schema: Json) => Json}
 */
function closeObjects(spec) {
  const components = spec.components?.schemas ?? {};
  return (schema) =>
    mapSchema(
      schema,
      (s) => {
        if (Array.isArray(s.allOf)) {
          const combinesObjects =
            isObjectSchema(s) ||
            s.allOf.some((/** @type {Json} */ part) =>
              isObjectSchema(components[componentName(part.$ref) ?? ""] ?? part),
            );
          if (combinesObjects) {
            throw new Error(`${SPEC}: the strict checks cannot close an allOf of objects`);
          }
        }
        const saysSo = "additionalProperties" in s || "unevaluatedProperties" in s;
        return isObjectSchema(s) && !saysSo ? { ...s, unevaluatedProperties: false } : s;
      },
      OPEN,
    );
}

/**
 * Bounds every `format: int64` integer to JavaScript's safe integers, for what the SDK sends:
 * a larger number would go out rounded, or in exponent notation (`1e+21`), which is no int64.
 *
 * @param {Json} schema
 * @returns {Json}
 */
function safeInt64(schema) {
  return mapSchema(schema, (s) =>
    s.type === "integer" && s.format === "int64" && !("minimum" in s) && !("maximum" in s)
      ? { ...s, minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }
      : s,
  );
}

/**
 * The essential variant of a schema: what the SDK cannot do without. An object keeps only the
 * properties its `x-sdk-enforced` lists, as required, each reduced the same way; every schema
 * keeps its type and numeric bounds, and its items and alternatives reduced; everything else
 * (enums, patterns, other properties) goes. Each enforced property must be required by the
 * spec: the SDK does not insist on what the spec does not promise.
 *
 * @param {Json} schema
 * @param {string} where For errors: the schema's place in the spec.
 * @returns {Json}
 */
function essential(schema, where) {
  if (schema === null || typeof schema !== "object") return schema;
  if (schema.$ref !== undefined) return { $ref: schema.$ref };
  /** @type {Record<string, Json>} */
  const out = {};
  for (const key of ESSENTIAL_KEYWORDS) if (key in schema) out[key] = schema[key];
  if (schema.items) out.items = essential(schema.items, `${where}/items`);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    if (Array.isArray(schema[key])) {
      out[key] = schema[key].map((/** @type {Json} */ s, /** @type {number} */ i) =>
        essential(s, `${where}/${key}/${i}`),
      );
    }
  }
  const enforced = schema[ENFORCED] ?? [];
  if (!Array.isArray(enforced)) throw new Error(`${where}: ${ENFORCED} must be a list`);
  if (enforced.length > 0) {
    out.required = enforced;
    out.properties = {};
    for (const name of enforced) {
      if (!schema.required?.includes(name) || !schema.properties?.[name]) {
        throw new Error(`${where}: ${ENFORCED} names ${name}, which the schema does not require`);
      }
      out.properties[name] = essential(schema.properties[name], `${where}/properties/${name}`);
    }
  }
  return out;
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
 * One operation of the spec, as the table describes it.
 *
 * @typedef {object} Operation
 * @property {string} operationId
 * @property {string} method In capitals.
 * @property {string} path The path template.
 * @property {string[]} pathParameters In the order the path names them.
 * @property {boolean} requestBody Whether it takes a JSON body.
 * @property {Json} [body] The JSON request body's schema, when it takes one (`{}`, any JSON,
 *   when its media type gives none).
 * @property {string} status The success status.
 * @property {Json} schema The success body's schema.
 * @property {boolean} deprecated
 */

/**
 * Every operation, in document order. Each must have an operationId and exactly one JSON
 * success response.
 *
 * @param {Json} spec
 * @returns {Operation[]}
 */
function operationsOf(spec) {
  /** @type {Operation[]} */
  const operations = [];
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
      if (successes.length !== 1) {
        throw new Error(
          `${where}: needs exactly one JSON success response, has ${successes.length}`,
        );
      }
      const [success] = /** @type {[{ status: string, schema: Json }]} */ (successes);
      const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map(
        (m) => /** @type {string} */ (m[1]),
      );
      const json = deref(spec, operation.requestBody)?.content?.["application/json"];
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParameters,
        requestBody: Boolean(json),
        ...(json && { body: json.schema ?? {} }),
        status: success.status,
        schema: success.schema,
        deprecated: operation.deprecated === true,
      });
    }
  }
  if (operations.length === 0) throw new Error(`${SPEC}: no operation`);
  return operations;
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
 * A schema to compile into an exported check: an operation's success body or request body.
 *
 * @typedef {object} Target
 * @property {string} key What names it when it is not just a component: the operationId.
 * @property {Json} schema
 */

/**
 * Compiles one variant of the `targets` with its own Ajv instance.
 *
 * @param {Json} spec
 * @param {Target[]} targets
 * @param {{ variant: string, allErrors: boolean, verbose?: boolean, transform: (schema: Json, where: string) => Json }} how
 *   `verbose`: each error also carries the schema it comes from (`schema`, `parentSchema`),
 *   for the words that name what a `not` refuses and which fields an object declares.
 * @returns {{ code: string, names: string[] }} The standalone code, and the name of the
 *   function that checks each target, in the order of `targets`.
 */
function compileVariant(spec, targets, { variant, allErrors, verbose = false, transform }) {
  const base = `${BASE}/${variant}`;
  const ajv = new Ajv2020({
    code: { source: true, esm: true },
    strict: true,
    allErrors,
    verbose,
    validateFormats: false,
    // One function per component schema, shared by the operations, instead of a copy in each.
    inlineRefs: false,
  });
  /** @param {Json} schema @param {string} $id @param {string} where */
  const add = (schema, $id, where) => {
    ajv.addSchema({ ...stripAnnotations(retargetRefs(transform(schema, where), base)), $id });
  };
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    add(schema, `${base}/components/${name}.json`, `#/components/schemas/${name}`);
  }
  /** @type {Map<string, string>} Function name of each schema id, each id once. */
  const exported = new Map();
  const names = targets.map(({ key, schema }) => {
    // A body that is just a component (the usual case) is checked by that component's code.
    const component = componentName(schema.$ref);
    const $id =
      component && Object.keys(schema).length === 1
        ? `${base}/components/${component}.json`
        : `${base}/operations/${key}.json`;
    if (!component || Object.keys(schema).length !== 1) add(schema, $id, key);
    if (!exported.has($id)) exported.set($id, `${variant}${exported.size}`);
    return /** @type {string} */ (exported.get($id));
  });
  const code = standaloneCode(ajv, Object.fromEntries([...exported].map(([id, n]) => [n, id])));
  return { code, names };
}

/** The names of the variants, each the prefix of its functions' names. */
const VARIANTS = ["strict", "essential", "request"];

/**
 * Ajv's standalone code for the three variants, bundled into one script that imports nothing,
 * and the names of the functions that check each operation's success body (`strict`,
 * `essential`) and request body (`request`: `undefined` for an operation that takes none).
 *
 * @param {Json} spec
 * @param {Operation[]} operations
 * @returns {Promise<{ code: string, strict: string[], essential: string[], request: Array<string | undefined> }>}
 */
async function compile(spec, operations) {
  const successes = operations.map((op) => ({ key: op.operationId, schema: op.schema }));
  const strict = compileVariant(spec, successes, {
    variant: "strict",
    allErrors: true,
    transform: closeObjects(spec),
  });
  const lax = compileVariant(spec, successes, {
    variant: "essential",
    allErrors: false,
    transform: essential,
  });
  // What the SDK sends is held to the spec as the strict checks hold what it receives.
  const bodies = operations.flatMap((op) =>
    op.body === undefined ? [] : [{ key: op.operationId, schema: op.body }],
  );
  const closeObject = closeObjects(spec);
  const request = compileVariant(spec, bodies, {
    variant: "request",
    allErrors: true,
    verbose: true,
    transform: (schema) => safeInt64(closeObject(schema)),
  });
  /** @type {Record<string, string>} */
  const sources = {
    "./strict.js": strict.code,
    "./essential.js": lax.code,
    "./request.js": request.code,
  };
  const bundled = await build({
    stdin: {
      contents: VARIANTS.map((v) => `export * from "./${v}.js";\n`).join(""),
      resolveDir: ROOT,
      sourcefile: "checks.js",
      loader: "js",
    },
    plugins: [
      {
        name: "variants",
        setup(b) {
          b.onResolve({ filter: new RegExp(`^\\./(${VARIANTS.join("|")})\\.js$`) }, (args) => ({
            path: args.path,
            namespace: "variant",
          }));
          b.onLoad({ filter: /.*/, namespace: "variant" }, (args) => ({
            contents: sources[args.path],
            resolveDir: ROOT,
            loader: "js",
          }));
          // The packages the code requires (Ajv's runtime helpers, such as `ucs2length`, with
          // which `minLength` counts characters) are named by their specifier, not by where
          // node_modules is, so that the file is the same in every checkout. Each helper notes
          // in a `code` property how Ajv's code requires it: text the bundle does not need,
          // and which would read as a `require`.
          b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, namespace: "package" }));
          b.onLoad({ filter: /.*/, namespace: "package" }, (args) => ({
            contents: readFileSync(require.resolve(args.path), "utf8").replace(
              /^\w+\.code = .*;$/gm,
              "",
            ),
            loader: "js",
          }));
        },
      },
    ],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    legalComments: "none",
    write: false,
  });
  const [file] = bundled.outputFiles;
  if (!file) throw new Error("esbuild produced no output");
  for (const forbidden of [/\bimport\b/, /\brequire\(/, /\bnew Function\b/, /\beval\(/]) {
    if (forbidden.test(file.text)) {
      throw new Error(`the bundled checks contain ${forbidden}: they must run anywhere`);
    }
  }
  // Each exported check gets a type, so that the table's declaration can name it.
  const code = file.text.replace(
    new RegExp(`^var ((?:${VARIANTS.join("|")})\\d+) = (validate\\d+);$`, "gm"),
    (_, name, validate) => `const ${name}: Check = ${validate};`,
  );
  if (code === file.text)
    throw new Error("esbuild's output no longer names the checks as expected");
  let next = 0;
  const requestOf = operations.map((op) =>
    op.body === undefined ? undefined : request.names[next++],
  );
  return { code, strict: strict.names, essential: lax.names, request: requestOf };
}

const HEADER = (/** @type {string} */ what) =>
  `// ${what}\n// Generated by scripts/generate-operations.mjs from ${SPEC} (npm run generate). Do not edit.\n`;

/**
 * The table's text.
 *
 * @param {Json} spec
 * @param {Operation[]} operations
 * @param {{ strict: string[], essential: string[], request: Array<string | undefined> }} checks
 */
function table(spec, operations, checks) {
  const names = [
    ...new Set([...checks.strict, ...checks.essential, ...checks.request.filter(Boolean)]),
  ].sort();
  const entries = operations.map((op, i) =>
    [
      `  ${op.operationId}: {`,
      `    method: ${JSON.stringify(op.method)},`,
      `    path: ${JSON.stringify(op.path)},`,
      `    pathParameters: [${op.pathParameters.map((p) => JSON.stringify(p)).join(", ")}],`,
      `    requestBody: ${op.requestBody},`,
      `    bodyCheck: ${checks.request[i] ?? "null"},`,
      `    status: ${op.status},`,
      `    deprecated: ${op.deprecated},`,
      `    checks: { strict: ${checks.strict[i]}, essential: ${checks.essential[i]} },`,
      "  },",
    ].join("\n"),
  );
  const typeMap = (/** @type {(op: Operation) => string} */ type) =>
    operations.map((op) => `  ${op.operationId}: ${type(op)};`).join("\n");
  const op = (/** @type {Operation} */ o) => `operations[${JSON.stringify(o.operationId)}]`;
  return `${HEADER("The operations of the spec: what each sends, and how its bodies are checked.")}
import type { operations } from "./openapi.js";
import { ${names.join(", ")} } from "./checks.js";

/** The version of openapi.yaml (\`info.version\`) the table was generated from. */
export const specVersion = ${JSON.stringify(String(spec.info?.version ?? ""))};

/** Every operation of the spec, by operationId, in the order of the spec. */
export const operationTable = {
${entries.join("\n")}
} as const;

/** The path parameters of each operation. */
export interface OperationPathParameters {
${typeMap((o) => `${op(o)}["parameters"]["path"]`)}
}

/** The JSON request body of each operation; \`never\` for those that take none. */
export interface OperationRequestBodies {
${typeMap((o) => (o.requestBody ? `NonNullable<${op(o)}["requestBody"]>["content"]["application/json"]` : "never"))}
}

/** The success body of each operation, as the spec describes it. */
export interface OperationSuccessBodies {
${typeMap((o) => `${op(o)}["responses"][${o.status}]["content"]["application/json"]`)}
}
`;
}

/**
 * Generates both files' text from the spec.
 *
 * @returns {Promise<{ files: Record<string, string>, count: number }>}
 */
async function generate(/** @type {string} */ specPath) {
  const spec = parse(readFileSync(specPath, "utf8"));
  const operations = operationsOf(spec);
  const { code, strict, essential: lax, request } = await compile(spec, operations);
  return {
    files: {
      [CHECKS_FILE]: `// @ts-nocheck: Ajv's standalone code is untyped; src/validate.ts reads its errors.\n${HEADER("The checks of every operation: its success body's, strict and essential, and its request body's.")}
/**
 * An error of a check, as Ajv reports it: where, which keyword, its parameters; for a request
 * body's check, also the schema of the keyword and the one it is in.
 */
export interface CheckError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schema?: unknown;
  parentSchema?: unknown;
}

/** A compiled check: whether a body passes; the errors of the last failed call in \`errors\`. */
export type Check = ((data: unknown) => boolean) & { errors?: CheckError[] | null };

${code}`,
      [TABLE_FILE]: table(spec, operations, { strict, essential: lax, request }),
    },
    count: operations.length,
  };
}

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    "out-dir": { type: "string" },
    spec: { type: "string" },
  },
});
const { files, count } = await generate(values.spec ?? join(ROOT, SPEC));
const directory = values["out-dir"] ?? join(ROOT, OUTPUT_DIR);
const shown = values["out-dir"] ?? OUTPUT_DIR;
let stale = false;
for (const [name, text] of Object.entries(files)) {
  const target = join(directory, name);
  if (values.check) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {}
    if (current !== text) {
      console.error(`${shown}/${name} is out of date with ${SPEC}: run \`npm run generate\`.`);
      stale = true;
    }
  } else {
    writeFileSync(target, text);
  }
}
if (stale) process.exit(1);
if (!values.check) console.log(`${shown}: the table and checks of ${count} operations`);
