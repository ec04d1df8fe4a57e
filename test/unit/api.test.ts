import { afterEach, describe, expect, it } from "vitest";
import { createMediaIntelligenceApi, InvalidInputError } from "../../src/index.js";
import {
  type Gateway,
  ok,
  startGateway,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { EXAMPLE_RESULT_TARGET } from "../support/ids.js";

/** The example ids as the spec's path parameters. */
const EXAMPLE_PATH_PARAMS = {
  workspace_name: "my-workspace",
  project_id: "1234",
  asset_id: "5678",
  index_id: "1001",
};
const RESULT_PATH =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries";

describe("createMediaIntelligenceApi", () => {
  let gateway: Gateway | undefined;
  afterEach(async () => gateway?.close());

  it("is a typed openapi-fetch client whose requests a signature-checking gateway accepts", async () => {
    gateway = await startGateway({ handler: () => ok({ indexId: 1001, sceneSummaries: [] }) });
    const api = createMediaIntelligenceApi({
      accessKey: TEST_ACCESS_KEY,
      secretKey: TEST_SECRET_KEY,
      baseUrl: gateway.url,
    });
    const { data, response } = await api.GET(RESULT_PATH, {
      params: { path: EXAMPLE_PATH_PARAMS },
    });
    expect(response.status).toBe(200);
    expect(data?.result.indexId).toBe(1001);
    expect(gateway.seen).toMatchObject([{ target: EXAMPLE_RESULT_TARGET, authenticated: true }]);
  });

  it("signs with the injected clock, so the published vector comes out", async () => {
    const seen: { url: string; headers: Headers }[] = [];
    const api = createMediaIntelligenceApi({
      accessKey: "ACCESS_KEY_ID",
      secretKey: "ncp-secret-example",
      clock: () => 1700000000000,
      fetch: async (url, init) => {
        seen.push({ url, headers: new Headers(init.headers) });
        return Response.json({
          code: "0",
          message: "success",
          result: { indexId: 1, sceneSummaries: [] },
        });
      },
    });
    await api.GET(RESULT_PATH, {
      params: { path: EXAMPLE_PATH_PARAMS },
    });
    expect(seen[0]?.url).toBe(`https://mi.apigw.ntruss.com${EXAMPLE_RESULT_TARGET}`);
    expect(seen[0]?.headers.get("x-ncp-apigw-signature-v2")).toBe(
      "MYC54Rqo6OkHfwWX9Uo6jASkAmaT3mWcviOgrB0oecI=",
    );
  });

  it("fails at creation without credentials, naming the environment variable", () => {
    const saved = process.env.NCLOUD_SECRET_KEY;
    delete process.env.NCLOUD_SECRET_KEY;
    try {
      expect(() => createMediaIntelligenceApi({ accessKey: "a" })).toThrow(InvalidInputError);
      expect(() => createMediaIntelligenceApi({ accessKey: "a" })).toThrow(/NCLOUD_SECRET_KEY/);
    } finally {
      if (saved !== undefined) process.env.NCLOUD_SECRET_KEY = saved;
    }
  });
});
