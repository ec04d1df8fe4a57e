/**
 * Checking a success body against openapi.yaml, with the checks generated from it
 * (src/generated/checks.ts), under the SDK's rule: strict in development, lax in production.
 *
 * - Every way a body departs from the spec is a {@link Departure}: a JSON path, what the spec
 *   expects there, and the kind of what came instead (never the value: summaries can be private).
 * - Lax (the default): the body is used as received unless it lacks what the SDK acts on (the
 *   fields openapi.yaml lists in `x-sdk-enforced`, with their types); its departures are
 *   reported.
 * - Strict: any departure refuses the body.
 */
import type { Check, CheckError } from "./generated/checks.js";
import type { OperationId, SuccessBody } from "./operation.js";
import { describeOperation } from "./operation.js";
import { escapedJson } from "./text.js";

/** One way a body departs from openapi.yaml. */
export interface Departure {
  /**
   * Where, as a JSON path into the body: `$.result.status`,
   * `$.result.sceneSummaries[2].startMs`, `$.result["odd key"]`.
   */
  path: string;
  /** What openapi.yaml expects there, in words: `must be integer`, `must be one of …`. */
  expected: string;
  /**
   * What the body has there, as a kind: `missing`, `null`, `boolean`, `integer`, `number`,
   * `string`, `array` or `object`. Never the value.
   */
  received: string;
}

/** The outcome of {@link checkBody}. */
export type BodyCheck<Id extends OperationId> =
  | {
      ok: true;
      /** The body, as received. */
      body: SuccessBody<Id>;
      /** How it departs from openapi.yaml; empty when it matches. */
      departures: Departure[];
    }
  | {
      ok: false;
      /** The departure that makes the body unusable (strict: the first one). */
      departure: Departure;
    };

/**
 * Checks a parsed success body (the whole envelope, `code` and `message` included) of
 * operation `id`. Pure, synchronous and linear in the body; never throws for any body.
 *
 * @param strict - Whether any departure refuses the body (else only a missing or mistyped
 *   field the SDK acts on does).
 */
export function checkBody<Id extends OperationId>(
  id: Id,
  body: unknown,
  strict: boolean,
): BodyCheck<Id> {
  const checks: { strict: Check; essential: Check } = describeOperation(id).checks;
  if (conforms<Id>(checks.strict, body)) return { ok: true, body, departures: [] };
  const departures = departuresOf(checks.strict.errors ?? [], body);
  const first = departures[0] ?? {
    path: "$",
    expected: "must match openapi.yaml",
    received: kindOf(body),
  };
  if (strict) return { ok: false, departure: first };
  if (!conforms<Id>(checks.essential, body)) {
    const [error] = checks.essential.errors ?? [];
    return { ok: false, departure: error ? describe(error, body) : first };
  }
  return { ok: true, body, departures };
}

/** Runs a check: whether `body` is operation `Id`'s success body as far as the check goes. */
function conforms<Id extends OperationId>(check: Check, body: unknown): body is SuccessBody<Id> {
  return check(body);
}

/**
 * The departures Ajv's errors (all of them, from the strict check) describe, one per place.
 * An alternative's errors (`anyOf`, as nullable references are written) are folded: a value
 * that fits no branch is one departure listing the types; a value of a branch's type that
 * fails inside it is that branch's departure alone.
 */
function departuresOf(errors: readonly CheckError[], body: unknown): Departure[] {
  // The places that have an error further down, and the errors at each place, in one pass.
  const hasDeeper = new Set<string>();
  const byPlace = new Map<string, CheckError[]>();
  for (const error of errors) {
    const place = error.instancePath;
    for (let end = place.lastIndexOf("/"); end >= 0; end = place.lastIndexOf("/", end - 1)) {
      const ancestor = place.slice(0, end);
      if (hasDeeper.has(ancestor)) break;
      hasDeeper.add(ancestor);
      if (end === 0) break;
    }
    if (error.keyword === "anyOf" || error.keyword === "oneOf") continue;
    const group = byPlace.get(place);
    if (group) group.push(error);
    else byPlace.set(place, [error]);
  }
  const departures: Departure[] = [];
  for (const [place, group] of byPlace) {
    // A "must be null" beside a more telling error (or one deeper down) is the other branch of
    // a nullable value: the more telling error is the departure.
    const telling = group.filter((e) => !isNullAlternative(e));
    const kept = telling.length > 0 || hasDeeper.has(place) ? telling : group;
    // A value of the wrong type is that, whatever else it fails (an enum, a pattern, a bound).
    const typeErrors = kept.filter((e) => e.keyword === "type");
    if (typeErrors.length === 0) {
      for (const error of kept) departures.push(describe(error, body));
      continue;
    }
    const types = typeErrors.flatMap((e) => typesOf(e));
    if (group.some(isNullAlternative) && !types.includes("null")) types.push("null");
    const segments = segmentsOf(place);
    departures.push({
      path: jsonPath(body, segments),
      expected: `must be ${[...new Set(types)].join(" or ")}`,
      received: kindOf(valueAt(body, segments)),
    });
  }
  return departures;
}

function isNullAlternative(error: CheckError): boolean {
  return error.keyword === "type" && error.params.type === "null";
}

function typesOf(error: CheckError): string[] {
  const { type } = error.params;
  return Array.isArray(type) ? type.map(String) : String(type).split(",");
}

function segmentsOf(instancePath: string): string[] {
  return instancePath === "" ? [] : instancePath.split("/").slice(1).map(unescapePointer);
}

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** One Ajv error as a departure; a missing or unknown property is pointed at itself. */
function describe(error: CheckError, body: unknown): Departure {
  const segments = segmentsOf(error.instancePath);
  const { params } = error;
  let expected = error.message ?? `must satisfy ${error.keyword}`;
  switch (error.keyword) {
    case "required":
      segments.push(String(params.missingProperty));
      expected = "a required property";
      break;
    case "unevaluatedProperties":
    case "additionalProperties":
      segments.push(String(params.unevaluatedProperty ?? params.additionalProperty));
      expected = "no such property (openapi.yaml does not declare it)";
      break;
    case "type":
      expected = `must be ${typesOf(error).join(" or ")}`;
      break;
    case "enum":
      expected = `must be one of ${(params.allowedValues as unknown[]).map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")}`;
      break;
    case "pattern":
      expected = `must match the pattern ${String(params.pattern)}`;
      break;
  }
  return { path: jsonPath(body, segments), expected, received: kindOf(valueAt(body, segments)) };
}

/** The value at `segments` inside `body`; `undefined` where there is none. */
function valueAt(body: unknown, segments: readonly string[]): unknown {
  let node = body;
  for (const segment of segments) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** What kind of JSON value `value` is, for {@link Departure.received}. */
export function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Longest property name a path shows whole; a longer one is cut and ends with `…`. */
const MAX_NAME = 100;

/**
 * `$.a.b[0]["odd key"]`: indexes where the body has an array, names elsewhere. A name that is
 * not an identifier is quoted as JSON, every control character escaped ({@link escapedJson}),
 * so that a name from the server cannot put control characters into a message.
 */
function jsonPath(body: unknown, segments: readonly string[]): string {
  let path = "$";
  let node: unknown = body;
  for (const segment of segments) {
    const shown = segment.length > MAX_NAME ? `${segment.slice(0, MAX_NAME)}…` : segment;
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(shown)) path += `.${shown}`;
    else path += `[${escapedJson(JSON.stringify(shown))}]`;
    node =
      node !== null && typeof node === "object"
        ? (node as Record<string, unknown>)[segment]
        : undefined;
  }
  return path;
}

/**
 * A JSON path with every array index replaced by `[*]`: one place for all the items of a
 * list, so that a departure of every scene is reported once, not once per scene.
 */
export function placeOf(path: string): string {
  return path.replace(/\[\d+\]/g, "[*]");
}
