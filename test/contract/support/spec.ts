/**
 * What openapi.yaml documents, read at test time: every response of every operation, one
 * entry per named example, so that the contract tests follow the spec without a hand-kept
 * list; and the places it marks `x-source` (documented or inferred).
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked generically.
type Json = any;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** One documented response, or one named example of it. */
export interface DocumentedResponse {
  operationId: string;
  method: string;
  /** Path template, as in the spec. */
  path: string;
  /** HTTP status as written in the spec, such as `200` or `default`. */
  status: string;
  /** Name of the `application/json` example; undefined when the response has none. */
  example: string | undefined;
  /** The example's value. */
  value: unknown;
}

/** Reads and parses an OpenAPI document. */
export function readSpec(path: string): Json {
  return parse(readFileSync(path, "utf8"));
}

/** `operationId status example`, the key the coverage report and the gate use. */
export function responseKey(r: Pick<DocumentedResponse, "operationId" | "status" | "example">) {
  return `${r.operationId} ${r.status} ${r.example ?? "(no example)"}`;
}

/**
 * Every documented response of every operation, `$ref`s followed: one entry per named
 * `application/json` example, or a single entry without one when the response has no example
 * (which the contract tests cannot exercise, so the coverage gate reports it).
 */
export function documentedResponses(spec: Json): DocumentedResponse[] {
  const out: DocumentedResponse[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const operationId: string = operation.operationId ?? `${method.toUpperCase()} ${path}`;
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        const examples = Object.entries<Json>(
          deref(spec, response).content?.["application/json"]?.examples ?? {},
        );
        if (examples.length === 0) {
          out.push({ operationId, method, path, status, example: undefined, value: undefined });
        }
        for (const [example, { value }] of examples) {
          out.push({ operationId, method, path, status, example, value });
        }
      }
    }
  }
  return out;
}

/** One place of the document marked `x-source`. */
export interface SourceMark {
  /**
   * Where: a path into the document, space-separated, in which the path item and method of an
   * operation are replaced by its operationId (`<operationId> responses 200`).
   */
  place: string;
  /** The mark's value: `inferred` or `documented`. */
  source: unknown;
  /** The marked object. */
  node: Json;
}

/** Every place of the document marked `x-source`, in document order. */
export function sourceMarks(spec: Json): SourceMark[] {
  const out: SourceMark[] = [];
  const label = (at: string[]): string => {
    const [root, path = "", method = "", ...rest] = at;
    const operationId = root === "paths" && spec.paths[path]?.[method]?.operationId;
    return (operationId ? [operationId, ...rest] : at).join(" ");
  };
  const visit = (node: Json, at: string[]): void => {
    if (!node || typeof node !== "object") return;
    if ("x-source" in node) out.push({ place: label(at), source: node["x-source"], node });
    for (const [key, value] of Object.entries(node)) visit(value, [...at, key]);
  };
  visit(spec, []);
  return out;
}

/** Follows local `$ref`s (`#/components/...`) to the object they name. */
function deref(spec: Json, node: Json): Json {
  let current = node;
  while (typeof current?.$ref === "string" && current.$ref.startsWith("#/")) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((o: Json, k: string) => o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
  }
  return current;
}
