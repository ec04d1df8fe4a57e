/**
 * Type-level tests of src/generated/openapi.ts: what openapi-typescript made of openapi.yaml.
 * The assertions are checked by `tsc -p tsconfig.json` (and vitest's typecheck); at run time
 * they are no-ops, so each `test` here also runs as an ordinary (trivially passing) test.
 */
import { describe, expectTypeOf, test } from "vitest";
import type { components, operations, paths } from "../../src/generated/openapi.js";

type Schemas = components["schemas"];
type StatusPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status"];
type ResultPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries"];
type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type StatusResponses = operations["getSceneSummaryStatus"]["responses"];
type ResultResponses = operations["getSceneSummaries"]["responses"];

/** Keys of T whose property is optional. */
type OptionalKeys<T> = {
  [K in keyof T]-?: Record<string, never> extends Pick<T, K> ? K : never;
}[keyof T];

describe("status endpoint", () => {
  type Status = Schemas["SceneSummaryStatus"];

  test("status is exactly the six-member union", () => {
    expectTypeOf<Status["status"]>().toEqualTypeOf<
      | "BEFORE_SUMMARIZE"
      | "WAIT_SUMMARIZE"
      | "SUMMARIZING"
      | "SUMMARIZE_COMPLETED"
      | "SUMMARIZE_FAIL"
      | "SUMMARIZE_CANCELED"
    >();
    expectTypeOf<Schemas["SceneSummaryStatusValue"]>().toEqualTypeOf<Status["status"]>();
    expectTypeOf<string>().not.toExtend<Status["status"]>();
  });

  test("every field is required; nullable ones are `| null`", () => {
    expectTypeOf<OptionalKeys<Status>>().toBeNever();
    expectTypeOf<Status["statusMessage"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Status["completedTime"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Status["requestedTime"]>().toEqualTypeOf<string>();
    expectTypeOf<Status["sceneSummaryId"]>().toEqualTypeOf<number>();
    expectTypeOf<Status["targetSceneIds"]>().toEqualTypeOf<number[] | null>();
    expectTypeOf<Status["analyzedSceneCount"]>().toEqualTypeOf<number>();
    expectTypeOf<Status["totalSceneCount"]>().toEqualTypeOf<number>();
    expectTypeOf<keyof Status>().toEqualTypeOf<
      | "status"
      | "statusMessage"
      | "sceneSummaryId"
      | "targetSceneIds"
      | "analyzedSceneCount"
      | "totalSceneCount"
      | "requestedTime"
      | "completedTime"
    >();
  });

  test("the 200 body is the success envelope", () => {
    expectTypeOf<Json<StatusResponses[200]>>().toEqualTypeOf<
      Schemas["SceneSummaryStatusResponse"]
    >();
    expectTypeOf<Schemas["SceneSummaryStatusResponse"]>().toEqualTypeOf<{
      code: string;
      message: string;
      result: Status;
    }>();
  });

  test("path parameters are all strings, and all required", () => {
    expectTypeOf<operations["getSceneSummaryStatus"]["parameters"]["path"]>().toEqualTypeOf<{
      workspace_name: string;
      project_id: string;
      asset_id: string;
      index_id: string;
      scene_summary_id: string;
    }>();
    expectTypeOf<StatusPath["parameters"]["path"]>().toEqualTypeOf<
      operations["getSceneSummaryStatus"]["parameters"]["path"]
    >();
  });

  test("the operation is getSceneSummaryStatus, a GET only", () => {
    expectTypeOf<StatusPath["get"]>().toEqualTypeOf<operations["getSceneSummaryStatus"]>();
    expectTypeOf<StatusPath["post"]>().toEqualTypeOf<undefined>();
    expectTypeOf<operations["getSceneSummaryStatus"]["requestBody"]>().toEqualTypeOf<undefined>();
  });

  test("documented status codes", () => {
    expectTypeOf<keyof StatusResponses>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 429 | 500 | 503 | 504
    >();
  });
});

describe("result endpoint", () => {
  type Result = Schemas["SceneSummaries"];
  type Item = Schemas["SceneSummaryItem"];
  type Summary = Schemas["SceneSummary"];
  type Info = Schemas["SceneSummaryInfo"];

  test("sceneSummaryInfo is optional (only once complete), not nullable", () => {
    expectTypeOf<OptionalKeys<Result>>().toEqualTypeOf<"sceneSummaryInfo">();
    expectTypeOf<Result["sceneSummaryInfo"]>().toEqualTypeOf<Info | undefined>();
    expectTypeOf<Result["indexId"]>().toEqualTypeOf<number>();
    expectTypeOf<Result["sceneSummaries"]>().toEqualTypeOf<Item[]>();
  });

  test("sceneSummaryInfo fields; analyzedSceneIds are strings", () => {
    expectTypeOf<Info>().toEqualTypeOf<{
      lastAnalyzedAt: string;
      analyzedSceneIds: string[] | null;
    }>();
  });

  test("sceneSummary is optional (only for analysed scenes), not nullable", () => {
    expectTypeOf<OptionalKeys<Item>>().toEqualTypeOf<"sceneSummary">();
    expectTypeOf<Item>().toEqualTypeOf<{
      scene: number;
      startMs: number;
      endMs: number;
      sceneSummary?: Summary;
    }>();
    expectTypeOf<Summary>().toEqualTypeOf<{
      description: string;
      metadataChangedAfterSummary: boolean;
      analyzedAt: string;
    }>();
  });

  test("the 200 body is the success envelope", () => {
    expectTypeOf<Json<ResultResponses[200]>>().toEqualTypeOf<{
      code: string;
      message: string;
      result: Result;
    }>();
  });

  test("path parameters are strings, without scene_summary_id", () => {
    expectTypeOf<operations["getSceneSummaries"]["parameters"]["path"]>().toEqualTypeOf<{
      workspace_name: string;
      project_id: string;
      asset_id: string;
      index_id: string;
    }>();
    expectTypeOf<ResultPath["parameters"]["path"]>().toEqualTypeOf<
      operations["getSceneSummaries"]["parameters"]["path"]
    >();
  });

  test("the operation is getSceneSummaries, a GET only", () => {
    expectTypeOf<ResultPath["get"]>().toEqualTypeOf<operations["getSceneSummaries"]>();
    expectTypeOf<ResultPath["post"]>().toEqualTypeOf<undefined>();
  });

  test("documented status codes, with 409 while summarising", () => {
    expectTypeOf<keyof ResultResponses>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503 | 504
    >();
  });
});

describe("operations", () => {
  test("exactly the two operationIds exist", () => {
    expectTypeOf<keyof operations>().toEqualTypeOf<"getSceneSummaryStatus" | "getSceneSummaries">();
  });
});

describe("errors", () => {
  type Gateway = Schemas["GatewayError"];
  type MediaIntelligence = Schemas["MediaIntelligenceError"];

  test("the gateway shape is nested, errorCode a string, details optional", () => {
    expectTypeOf<Gateway>().toEqualTypeOf<{
      error: { errorCode: string; message: string; details?: string };
    }>();
  });

  test("the Media Intelligence shape is flat, code a string", () => {
    expectTypeOf<MediaIntelligence>().toEqualTypeOf<{ code: string; message: string }>();
  });

  test("ErrorResponse is either shape", () => {
    expectTypeOf<Schemas["ErrorResponse"]>().toEqualTypeOf<Gateway | MediaIntelligence>();
  });

  test("each error response carries the shape(s) it can have", () => {
    expectTypeOf<Json<StatusResponses[400]>>().toEqualTypeOf<Gateway | MediaIntelligence>();
    expectTypeOf<Json<StatusResponses[401]>>().toEqualTypeOf<Gateway>();
    expectTypeOf<Json<StatusResponses[403]>>().toEqualTypeOf<Gateway>();
    expectTypeOf<Json<StatusResponses[404]>>().toEqualTypeOf<Gateway | MediaIntelligence>();
    expectTypeOf<Json<StatusResponses[429]>>().toEqualTypeOf<Gateway>();
    expectTypeOf<Json<StatusResponses[500]>>().toEqualTypeOf<Gateway | MediaIntelligence>();
    expectTypeOf<Json<StatusResponses[503]>>().toEqualTypeOf<Gateway>();
    expectTypeOf<Json<StatusResponses[504]>>().toEqualTypeOf<Gateway>();
    expectTypeOf<Json<ResultResponses[404]>>().toEqualTypeOf<Gateway | MediaIntelligence>();
    expectTypeOf<Json<ResultResponses[409]>>().toEqualTypeOf<MediaIntelligence>();
  });
});
