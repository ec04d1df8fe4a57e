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
 *
 * A request body is held to openapi.yaml strictly, before it is sent: {@link checkRequestBody}.
 */
import { InvalidInputError } from "./errors.js";
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
  const departures = findingsOf(checks.strict.errors ?? [], body).map((f) => f.departure);
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
 * Checks a request body of operation `id` against openapi.yaml, strictly (the spec exactly, no
 * field it does not declare), before anything is sent. No body (`undefined`) is not checked:
 * nothing is sent then. Pure and synchronous.
 *
 * @throws InvalidInputError for the first departure: its field is the JSON path of the value at
 *   fault (`sceneIds[0]`, `locale`; `body` for the body itself), its reason what the spec wants
 *   there and, for a value of the wrong type, the kind received (never the value).
 */
export function checkRequestBody(id: OperationId, body: unknown): void {
  const check: Check | null = describeOperation(id).bodyCheck;
  if (body === undefined || check === null) return;
  if (isNoJsonBody(body)) {
    throw new InvalidInputError("body", "must be a plain object of JSON fields");
  }
  // The body as it goes out: JSON drops what it cannot send (a field set to undefined, an
  // inherited one), and a hole in an array or a number that is not finite goes as null.
  const sent = wireForm(body);
  if (check(sent)) return;
  const [first] = findingsOf(check.errors ?? [], sent);
  if (!first) throw new InvalidInputError("body", "does not match openapi.yaml");
  const { path } = first.departure;
  const field = path === "$" ? "body" : path.replace(/^\$\.?/, "");
  const given = valueAt(body, segmentsOf(first.error.instancePath));
  const problem = problemOf(first);
  throw new InvalidInputError(
    field,
    typeof given === "number" && !Number.isFinite(given)
      ? `${problem} (${String(given)}, which JSON sends as null)`
      : problem,
  );
}

/**
 * Whether `body` is an object that is no JSON body: FormData, which openapi-fetch sends as it
 * is (multipart), or a collection whose JSON is an empty object (a Map, a Set, a Blob, search
 * parameters), which would go as a request for everything.
 */
function isNoJsonBody(body: unknown): boolean {
  return [globalThis.FormData, Map, Set, globalThis.Blob, globalThis.URLSearchParams].some(
    (type) => typeof type === "function" && body instanceof type,
  );
}

/**
 * `body` as JSON carries it, or `body` itself when JSON cannot (a cycle, a BigInt): the
 * check then names what is wrong with it.
 */
function wireForm(body: unknown): unknown {
  try {
    const text = JSON.stringify(body);
    return text === undefined ? body : JSON.parse(text);
  } catch {
    return body;
  }
}

/** What is wrong with a value of a request body, in the words of an {@link InvalidInputError}. */
function problemOf({ departure, error }: Finding): string {
  switch (error.keyword) {
    case "required":
      return "is required";
    case "unevaluatedProperties":
    case "additionalProperties": {
      const declared = propertyNames(error.parentSchema);
      return declared.length > 0
        ? `is not a field openapi.yaml declares here; the fields are ${declared.join(", ")}`
        : "is not a field openapi.yaml declares here; it declares none";
    }
    case "type": {
      const types = departure.expected.replace(/^must be /, "").split(" or ");
      return `must be ${types.map(aKind).join(" or ")}, got ${aKind(departure.received)}`;
    }
    case "minimum":
    case "maximum": {
      const limit = Number(error.params.limit);
      const bound = `${error.keyword === "minimum" ? "at least" : "at most"} ${limit}`;
      // The generated bound of an int64: the safe integers, which JSON carries exactly.
      if (Math.abs(limit) !== Number.MAX_SAFE_INTEGER) return `must be ${bound}`;
      const end = error.keyword === "minimum" ? "smallest" : "largest";
      return `must be ${bound}, the ${end} integer JavaScript sends exactly`;
    }
    case "minLength": {
      const limit = Number(error.params.limit);
      return limit === 1 ? "must not be empty" : `must be at least ${limit} characters long`;
    }
    case "not": {
      // The spec's way of forbidding fields together: `not: { required: [a, b] }`.
      const together = (error.schema as { required?: unknown } | undefined)?.required;
      return Array.isArray(together) && together.length > 1
        ? `must not have ${together.map(String).join(" and ")} together`
        : "must not match what openapi.yaml forbids here";
    }
    default:
      return departure.expected;
  }
}

/** The properties an object schema declares, for a message. */
function propertyNames(schema: unknown): string[] {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return properties !== null && typeof properties === "object" ? Object.keys(properties) : [];
}

/** A kind of {@link kindOf} (or a type of the spec) with its article: `an array`, `a string`. */
function aKind(kind: string): string {
  if (kind === "null") return "null";
  // kindOf calls a number that is not whole (1.5, NaN, Infinity) a number.
  if (kind === "number") return "a non-integer number";
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** A departure, with the error of the check it was made from. */
interface Finding {
  departure: Departure;
  error: CheckError;
}

/**
 * The departures Ajv's errors (all of them, from the strict check) describe, one per place.
 * An alternative's errors (`anyOf`, as nullable references are written) are folded: a value
 * that fits no branch is one departure listing the types; a value of a branch's type that
 * fails inside it is that branch's departure alone.
 */
function findingsOf(errors: readonly CheckError[], body: unknown): Finding[] {
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
  const findings: Finding[] = [];
  for (const [place, group] of byPlace) {
    // A "must be null" beside a more telling error (or one deeper down) is the other branch of
    // a nullable value: the more telling error is the departure.
    const telling = group.filter((e) => !isNullAlternative(e));
    const kept = telling.length > 0 || hasDeeper.has(place) ? telling : group;
    // A value of the wrong type is that, whatever else it fails (an enum, a pattern, a bound).
    const typeErrors = kept.filter((e) => e.keyword === "type");
    const [typeError] = typeErrors;
    if (!typeError) {
      for (const error of kept) findings.push({ departure: describe(error, body), error });
      continue;
    }
    const types = typeErrors.flatMap((e) => typesOf(e));
    if (group.some(isNullAlternative) && !types.includes("null")) types.push("null");
    const segments = segmentsOf(place);
    const departure = {
      path: jsonPath(body, segments),
      expected: `must be ${[...new Set(types)].join(" or ")}`,
      received: kindOf(valueAt(body, segments)),
    };
    findings.push({ departure, error: typeError });
  }
  return findings;
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
