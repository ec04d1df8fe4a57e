/**
 * Calls the mock the way a client would (signature headers present, as Prism requires), and
 * checks every body it answers against the response schema openapi.yaml gives for that
 * operation and status, with Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect).
 */
import { readFileSync } from "node:fs";
import Ajv2020Module from "ajv/dist/2020.js";
import { parse } from "yaml";

// ajv is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked generically.
type Json = any;

const DOC_ID = "https://spec.invalid/openapi.yaml";

/** openapi.yaml, parsed. */
const spec: Json = parse(readFileSync(new URL("../../../openapi.yaml", import.meta.url), "utf8"));

const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  allowUnionTypes: true,
  // `int64` and `int32` say how wide an integer is, for generators; they check nothing.
  validateFormats: false,
});
ajv.addSchema(spec, DOC_ID);

/** A JSON pointer fragment of `parts`. */
const pointer = (parts: string[]) =>
  parts.map((part) => `/${part.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** An operation of the spec, with a pattern matching its concrete paths. */
interface SpecOperation {
  operationId: string;
  method: string;
  pattern: RegExp;
  at: string[];
  operation: Json;
}

const OPERATIONS: SpecOperation[] = Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
  ["get", "post", "delete"].flatMap((method) =>
    item[method]
      ? [
          {
            operationId: item[method].operationId,
            method: method.toUpperCase(),
            pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
            at: ["paths", path, method],
            operation: item[method],
          },
        ]
      : [],
  ),
);

/** The operation of a request, by method and path. */
function operationOf(method: string, path: string): SpecOperation {
  const found = OPERATIONS.find((op) => op.method === method && op.pattern.test(path));
  if (!found) throw new Error(`no operation of the spec is ${method} ${path}`);
  return found;
}

/**
 * Ajv's complaints about `body` as the answer of `operationId` with `status`; empty when it
 * is valid. A status the operation does not document is a complaint too.
 */
export function specComplaints(operationId: string, status: number, body: unknown): string[] {
  const op = OPERATIONS.find((one) => one.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  const response = op.operation.responses[String(status)];
  if (!response) return [`${operationId} documents no ${status} response`];
  const at = response.$ref
    ? [...response.$ref.slice(2).split("/"), "content", "application/json", "schema"]
    : [...op.at, "responses", String(status), "content", "application/json", "schema"];
  const validate = ajv.getSchema(`${DOC_ID}#${pointer(at)}`);
  if (!validate) throw new Error(`no schema at ${at.join("/")}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message}`);
}

/** A named example of an operation's response, as the spec has it. */
export function specExample(operationId: string, status: number, name: string): Json {
  const op = OPERATIONS.find((one) => one.operationId === operationId);
  const response = op?.operation.responses[String(status)];
  const resolved = response?.$ref
    ? spec.components.responses[response.$ref.split("/").pop()]
    : response;
  const example = resolved?.content?.["application/json"]?.examples?.[name];
  if (!example) throw new Error(`${operationId} has no ${status} example ${name}`);
  return example.value;
}

/** Headers Prism requires: the signature's (any values do, the mock checks only presence). */
export const SIGNED = {
  "x-ncp-apigw-timestamp": "1700000000000",
  "x-ncp-iam-access-key": "TEST_ACCESS_KEY",
  "x-ncp-apigw-signature-v2": "c2lnbmF0dXJl",
  "content-type": "application/json",
};

/** One answer of the mock. */
export interface Answer {
  status: number;
  operationId: string;
  body: Json;
}

/** Options of one call. */
export interface CallOptions {
  body?: unknown;
  scenario?: string;
  headers?: Record<string, string>;
}

/**
 * Sends `method path` to the mock at `baseUrl` and returns the answer, after checking that
 * its body is valid for the operation and status; a problem Prism or the mock answers
 * itself (`application/problem+json`) is returned unchecked.
 */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const { operationId } = operationOf(method, path);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...SIGNED,
      ...(options.scenario && { "x-mock-scenario": options.scenario }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const body = JSON.parse(await response.text());
  if (!response.headers.get("content-type")?.startsWith("application/problem+json")) {
    const complaints = specComplaints(operationId, response.status, body);
    if (complaints.length > 0) {
      throw new Error(
        `${method} ${path} answered ${response.status} with a body the spec does not allow: ${complaints.join("; ")}\n${JSON.stringify(body)}`,
      );
    }
  }
  return { status: response.status, operationId, body };
}
