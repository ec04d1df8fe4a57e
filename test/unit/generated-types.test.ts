/**
 * Type-level tests of src/generated/openapi.ts: what openapi-typescript made of openapi.yaml,
 * for the eight operations (four asset-based, four index-based and deprecated).
 * The assertions are checked by `tsc -p tsconfig.json` (and vitest's typecheck); at run time
 * they are no-ops, so each `test` here also runs as an ordinary (trivially passing) test.
 */
import { describe, expect, expectTypeOf, test } from "vitest";
import type { components, operations, paths } from "../../src/generated/openapi.js";
import type { OperationId } from "../../src/operation.js";
import { ID } from "../support/operations.js";

type Schemas = components["schemas"];
type StatusPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status"];
type ResultPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries"];
type AssetSummaryPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/scene-summary"];
type AssetStatusPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/scene-summary/status"];
type AssetCancelPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/scene-summary/cancel"];
type RunPath =
  paths["/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}"];
type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type StatusResponses = operations[typeof ID.indexStatus]["responses"];
type ResultResponses = operations[typeof ID.indexResult]["responses"];

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

  test("only status is required; the fields a state may lack are optional and nullable", () => {
    expectTypeOf<Exclude<keyof Status, OptionalKeys<Status>>>().toEqualTypeOf<"status">();
    expectTypeOf<Status["statusMessage"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Status["completedTime"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Status["requestedTime"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Status["sceneSummaryId"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Status["targetSceneIds"]>().toEqualTypeOf<number[] | null | undefined>();
    expectTypeOf<Status["analyzedSceneCount"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Status["totalSceneCount"]>().toEqualTypeOf<number | null | undefined>();
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
    expectTypeOf<operations[typeof ID.indexStatus]["parameters"]["path"]>().toEqualTypeOf<{
      workspace_name: string;
      project_id: string;
      asset_id: string;
      index_id: string;
      scene_summary_id: string;
    }>();
    expectTypeOf<StatusPath["parameters"]["path"]>().toEqualTypeOf<
      operations[typeof ID.indexStatus]["parameters"]["path"]
    >();
  });

  test(`the operation is ${ID.indexStatus}, a GET only`, () => {
    expectTypeOf<StatusPath["get"]>().toEqualTypeOf<operations[typeof ID.indexStatus]>();
    expectTypeOf<StatusPath["post"]>().toEqualTypeOf<undefined>();
    expectTypeOf<operations[typeof ID.indexStatus]["requestBody"]>().toEqualTypeOf<undefined>();
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

  test("only the scene list is required; sceneSummaryInfo is there once complete", () => {
    expectTypeOf<OptionalKeys<Result>>().toEqualTypeOf<"sceneSummaryInfo" | "indexId">();
    expectTypeOf<Result["sceneSummaryInfo"]>().toEqualTypeOf<Info | null | undefined>();
    expectTypeOf<Result["indexId"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Result["sceneSummaries"]>().toEqualTypeOf<Item[]>();
  });

  test("sceneSummaryInfo fields; analyzedSceneIds are strings", () => {
    expectTypeOf<Info>().toEqualTypeOf<{
      lastAnalyzedAt?: string;
      analyzedSceneIds?: string[] | null;
    }>();
  });

  test("each scene's number and times are required; its summary is there once analysed", () => {
    expectTypeOf<OptionalKeys<Item>>().toEqualTypeOf<"sceneSummary">();
    expectTypeOf<Item>().toEqualTypeOf<{
      scene: number;
      startMs: number;
      endMs: number;
      sceneSummary?: Summary | null;
    }>();
    expectTypeOf<Summary>().toEqualTypeOf<{
      description?: string;
      metadataChangedAfterSummary?: boolean;
      analyzedAt?: string;
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
    expectTypeOf<operations[typeof ID.indexResult]["parameters"]["path"]>().toEqualTypeOf<{
      workspace_name: string;
      project_id: string;
      asset_id: string;
      index_id: string;
    }>();
    expectTypeOf<ResultPath["parameters"]["path"]>().toEqualTypeOf<
      operations[typeof ID.indexResult]["parameters"]["path"]
    >();
  });

  test(`the operation's GET is ${ID.indexResult}; no PUT or DELETE`, () => {
    expectTypeOf<ResultPath["get"]>().toEqualTypeOf<operations[typeof ID.indexResult]>();
    expectTypeOf<ResultPath["put"]>().toEqualTypeOf<undefined>();
    expectTypeOf<ResultPath["delete"]>().toEqualTypeOf<undefined>();
  });

  test("documented status codes, with 409 while summarising", () => {
    expectTypeOf<keyof ResultResponses>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503 | 504
    >();
  });
});

describe("operations", () => {
  test("the operationIds are those of the generated operation table", () => {
    expectTypeOf<keyof operations>().toEqualTypeOf<OperationId>();
  });
});

/** The path parameters of the asset-based operations: no index, no run ID. */
type AssetPathParams = { workspace_name: string; project_id: string; asset_id: string };
type AssetRequestResponses = operations[typeof ID.assetRequest]["responses"];
type IndexRequestResponses = operations[typeof ID.indexRequest]["responses"];

describe("asset-based request (POST …/scene-summary)", () => {
  type Body = Schemas["AssetSceneSummaryRequest"];

  test("it is the POST of the result's path, with the asset's path parameters", () => {
    expectTypeOf<AssetSummaryPath["post"]>().toEqualTypeOf<operations[typeof ID.assetRequest]>();
    expectTypeOf<AssetSummaryPath["get"]>().toEqualTypeOf<operations[typeof ID.assetResult]>();
    expectTypeOf<
      operations[typeof ID.assetRequest]["parameters"]["path"]
    >().toEqualTypeOf<AssetPathParams>();
  });

  test("the body is optional, both its fields too; locale is any string", () => {
    expectTypeOf<OptionalKeys<operations[typeof ID.assetRequest]>>().toEqualTypeOf<"requestBody">();
    expectTypeOf<
      NonNullable<operations[typeof ID.assetRequest]["requestBody"]>["content"]["application/json"]
    >().toEqualTypeOf<Body>();
    expectTypeOf<Body>().toEqualTypeOf<{ sceneIds?: number[]; locale?: string }>();
  });

  test("the 200 body is the envelope, with an open, optional result", () => {
    expectTypeOf<Json<AssetRequestResponses[200]>>().toEqualTypeOf<{
      code: string;
      message: string;
      result?: Schemas["SceneSummaryRequestResult"];
    }>();
    expectTypeOf<Schemas["SceneSummaryRequestResult"]>().toEqualTypeOf<{
      [key: string]: unknown;
    }>();
  });

  test("documented status codes, with 409 while one is in progress", () => {
    expectTypeOf<keyof AssetRequestResponses>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503 | 504
    >();
  });
});

describe("asset-based status, result and cancel", () => {
  type Status = operations[typeof ID.assetStatus];
  type Result = operations[typeof ID.assetResult];
  type Cancel = operations[typeof ID.assetCancel];

  test("path parameters are the asset's only", () => {
    expectTypeOf<Status["parameters"]["path"]>().toEqualTypeOf<AssetPathParams>();
    expectTypeOf<Result["parameters"]["path"]>().toEqualTypeOf<AssetPathParams>();
    expectTypeOf<Cancel["parameters"]["path"]>().toEqualTypeOf<AssetPathParams>();
  });

  test("status and result answer the index-based shapes (inferred)", () => {
    expectTypeOf<Json<Status["responses"][200]>>().toEqualTypeOf<
      Schemas["SceneSummaryStatusResponse"]
    >();
    expectTypeOf<Json<Result["responses"][200]>>().toEqualTypeOf<
      Schemas["SceneSummariesResponse"]
    >();
  });

  test("cancel is a POST without a body, answering code and message only", () => {
    expectTypeOf<AssetCancelPath["post"]>().toEqualTypeOf<Cancel>();
    expectTypeOf<AssetCancelPath["get"]>().toEqualTypeOf<undefined>();
    expectTypeOf<Cancel["requestBody"]>().toEqualTypeOf<undefined>();
    expectTypeOf<Json<Cancel["responses"][200]>>().toEqualTypeOf<{
      code: string;
      message: string;
    }>();
  });

  test("status is a GET only", () => {
    expectTypeOf<AssetStatusPath["get"]>().toEqualTypeOf<Status>();
    expectTypeOf<AssetStatusPath["post"]>().toEqualTypeOf<undefined>();
  });

  test("documented status codes", () => {
    expectTypeOf<keyof Status["responses"]>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 429 | 500 | 503 | 504
    >();
    expectTypeOf<keyof Result["responses"]>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503 | 504
    >();
    expectTypeOf<keyof Cancel["responses"]>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 429 | 500 | 503 | 504
    >();
  });
});

describe("index-based request and cancel", () => {
  type Request = operations[typeof ID.indexRequest];
  type Cancel = operations[typeof ID.indexCancel];
  type RequestResult = Schemas["IndexSceneSummaryRequestResult"];

  test("request is the POST of the result's path, with an optional body of sceneIds", () => {
    expectTypeOf<ResultPath["post"]>().toEqualTypeOf<Request>();
    expectTypeOf<Request["parameters"]["path"]>().toEqualTypeOf<
      operations[typeof ID.indexResult]["parameters"]["path"]
    >();
    expectTypeOf<OptionalKeys<Request>>().toEqualTypeOf<"requestBody">();
    expectTypeOf<Schemas["IndexSceneSummaryRequest"]>().toEqualTypeOf<{ sceneIds?: number[] }>();
  });

  test("its result is open and may carry an integer sceneSummaryId", () => {
    expectTypeOf<Json<IndexRequestResponses[200]>>().toEqualTypeOf<{
      code: string;
      message: string;
      result?: RequestResult;
    }>();
    expectTypeOf<RequestResult["sceneSummaryId"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ sceneSummaryId: 101; other: "x" }>().toExtend<RequestResult>();
    expectTypeOf<RequestResult>().toExtend<Record<string, unknown>>();
  });

  test("cancel is a DELETE of the run, answering code and message only", () => {
    expectTypeOf<RunPath["delete"]>().toEqualTypeOf<Cancel>();
    expectTypeOf<RunPath["get"]>().toEqualTypeOf<undefined>();
    expectTypeOf<Cancel["parameters"]["path"]>().toEqualTypeOf<
      operations[typeof ID.indexStatus]["parameters"]["path"]
    >();
    expectTypeOf<Cancel["requestBody"]>().toEqualTypeOf<undefined>();
    expectTypeOf<Json<Cancel["responses"][200]>>().toEqualTypeOf<Schemas["ResultCodeResponse"]>();
  });

  test("documented status codes, with 409 on the request", () => {
    expectTypeOf<keyof IndexRequestResponses>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503 | 504
    >();
    expectTypeOf<keyof Cancel["responses"]>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 429 | 500 | 503 | 504
    >();
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
    expectTypeOf<Json<AssetRequestResponses[409]>>().toEqualTypeOf<MediaIntelligence>();
    expectTypeOf<Json<IndexRequestResponses[409]>>().toEqualTypeOf<MediaIntelligence>();
    expectTypeOf<Json<AssetRequestResponses[400]>>().toEqualTypeOf<Gateway | MediaIntelligence>();
    expectTypeOf<Json<AssetRequestResponses[404]>>().toEqualTypeOf<Gateway | MediaIntelligence>();
  });
});

describe("the SDK's status type tells the truth", () => {
  type Status = import("../../src/index.js").SceneSummaryStatus;
  type Known = import("../../src/index.js").SceneSummaryStatusValue;

  test("a status is one the pages name, or another string", () => {
    expectTypeOf<Status["status"]>().toExtend<string>();
    expectTypeOf<"SUMMARIZE_QUEUED">().toExtend<Status["status"]>();
    expectTypeOf<Known>().toExtend<Status["status"]>();
    // The generated status, with its closed enum, is assignable to the SDK's.
    expectTypeOf<Schemas["SceneSummaryStatus"]>().toExtend<Status>();
  });

  test("narrowed by isKnownStatus, a switch on the six is exhaustive", async () => {
    const { isKnownStatus } = await import("../../src/index.js");
    const describe = (status: Status["status"]): string => {
      if (!isKnownStatus(status)) return "unknown";
      switch (status) {
        case "BEFORE_SUMMARIZE":
        case "WAIT_SUMMARIZE":
        case "SUMMARIZING":
          return "not finished";
        case "SUMMARIZE_COMPLETED":
        case "SUMMARIZE_FAIL":
        case "SUMMARIZE_CANCELED":
          return "finished";
        default:
          return status satisfies never;
      }
    };
    expectTypeOf(describe).returns.toEqualTypeOf<string>();
  });

  test("the root export has every status helper the CHANGELOG names", async () => {
    const root = await import("../../src/index.js");
    expect(root.isRunningStatus("SUMMARIZING")).toBe(true);
    expect(root.isRunningStatus("SUMMARIZE_QUEUED")).toBe(false);
    expect(root.isTerminalStatus("SUMMARIZE_FAIL")).toBe(true);
    expect(root.isKnownStatus("SUMMARIZE_QUEUED")).toBe(false);
    expect(root.KNOWN_STATUSES).toHaveLength(6);
  });
});
