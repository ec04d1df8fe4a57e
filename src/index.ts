/**
 * ncloud-media-intelligence: a typed, signed client for NAVER Cloud Media Intelligence scene
 * summaries, generated from openapi.yaml.
 */
export { createMediaIntelligenceApi, type MediaIntelligenceApiOptions } from "./api.js";
export {
  type CallOptions,
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
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryNotRequestedError,
  SceneSummaryWaitError,
  WaitTimeoutError,
} from "./errors.js";
export {
  DEFAULT_TABLE_WIDTH,
  displayWidth,
  escapeMarkdownInline,
  escapeWebVttText,
  formatSrtTimestamp,
  formatTimestamp,
  formatVttTimestamp,
  type TableOptions,
  type TimestampSeparator,
  toMarkdown,
  toSrt,
  toTable,
  toWebVtt,
} from "./export/index.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type { HmacSha256Base64 } from "./hmac.js";
export type { IndexIds, SceneSummaryIds } from "./ids.js";
export { createSigningMiddleware, type SigningMiddlewareOptions } from "./middleware.js";
export { makeSignatureV2, type SignatureV2Input } from "./signature.js";
export type { FetchLike } from "./transport.js";
export type * from "./types.js";
export type { WaitOptions, WaitProgress } from "./wait.js";
