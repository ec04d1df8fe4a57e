/**
 * ncloud-media-intelligence: a typed, signed client for NAVER Cloud Media Intelligence scene
 * summaries, generated from openapi.yaml.
 *
 * What a user calls: the client and its resources, the spec-level openapi-fetch client, the
 * errors, the exporters, the signer and the signing middleware, and the types.
 */
export { createMediaIntelligenceApi, type MediaIntelligenceApiOptions } from "./api.js";
export {
  createMediaIntelligenceClient,
  type MediaIntelligenceClient,
  type MediaIntelligenceClientOptions,
} from "./client.js";
export { type ConnectionOptions, DEFAULT_BASE_URL } from "./connection.js";
export {
  type ErrorKind,
  InvalidInputError,
  MediaIntelligenceError,
  type MediaIntelligenceErrorInit,
  MediaIntelligenceSdkError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryInProgressError,
  SceneSummaryNotRequestedError,
  SceneSummaryWaitError,
  WaitTimeoutError,
} from "./errors.js";
export {
  DEFAULT_TABLE_WIDTH,
  type TableOptions,
  toMarkdown,
  toSrt,
  toTable,
  toWebVtt,
} from "./export/index.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type { HmacSha256Base64 } from "./hmac.js";
export type { ClientHooks, PollInfo, RequestInfo, RetryInfo } from "./hooks.js";
export type { AssetIds, Id, IndexIds, SceneSummaryIds } from "./ids.js";
export { createSigningMiddleware, type SigningMiddlewareOptions } from "./middleware.js";
export type { CallOptions } from "./requester.js";
export type { IndexSceneSummariesResource } from "./resources/index-scene-summaries.js";
export type {
  AssetSummarizeOptions,
  SceneSummariesResource,
} from "./resources/scene-summaries.js";
export type { SummarizeOptions } from "./resources/summarize.js";
export { makeSignatureV2, type SignatureV2Input } from "./signature.js";
export type { FetchLike } from "./transport.js";
export type * from "./types.js";
export type { WaitOptions, WaitProgress } from "./wait.js";
