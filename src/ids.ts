/**
 * Ids arrive as user input and become path segments. They are checked here, before anything is
 * sent, so that a bad id fails with a message that names it instead of calling another
 * endpoint: `.` and `..` would be collapsed by URL normalisation, and control characters and
 * broken UTF-16 cannot be percent-encoded faithfully. Everything else is allowed and is
 * percent-encoded (`encodeURIComponent`), then signed exactly as sent.
 */
import { InvalidInputError } from "./errors.js";
import type { operations } from "./generated/openapi.js";

/** The spec's path parameters: a parameter renamed in openapi.yaml fails to compile here. */
type IndexPathParams = operations["getSceneSummaries"]["parameters"]["path"];
type StatusPathParams = operations["getSceneSummaryStatus"]["parameters"]["path"];

/** Identifies an index: the ids of *Get scene summary result*. */
export interface IndexIds {
  /** Workspace name. */
  workspaceName: string;
  /** Project ID. */
  projectId: string;
  /** Media asset ID. */
  assetId: string;
  /** Index ID. */
  indexId: string;
}

/** Identifies a scene summary request: the ids of *Get scene summary status*. */
export interface SceneSummaryIds extends IndexIds {
  /** Scene summary request ID. */
  sceneSummaryId: string;
}

// C0 controls, DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

function checkId(ids: object, name: string): string {
  const value: unknown = (ids as Record<string, unknown>)[name];
  if (typeof value !== "string") {
    throw new InvalidInputError(name, `${name} must be a string, got ${describe(value)}.`);
  }
  if (value === "") {
    throw new InvalidInputError(name, `${name} must not be empty.`);
  }
  if (value === "." || value === "..") {
    throw new InvalidInputError(
      name,
      `${name} must not be "${value}": URL normalisation would turn the path into another endpoint.`,
    );
  }
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    const codePoint = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    throw new InvalidInputError(
      name,
      `${name} must not contain control characters (U+${codePoint} at index ${control.index}).`,
    );
  }
  if (!value.isWellFormed()) {
    throw new InvalidInputError(name, `${name} contains a lone UTF-16 surrogate.`);
  }
  return value;
}

function describe(value: unknown): string {
  return value === null ? "null" : typeof value;
}

function checkObject(ids: unknown): asserts ids is object {
  if (typeof ids !== "object" || ids === null) {
    throw new InvalidInputError("ids", `ids must be an object, got ${describe(ids)}.`);
  }
}

/** Checks index ids and returns them as the spec's path parameters. */
export function indexPathParams(ids: IndexIds): IndexPathParams {
  checkObject(ids);
  return {
    workspace_name: checkId(ids, "workspaceName"),
    project_id: checkId(ids, "projectId"),
    asset_id: checkId(ids, "assetId"),
    index_id: checkId(ids, "indexId"),
  };
}

/** Checks scene summary ids and returns them as the spec's path parameters. */
export function sceneSummaryPathParams(ids: SceneSummaryIds): StatusPathParams {
  return { ...indexPathParams(ids), scene_summary_id: checkId(ids, "sceneSummaryId") };
}
