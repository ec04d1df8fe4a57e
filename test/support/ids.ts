/**
 * The ids of the official pages' request examples (also openapi.yaml's parameter examples),
 * and the request targets they make, as the pages' curl examples show them.
 */

/** `my-workspace` / `1234` / `5678` / `1001` / `101`. */
export const EXAMPLE_IDS = {
  workspaceName: "my-workspace",
  projectId: "1234",
  assetId: "5678",
  indexId: "1001",
  sceneSummaryId: "101",
};

/** `my-workspace` / `1234` / `5678`: the ids of the asset-based pages' examples. */
export const EXAMPLE_ASSET_IDS = {
  workspaceName: EXAMPLE_IDS.workspaceName,
  projectId: EXAMPLE_IDS.projectId,
  assetId: EXAMPLE_IDS.assetId,
};

/** The example's asset-based *Request scene summary* (POST) and *Get … result* (GET) target. */
export const EXAMPLE_ASSET_SUMMARY_TARGET =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/scene-summary";

/** The example's asset-based *Get scene summary status* target. */
export const EXAMPLE_ASSET_STATUS_TARGET = `${EXAMPLE_ASSET_SUMMARY_TARGET}/status`;

/** The example's asset-based *Cancel scene summary* (POST) target. */
export const EXAMPLE_ASSET_CANCEL_TARGET = `${EXAMPLE_ASSET_SUMMARY_TARGET}/cancel`;

/** The example's *Get scene summary result* target (also the index-based request's, POST). */
export const EXAMPLE_RESULT_TARGET =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries";

/** The example's *Get scene summary status* target. */
export const EXAMPLE_STATUS_TARGET = `${EXAMPLE_RESULT_TARGET}/101/status`;

/** The example's index-based *Cancel scene summary* (DELETE) target. */
export const EXAMPLE_RUN_TARGET = `${EXAMPLE_RESULT_TARGET}/101`;
