/**
 * How the contract tests call each operation of openapi.yaml through the typed client, with
 * the pages' example ids, and what each method returns for a success body.
 */
import type { MediaIntelligenceClient } from "../../../src/index.js";
import { EXAMPLE_ASSET_IDS as ASSET_IDS, EXAMPLE_IDS as IDS } from "../../support/ids.js";

/** The pages' example ids as the spec's path parameters. */
export const ASSET_PARAMS = {
  workspace_name: ASSET_IDS.workspaceName,
  project_id: ASSET_IDS.projectId,
  asset_id: ASSET_IDS.assetId,
};
/** {@link ASSET_PARAMS} and the index. */
export const INDEX_PARAMS = { ...ASSET_PARAMS, index_id: IDS.indexId };
/** {@link INDEX_PARAMS} and the scene summary request. */
export const RUN_PARAMS = { ...INDEX_PARAMS, scene_summary_id: IDS.sceneSummaryId };

const ASSET = "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}";

/** The spec's path templates. */
export const PATHS = {
  assetSummary: `${ASSET}/scene-summary`,
  assetStatus: `${ASSET}/scene-summary/status`,
  assetCancel: `${ASSET}/scene-summary/cancel`,
  indexSummaries: `${ASSET}/indexes/{index_id}/scene-summaries`,
  indexRun: `${ASSET}/indexes/{index_id}/scene-summaries/{scene_summary_id}`,
  indexStatus: `${ASSET}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status`,
} as const;

/** An operation called through the typed client. */
export type Call = (client: MediaIntelligenceClient) => Promise<unknown>;

/** Each operation of openapi.yaml, by operationId, called with the pages' example ids. */
export const CALLS: Record<string, Call> = {
  requestAssetSceneSummary: (client) => client.sceneSummaries.request(ASSET_IDS),
  getAssetSceneSummaryStatus: (client) => client.sceneSummaries.status(ASSET_IDS),
  getAssetSceneSummary: (client) => client.sceneSummaries.get(ASSET_IDS),
  cancelAssetSceneSummary: (client) => client.sceneSummaries.cancel(ASSET_IDS),
  requestSceneSummaries: (client) =>
    client.indexSceneSummaries.request(IDS, { sceneIds: [1, 3, 5] }),
  getSceneSummaryStatus: (client) => client.getSceneSummaryStatus(IDS),
  getSceneSummaries: (client) => client.getSceneSummaries(IDS),
  cancelSceneSummary: (client) => client.indexSceneSummaries.cancel(IDS),
};

// biome-ignore lint/suspicious/noExplicitAny: examples are untyped YAML.
type Json = any;

/**
 * What each operation's method returns for a success body (shared design, issue 13): the
 * `result`; `{}` for a request answered without one; nothing for a cancel.
 */
export const RESULT_OF: Record<string, (body: Json) => unknown> = {
  requestAssetSceneSummary: (body) => body.result ?? {},
  getAssetSceneSummaryStatus: (body) => body.result,
  getAssetSceneSummary: (body) => body.result,
  cancelAssetSceneSummary: () => undefined,
  requestSceneSummaries: (body) => body.result ?? {},
  getSceneSummaryStatus: (body) => body.result,
  getSceneSummaries: (body) => body.result,
  cancelSceneSummary: () => undefined,
};
