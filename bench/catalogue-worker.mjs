/**
 * Child process of bench/catalogue.mjs: runs `ncp-mi summarize --assets-from` in this process
 * (the built CLI's `run`, as dist/cli/main.js calls it) on a catalogue of ASSETS assets against
 * the catalogue server, and sends back its exit code, the CPU time and wall time of the run,
 * and this process's peak resident memory.
 *
 * Usage (forked, results over IPC): catalogue-worker.mjs BASE_URL ASSETS CONCURRENCY FOLDER
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { resourceUsage } from "node:process";
import { ACCESS_KEY, SECRET_KEY } from "./sides.mjs";

const [baseUrl, assetsText, concurrency, folder] = process.argv.slice(2);
const assets = Number(assetsText);
if (!baseUrl || !folder || !concurrency || !Number.isSafeInteger(assets)) {
  throw new Error("usage: catalogue-worker.mjs BASE_URL ASSETS CONCURRENCY FOLDER");
}
const { run } = await import(new URL("../dist/cli/run.js", import.meta.url).href);

await writeFile(
  join(folder, "assets.txt"),
  `${Array.from({ length: assets }, (_, i) => `asset-${i + 1}`).join("\n")}\n`,
);
let stdoutBytes = 0;
let stderrBytes = 0;
/** A sink that counts what it is given, as a pipe to another process would take it. */
const sink = (count) => ({
  write: (text, done) => {
    count(text.length);
    done?.();
    return true;
  },
});
const rssBefore = resourceUsage().maxRSS * 1024;
const cpu = process.cpuUsage();
const start = performance.now();
const code = await run(
  [
    "summarize",
    "--workspace",
    "bench",
    "--project",
    "1",
    "--assets-from",
    "assets.txt",
    "--out-dir",
    "out",
    "--concurrency",
    concurrency,
    "--max-rps",
    "1000000",
    "--interval",
    "1",
  ],
  {
    env: {
      NCLOUD_ACCESS_KEY: ACCESS_KEY,
      NCLOUD_SECRET_KEY: SECRET_KEY,
      NCLOUD_MI_BASE_URL: baseUrl,
    },
    stdout: sink((n) => (stdoutBytes += n)),
    stderr: sink((n) => (stderrBytes += n)),
    cwd: folder,
  },
);
const seconds = (performance.now() - start) / 1000;
const { user, system } = process.cpuUsage(cpu);
process.send?.({
  code,
  seconds,
  cpuUs: user + system,
  peakRssBytes: resourceUsage().maxRSS * 1024,
  rssBeforeBytes: rssBefore,
  stdoutBytes,
  stderrBytes,
});
