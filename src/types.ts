/**
 * Friendly names for the generated schema types (src/generated/, from openapi.yaml).
 *
 * They describe what openapi.yaml promises. With lax responses (the default), a field the SDK
 * does not act on may hold something else when the service departs from the spec; each such
 * departure is reported through the `onDrift` hook. The status is typed as what it is: one
 * of the six values the pages name, or a string they do not name.
 */
import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** One of the six scene summary statuses the pages name. */
export type SceneSummaryStatusValue = Schemas["SceneSummaryStatusValue"];

/**
 * A status as the service sends it: one of the six the pages name, or another string, which
 * the SDK treats as "not finished yet". Narrow it with {@link isKnownStatus} to switch
 * exhaustively on the six.
 */
export type AnySceneSummaryStatusValue = SceneSummaryStatusValue | (string & {});

/** `result` of *Get scene summary status*. */
export type SceneSummaryStatus = Omit<Schemas["SceneSummaryStatus"], "status"> & {
  /** Analysis status; see {@link AnySceneSummaryStatusValue}. */
  status: AnySceneSummaryStatusValue;
};
/** `result` of *Get scene summary result*. */
export type SceneSummaries = Schemas["SceneSummaries"];
/** One scene of a result. */
export type SceneSummaryItem = Schemas["SceneSummaryItem"];
/** The summary of an analysed scene. */
export type SceneSummary = Schemas["SceneSummary"];
/** Index-level summary information, present once summarisation has completed. */
export type SceneSummaryInfo = Schemas["SceneSummaryInfo"];
/** API Gateway error body: `{ error: { errorCode, message } }`. */
export type GatewayErrorBody = Schemas["GatewayError"];
/** Media Intelligence error body: `{ code, message }`. */
export type MediaIntelligenceErrorBody = Schemas["MediaIntelligenceError"];
/** Body of the asset-based *Request scene summary*. */
export type SceneSummaryRequest = Schemas["AssetSceneSummaryRequest"];
/** Body of the index-based *Request scene summary* (deprecated). */
export type IndexSceneSummaryRequest = Schemas["IndexSceneSummaryRequest"];
/** `result` of the asset-based *Request scene summary*: open, its fields are not documented. */
export type SceneSummaryRequestResult = Schemas["SceneSummaryRequestResult"];
/** `result` of the index-based *Request scene summary*, with the inferred `sceneSummaryId`. */
export type IndexSceneSummaryRequestResult = Schemas["IndexSceneSummaryRequestResult"];

/** The six statuses the pages name, in the order of their lifecycle. */
export const KNOWN_STATUSES: readonly SceneSummaryStatusValue[] = Object.freeze([
  "BEFORE_SUMMARIZE",
  "WAIT_SUMMARIZE",
  "SUMMARIZING",
  "SUMMARIZE_COMPLETED",
  "SUMMARIZE_FAIL",
  "SUMMARIZE_CANCELED",
]);

/** The statuses a summarisation ends in: completed, failed or cancelled. */
const TERMINAL: ReadonlySet<string> = new Set<SceneSummaryStatusValue>([
  "SUMMARIZE_COMPLETED",
  "SUMMARIZE_FAIL",
  "SUMMARIZE_CANCELED",
]);

/**
 * A scene count of a status, when it is one: a number, or a count sent as text (a departure,
 * reported as such) read as the number it is; anything else is unknown.
 */
export function sceneCount(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  return typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** Whether `status` is one of the six the pages name. */
export function isKnownStatus(status: unknown): status is SceneSummaryStatusValue {
  return (KNOWN_STATUSES as readonly unknown[]).includes(status);
}

/** Whether a summarisation in `status` has ended: completed, failed or cancelled. */
export function isTerminalStatus(status: unknown): boolean {
  return typeof status === "string" && TERMINAL.has(status);
}

/** Whether a summarisation in `status` is pending or running: a new request would be refused. */
export function isRunningStatus(status: unknown): boolean {
  return status === "WAIT_SUMMARIZE" || status === "SUMMARIZING";
}
