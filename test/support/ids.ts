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

/** The example's *Get scene summary result* target. */
export const EXAMPLE_RESULT_TARGET =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries";

/** The example's *Get scene summary status* target. */
export const EXAMPLE_STATUS_TARGET = `${EXAMPLE_RESULT_TARGET}/101/status`;
