/**
 * `npm run mock` (scripts/mock.mjs) as a process: it refuses a port in use, whoever holds it;
 * it leaves no mock and no Prism behind when its parent, or itself, is killed by PID; and its
 * output has no error from its own start-up.
 */
import { describe, expect, it } from "vitest";
import { startMock } from "../../scripts/mock-server.mjs";
import { call } from "./support/api.js";
import {
  commandLine,
  descendants,
  freePort,
  type Running,
  run,
  script,
  survivors,
} from "./support/processes.js";

const READY = "Requests appear below";
const ROOT = new URL("../../", import.meta.url).pathname;
const ASSET = "/api/v1/workspaces/my-workspace/projects/1234/assets/5678";

/** `node scripts/mock.mjs ...args`. */
const mockScript = (args: string[], stdin?: "pipe" | "ignore") =>
  run(process.execPath, [script("mock.mjs"), ...args], { stdin });

/**
 * A parent process that starts `command` with the given stdin, passes its output on, and
 * then idles until it is killed.
 */
function parentOf(command: string[], stdin: "pipe" | "ignore"): Running {
  const code = `
    const { spawn } = require("node:child_process");
    const [command, ...args] = JSON.parse(process.argv[1]);
    spawn(command, args, { cwd: ${JSON.stringify(ROOT)}, stdio: [${JSON.stringify(stdin)}, "inherit", "inherit"] });
    setInterval(() => {}, 60_000);
  `;
  return run(process.execPath, ["-e", code, JSON.stringify(command)], {
    env: { HOME: process.env.HOME ?? "/tmp" },
  });
}

/** The Prism among `pids`: it runs with the exit-with-parent preload. */
const prismOf = (pids: number[]) =>
  pids.filter((pid) => commandLine(pid)?.includes("prism-cli/dist/index.js mock"));

describe("a port in use", () => {
  it("is refused by startMock when another mock holds it", async () => {
    const first = await startMock();
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMock({ port })).rejects.toMatchObject({ code: "EADDRINUSE" });
      // The first one still answers.
      const status = await call(first.url, "GET", `${ASSET}/scene-summary/status`);
      expect(status.status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it("is refused by npm run mock when another npm run mock holds it", async () => {
    const port = String(await freePort());
    const first = mockScript(["--port", port]);
    try {
      await first.waitFor(READY);
      const second = mockScript(["--port", port]);
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`port ${port} is in use`);
      expect(descendants(second.child.pid as number)).toEqual([]);
    } finally {
      first.child.kill("SIGTERM");
    }
    expect(await first.exited).toBe(0);
  });
});

describe("no orphans", () => {
  it.each([
    ["node scripts/mock.mjs, stdin not a pipe: it sees its parent's PID go", "ignore", false],
    ["npm run mock, stdin a pipe from the parent: it sees the pipe close", "pipe", true],
  ] as const)("killing the parent with SIGKILL ends %s, and its Prism", async (_, stdin, npm) => {
    const port = String(await freePort());
    const command = npm
      ? ["npm", "run", "-s", "mock", "--", "--port", port]
      : [process.execPath, script("mock.mjs"), "--port", port];
    const parent = parentOf(command, stdin);
    await parent.waitFor(READY);
    const tree = descendants(parent.child.pid as number);
    expect(prismOf(tree)).toHaveLength(1);
    parent.child.kill("SIGKILL");
    expect(await survivors(tree, 10_000)).toEqual([]);
  });

  it("killing npm itself by its PID with SIGKILL ends all npm run mock started: its sh -c, the mock, Prism", async () => {
    const port = String(await freePort());
    // Started as a user would: stdin is no pipe from npm, so only the process tree tells.
    const npm = run("npm", ["run", "-s", "mock", "--", "--port", port], {
      env: { HOME: process.env.HOME ?? "/tmp" },
    });
    await npm.waitFor(READY);
    const tree = descendants(npm.child.pid as number);
    expect(prismOf(tree)).toHaveLength(1);
    const started = new Map(tree.map((pid) => [pid, commandLine(pid)]));
    npm.child.kill("SIGKILL");
    try {
      expect(await survivors(tree, 10_000)).toEqual([]);
    } finally {
      // A failure leaves no process behind: each one still running what it ran is ended.
      for (const [pid, command] of started) {
        if (command !== undefined && commandLine(pid) === command) process.kill(pid, "SIGKILL");
      }
    }
  });

  it("killing npm run mock itself with SIGKILL ends its Prism", async () => {
    const mock = mockScript(["--port", String(await freePort())]);
    await mock.waitFor(READY);
    const prism = prismOf(descendants(mock.child.pid as number));
    expect(prism).toHaveLength(1);
    mock.child.kill("SIGKILL");
    expect(await survivors(prism, 10_000)).toEqual([]);
  });
});

describe("npm run mock's output", () => {
  it("has no error from its start-up, only the requests, one line each", async () => {
    const port = String(await freePort());
    const mock = mockScript(["--port", port, "--scenario", "fail", "--speed", "4"]);
    try {
      await mock.waitFor(READY);
      const url = `http://127.0.0.1:${port}`;
      expect(mock.output()).toContain(`Mock Media Intelligence API on ${url}\nScenario 'fail': `);
      expect(mock.output()).toContain("node dist/cli/main.js summarize --workspace my-workspace");
      await call(url, "POST", `${ASSET}/scene-summary`);
      let status: string;
      do status = (await call(url, "GET", `${ASSET}/scene-summary/status`)).body.result.status;
      while (status !== "SUMMARIZE_FAIL");
    } finally {
      mock.child.kill("SIGTERM");
    }
    expect(await mock.exited).toBe(0);
    const output = mock.output();
    expect(output).toContain(
      `POST ${ASSET}/scene-summary → 200 requested, sceneSummaryId 101 [fail]`,
    );
    expect(output).toContain("→ 200 SUMMARIZE_FAIL 4/10 [fail]");
    expect(output).not.toMatch(/error|probe|✖/i);
  });

  it("startMock's Prism logged no error either", async () => {
    const mock = await startMock();
    try {
      await call(mock.url, "GET", `${ASSET}/scene-summary/status`);
      expect(mock.prismOutput()).toContain("Request received");
      expect(mock.prismOutput()).not.toMatch(/error|✖/i);
    } finally {
      await mock.stop();
    }
  });

  it("--help prints the usage on stdout and exits 0", async () => {
    const mock = mockScript(["--help"]);
    expect(await mock.exited).toBe(0);
    expect(mock.output()).toMatch(/^Usage: npm run mock -- \[--port N\]/);
    expect(mock.output()).toContain("--scenario complete|fail|cancel|in-progress|slow");
    expect(mock.output()).not.toContain("npm run mock: ");
  });

  it("refuses an unknown scenario, naming the choices", async () => {
    const mock = mockScript(["--scenario", "sometimes"]);
    expect(await mock.exited).toBe(1);
    expect(mock.output()).toContain(
      "unknown scenario 'sometimes': pick one of complete, fail, cancel, in-progress, slow.",
    );
  });
});
