/**
 * `npm start` (scripts/start.mjs) and `npm run mock` (scripts/mock.mjs), run as a user would,
 * with the built CLI. The mock itself, its scenarios and its process handling are tested in
 * test/mock/.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEMO_ASSET_OPTIONS } from "../../scripts/demo.mjs";
import { runCli } from "./support/cli.js";

const script = (name: string) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));

/** Runs a script with no credentials of the user's, collecting its output. */
function startScript(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [script(name), ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describe("npm start", () => {
  it("runs summarize against the bundled mock: requested, progressing, completed, the chapters; exits 0", async () => {
    const start = startScript("start.mjs");
    expect(await start.exited).toBe(0);
    const output = start.output();
    expect(output).toContain(
      "Starting the bundled mock: Prism checking each request against openapi.yaml",
    );
    expect(output).toContain("This is NOT the real NAVER Cloud API");
    expect(output).toContain(
      "$ ncp-mi summarize --workspace my-workspace --project 1234 --asset 5678 --format table",
    );
    expect(output).toContain("summarize: requested a scene summarisation.");
    const progress = [...output.matchAll(/summarize: (\w+), (\d+)\/10 scenes analysed/g)];
    const statuses = [...new Set(progress.map(([, status]) => status))];
    // The CLI polls every second in real time, and a busy machine may skip WAIT_SUMMARIZE's
    // 0.6 s; test/mock/ sees every step with a clock of its own.
    const order = ["WAIT_SUMMARIZE", "SUMMARIZING", "SUMMARIZE_COMPLETED"];
    expect(statuses).toEqual(order.filter((status) => statuses.includes(status)));
    expect(statuses).toContain("SUMMARIZING");
    expect(statuses.at(-1)).toBe("SUMMARIZE_COMPLETED");
    const counts = progress.map(([, , count]) => Number(count));
    expect(counts).toEqual([...counts].sort((a, b) => a - b)); // rising
    expect(output).toContain("Gwanghwamun Square");
    expect(output).toContain("Mock stopped. Next:");
  });
});

describe("npm run mock", () => {
  it("serves on PORT, prints how to point the CLI at it, and stops Prism on SIGTERM", async () => {
    const port = await freePort();
    const mock = startScript("mock.mjs", [], { PORT: String(port) });
    try {
      await new Promise<void>((resolve, reject) => {
        mock.child.stdout.on("data", () => {
          if (mock.output().includes("Requests appear below")) resolve();
        });
        mock.exited.then(() => reject(new Error(`mock exited early:\n${mock.output()}`)));
      });
      const url = `http://127.0.0.1:${port}`;
      const output = mock.output();
      expect(output).toContain(`export NCLOUD_MI_BASE_URL=${url}\n`);
      expect(output).toContain("export NCLOUD_ACCESS_KEY=DEMO_ACCESS_KEY\n");
      expect(output).toContain("NOT the real");
      // The printed setup works.
      const keys = Object.fromEntries(
        [...output.matchAll(/export (NCLOUD_\w+)=(\S+)/g)].map(([, name, value]) => [name, value]),
      );
      const { code, stdout } = await runCli(["status", ...DEMO_ASSET_OPTIONS], { env: keys });
      expect(code).toBe(0);
      expect(stdout).toContain("BEFORE_SUMMARIZE");
      mock.child.kill("SIGTERM");
      expect(await mock.exited).toBe(0);
      const after = await runCli(["status", ...DEMO_ASSET_OPTIONS, "--retries", "0"], {
        env: keys,
      });
      expect(after.stderr).toContain("ECONNREFUSED"); // Prism is gone
    } finally {
      mock.child.kill("SIGTERM"); // a no-op once it has exited
    }
  });

  it("refuses a bad port", async () => {
    const mock = startScript("mock.mjs", ["--port", "70000"]);
    expect(await mock.exited).toBe(1);
    expect(mock.output()).toContain("the port must be a number from 1 to 65535, got '70000'");
  });

  it("says when the port is taken", async () => {
    // Hangs up on every connection, so that close() has none to wait for.
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const mock = startScript("mock.mjs", ["--port", String(port)]);
      expect(await mock.exited).toBe(1);
      expect(mock.output()).toContain(`port ${port} is in use`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
