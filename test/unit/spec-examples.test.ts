/**
 * Every example in openapi.yaml is checked against its schema with Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1), independently of Redocly's lint; the pages' own examples
 * (test/fixtures/pages/) must be in it verbatim, and the places the pages could not document
 * (`x-source: inferred`) are listed. The checks are pure functions of the document, so the
 * negative tests at the end run them on broken copies to prove they can fail.
 */
import { readFileSync } from "node:fs";
import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { sourceMarks } from "../contract/support/spec.js";
import { ID, OPERATIONS } from "../support/operations.js";

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
  // Redoc's grouping of the tags: the guide sections, then the operations.
  "x-tagGroups",
];
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const ASSET_PREFIX = "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}";
const DEPRECATED_TAG = "Scene summary (index-based, deprecated)";

const specText = readFileSync(new URL("../../openapi.yaml", import.meta.url), "utf8");
const spec: Json = parse(specText);

/** An example copied from one of NAVER Cloud's pages, with where it was copied from. */
interface PageFixture {
  source: { page: string; url: string; section: string; copiedFrom: string };
  example: Json;
}

/** Reads one of test/fixtures/pages/. */
const pageFixture = (name: string): PageFixture =>
  JSON.parse(readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), "utf8"));

const PAGES = {
  status: pageFixture("get-scene-summary-status.response.json"),
  result: pageFixture("get-scene-summary-result.response.json"),
  cancel: pageFixture("cancel-scene-summary.response.json"),
  request: pageFixture("request-scene-summary.request.json"),
  codes: pageFixture("media-intelligence-codes.json"),
};

/**
 * The places openapi.yaml marks `x-source: inferred`: what the pages could not document,
 * modelled on the closest documented shape. Operations are named by operationId.
 */
const INFERRED = [
  `${ID.assetRequest} responses 200`,
  `${ID.assetResult} responses 200`,
  `${ID.assetStatus} responses 200`,
  `${ID.assetCancel} responses 200`,
  `${ID.indexRequest} responses 200`,
  "components schemas AssetSceneSummaryRequest properties sceneIds",
  "components schemas AssetSceneSummaryRequest properties locale",
  "components schemas IndexSceneSummaryRequestResult properties sceneSummaryId",
  "components responses SummaryInProgress",
  "components responses SummaryNotCompleted",
];

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
    // `int64` and `int32` say how wide an integer is, for generators; they check nothing.
    validateFormats: false,
  });
  // OpenAPI's additions to the Schema Object: annotations, not assertions.
  ajv.addVocabulary(["discriminator", "xml", "externalDocs", "example"]);
  // This document's own annotations: where a schema's content comes from, and which fields the
  // SDK acts on.
  ajv.addVocabulary(["x-source", "x-sdk-enforced"]);
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
      const label: string = op.operationId;
      const at = ["paths", path, method];
      parameterExamples(op.parameters, label, [...at, "parameters"]);
      if (op.requestBody && !op.requestBody.$ref) {
        cases.push(...mediaTypeExamples(op.requestBody, `${label} body`, [...at, "requestBody"]));
      }
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
  return operationsOf(doc).flatMap(({ operationId, op }) =>
    Object.entries<Json>(op.responses ?? {}).map(([code, ref]) => {
      const { node: response, at } = deref(doc, ref, []);
      return {
        name: `${operationId} ${code}`,
        exampleCount: mediaTypeExamples(response, "", at).length,
      };
    }),
  );
}

/** Every operation of the document, with its method and path. */
function operationsOf(
  doc: Json,
): { operationId: string; method: string; path: string; op: Json }[] {
  return Object.entries<Json>(doc.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({
      operationId: item[method].operationId,
      method,
      path,
      op: item[method],
    })),
  );
}

/** The operation with this operationId. */
function operation(doc: Json, operationId: string): Json {
  const found = operationsOf(doc).find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found.op;
}

/** An operation's 200 examples, by name. */
const okExamples = (doc: Json, operationId: string): Record<string, Json> =>
  operation(doc, operationId).responses["200"].content["application/json"].examples;

const statusExamples = (doc: Json) => okExamples(doc, ID.indexStatus);
const resultExamples = (doc: Json) => okExamples(doc, ID.indexResult);

/** Members of the status enum that no 200 example of this operation shows. */
function statusesWithoutExample(doc: Json, operationId: string = ID.indexStatus): string[] {
  const examples = Object.values(okExamples(doc, operationId));
  const shown = new Set(examples.map((e) => e.value?.result?.status));
  return (doc.components.schemas[STATUS_SCHEMA].enum as string[]).filter((s) => !shown.has(s));
}

/** The inferred places whose description does not say what they are inferred from. */
function inferredWithoutReason(doc: Json): string[] {
  return sourceMarks(doc)
    .filter((m) => m.source === "inferred")
    .filter((m) => !/\*\*Inferred(:\*\*|\*\*)[\s\S]*?\bfrom\b/.test(m.node.description ?? ""))
    .map((m) => m.place);
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
  const statusOperations = [ID.indexStatus, ID.assetStatus];
  test.each(
    statusOperations.flatMap((operationId) => statuses.map((s) => [operationId, s] as const)),
  )("a %s 200 example shows %s", (operationId, status) => {
    expect(statusesWithoutExample(spec, operationId)).not.toContain(status);
  });

  test.each(
    operationsOf(spec)
      .filter((o) => o.op.requestBody)
      .map((o) => [o.operationId, o] as const),
  )("%s has request body examples", (_id, { op }) => {
    expect(Object.keys(op.requestBody.content["application/json"].examples ?? {})).not.toEqual([]);
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
    expect(statusExamples(spec).summarizing.value).toStrictEqual(PAGES.status.example);
  });

  test("the result page's response example is the `completed` example, verbatim", () => {
    const page = PAGES.result.example;
    expect(resultExamples(spec).completed.value).toStrictEqual(page);
    // The page's description uses curly apostrophes (U+2019); they must survive as such.
    expect(JSON.stringify(page)).toContain("today\u2019s");
  });

  test("the cancel page's response example is the `canceled` example, verbatim", () => {
    expect(okExamples(spec, ID.indexCancel).canceled.value).toStrictEqual(PAGES.cancel.example);
  });

  test("the request page's request example is the `partial` body example, verbatim", () => {
    const body = operation(spec, ID.indexRequest).requestBody.content["application/json"];
    expect(body.examples.partial.value).toStrictEqual(PAGES.request.example);
  });

  test("the overview's Media Intelligence codes are 400 examples, verbatim", () => {
    const examples = Object.values<Json>(
      spec.components.responses.BadRequest.content["application/json"].examples,
    ).map((e) => e.value);
    for (const { code, message } of PAGES.codes.example) {
      expect(examples).toContainEqual({ code, message });
    }
  });

  test("every fixture names the page it was copied from", () => {
    for (const { source } of Object.values(PAGES)) {
      expect(source.url).toMatch(/^https:\/\/api\.ncloud-docs\.com\/docs\//);
      expect(source.copiedFrom).not.toBe("");
    }
  });

  test("every date-time reuses LocalDateTime, nullable where a state has none", () => {
    const { schemas } = spec.components;
    const ref = { $ref: "#/components/schemas/LocalDateTime" };
    for (const name of ["requestedTime", "completedTime"]) {
      expect(schemas.SceneSummaryStatus.properties[name].anyOf).toEqual([ref, { type: "null" }]);
    }
    expect(schemas.SceneSummaryInfo.properties.lastAnalyzedAt.allOf).toEqual([ref]);
    expect(schemas.SceneSummary.properties.analyzedAt.allOf).toEqual([ref]);
  });

  test("BEFORE_SUMMARIZE examples invent no summary id and no request time", () => {
    for (const operationId of [ID.indexStatus, ID.assetStatus]) {
      const { result } = okExamples(spec, operationId).beforeSummarize.value;
      expect([result.sceneSummaryId, result.requestedTime, result.completedTime]).toEqual([
        null,
        null,
        null,
      ]);
    }
  });

  test("sceneSummaryId's two meanings are told where a reader meets it", () => {
    const { description } = spec.components.schemas.SceneSummaryStatus.properties.sceneSummaryId;
    expect(description).toMatch(/scene\s+summary\s+request/);
    expect(description).toMatch(/last\s+successfully\s+analysed\s+scene/);
  });
});

describe("operations", () => {
  test("exactly the operations the tests name, each under the asset", () => {
    const ids = operationsOf(spec).map((o) => o.operationId);
    expect(ids.sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const { path } of operationsOf(spec)) expect(path.startsWith(ASSET_PREFIX)).toBe(true);
  });

  test("an index-based operation is deprecated and tagged so; an asset-based one is neither", () => {
    for (const { path, op } of operationsOf(spec)) {
      const indexBased = path.includes("/indexes/{index_id}/");
      expect([op.operationId, op.deprecated === true, op.tags]).toEqual([
        op.operationId,
        indexBased,
        [indexBased ? DEPRECATED_TAG : "Scene summary"],
      ]);
    }
  });

  test("each deprecated operation's description gives the removal date", () => {
    for (const { op } of operationsOf(spec).filter((o) => o.op.deprecated)) {
      expect(op.description).toMatch(/\*\*Deprecated:\*\* to be removed in January 2027/);
    }
  });
});

describe("documented and inferred", () => {
  test("exactly these places are inferred", () => {
    const inferred = sourceMarks(spec).filter((m) => m.source === "inferred");
    expect(inferred.map((m) => m.place).sort()).toEqual([...INFERRED].sort());
  });

  test("x-source is only ever `inferred` or `documented`", () => {
    for (const { place, source } of sourceMarks(spec)) {
      expect([place, source]).toEqual([place, expect.stringMatching(/^(inferred|documented)$/)]);
    }
  });

  test("every inferred place says what it is inferred from", () => {
    expect(inferredWithoutReason(spec)).toEqual([]);
  });
});

/** Every object of the document that has a `$ref` beside other keys, by its path. */
function refsWithSiblings(doc: Json): string[] {
  const found: string[] = [];
  const walk = (node: Json, at: string): void => {
    if (!node || typeof node !== "object") return;
    if (!Array.isArray(node) && "$ref" in node && Object.keys(node).length > 1) found.push(at);
    for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
  };
  walk(doc, "#");
  return found;
}

/** `required` of each component schema that has one, and `x-sdk-enforced` likewise. */
function listsOf(doc: Json, keyword: string): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries<Json>(doc.components.schemas)
      .filter(([, schema]) => schema[keyword])
      .map(([name, schema]) => [name, schema[keyword]]),
  );
}

describe("a response promises only what the pages or the workflow make certain", () => {
  test("exactly these fields are required", () => {
    const envelope = ["code", "message"];
    expect(listsOf(spec, "required")).toEqual({
      SceneSummaryStatus: ["status"],
      SceneSummaryStatusResponse: [...envelope, "result"],
      SceneSummaryItem: ["scene", "startMs", "endMs"],
      SceneSummaries: ["sceneSummaries"],
      SceneSummariesResponse: [...envelope, "result"],
      SceneSummaryRequestResponse: envelope,
      IndexSceneSummaryRequestResponse: envelope,
      ResultCodeResponse: envelope,
      GatewayErrorDetail: ["errorCode", "message"],
      GatewayError: ["error"],
      MediaIntelligenceError: envelope,
    });
  });

  test("the SDK enforces what it acts on, all of it required", () => {
    const enforced = listsOf(spec, "x-sdk-enforced");
    expect(enforced).toEqual({
      SceneSummaryStatus: ["status"],
      SceneSummaryStatusResponse: ["result"],
      SceneSummaryItem: ["scene", "startMs", "endMs"],
      SceneSummaries: ["sceneSummaries"],
      SceneSummariesResponse: ["result"],
    });
    const required = listsOf(spec, "required");
    for (const [name, fields] of Object.entries(enforced)) {
      expect(required[name]).toEqual(expect.arrayContaining(fields));
    }
  });

  test("the fields a state may lack are nullable", () => {
    const { properties } = spec.components.schemas.SceneSummaryStatus;
    for (const name of [
      "sceneSummaryId",
      "analyzedSceneCount",
      "totalSceneCount",
      "statusMessage",
    ]) {
      expect(properties[name].type).toContain("null");
    }
    const item = spec.components.schemas.SceneSummaryItem.properties.sceneSummary;
    expect(item.anyOf).toContainEqual({ type: "null" });
  });

  test("ids and millisecond times are int64", () => {
    const { schemas } = spec.components;
    const int64 = [
      schemas.SceneSummaryStatus.properties.sceneSummaryId,
      schemas.SceneSummaryStatus.properties.targetSceneIds.items,
      schemas.SceneSummaries.properties.indexId,
      schemas.SceneSummaryItem.properties.scene,
      schemas.SceneSummaryItem.properties.startMs,
      schemas.SceneSummaryItem.properties.endMs,
      schemas.AssetSceneSummaryRequest.properties.sceneIds.items,
      schemas.IndexSceneSummaryRequest.properties.sceneIds.items,
      schemas.IndexSceneSummaryRequestResult.properties.sceneSummaryId,
    ];
    expect(int64.map((schema) => schema.format)).toEqual(int64.map(() => "int64"));
  });

  test("what generators trip on is gone: no sibling of a $ref, anyOf errors, a named gateway detail", () => {
    expect(refsWithSiblings(spec)).toEqual([]);
    const { schemas } = spec.components;
    expect(schemas.ErrorResponse.oneOf).toBeUndefined();
    expect(schemas.ErrorResponse.anyOf).toHaveLength(2);
    expect(schemas.GatewayError.properties.error).toEqual({
      $ref: "#/components/schemas/GatewayErrorDetail",
    });
    // The guide lives in tags, so that generators do not copy it into every file.
    expect(spec.info.description.length).toBeLessThan(600);
    const guide = spec.tags.filter((tag: Json) => tag["x-traitTag"]).map((tag: Json) => tag.name);
    expect(guide.sort()).toEqual(
      [
        "About this description",
        "Authentication",
        "Dates and times",
        "Errors",
        "Status lifecycle",
      ].sort(),
    );
  });

  test("each security header says it is computed per request, naming the algorithm", () => {
    for (const scheme of Object.values<Json>(spec.components.securitySchemes)) {
      expect(scheme["x-ncp-signature"]).toEqual({
        algorithm: "NCP API Gateway signature v2 (HMAC-SHA256)",
        computedPerRequest: true,
      });
      expect(scheme.description).toMatch(/computed\s+(anew\s+)?for\s+every\s+request/);
    }
  });

  test("a description beside a $ref is found", () => {
    const doc = clone(spec);
    doc.components.schemas.SceneSummaryStatus.properties.status.description = "Status.";
    expect(refsWithSiblings(doc)).toEqual([
      "#/components/schemas/SceneSummaryStatus/properties/status",
    ]);
  });
});

describe("date-times", () => {
  const at = ["components", "schemas", "LocalDateTime"];
  test.each(["2026-04-17T10:30:00", "2026-04-17T10:30:00.123", "2026-04-17T10:30:00.123456789"])(
    "%s is accepted",
    (value) => {
      expect(validate(at, value)).toEqual([]);
    },
  );

  test.each([
    "2026-04-17T10:30:00garbage",
    "2026-04-17T10:30:00Z ",
    "2026-04-17T10:30:00\n",
    " 2026-04-17T10:30:00",
    "2026-04-17 10:30:00",
    "2026-04-17",
    "2026-04-17T10:30",
    "2026-04-17T10:30:00+0900",
    // The pages show no offset: one is a departure worth reporting (see Dates and times).
    "2026-04-17T10:30:00Z",
    "2026-04-17T10:30:00+09:00",
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
    expect(failures(doc).join("\n")).toMatch(
      /summarizing: \/result\/completedTime must be string\n.*summarizing: \/result\/completedTime must be null/,
    );
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
    delete summarizing(doc).result.status;
    expect(failures(doc).join("\n")).toMatch(/must have required property 'status'/);
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
    const example = collectExamples(doc).find(
      (c) => c.name === `${ID.indexResult} 200 example partialAndStale`,
    );
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
    expect(failures(doc).join("\n")).toMatch(
      /BadRequest .*invalidRequest: \/ must match a schema in anyOf/,
    );
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
    const forbidden = operationsOf(spec)
      .filter(({ op }) => op.responses["403"]?.$ref === "#/components/responses/Forbidden")
      .map(({ operationId }) => `${operationId} 403`);
    expect(forbidden.length).toBeGreaterThan(0);
    expect(bare.map((r) => r.name).sort()).toEqual(forbidden.sort());
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
    expect(resultExamples(doc).completed.value).not.toStrictEqual(PAGES.result.example);
  });

  test("an inferred place losing its mark, or a new one, changes the list", () => {
    const doc = clone(spec);
    delete doc.components.responses.SummaryInProgress["x-source"];
    doc.components.schemas.SceneSummaryInfo["x-source"] = "inferred";
    const places = sourceMarks(doc).map((m) => m.place);
    expect(places).not.toContain("components responses SummaryInProgress");
    expect(places).toContain("components schemas SceneSummaryInfo");
  });

  test("an inferred place whose description does not say from what is reported", () => {
    const doc = clone(spec);
    doc.components.responses.SummaryInProgress.description = "Already in progress.";
    expect(inferredWithoutReason(doc)).toEqual(["components responses SummaryInProgress"]);
  });

  test("a request body example that does not match its schema is rejected", () => {
    const doc = clone(spec);
    const body = operation(doc, ID.assetRequest).requestBody.content["application/json"];
    body.examples.partial.value.sceneIds = ["1"];
    expect(failures(doc).join("\n")).toMatch(
      new RegExp(`${ID.assetRequest} body example partial: /sceneIds/0 must be integer`),
    );
  });
});
