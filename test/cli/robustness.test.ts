/**
 * The CLI never dies silently or with a stack trace: a full disk behind stdout, a closed
 * stdout, a corrupt or stalled compressed body each end with one `ncp-mi:` line and a
 * documented exit code.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ok, statusResult, TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { ASSET_OPTIONS, CLI, type CliResult } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

const STATUS = ["status", ...ASSET_OPTIONS, "--retries", "0"];

/**
 * Runs the CLI with its stdout redirected by a shell (`>/dev/full`, `>&-`), collecting
 * stderr. Only PATH and the test credentials are passed on.
 */
function runRedirected(redirect: string, args: string[], baseUrl?: string): Promise<CliResult> {
  const child = spawn("sh", ["-c", `exec "$@" ${redirect}`, "sh", process.execPath, CLI, ...args], {
    env: {
      PATH: process.env.PATH,
      NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
      NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
      ...(baseUrl ? { NCLOUD_MI_BASE_URL: baseUrl } : {}),
    },
    stdio: ["ignore", "inherit", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout: "", stderr }));
  });
}

describe("stdout that cannot be written", () => {
  it(">/dev/full: exit 1, one line saying the disk is full", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runRedirected(">/dev/full", STATUS, gateway.url);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "ncp-mi: cannot write the output to stdout: no space left on the device (ENOSPC).\n",
    );
  });

  it(">/dev/full with --help: the same, not a stack trace", async () => {
    const { code, stderr } = await runRedirected(">/dev/full", ["--help"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ncp-mi: cannot write the output to stdout: [^\n]*ENOSPC[^\n]*\n$/);
  });

  it(">&-: exit 2 before anything is sent, naming the closed stdout", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runRedirected(">&-", STATUS, gateway.url);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "ncp-mi: stdout is closed (>&-): the output would be lost; redirect it to a file or use -o FILE.\n",
    );
    expect(gateway.seen).toEqual([]);
  });

  it(">&- with --version: exit 1, not 0 with the output lost", async () => {
    const { code, stderr } = await runRedirected(">&-", ["--version"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ncp-mi: stdout is closed/);
  });

  it(">/dev/null is a choice, not a closed stdout: exit 0", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runRedirected(">/dev/null", STATUS, gateway.url);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("stdout given as an open file descriptor to /dev/null also works", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const devNull = openSync("/dev/null", "w");
    try {
      const child = spawn(process.execPath, [CLI, ...STATUS], {
        env: {
          PATH: process.env.PATH,
          NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
          NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
          NCLOUD_MI_BASE_URL: gateway.url,
        },
        stdio: ["ignore", devNull, "ignore"],
      });
      expect(await new Promise((resolve) => child.once("close", resolve))).toBe(0);
    } finally {
      closeSync(devNull);
    }
  });
});

/** A server whose every answer is a gzip-labelled 200 that `write` fills in. */
async function gzipServer(write: (response: import("node:http").ServerResponse) => void) {
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
    write(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** The start of a gzip stream: a valid header, then bytes that are not deflate data. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

describe("compressed bodies", () => {
  it("corrupt, arriving after the headers: exit 1, one line that says so", async () => {
    const url = await gzipServer((response) => {
      // A stored block whose length and its complement disagree: zlib fails (Z_DATA_ERROR).
      response.write(Buffer.concat([GZIP_HEADER, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]));
      setTimeout(() => response.end("more bytes"), 50);
    });
    const { code, stderr } = await runRedirected(
      ">/dev/null",
      [...STATUS, "--request-timeout", "5"],
      url,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^ncp-mi: GET \S+: 127\.0\.0\.1:\d+ sent a compressed body that does not decompress \(Z_DATA_ERROR\)\.\n$/,
    );
  });

  it("stalled after a few bytes: --request-timeout ends it, one line, exit 1", async () => {
    const url = await gzipServer((response) => response.write(GZIP_HEADER));
    const { code, stderr } = await runRedirected(
      ">/dev/null",
      [...STATUS, "--request-timeout", "0.5"],
      url,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ncp-mi: GET \S+: no whole answer from [^\n]* within 0\.5 s[^\n]*\n$/);
  });
});

describe("a run that can never finish", () => {
  it("a fetch that never settles, with nothing left to wait for: exit 70, one line, not a silent 13", async () => {
    const preload = fileURLToPath(new URL("./support/hanging-fetch.mjs", import.meta.url));
    const child = spawn(process.execPath, ["--import", preload, CLI, ...STATUS], {
      env: {
        PATH: process.env.PATH,
        NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
        NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
        NCLOUD_MI_BASE_URL: "http://127.0.0.1:9",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect(code).toBe(70);
    expect(stderr).toBe(
      "ncp-mi: internal error: the command stopped without finishing (a response never ended); please report it.\n",
    );
  });
});
