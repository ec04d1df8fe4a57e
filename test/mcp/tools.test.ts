/**
 * The tools of `ncp-mi mcp`, through the official MCP client over stdio, against the bundled
 * mock: what the server lists (names, schemas, annotations), and each tool's success and
 * error paths as the mock's scenarios play them. One server runs per scenario, and each test
 * asks about an asset of its own, so the tests run side by side. Every result and the
 * servers' stderr are checked for the secret key (support/server.ts).
 */
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FAIL_MESSAGE } from "../../scripts/mock/scenarios.mjs";
import { SCENES } from "../../scripts/mock/video.mjs";
import { type Scenario, useMock } from "../support/mock.js";
import { type McpSession, textOf, useServers } from "./support/server.js";

const mockUrl = useMock();
const startServer = useServers();

/** One server per scenario, started on first use; `--debug` so that stderr logs every request. */
const servers = new Map<Scenario, Promise<McpSession>>();
function serverFor(scenario: Scenario): Promise<McpSession> {
  let server = servers.get(scenario);
  if (!server) {
    server = mockUrl(scenario).then((baseUrl) =>
      startServer({ baseUrl, args: ["--interval", "1", "--debug"] }),
    );
    servers.set(scenario, server);
  }
  return server;
}

// Every scenario's mock and server, started side by side before the first test.
beforeAll(async () => {
  await Promise.all(
    (["complete", "fail", "cancel", "in-progress", "slow"] as const).map(serverFor),
  );
});

let assets = 0;
/** The ids of an asset no other test asks about. */
function freshIds(): { workspace: string; project: string; asset: string } {
  assets += 1;
  return { workspace: "my-workspace", project: "1234", asset: `mcp-${assets}` };
}

/**
 * The requests the server has sent about the asset of `ids`, as its `--debug` log shows them
 * (`GET scene-summary/status`), once a status read of that asset has shown there: the log is
 * written in order, so anything sent before that read has shown by then too.
 */
async function sentAbout(server: McpSession, ids: { asset: string }): Promise<string[]> {
  expect((await server.call("get_scene_summary_status", ids)).isError).toBeFalsy();
  const line = new RegExp(`^debug: ([A-Z]+) \\S+/assets/${ids.asset}/(\\S+), attempt `);
  const sent = () =>
    server
      .stderr()
      .split("\n")
      .flatMap((text) => {
        const match = line.exec(text);
        return match ? [`${match[1]} ${match[2]}`] : [];
      });
  await vi.waitFor(() => expect(sent()).not.toEqual([]));
  return sent();
}

const TOOL_NAMES = [
  "summarize_video",
  "request_scene_summary",
  "get_scene_summary_status",
  "get_scene_summaries",
  "cancel_scene_summary",
];

// Every test at once (vitest reads `sequence.concurrent` from the root config only).
describe.concurrent("the tools", () => {
  describe("listing", () => {
    it("lists the five tools, each with a title, a description and JSON Schema inputs whose required strings are workspace, project and asset", async () => {
      const { client } = await serverFor("complete");
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(TOOL_NAMES);
      for (const tool of tools) {
        expect(tool.title, tool.name).toBeTruthy();
        expect(tool.description?.length, tool.name).toBeGreaterThan(40);
        expect(tool.inputSchema).toMatchObject({
          type: "object",
          required: ["workspace", "project", "asset"],
          additionalProperties: false,
        });
        for (const id of ["workspace", "project", "asset"]) {
          expect(tool.inputSchema.properties?.[id]).toMatchObject({ type: "string" });
        }
      }
    });

    it("declares each tool's optional arguments: format, sceneIds, locale and maxWaitSeconds where they apply", async () => {
      const { client } = await serverFor("complete");
      const { tools } = await client.listTools();
      const optional = Object.fromEntries(
        tools.map((tool) => [
          tool.name,
          Object.keys(tool.inputSchema.properties ?? {}).filter(
            (name) => !["workspace", "project", "asset"].includes(name),
          ),
        ]),
      );
      expect(optional).toEqual({
        summarize_video: ["format", "sceneIds", "locale", "maxWaitSeconds", "follow"],
        request_scene_summary: ["sceneIds", "locale"],
        get_scene_summary_status: [],
        get_scene_summaries: ["format"],
        cancel_scene_summary: [],
      });
      const summarize = tools[0]?.inputSchema.properties ?? {};
      expect(summarize.format).toMatchObject({
        type: "string",
        enum: ["markdown", "vtt", "srt", "json"],
        default: "markdown",
      });
      expect(summarize.sceneIds).toMatchObject({ type: "array", items: { type: "integer" } });
      expect(summarize.maxWaitSeconds).toMatchObject({ type: "number", minimum: 1 });
    });

    it("annotates what each tool does: reads are read-only; requesting replaces the summaries and is not idempotent; cancelling is destructive and idempotent", async () => {
      const { client } = await serverFor("complete");
      const { tools } = await client.listTools();
      const hints = Object.fromEntries(
        tools.map(({ name, annotations }) => [
          name,
          [
            annotations?.readOnlyHint,
            annotations?.destructiveHint,
            annotations?.idempotentHint,
            annotations?.openWorldHint,
          ],
        ]),
      );
      // [readOnlyHint, destructiveHint, idempotentHint, openWorldHint]
      expect(hints).toEqual({
        summarize_video: [false, true, false, false],
        request_scene_summary: [false, true, false, false],
        get_scene_summary_status: [true, false, true, false],
        get_scene_summaries: [true, false, true, false],
        cancel_scene_summary: [false, true, true, false],
      });
    });

    it("an unknown tool is a protocol error naming it", async () => {
      const server = await serverFor("complete");
      await expect(server.call("summarise_video", freshIds())).rejects.toThrow(
        /-32602.*Unknown tool 'summarise_video'; the tools are summarize_video/,
      );
    });
  });

  describe("summarize_video", () => {
    it("requests, waits while sending progress notifications, and returns Markdown chapters", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      const progress: Progress[] = [];
      const result = await server.call("summarize_video", ids, (update) => progress.push(update));
      expect(result.isError).toBeFalsy();
      const text = textOf(result);
      expect(text).toMatch(new RegExp(`^# Scene summaries: asset ${ids.asset}\\n`));
      expect(text).toContain(SCENES[0]?.description.slice(0, 40));
      // At least the first poll (nothing analysed yet) and the last (all of it), each more than before.
      expect(progress.length).toBeGreaterThanOrEqual(2);
      const values = progress.map((update) => update.progress);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(new Set(values).size).toBe(values.length);
      expect(progress.at(-1)).toMatchObject({
        progress: SCENES.length,
        total: SCENES.length,
        message: `SUMMARIZE_COMPLETED, ${SCENES.length}/${SCENES.length} scenes`,
      });
      expect(progress[0]?.message).toMatch(/^(WAIT_SUMMARIZE|SUMMARIZING), \d+\/\d+ scenes$/);
    });

    it.each([
      { format: "vtt", starts: /^WEBVTT\n/ },
      { format: "srt", starts: /^1\n\d\d:\d\d:\d\d,\d{3} --> / },
      { format: "json", starts: /^\{\n {2}"/ },
    ])("returns the summaries as $format", async ({ format, starts }) => {
      const server = await serverFor("complete");
      const result = await server.call("summarize_video", { ...freshIds(), format });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(starts);
      if (format === "json") {
        expect(JSON.parse(textOf(result)).sceneSummaries).toHaveLength(SCENES.length);
      }
    });

    it("waits for a summarisation already running rather than requesting another, and says so", async () => {
      const server = await serverFor("in-progress");
      const progress: Progress[] = [];
      const result = await server.call("summarize_video", { ...freshIds(), locale: "en" }, (p) =>
        progress.push(p),
      );
      expect(result.isError).toBeFalsy();
      expect(result.content).toHaveLength(2);
      expect(textOf(result)).toMatch(/^# Scene summaries: asset mcp-\d+\n/);
      expect(textOf(result)).toContain(
        "A scene summarisation was already running on this asset, so none was requested: " +
          "these are its summaries (sceneIds and locale were not applied).",
      );
      // The running one starts at 30%: its first notification already counts scenes.
      expect(progress[0]?.progress).toBeGreaterThan(0);
    });

    it("a summarisation that fails is an isError result with the service's reason and what to do", async () => {
      const server = await serverFor("fail");
      const result = await server.call("summarize_video", freshIds());
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `The scene summarisation failed: ${FAIL_MESSAGE.replace(/\.$/, "")}. ` +
          "Request a new one with summarize_video or request_scene_summary.",
      );
    });

    it("a summarisation cancelled meanwhile is an isError result", async () => {
      const server = await serverFor("cancel");
      const result = await server.call("summarize_video", freshIds());
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^The scene summarisation was cancelled .* summarize_video/);
    });

    it("past maxWaitSeconds answers that it is still running, with the status: not an error", async () => {
      const server = await serverFor("slow");
      const ids = freshIds();
      const progress: number[] = [];
      const result = await server.call("summarize_video", { ...ids, maxWaitSeconds: 2.5 }, (p) =>
        progress.push(p.progress),
      );
      // "Still running after 2.5 s": it answered at its limit, not when the mock's run (15 s)
      // ended.
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(
        /^Still running after 2\.5 s \((WAIT_SUMMARIZE|SUMMARIZING), \d+\/10 scenes\): the scene summarisation goes on on the server\. Call summarize_video again .* and follow true to keep waiting for it/,
      );
      // Three polls (at 0, 1 and 2 s), the first two with no scene analysed yet: MCP requires
      // each notification to count more than the last, so the second poll sends none.
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(new Set(progress).size).toBe(progress.length);
      // Called again, it follows the same summarisation: no second request is refused with 409.
      const again = await server.call("summarize_video", { ...ids, maxWaitSeconds: 1 });
      expect(again.isError).toBeFalsy();
      expect(textOf(again)).toMatch(/^Still running after 1 s/);
    });

    it("with follow, keeps waiting for the summarisation requested, and never requests another once it has ended", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      const first = await server.call("summarize_video", { ...ids, maxWaitSeconds: 1 });
      // Still running at 1 s, as a rule; on a loaded machine the mock's run (0.75 s at its
      // speed) may have ended by the poll at the limit. Either way, what follows holds.
      expect(textOf(first)).toMatch(/^(Still running after 1 s|# Scene summaries: asset )/);
      // By now it has completed: follow returns its summaries rather than requesting anew.
      const followed = await server.call("summarize_video", { ...ids, follow: true });
      expect(followed.isError).toBeFalsy();
      expect(textOf(followed)).toMatch(new RegExp(`^# Scene summaries: asset ${ids.asset}\\n`));
      const status = await server.call("get_scene_summary_status", ids);
      // One run only: requested once, at the first call (the second would have restarted it).
      expect(textOf(status)).toContain("SUMMARIZE_COMPLETED");
      expect(server.stderr()).not.toMatch(
        new RegExp(
          `requested a scene summarisation of asset ${ids.asset}\\.[\\s\\S]*requested a scene summarisation of asset ${ids.asset}\\.`,
        ),
      );
    });

    it("with follow and nothing requested: says no summarisation was requested, and requests none", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      const result = await server.call("summarize_video", {
        ...ids,
        follow: true,
        maxWaitSeconds: 2,
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `No scene summarisation was requested on asset ${ids.asset}, so there is none to follow: call summarize_video without follow to request one.`,
      );
      expect(textOf(await server.call("get_scene_summary_status", ids))).toContain(
        "BEFORE_SUMMARIZE",
      );
    });

    it.each([
      {
        args: { format: "pdf" },
        says: "'format' must be one of markdown, vtt, srt, json, got 'pdf'.",
      },
      {
        args: { format: "md" },
        says: "'format' must be one of markdown, vtt, srt, json, got 'md'.",
      },
      { args: { asset: undefined }, says: "'asset' is required." },
      { args: { project: 1234 }, says: "'project' must be a string, got an integer." },
      { args: { sceneIds: [3, 1.5] }, says: "'sceneIds[1]' must be an integer, got 1.5." },
      { args: { sceneIds: [] }, says: "'sceneIds' must have at least 1 item." },
      { args: { maxWaitSeconds: 0 }, says: "'maxWaitSeconds' must be at least 1, got 0." },
      {
        args: { assetId: "5678" },
        says: "'assetId' is not an argument of this tool; did you mean 'asset'?",
      },
    ])(
      "a bad argument ($says) is an isError result naming it, and nothing is sent",
      async ({ args, says }) => {
        const server = await serverFor("complete");
        const ids = freshIds();
        const result = await server.call("summarize_video", { ...ids, ...args });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe(`Bad argument: ${says} Nothing was sent.`);
        // Only the status read that sentAbout makes itself.
        expect(await sentAbout(server, ids)).toEqual(["GET scene-summary/status"]);
      },
    );
  });

  describe("request_scene_summary", () => {
    it("requests a summarisation and returns at once; the status then shows it", async () => {
      const server = await serverFor("slow");
      const ids = freshIds();
      const result = await server.call("request_scene_summary", { ...ids, locale: "en" });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(
        new RegExp(
          `^Requested a scene summarisation of every scene of asset ${ids.asset}; .*summarize_video`,
        ),
      );
      const status = textOf(await server.call("get_scene_summary_status", ids));
      expect(status).toMatch(/^Status: {5}(WAIT_SUMMARIZE|SUMMARIZING): /);
      expect(status).toMatch(
        /\nNext: {7}summarize_video waits for it .* cancel_scene_summary cancels it\.\n$/,
      );
    });

    it("re-analyses sceneIds once a full summarisation has completed", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      expect((await server.call("summarize_video", ids)).isError).toBeFalsy();
      const result = await server.call("request_scene_summary", { ...ids, sceneIds: [1, 3] });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toContain("of scenes 1, 3 of asset");
    });

    it("sceneIds before a full summarisation: the service's 400 as an isError result that says why", async () => {
      const server = await serverFor("complete");
      const result = await server.call("request_scene_summary", { ...freshIds(), sceneIds: [2] });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /failed \(HTTP 400, .*\)\. A partial re-analysis \(sceneIds\) needs a completed full one/,
      );
    });

    it("while one is in progress: an isError result with its status and the tools that follow or cancel it", async () => {
      const server = await serverFor("in-progress");
      const result = await server.call("request_scene_summary", freshIds());
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^A scene summarisation is already in progress on this asset \(SUMMARIZING, \d+\/10 scenes\), so none was requested\. summarize_video waits for it .* cancel_scene_summary cancels it\.$/,
      );
    });
  });

  describe("get_scene_summary_status", () => {
    it("before any summarisation: BEFORE_SUMMARIZE, and summarize_video to call next", async () => {
      const server = await serverFor("complete");
      const result = await server.call("get_scene_summary_status", freshIds());
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(/^Status: {5}BEFORE_SUMMARIZE: /);
      expect(textOf(result)).toContain(
        "Next:       Nothing has been summarised yet: summarize_video",
      );
    });

    it("after a failure: SUMMARIZE_FAIL with the reason", async () => {
      const server = await serverFor("fail");
      const ids = freshIds();
      await server.call("summarize_video", ids);
      const result = await server.call("get_scene_summary_status", ids);
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(/^Status: {5}SUMMARIZE_FAIL: /);
      expect(textOf(result)).toContain(`Reason:     ${FAIL_MESSAGE}`);
    });

    it("a bad id is an isError result naming it, and nothing is sent", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      const result = await server.call("get_scene_summary_status", { ...ids, workspace: ".." });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^Bad argument: 'workspace' must not be "\.\.": .* Nothing was sent\.$/,
      );
      // Only the status read that sentAbout makes itself, with a good workspace.
      expect(await sentAbout(server, ids)).toEqual(["GET scene-summary/status"]);
    });
  });

  describe("get_scene_summaries", () => {
    it("returns the summaries of a completed summarisation, Markdown by default, JSON when asked", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      await server.call("summarize_video", ids);
      const markdown = await server.call("get_scene_summaries", ids);
      expect(markdown.isError).toBeFalsy();
      expect(textOf(markdown)).toMatch(new RegExp(`^# Scene summaries: asset ${ids.asset}\\n`));
      const json = await server.call("get_scene_summaries", { ...ids, format: "json" });
      expect(JSON.parse(textOf(json)).sceneSummaries).toHaveLength(SCENES.length);
    });

    it("before any summarisation: the service's 404 as an isError result pointing at summarize_video", async () => {
      const server = await serverFor("complete");
      const result = await server.call("get_scene_summaries", freshIds());
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /failed \(HTTP 404, .*\)\. There are no scene summaries of this asset: summarize_video requests them/,
      );
    });

    it("while one runs: the service's 409 as an isError result saying it is not complete yet", async () => {
      const server = await serverFor("slow");
      const ids = freshIds();
      await server.call("request_scene_summary", ids);
      const result = await server.call("get_scene_summaries", ids);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /failed \(HTTP 409, .*\)\. The summarisation is not complete yet: summarize_video waits for it/,
      );
    });
  });

  describe("cancel_scene_summary", () => {
    it("cancels the summarisation running; the status then says SUMMARIZE_CANCELED", async () => {
      const server = await serverFor("slow");
      const ids = freshIds();
      await server.call("request_scene_summary", ids);
      const result = await server.call("cancel_scene_summary", ids);
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toBe(
        `Cancelled the scene summarisation of asset ${ids.asset}. summarize_video or ` +
          "request_scene_summary requests a new one.",
      );
      expect(textOf(await server.call("get_scene_summary_status", ids))).toMatch(
        /^Status: {5}SUMMARIZE_CANCELED: /,
      );
      // Cancelling again changes nothing, and says there is nothing to cancel.
      const again = await server.call("cancel_scene_summary", ids);
      expect(again.isError).toBe(true);
      expect(textOf(again)).toMatch(/^Nothing to cancel: .*the status is SUMMARIZE_CANCELED/);
    });

    it("with nothing running: an isError result saying there is nothing to cancel", async () => {
      const server = await serverFor("complete");
      const ids = freshIds();
      const result = await server.call("cancel_scene_summary", ids);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `Nothing to cancel: no scene summarisation is running on asset ${ids.asset} ` +
          "(the status is BEFORE_SUMMARIZE, 0/10 scenes).",
      );
    });
  });
});
