/**
 * The one place the tests name each operation of openapi.yaml: how to call it through the
 * typed client with the pages' example ids, what the method returns for a success body, and
 * whether the client reads a failed POST's outcome back. Typed by the generated operation
 * table, so that an operation added to the spec is asked for here, and only here; the
 * contract, steady and property tests and the operation counts derive from it.
 */
import type { MediaIntelligenceClient } from "../../src/index.js";
import type { OperationId } from "../../src/operation.js";
import { EXAMPLE_ASSET_IDS as ASSET_IDS, EXAMPLE_IDS as IDS } from "./ids.js";

// biome-ignore lint/suspicious/noExplicitAny: example bodies are untyped YAML.
type Json = any;

/** What the tests know of one operation. */
export interface OperationFixture {
  /** Calls the operation through the typed client, with the pages' example ids. */
  call(client: MediaIntelligenceClient): Promise<unknown>;
  /** What the method returns for a success body: the `result`, `{}`, or nothing. */
  resultOf(body: Json): unknown;
  /**
   * Whether the method is a POST whose outcome the status shows: after an ambiguous failure
   * (a timeout, a reset, a 5xx other than 503) it reads the status back, and sends again only
   * when the status shows it did not take effect.
   */
  reconciles: boolean;
}

/** Each operation's id, by what it does: what a test about one of them names it by. */
export const ID = {
  assetRequest: "requestAssetSceneSummary",
  assetStatus: "getAssetSceneSummaryStatus",
  assetResult: "getAssetSceneSummary",
  assetCancel: "cancelAssetSceneSummary",
  indexRequest: "requestSceneSummaries",
  indexStatus: "getSceneSummaryStatus",
  indexResult: "getSceneSummaries",
  indexCancel: "cancelSceneSummary",
} as const satisfies Record<string, OperationId>;

/** Every operation of openapi.yaml. */
export const OPERATIONS: Readonly<Record<OperationId, OperationFixture>> = {
  [ID.assetRequest]: {
    call: (client) => client.sceneSummaries.request(ASSET_IDS),
    resultOf: (body) => body.result ?? {},
    reconciles: true,
  },
  [ID.assetStatus]: {
    call: (client) => client.sceneSummaries.status(ASSET_IDS),
    resultOf: (body) => body.result,
    reconciles: false,
  },
  [ID.assetResult]: {
    call: (client) => client.sceneSummaries.get(ASSET_IDS),
    resultOf: (body) => body.result,
    reconciles: false,
  },
  [ID.assetCancel]: {
    call: (client) => client.sceneSummaries.cancel(ASSET_IDS),
    resultOf: () => undefined,
    reconciles: true,
  },
  [ID.indexRequest]: {
    call: (client) => client.indexSceneSummaries.request(IDS, { sceneIds: [1, 3, 5] }),
    resultOf: (body) => body.result ?? {},
    reconciles: false,
  },
  [ID.indexStatus]: {
    call: (client) => client.indexSceneSummaries.status(IDS),
    resultOf: (body) => body.result,
    reconciles: false,
  },
  [ID.indexResult]: {
    call: (client) => client.indexSceneSummaries.get(IDS),
    resultOf: (body) => body.result,
    reconciles: false,
  },
  [ID.indexCancel]: {
    call: (client) => client.indexSceneSummaries.cancel(IDS),
    resultOf: () => undefined,
    reconciles: false,
  },
};

/** The operations, as `[operationId, fixture]` pairs, in the order above. */
export const OPERATION_ENTRIES = Object.entries(OPERATIONS) as [OperationId, OperationFixture][];
