/**
 * `ncp-mi mcp` against test/support/gateway.ts, which checks signature v2 itself and records
 * every request: the tools' requests are signed as the gateway expects; a wrong secret is an
 * isError result that points at the keys, and the secret shows neither there nor on stderr;
 * a bad id is an isError result naming it, and nothing reaches the gateway; a 404 says which
 * arguments to check; `--base-url` wins over NCLOUD_MI_BASE_URL, as in every command.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  type Gateway,
  ok,
  type Reply,
  startGateway,
  statusResult,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { textOf, useServers } from "./support/server.js";

const startServer = useServers();

const IDS = { workspace: "my-workspace", project: "1234", asset: "5678" };
const STATUS_PATH =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/scene-summary/status";

/** The gateway's answers: a status for asset 5678, a 404 for any other. */
function answer(target: string): Reply {
  if (target === STATUS_PATH) return ok(statusResult("SUMMARIZING", 3, 10));
  return { status: 404, body: { code: "40400", message: "Asset not found." } };
}

const gateways: Gateway[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
});
async function gateway(): Promise<Gateway> {
  const started = await startGateway({ handler: ({ target }) => answer(target) });
  gateways.push(started);
  return started;
}

describe.concurrent("against a signature-checking gateway", () => {
  it("signs the tools' requests as the gateway checks them; --base-url wins over NCLOUD_MI_BASE_URL", async () => {
    const { url, seen } = await gateway();
    const server = await startServer({
      baseUrl: url,
      env: { NCLOUD_MI_BASE_URL: "http://127.0.0.1:9" },
    });
    const result = await server.call("get_scene_summary_status", IDS);
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(/^Status: {5}SUMMARIZING: .*\nScenes: {5}3 of 10 analysed/);
    expect(
      seen.map(({ method, target, authenticated }) => [method, target, authenticated]),
    ).toEqual([["GET", STATUS_PATH, true]]);
  });

  it("a wrong secret: the gateway's 401 is an isError result pointing at the keys; the secret shows in neither the result nor stderr", async () => {
    const { url, seen } = await gateway();
    const wrongSecret = "wrong-secret-key-never-printed";
    const server = await startServer({
      baseUrl: url,
      args: ["--debug"],
      env: { NCLOUD_SECRET_KEY: wrongSecret },
    });
    const result = await server.call("get_scene_summary_status", IDS);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Authentication failed: .*\(HTTP 401, API Gateway error 200: Authentication Failed\)\. The server's keys are NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY /,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authenticated).toBe(false);
    // support/server.ts checks the result and, on close, stderr for both secrets; the debug
    // log shows that stderr was written to and what it holds.
    for (const text of [textOf(result), server.stderr()]) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain(TEST_SECRET_KEY);
    }
    expect(server.stderr()).toContain("debug: HTTP 401 for GET");
  });

  it.each([
    { tool: "summarize_video", args: { workspace: "" }, says: "'workspace' must not be empty" },
    { tool: "request_scene_summary", args: { project: "  " }, says: "'project' must not be blank" },
    { tool: "get_scene_summary_status", args: { asset: "." }, says: "'asset' must not be \".\"" },
    {
      tool: "get_scene_summaries",
      args: { asset: "56\u000778" },
      says: "'asset' must not contain control characters (U+0007",
    },
    {
      tool: "cancel_scene_summary",
      args: { asset: " 5678" },
      says: "'asset' must not start or end with white space",
    },
  ])(
    "$tool with a bad id: an isError result naming it, and nothing sent",
    async ({ tool, args, says }) => {
      const { url, seen } = await gateway();
      const server = await startServer({ baseUrl: url });
      const result = await server.call(tool, { ...IDS, ...args });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text.startsWith(`Bad argument: ${says}`), text).toBe(true);
      expect(text.endsWith(" Nothing was sent."), text).toBe(true);
      expect(seen).toEqual([]);
    },
  );

  it("an asset the service does not know: the 404 as an isError result saying which arguments to check", async () => {
    const { url } = await gateway();
    const server = await startServer({ baseUrl: url });
    const result = await server.call("get_scene_summary_status", { ...IDS, asset: "9999" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /failed \(HTTP 404, Media Intelligence error 40400: Asset not found\.\)\. Check workspace, project and asset: the asset must exist/,
    );
  });
});
