/**
 * Runs the smoke test (fixtures/smoke.mjs, copied into the consumer project) on one runtime
 * and returns its per-case results. Each host starts the runtime the way a user of it would
 * load the package:
 *
 * - Node, Bun and Deno run an entry file in the project, which imports the package from its
 *   node_modules by name, and print the results as JSON.
 * - workerd serves a worker bundled by esbuild as Wrangler would bundle it (`workerd` and
 *   `worker` export conditions, no Node built-ins, no `nodejs_compat`); its outbound fetch
 *   may reach loopback addresses only, where the mock listens. The results are the worker's
 *   HTTP response.
 * - Chromium loads a page from the mock's origin that imports the browser bundle.
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import type { Consumer } from "./consumer.js";
import type { MockServer } from "./mock.js";

/** One case's outcome, as smoke.mjs reports it. */
export interface CaseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** How long one runtime may take to run every case. */
const RUN_TIMEOUT_MS = 30_000;

/** The environment of a runtime's process: no npm_config_*, no colours, no update checks. */
function runtimeEnv(consumer: Consumer): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: "1",
    DO_NOT_TRACK: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_DIR: join(consumer.dir, ".deno"),
  };
}

/** Parses what a runtime returned; anything else than the results array is an error. */
function parseResults(text: string, from: string): CaseResult[] {
  try {
    const results = JSON.parse(text) as unknown;
    if (Array.isArray(results)) return results as CaseResult[];
  } catch {}
  throw new Error(`${from} returned no results: ${text.trim().slice(0, 500) || "(nothing)"}`);
}

/**
 * Node, Bun or Deno: runs an entry file that imports the smoke test and prints its results.
 *
 * @param host - Which command line the runtime takes.
 * @param binary - The runtime's executable.
 */
export async function runInProcess(
  host: "node" | "bun" | "deno",
  binary: string,
  consumer: Consumer,
  mock: MockServer,
): Promise<CaseResult[]> {
  const entry = join(consumer.dir, "run.mjs");
  await writeFile(
    entry,
    `import { runSmoke } from "./smoke.mjs";\nconsole.log(JSON.stringify(await runSmoke(${JSON.stringify(mock.url)})));\n`,
  );
  // Deno: network to the mock's host only, no prompt for anything else.
  const args = host === "deno" ? ["run", "--allow-net=127.0.0.1", "--no-prompt", entry] : [entry];
  try {
    const { stdout } = await promisify(execFile)(binary, args, {
      cwd: consumer.dir,
      env: runtimeEnv(consumer),
      timeout: RUN_TIMEOUT_MS,
    });
    return parseResults(stdout.trim().split("\n").at(-1) ?? "", host);
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${host} failed: ${(stderr || stdout || String(error)).trim().slice(0, 1000)}`);
  }
}

/** A free loopback TCP port, for workerd's socket. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** The workerd config: the worker on a loopback socket; its fetch reaches loopback only. */
function workerdConfig(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "smoke", worker = .smokeWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "smoke")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`;
}

/** workerd: serves the bundled worker, asks it to run the cases, and stops it. */
export async function runOnWorkerd(
  binary: string,
  consumer: Consumer,
  mock: MockServer,
): Promise<CaseResult[]> {
  const dir = join(consumer.dir, "workerd");
  await mkdir(dir, { recursive: true });
  await build({
    stdin: {
      contents: `import { runSmoke } from "./smoke.mjs";\nexport default { fetch: async () => Response.json(await runSmoke(${JSON.stringify(mock.url)})) };\n`,
      resolveDir: consumer.dir,
      sourcefile: "worker.mjs",
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    // Left as imports, so that workerd itself says which one it lacks.
    external: ["node:*"],
    outfile: join(dir, "worker.js"),
    logLevel: "silent",
  });
  const port = await freePort();
  await writeFile(join(dir, "config.capnp"), workerdConfig(port));

  const child = spawn(binary, ["serve", join(dir, "config.capnp")], {
    cwd: dir,
    env: runtimeEnv(consumer),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  try {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`workerd exited: ${output.trim()}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        return parseResults(await response.text(), "the worker");
      } catch (error) {
        const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
        if (!refused || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    child.kill();
    await exited;
  }
}

/** The browser page: imports the bundle and leaves the results on `globalThis`. */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>runtime matrix</title>
<script type="module">
  try {
    const { runSmoke } = await import("/browser/smoke.js");
    globalThis.smokeResults = JSON.stringify(await runSmoke(location.origin));
  } catch (error) {
    globalThis.smokeResults = JSON.stringify(String(error));
  }
</script>`;

/** Chromium: opens the page from the mock's origin and reads the results off it. */
export async function runOnChromium(
  browser: Browser,
  consumer: Consumer,
  mock: MockServer,
): Promise<CaseResult[]> {
  const bundled = await build({
    entryPoints: [consumer.smoke],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    external: ["node:*"],
    logLevel: "silent",
  });
  mock.files.set("/browser/", ["text/html", PAGE]);
  mock.files.set("/browser/smoke.js", ["text/javascript", bundled.outputFiles[0]?.text ?? ""]);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${mock.url}/browser/`);
  const handle = await page.waitForFunction(
    () => (globalThis as { smokeResults?: string }).smokeResults,
    undefined,
    { timeout: RUN_TIMEOUT_MS },
  );
  const text = (await handle.jsonValue()) as string;
  if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors.join("; ")}`);
  return parseResults(text, "the page");
}
