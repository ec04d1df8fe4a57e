/**
 * `ncp-mi mcp` as a process: its help; what it refuses before serving (a dry run, missing
 * keys); stdout that carries JSON-RPC messages and nothing else, the log going to stderr;
 * and its end: exit 0 once the client closes stdin, a wait under way included, and 130 on
 * Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { CLI } from "../../scripts/demo.mjs";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { useMock } from "../support/mock.js";
import { useServers } from "./support/server.js";

const mockUrl = useMock();
const startServer = useServers();

const KEYS = { NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY, NCLOUD_SECRET_KEY: TEST_SECRET_KEY };

/** Starts `ncp-mi ...args` with `env` and PATH only, pipes on every stream; its output is collected. */
function spawnCli(args: readonly string[], env: Record<string, string> = KEYS) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  return { child, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `ncp-mi ...args` to its end, with an empty stdin. */
async function runCli(args: readonly string[], env: Record<string, string> = KEYS) {
  const run = spawnCli(args, env);
  run.child.stdin.end();
  const code = await exitOf(run.child);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Starts `ncp-mi mcp ...args`. */
function spawnServer(args: readonly string[] = []) {
  return spawnCli(["mcp", ...args]);
}

/** Resolves with the exit code once `child` has ended; kills it and fails past `ms`. */
async function exitOf(child: ChildProcess, ms = 20_000): Promise<number | null> {
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  const [code] = await once(child, "close");
  clearTimeout(timer);
  return code as number | null;
}

/** Resolves once `read()` matches `pattern`, polling; fails past `ms` (a loaded machine may take seconds to start a server). */
async function until(read: () => string, pattern: RegExp, ms = 20_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!pattern.test(read())) {
    if (performance.now() > deadline) throw new Error(`${pattern} never came:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.concurrent("before serving", () => {
  it("mcp --help: the tools, the keys, the install command; every line within 80 columns", async () => {
    const { code, stdout } = await runCli(["mcp", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Usage: ncp-mi mcp \[--interval SECONDS\] \[--grace SECONDS\] \[options\]\n/,
    );
    for (const text of [
      "summarize_video",
      "cancel_scene_summary",
      "NCLOUD_SECRET_KEY",
      "--base-url",
    ]) {
      expect(stdout).toContain(text);
    }
    expect(stdout.replace(/\s+/g, " ")).toContain("npm install @modelcontextprotocol/sdk@1.32.2");
    for (const line of stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
    expect((await runCli(["--help"])).stdout).toMatch(
      /^ {2}mcp +Serve the scene-summary tools to AI agents/m,
    );
  });

  it("--dry-run is refused (exit 2), saying why", async () => {
    const { code, stdout, stderr } = await runCli(["mcp", "--dry-run"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "ncp-mi: mcp has no --dry-run: each tool call sends its own requests; --debug logs them. " +
        "Run 'ncp-mi mcp --help' for usage.\n",
    );
  });

  it("without keys: exit 2 naming the variables, and nothing on stdout", async () => {
    const { code, stdout, stderr } = await runCli(["mcp"], {});
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^ncp-mi: missing credentials: NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY are not set/,
    );
  });
});

describe.concurrent("serving", () => {
  it("stdout carries JSON-RPC messages and nothing else; the log goes to stderr", async () => {
    const server = spawnServer(["--base-url", "http://127.0.0.1:9"]);
    const messages = [
      {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "raw", version: "1" },
        },
      },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
      {
        jsonrpc: "2.0",
        id: 3,
        method: "tools/call",
        params: { name: "get_scene_summary_status", arguments: { workspace: "w", project: "p" } },
      },
    ];
    server.child.stdin.write(messages.map((m) => `${JSON.stringify(m)}\n`).join(""));
    await until(server.stdout, /"id":3/);
    server.child.stdin.end();
    expect(await exitOf(server.child)).toBe(0);
    const lines = server.stdout().trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const answers = lines.map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.jsonrpc, a.id])).toEqual([
      ["2.0", 1],
      ["2.0", 2],
      ["2.0", 3],
    ]);
    expect(answers[0].result.serverInfo).toMatchObject({ name: "ncp-mi" });
    expect(answers[2].result).toEqual({
      content: [{ type: "text", text: "Bad argument: 'asset' is required. Nothing was sent." }],
      isError: true,
    });
    expect(server.stderr()).toMatch(
      /^ncp-mi mcp: serving 5 tools on stdio \(http:\/\/127\.0\.0\.1:9\)\.\n/,
    );
    expect(server.stderr()).toContain("ncp-mi mcp: stopped: client closed.\n");
  });

  it("ends at once, with the wait under way aborted, when the client closes stdin", async () => {
    const baseUrl = await mockUrl("slow");
    const server = await startServer({ baseUrl });
    const ids = { workspace: "my-workspace", project: "1234", asset: "closing" };
    let progressed: () => void = () => {};
    const firstProgress = new Promise<void>((resolve) => {
      progressed = resolve;
    });
    const call = server
      .call("summarize_video", { ...ids, maxWaitSeconds: 60 }, () => progressed())
      .catch((error: unknown) => error);
    await firstProgress;
    await server.close();
    expect(() => process.kill(server.pid, 0)).toThrow(/ESRCH/);
    // It ended on its own, on the closed stdin, not by the SIGTERM the client sends a server
    // still there 2 s after it closed its stdin.
    expect(server.exit()).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toContain("ncp-mi mcp: stopped: client closed.\n");
    // The call under way got no answer: the connection closed under it.
    expect(String(await call)).toMatch(/Connection closed/);
  });

  it("Ctrl-C (SIGINT) stops it: exit 130, reported as an interruption", async () => {
    const server = spawnServer(["--base-url", "http://127.0.0.1:9"]);
    await until(server.stderr, /serving 5 tools/);
    server.child.kill("SIGINT");
    expect(await exitOf(server.child)).toBe(130);
    expect(server.stdout()).toBe("");
    expect(server.stderr()).toMatch(/ncp-mi mcp: stopped: interrupted\.\nncp-mi: interrupted\.\n$/);
  });
});
