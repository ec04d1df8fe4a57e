/**
 * steady (`@stdy/cli`, the OpenAPI mock server Stainless uses), pinned, installed on first use
 * into a cache folder outside the checkout, and started on openapi.yaml.
 *
 * It is not a dev dependency: the npm package is a wrapper whose optional dependency
 * `@stdy/cli-linux-x64` carries a ~100 MB compiled binary, which a `npm ci` should not download
 * for everyone. The cache is `$NCP_MI_STEADY_CACHE`, else `$XDG_CACHE_HOME/ncloud-media-
 * intelligence/steady`, else `~/.cache/ncloud-media-intelligence/steady`, one folder per
 * version; a folder is complete or absent (npm installs into a temporary folder, renamed into
 * place once the binary answers `--version`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { installCached } from "../../support/package-cache.js";

/** The pinned version: the registry's newest when pinned. */
export const STEADY_VERSION = "0.22.2";
/** The binary inside the install folder (the linux-x64 build). */
const BINARY = "node_modules/@stdy/cli-linux-x64/bin/steady";
/** How long steady gets to answer its health check. It takes well under a second. */
const START_TIMEOUT_MS = 20_000;
const OUTPUT_LIMIT = 64 * 1024;

/** The cache folder (see the module comment). */
const STEADY_CACHE =
  process.env.NCP_MI_STEADY_CACHE ||
  join(
    process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
    "ncloud-media-intelligence",
    "steady",
  );

/**
 * Installs steady into the cache unless it is there, and returns the binary's path.
 *
 * @throws Error when this is not linux-x64, or npm or the binary fails (with their output).
 */
export async function installSteady(): Promise<string> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `steady's linux-x64 build is pinned; this is ${process.platform}-${process.arch}`,
    );
  }
  const folder = join(STEADY_CACHE, `@stdy+cli@${STEADY_VERSION}`);
  await installCached({ folder, spec: `@stdy/cli@${STEADY_VERSION}`, binary: BINARY });
  const binary = join(folder, BINARY);
  return binary;
}

/** A running steady. */
export interface SteadyServer {
  /** Base URL, such as `http://127.0.0.1:41234`. */
  url: string;
  /** What steady has written so far (the last 64 KiB). */
  output(): string;
  /** Stops it. Safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts steady on `spec` on a free loopback port, and resolves once its health check answers.
 *
 * @throws Error when it exits or does not answer in time; the message has its output.
 */
export async function startSteady(binary: string, spec: string): Promise<SteadyServer> {
  const port = await freePort();
  const child = spawn(
    binary,
    ["--port", String(port), "--host", "127.0.0.1", "--log-level", "summary", "--no-color", spec],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const server: SteadyServer = {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      process.off("exit", killOnExit);
      await stop(child, exited);
    },
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline && exitCode === undefined) {
    try {
      const health = await fetch(`${server.url}/_x-steady/health`);
      if (health.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(
    `steady did not answer within ${START_TIMEOUT_MS} ms (exit code ${exitCode})\n--- steady output ---\n${output}`,
  );
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

/** A port free on the loopback interface right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
