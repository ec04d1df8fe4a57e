/**
 * Ids arrive as user input and become path segments. They are checked here, before anything is
 * sent, so that a bad id fails with a message that names it instead of calling another
 * endpoint: empty and blank ids would drop a segment, `.` and `..` would be collapsed by URL
 * normalisation, and control characters and broken UTF-16 cannot be percent-encoded
 * faithfully. Everything else is allowed, percent-encoded by openapi-fetch
 * (`encodeURIComponent`) and signed exactly as sent.
 */
import { InvalidInputError, quote } from "./errors.js";

/** An id as a user passes it: responses return numbers, so both are accepted. */
export type Id = string | number;

/** Identifies a media asset: the ids of the asset-based operations. */
export interface AssetIds {
  /** Workspace name. */
  workspaceName: Id;
  /** Project ID. */
  projectId: Id;
  /** Media asset ID. */
  assetId: Id;
}

/** Identifies an index: the ids of the index-based *Request* and *Get scene summary result*. */
export interface IndexIds extends AssetIds {
  /** Index ID. */
  indexId: Id;
}

/** Identifies an index-based scene summary request: the ids of its *status* and *cancel*. */
export interface SceneSummaryIds extends IndexIds {
  /** Scene summary request ID. */
  sceneSummaryId: Id;
}

/**
 * The spec's path parameters, as the operations of each generation take them: a parameter
 * renamed in openapi.yaml fails to compile where the resources send them.
 */
type AssetPathParams = { workspace_name: string; project_id: string; asset_id: string };
type IndexPathParams = AssetPathParams & { index_id: string };
type SummaryPathParams = IndexPathParams & { scene_summary_id: string };

// C0 controls, DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks one id (a path parameter) and returns it as the string that goes in the path.
 *
 * @param name - How the error names it, such as `assetId`.
 * @throws InvalidInputError naming `name` when the id cannot be sent as one path segment.
 */
export function checkId(value: unknown, name: string): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidInputError(name, `must be a whole number ≥ 0, got ${value}`);
    }
    return String(value);
  }
  if (typeof value !== "string") {
    throw new InvalidInputError(name, `must be a string or a number, got ${describe(value)}`);
  }
  if (value === "") throw new InvalidInputError(name, "must not be empty");
  // \s covers the Unicode spaces too (U+00A0, U+3000…).
  if (/^\s+$/.test(value)) {
    throw new InvalidInputError(name, "must not be blank (only white space)");
  }
  if (/^\s|\s$/.test(value)) {
    throw new InvalidInputError(
      name,
      `must not start or end with white space, got ${JSON.stringify(quote(value))}`,
    );
  }
  if (value === "." || value === "..") {
    throw new InvalidInputError(
      name,
      `must not be "${value}": URL normalisation would turn the path into another endpoint`,
    );
  }
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    const codePoint = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw new InvalidInputError(
      name,
      `must not contain control characters (U+${codePoint} at index ${control.index})`,
    );
  }
  if (!value.isWellFormed()) {
    throw new InvalidInputError(name, "must not contain a lone UTF-16 surrogate");
  }
  return value;
}

function describe(value: unknown): string {
  return value === null ? "null" : typeof value;
}

function checkObject(ids: unknown): asserts ids is Record<string, unknown> {
  if (typeof ids !== "object" || ids === null) {
    throw new InvalidInputError("ids", `must be an object, got ${describe(ids)}`);
  }
}

/** Checks asset ids and returns them as the spec's path parameters. */
export function assetPathParams(ids: AssetIds): AssetPathParams {
  checkObject(ids);
  return {
    workspace_name: checkId(ids.workspaceName, "workspaceName"),
    project_id: checkId(ids.projectId, "projectId"),
    asset_id: checkId(ids.assetId, "assetId"),
  };
}

/** Checks index ids and returns them as the spec's path parameters. */
export function indexPathParams(ids: IndexIds): IndexPathParams {
  return { ...assetPathParams(ids), index_id: checkId(ids.indexId, "indexId") };
}

/** Checks scene summary ids and returns them as the spec's path parameters. */
export function sceneSummaryPathParams(ids: SceneSummaryIds): SummaryPathParams {
  return {
    ...indexPathParams(ids),
    scene_summary_id: checkId(ids.sceneSummaryId, "sceneSummaryId"),
  };
}
