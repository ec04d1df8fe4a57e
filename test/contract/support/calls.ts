/**
 * The pages' example ids as the spec's path parameters, and the spec's path templates, for the
 * contract tests that call the spec-level client. How each operation is called through the
 * typed client is test/support/operations.ts.
 */
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
