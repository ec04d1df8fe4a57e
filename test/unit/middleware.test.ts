import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { paths } from "../../src/generated/openapi.js";
import { createSigningMiddleware } from "../../src/middleware.js";
import { requestTarget } from "../../src/request-signer.js";
import { expectedSignature } from "../support/gateway.js";

describe("createSigningMiddleware on a plain openapi-fetch client", () => {
  /** A client built the usual way (undici's own Request), with a fetch that records the request. */
  function plainClient(now: () => number) {
    const seen: Request[] = [];
    const api = createClient<paths>({
      baseUrl: "https://mi.apigw.ntruss.com",
      fetch: async (request: Request) => {
        seen.push(request);
        return Response.json({ code: "0", message: "success", result: {} });
      },
    });
    api.use(
      createSigningMiddleware({ accessKey: "ACCESS_KEY_ID", secretKey: "ncp-secret-example", now }),
    );
    return { api, seen };
  }

  it("signs the published vector", async () => {
    const { api, seen } = plainClient(() => 1700000000000);
    await api.GET(
      "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries",
      {
        params: {
          path: {
            workspace_name: "my-workspace",
            project_id: "1234",
            asset_id: "5678",
            index_id: "1001",
          },
        },
      },
    );
    const headers = (seen[0] as Request).headers;
    expect(headers.get("x-ncp-apigw-signature-v2")).toBe(
      "MYC54Rqo6OkHfwWX9Uo6jASkAmaT3mWcviOgrB0oecI=",
    );
    expect(headers.get("x-ncp-apigw-timestamp")).toBe("1700000000000");
    expect(headers.get("x-ncp-iam-access-key")).toBe("ACCESS_KEY_ID");
    expect(headers.get("content-type")).toBe("application/json");
  });

  it("signs the target exactly as the Request serialises it, for awkward ids", async () => {
    const { api, seen } = plainClient(() => 7);
    const id = "a b/c?d#e%f한🎬";
    await api.GET(
      "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries",
      {
        params: { path: { workspace_name: id, project_id: "1", asset_id: "2", index_id: "3" } },
      },
    );
    const request = seen[0] as Request;
    const url = new URL(request.url);
    const target = url.pathname + url.search;
    expect(target).toBe(
      `/api/v1/workspaces/${encodeURIComponent(id)}/projects/1/assets/2/indexes/3/scene-summaries`,
    );
    expect(request.headers.get("x-ncp-apigw-signature-v2")).toBe(
      expectedSignature("GET", target, "7", "ACCESS_KEY_ID", "ncp-secret-example"),
    );
  });

  it("refuses empty keys at creation", () => {
    expect(() => createSigningMiddleware({ accessKey: "", secretKey: "s" })).toThrow(/accessKey/);
    expect(() => createSigningMiddleware({ accessKey: "a", secretKey: "" })).toThrow(/secretKey/);
    expect(() =>
      createSigningMiddleware({ accessKey: "a\r\nX-Injected: 1", secretKey: "s" }),
    ).toThrow(/printable ASCII/);
  });
});

describe("requestTarget", () => {
  it.each([
    ["https://mi.apigw.ntruss.com/api/v1/x", "/api/v1/x"],
    [
      "https://mi.apigw.ntruss.com/photos/puppy.jpg?query1=&query2",
      "/photos/puppy.jpg?query1=&query2",
    ],
    ["http://127.0.0.1:4010/a%20b?c=%2F#fragment", "/a%20b?c=%2F"],
    ["https://host/#only-fragment", "/"],
    ["https://user:pw@host:8443/p", "/p"],
    ["https://host", "/"],
  ])("%s → %s", (url, target) => {
    expect(requestTarget(url)).toBe(target);
  });
});
