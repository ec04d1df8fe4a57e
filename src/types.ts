/** Friendly names for the generated schema types (src/generated/, from openapi.yaml). */
import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** One of the six scene summary statuses. */
export type SceneSummaryStatusValue = Schemas["SceneSummaryStatusValue"];
/** `result` of *Get scene summary status*. */
export type SceneSummaryStatus = Schemas["SceneSummaryStatus"];
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
