/**
 * ncloud-media-intelligence: a typed, signed client for NAVER Cloud Media Intelligence scene
 * summaries, generated from openapi.yaml.
 *
 * What a user calls: the client and its resources, the spec-level openapi-fetch client, the
 * errors, the exporters, the signer and the signing middleware, and the types.
 */
export { createMediaIntelligenceApi, type MediaIntelligenceApiOptions } from "./api.js";
export {
  JOURNAL_VERSION,
  type JournalEntry,
  type JournalEvent,
  type StatusBefore,
  type SummaryJournal,
} from "./batch/journal.js";
export {
  ASSET_STATES,
  type AssetOutcome,
  type AssetState,
  type BatchProgress,
  type SummarizeMany,
  type SummarizeManyOptions,
} from "./batch/many.js";
export {
  type AssetSummarizeOptions,
  createMediaIntelligenceClient,
  type MediaIntelligenceClient,
  type MediaIntelligenceClientOptions,
} from "./client.js";
export { type ConnectionOptions, DEFAULT_BASE_URL } from "./connection.js";
export {
  AbortError,
  type ErrorKind,
  InvalidInputError,
  MediaIntelligenceError,
  type MediaIntelligenceErrorInit,
  MediaIntelligenceSdkError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
  SceneSummaryInProgressError,
  SceneSummaryNotRegisteredError,
  SceneSummaryNotRequestedError,
  SceneSummaryWaitError,
  WaitTimeoutError,
} from "./errors.js";
export {
  DEFAULT_TABLE_WIDTH,
  type MarkdownOptions,
  type TableOptions,
  toMarkdown,
  toSrt,
  toTable,
  toWebVtt,
} from "./export/index.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type { HmacSha256Base64 } from "./hmac.js";
export type {
  ClientHooks,
  DriftInfo,
  PollInfo,
  RequestInfo,
  ResponseInfo,
  RetryInfo,
  ThrottleInfo,
  WaitProgress,
} from "./hooks.js";
export type { AssetIds, Id, IndexIds, SceneSummaryIds } from "./ids.js";
export { createSigningMiddleware, type SigningMiddlewareOptions } from "./middleware.js";
export type { OperationId } from "./operation.js";
export type { RequestOptions, TransportOptions } from "./options.js";
export type { CallOptions } from "./requester.js";
export type { SceneSummariesResource } from "./resources/asset.js";
export type { IndexSceneSummariesResource } from "./resources/index-based.js";
export type { SceneSummaryResource, SummarizeOptions } from "./resources/resource.js";
export { makeSignatureV2, type SignatureV2Input } from "./signature.js";
export type { FetchLike } from "./transport.js";
export {
  type AnySceneSummaryStatusValue,
  type GatewayErrorBody,
  type IndexSceneSummaryRequest,
  type IndexSceneSummaryRequestResult,
  isKnownStatus,
  isRunningStatus,
  isTerminalStatus,
  KNOWN_STATUSES,
  type MediaIntelligenceErrorBody,
  type SceneSummaries,
  type SceneSummary,
  type SceneSummaryInfo,
  type SceneSummaryItem,
  type SceneSummaryRequest,
  type SceneSummaryRequestResult,
  type SceneSummaryStatus,
  type SceneSummaryStatusValue,
} from "./types.js";
export type { WaitOptions } from "./wait.js";
