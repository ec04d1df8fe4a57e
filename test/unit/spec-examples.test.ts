/**
 * Every example in openapi.yaml is checked against its schema with Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1), independently of Redocly's lint. The checks are pure functions
 * of the document, so the negative tests at the end run them on broken copies to prove they
 * can fail.
 */
import { readFileSync } from "node:fs";
import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

// ajv is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked generically.
type Json = any;

const DOC_ID = "https://spec.invalid/openapi.yaml";
const STATUS_SCHEMA = "SceneSummaryStatusValue";
const OPENAPI_OBJECT_FIELDS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
  "externalDocs",
];
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const specText = readFileSync(new URL("../../openapi.yaml", import.meta.url), "utf8");
const spec: Json = parse(specText);

const SEEDS = {
  status: new URL("../../../shared/seeds/000_05b4a60f88e78d63.txt", import.meta.url),
  result: new URL("../../../shared/seeds/001_13b307f790daa579.txt", import.meta.url),
};

// ---------------------------------------------------------------------------------------------
// Helpers

const clone = <T>(value: T): T => structuredClone(value);

/** RFC 6901 pointer, then made safe for a URI fragment (`{` and `}` in path templates). */
const pointer = (segments: readonly string[]): string =>
  segments
    .map((s) => `/${encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"))}`)
    .join("");

const shortPath = (path: string): string => `/…/${path.split("/").at(-1)}`;

/** Follows a local `$ref` (`#/components/...`) to the object it names, with its location. */
function deref(doc: Json, node: Json, at: string[]): { node: Json; at: string[] } {
  let current = node;
  let location = at;
  while (current && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    location = current.$ref
      .slice(2)
      .split("/")
      .map((s: string) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
    current = location.reduce((o: Json, k: string) => o?.[k], doc);
  }
  return { node: current, at: location };
}

/**
 * A copy of the document in which every object schema that declares `properties` but says
 * nothing about others is closed (`additionalProperties: false`), so that a misspelt optional
 * field in an example is caught, as Redocly's `allowAdditionalProperties: false` does.
 */
function closeObjectSchemas(doc: Json): Json {
  const copy = clone(doc);
  const visit = (schema: Json): void => {
    if (!schema || typeof schema !== "object") return;
    if (Array.isArray(schema)) {
      for (const s of schema) visit(s);
      return;
    }
    if (schema.properties && schema.additionalProperties === undefined) {
      schema.additionalProperties = false;
    }
    for (const key of ["properties", "$defs", "patternProperties", "dependentSchemas"]) {
      for (const s of Object.values(schema[key] ?? {})) visit(s);
    }
    for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) visit(schema[key]);
    for (const key of ["items", "not", "if", "then", "else", "additionalProperties", "contains"]) {
      visit(schema[key]);
    }
  };
  for (const s of Object.values(copy.components?.schemas ?? {})) visit(s);
  return copy;
}

type Validate = (at: readonly string[], value: unknown) => string[];

/**
 * Validates a value against the schema found at `at` (a path into the document), with `$ref`s
 * resolved inside the document. Returns Ajv's error messages; empty means valid.
 */
function makeValidator(doc: Json): Validate {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    // OpenAPI 3.1 nullable fields are `type: [string, "null"]`.
    allowUnionTypes: true,
  });
  // OpenAPI's additions to the Schema Object: annotations, not assertions.
  ajv.addVocabulary(["discriminator", "xml", "externalDocs", "example"]);
  // The whole document is added as one schema so that its `#/components/...` refs resolve;
  // Ajv compiles its root too, so the OpenAPI Object's fields are declared as annotations.
  ajv.addVocabulary(OPENAPI_OBJECT_FIELDS.filter((k) => k !== "externalDocs"));
  ajv.addSchema(doc, DOC_ID);
  return (at, value) => {
    const validate = ajv.getSchema(`${DOC_ID}#${pointer(at)}`);
    if (!validate) throw new Error(`no schema at ${at.join("/")}`);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}

interface ExampleCase {
  name: string;
  /** Where the schema is, as a path into the document. */
  schemaAt: string[];
  value: unknown;
}

/** Collects the named `examples` and the single `example` of a media type or a parameter. */
function examplesOf(owner: Json, label: string, schemaAt: string[]): ExampleCase[] {
  const cases: ExampleCase[] = [];
  if (owner.example !== undefined) {
    cases.push({ name: `${label} example`, schemaAt, value: owner.example });
  }
  for (const [key, example] of Object.entries<Json>(owner.examples ?? {})) {
    if (example && "value" in example) {
      cases.push({ name: `${label} example ${key}`, schemaAt, value: example.value });
    }
  }
  return cases;
}

/** Media-type examples of a response; the media type is named only when there are several. */
function mediaTypeExamples(response: Json, label: string, at: string[]): ExampleCase[] {
  const content = Object.entries<Json>(response.content ?? {});
  return content.flatMap(([type, media]) =>
    media.schema
      ? examplesOf(media, content.length > 1 ? `${label} ${type}` : label, [
          ...at,
          "content",
          type,
          "schema",
        ])
      : [],
  );
}

/** Every schema `examples` (and OpenAPI 3.0-style `example`) under components/schemas. */
function schemaExamples(doc: Json): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const visit = (schema: Json, at: string[]): void => {
    if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
    const label = at.slice(2).join(".");
    (schema.examples ?? []).forEach((value: unknown, i: number) => {
      cases.push({ name: `schema ${label} examples[${i}]`, schemaAt: at, value });
    });
    if (schema.example !== undefined) {
      cases.push({ name: `schema ${label} example`, schemaAt: at, value: schema.example });
    }
    for (const key of ["properties", "$defs", "patternProperties"]) {
      for (const [k, s] of Object.entries(schema[key] ?? {})) visit(s, [...at, key, k]);
    }
    for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
      (schema[key] ?? []).forEach((s: Json, i: number) => {
        visit(s, [...at, key, String(i)]);
      });
    }
    for (const key of ["items", "not", "additionalProperties"]) visit(schema[key], [...at, key]);
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    visit(schema, ["components", "schemas", name]);
  }
  return cases;
}

/**
 * Every example in the document, each once, where it is written: responses and parameters
 * inline in the paths, shared ones in components, and schema examples.
 */
function collectExamples(doc: Json): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const parameterExamples = (params: Json[] | undefined, label: string, at: string[]) => {
    (params ?? []).forEach((param, i) => {
      if (param.$ref || !param.schema) return; // shared ones are collected from components
      cases.push(
        ...examplesOf(param, `${label} parameter ${param.name}`, [...at, String(i), "schema"]),
      );
    });
  };
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    parameterExamples(item.parameters, shortPath(path), ["paths", path, "parameters"]);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const label = `${method.toUpperCase()} ${shortPath(path)}`;
      const at = ["paths", path, method];
      parameterExamples(op.parameters, label, [...at, "parameters"]);
      for (const [code, response] of Object.entries<Json>(op.responses ?? {})) {
        if (response.$ref) continue;
        cases.push(...mediaTypeExamples(response, `${label} ${code}`, [...at, "responses", code]));
      }
    }
  }
  for (const [name, response] of Object.entries<Json>(doc.components?.responses ?? {})) {
    cases.push(
      ...mediaTypeExamples(response, `components/responses/${name}`, [
        "components",
        "responses",
        name,
      ]),
    );
  }
  for (const [name, param] of Object.entries<Json>(doc.components?.parameters ?? {})) {
    cases.push(
      ...examplesOf(param, `components/parameters/${name}`, [
        "components",
        "parameters",
        name,
        "schema",
      ]),
    );
  }
  cases.push(...schemaExamples(doc));
  return cases;
}

interface DocumentedResponse {
  name: string;
  exampleCount: number;
}

/** Every response of every operation, `$ref`s followed, with how many examples it has. */
function documentedResponses(doc: Json): DocumentedResponse[] {
  const out: DocumentedResponse[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const [code, ref] of Object.entries<Json>(op.responses ?? {})) {
        const { node: response, at } = deref(doc, ref, []);
        const exampleCount = mediaTypeExamples(response, "", at).length;
        out.push({ name: `${method.toUpperCase()} ${shortPath(path)} ${code}`, exampleCount });
      }
    }
  }
  return out;
}

/** The status endpoint's 200 examples, by name. */
function statusExamples(doc: Json): Record<string, Json> {
  const path = Object.keys(doc.paths).find((p) => p.endsWith("/status"));
  if (!path) throw new Error("no status path");
  return doc.paths[path].get.responses["200"].content["application/json"].examples;
}

function resultExamples(doc: Json): Record<string, Json> {
  const path = Object.keys(doc.paths).find((p) => p.endsWith("/scene-summaries"));
  if (!path) throw new Error("no result path");
  return doc.paths[path].get.responses["200"].content["application/json"].examples;
}

/** Members of the status enum that no status 200 example shows. */
function statusesWithoutExample(doc: Json): string[] {
  const shown = new Set(Object.values(statusExamples(doc)).map((e) => e.value?.result?.status));
  return (doc.components.schemas[STATUS_SCHEMA].enum as string[]).filter((s) => !shown.has(s));
}

/** The JSON object after "Response example" in a seed page, up to its matching brace. */
function pageExample(url: URL): unknown {
  const text = readFileSync(url, "utf8");
  const heading = text.indexOf("Response example");
  if (heading < 0) throw new Error(`no "Response example" in ${url.pathname}`);
  const start = text.indexOf("{", heading);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error(`unterminated JSON in ${url.pathname}`);
}

// ---------------------------------------------------------------------------------------------

const validate = makeValidator(spec);
const validateClosed = makeValidator(closeObjectSchemas(spec));
const examples = collectExamples(spec);

describe("every example in openapi.yaml matches its schema", () => {
  test("examples were found", () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  test.each(examples.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(validate(c.schemaAt, c.value)).toEqual([]);
    // …and uses no property its schema does not declare.
    expect(validateClosed(c.schemaAt, c.value)).toEqual([]);
  });
});

describe("examples cover the contract", () => {
  test.each(documentedResponses(spec).map((r) => [r.name, r] as const))(
    "%s has at least one example",
    (_name, r) => {
      expect(r.exampleCount).toBeGreaterThan(0);
    },
  );

  const statuses: string[] = spec.components.schemas[STATUS_SCHEMA].enum;
  test.each(statuses)("a status 200 example shows %s", (status) => {
    expect(statusesWithoutExample(spec)).not.toContain(status);
  });

  test("the status enum is closed: a plain string type, no null, no open pattern", () => {
    const schema = spec.components.schemas[STATUS_SCHEMA];
    expect(schema.type).toBe("string");
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(schema.pattern).toBeUndefined();
  });

  test("every status is explained in the status schema's description", () => {
    for (const status of statuses) {
      expect(spec.components.schemas[STATUS_SCHEMA].description).toMatch(
        new RegExp(`\`${status}\`: \\S`),
      );
    }
  });

  test("the status page's response example is the `summarizing` example, verbatim", () => {
    expect(statusExamples(spec).summarizing.value).toStrictEqual(pageExample(SEEDS.status));
  });

  test("the result page's response example is the `completed` example, verbatim", () => {
    const page = pageExample(SEEDS.result);
    expect(resultExamples(spec).completed.value).toStrictEqual(page);
    // The page's description uses curly apostrophes (U+2019); they must survive as such.
    expect(JSON.stringify(page)).toContain("today\u2019s");
  });

  test("completedTime uses the same date-time pattern as LocalDateTime", () => {
    const { schemas } = spec.components;
    expect(schemas.SceneSummaryStatus.properties.completedTime.pattern).toBe(
      schemas.LocalDateTime.pattern,
    );
  });
});

describe("date-times", () => {
  const at = ["components", "schemas", "LocalDateTime"];
  test.each([
    "2026-04-17T10:30:00",
    "2026-04-17T10:30:00.123",
    "2026-04-17T10:30:00Z",
    "2026-04-17T10:30:00+09:00",
    "2026-04-17T10:30:00.123456789-05:30",
  ])("%s is accepted", (value) => {
    expect(validate(at, value)).toEqual([]);
  });

  test.each([
    "2026-04-17T10:30:00garbage",
    "2026-04-17T10:30:00Z ",
    "2026-04-17T10:30:00\n",
    " 2026-04-17T10:30:00",
    "2026-04-17 10:30:00",
    "2026-04-17",
    "2026-04-17T10:30",
    "2026-04-17T10:30:00+0900",
    "",
  ])("%j is rejected", (value) => {
    expect(validate(at, value)).not.toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The checks above can fail: each is run on a deliberately broken copy of the document.

describe("the checks catch a broken document", () => {
  const failures = (doc: Json): string[] => {
    const check = makeValidator(doc);
    const checkClosed = makeValidator(closeObjectSchemas(doc));
    return collectExamples(doc).flatMap((c) =>
      [...check(c.schemaAt, c.value), ...checkClosed(c.schemaAt, c.value)].map(
        (e) => `${c.name}: ${e}`,
      ),
    );
  };
  const summarizing = (doc: Json): Json => statusExamples(doc).summarizing.value;

  test("the unbroken document has no failures", () => {
    expect(failures(spec)).toEqual([]);
  });

  test("an example with completedTime 42 is rejected", () => {
    const doc = clone(spec);
    summarizing(doc).result.completedTime = 42;
    expect(failures(doc)).toEqual([
      "GET /…/status 200 example summarizing: /result/completedTime must be string,null",
      "GET /…/status 200 example summarizing: /result/completedTime must be string,null",
    ]);
  });

  test("a date-time with trailing garbage is rejected", () => {
    const doc = clone(spec);
    summarizing(doc).result.requestedTime = "2026-04-17T10:30:00 garbage";
    expect(failures(doc).join("\n")).toMatch(/summarizing: \/result\/requestedTime must match/);
  });

  test("an unknown status value is rejected", () => {
    const doc = clone(spec);
    summarizing(doc).result.status = "SUMMARIZE_PAUSED";
    expect(failures(doc).join("\n")).toMatch(
      /summarizing: \/result\/status must be equal to one of the allowed values/,
    );
  });

  test("a missing required field is rejected", () => {
    const doc = clone(spec);
    delete summarizing(doc).result.targetSceneIds;
    expect(failures(doc).join("\n")).toMatch(/must have required property 'targetSceneIds'/);
  });

  test("a null where the page gives no null is rejected", () => {
    const doc = clone(spec);
    resultExamples(doc).completed.value.result.sceneSummaries[0].sceneSummary.analyzedAt = null;
    expect(failures(doc).join("\n")).toMatch(/example completed: .*\/analyzedAt must be string/);
  });

  test("integer scene ids in analyzedSceneIds are rejected", () => {
    const doc = clone(spec);
    resultExamples(doc).partialAndStale.value.result.sceneSummaryInfo.analyzedSceneIds = [1, 3];
    expect(failures(doc).join("\n")).toMatch(/analyzedSceneIds\/0 must be string/);
  });

  test("a misspelt optional property is caught by the closed check only", () => {
    const doc = clone(spec);
    const scene = resultExamples(doc).partialAndStale.value.result.sceneSummaries[1];
    scene.sceneSumary = scene.sceneSummary;
    const example = collectExamples(doc).find((c) => c.name.endsWith("partialAndStale"));
    if (!example) throw new Error("partialAndStale not collected");
    expect(makeValidator(doc)(example.schemaAt, example.value)).toEqual([]);
    expect(makeValidator(closeObjectSchemas(doc))(example.schemaAt, example.value)).toEqual([
      "/result/sceneSummaries/1 must NOT have additional properties",
    ]);
  });

  test("an error example matching neither error shape is rejected", () => {
    const doc = clone(spec);
    doc.components.responses.BadRequest.content["application/json"].examples.invalidRequest.value =
      { errorCode: "10001", message: "Invalid Request." };
    expect(failures(doc).join("\n")).toMatch(/BadRequest .*invalidRequest: \/ must match exactly/);
  });

  test("a gateway error code given as a number is rejected", () => {
    const doc = clone(spec);
    doc.components.responses.Unauthorized.content[
      "application/json"
    ].examples.permissionDenied.value.error.errorCode = 210;
    expect(failures(doc).join("\n")).toMatch(/permissionDenied: \/error\/errorCode must be string/);
  });

  test("a wrong parameter or schema example is rejected", () => {
    const doc = clone(spec);
    doc.components.parameters.ProjectId.example = 1234;
    doc.components.schemas.LocalDateTime.examples = ["17/04/2026 10:30"];
    const text = failures(doc).join("\n");
    expect(text).toMatch(/components\/parameters\/ProjectId example: \/ must be string/);
    expect(text).toMatch(/schema LocalDateTime examples\[0\]: \/ must match pattern/);
  });

  test("a misspelt schema keyword fails Ajv's strict mode instead of being ignored", () => {
    const doc = clone(spec);
    const { analyzedSceneCount } = doc.components.schemas.SceneSummaryStatus.properties;
    analyzedSceneCount.minimun = analyzedSceneCount.minimum;
    delete analyzedSceneCount.minimum;
    expect(() => failures(doc)).toThrow(/strict mode: unknown keyword: "minimun"/);
  });

  test("a response without an example is reported", () => {
    const doc = clone(spec);
    delete doc.components.responses.Forbidden.content["application/json"].examples;
    const bare = documentedResponses(doc).filter((r) => r.exampleCount === 0);
    expect(bare.map((r) => r.name)).toEqual(["GET /…/status 403", "GET /…/scene-summaries 403"]);
  });

  test("a status without an example is reported, as is a new enum member", () => {
    const doc = clone(spec);
    delete statusExamples(doc).summarizeFail;
    doc.components.schemas[STATUS_SCHEMA].enum.push("SUMMARIZE_PAUSED");
    expect(statusesWithoutExample(doc)).toEqual(["SUMMARIZE_FAIL", "SUMMARIZE_PAUSED"]);
  });

  test("a straight apostrophe in place of the page's curly one is not verbatim", () => {
    const doc = clone(spec);
    const summary = resultExamples(doc).completed.value.result.sceneSummaries[0].sceneSummary;
    summary.description = summary.description.replace("today\u2019s", "today's");
    expect(resultExamples(doc).completed.value).not.toStrictEqual(pageExample(SEEDS.result));
  });
});
