/**
 * A catalogue: `ncp-mi summarize --assets-from` on 1,000 assets against a fast local server
 * (bench/catalogue-server.mjs, in its own process: a run takes 1.5 s, polls once a second),
 * all 1,000 at once then 100 at a time, with no rate bound, so that what is measured is the
 * client's own work:
 * requests an asset, CPU an asset (the run in bench/catalogue-worker.mjs, journal and exports
 * included) and the process's peak resident memory.
 *
 * And a throttling gateway: 500 concurrent `sceneSummaries.summarize` calls on one client
 * (bench/throttle-worker.mjs) against the same server refusing past 150 requests a second
 * (429, no Retry-After): how many complete, for the library measured and the baseline.
 */
import { fork } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCESS_KEY, SECRET_KEY } from "./sides.mjs";

/** Assets of the catalogue measure, and how many are worked on at once in each run. */
export const CATALOGUE_ASSETS = 1_000;
const CONCURRENCIES = [1_000, 100];
/** Concurrent calls of the throttle measure, and the gateway's quota. */
export const THROTTLE_CALLS = 500;
const THROTTLE_QUOTA = 150;

/**
 * @typedef {object} CatalogueResult
 * @property {number} assets
 * @property {number} concurrency
 * @property {number} code - The run's exit code (0: every asset completed).
 * @property {number} seconds - Wall time of the run.
 * @property {number} requestsPerAsset - Requests the server received, per asset.
 * @property {Record<string, number>} byOperation - Requests by operation.
 * @property {number} cpuUsPerAsset - CPU time of the run (user + system), per asset.
 * @property {number} peakRssBytes - The process's peak resident memory.
 * @property {number} rssBeforeBytes - Its peak before the run began: Node and the CLI loaded.
 * @property {number} exports - Files written.
 */

/**
 * @typedef {object} ThrottleSide
 * @property {number} fulfilled - Calls that completed, of {@link THROTTLE_CALLS}.
 * @property {Record<string, number>} failures - The others, by error.
 * @property {number} seconds
 * @property {number} requests - Requests the server received.
 * @property {number} refused - Of which refused with 429.
 * @property {number} assetsRequestedTwice
 */

/** @returns {Promise<CatalogueResult[]>} One run a concurrency, each in a fresh process. */
export async function measureCatalogue() {
  const results = [];
  for (const concurrency of CONCURRENCIES) results.push(await catalogueRun(concurrency));
  return results;
}

/**
 * @param {number} concurrency
 * @returns {Promise<CatalogueResult>}
 */
async function catalogueRun(concurrency) {
  const server = await startServer({ runMs: 1_500 });
  const folder = await mkdtemp(join(tmpdir(), "ncp-mi-bench-catalogue-"));
  try {
    const report = await runWorker("catalogue-worker.mjs", [
      server.baseUrl,
      String(CATALOGUE_ASSETS),
      String(concurrency),
      folder,
    ]);
    const counts = await server.counts();
    const exports = (await readdir(join(folder, "out"))).filter((n) => n.endsWith(".vtt"));
    return {
      assets: CATALOGUE_ASSETS,
      concurrency,
      code: report.code,
      seconds: report.seconds,
      requestsPerAsset: counts.requests / CATALOGUE_ASSETS,
      byOperation: counts.byOperation,
      cpuUsPerAsset: report.cpuUs / CATALOGUE_ASSETS,
      peakRssBytes: report.peakRssBytes,
      rssBeforeBytes: report.rssBeforeBytes,
      exports: exports.length,
    };
  } finally {
    server.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * @param {{ library: URL, baseline?: URL | undefined }} libraries - Their index.js.
 * @returns {Promise<{ library: ThrottleSide, baseline: ThrottleSide | undefined }>}
 */
export async function measureThrottle({ library, baseline }) {
  return {
    library: await throttleSide(library),
    baseline: baseline && (await throttleSide(baseline)),
  };
}

/** @param {URL} index */
async function throttleSide(index) {
  const server = await startServer({ runMs: 2_000, throttle: THROTTLE_QUOTA });
  try {
    const report = await runWorker("throttle-worker.mjs", [
      index.href,
      server.baseUrl,
      String(THROTTLE_CALLS),
    ]);
    const counts = await server.counts();
    return {
      fulfilled: report.fulfilled,
      failures: report.failures,
      seconds: report.seconds,
      requests: counts.requests,
      refused: counts.refused,
      assetsRequestedTwice: counts.assetsRequestedTwice,
    };
  } finally {
    server.stop();
  }
}

/**
 * Forks a worker of this folder and resolves with the one message it sends.
 *
 * @param {string} file
 * @param {string[]} args
 */
function runWorker(file, args) {
  const child = fork(new URL(`./${file}`, import.meta.url), args, { execArgv: [] });
  return new Promise((resolve, reject) => {
    /** @type {any} */
    let result;
    child.once("message", (message) => {
      result = message;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`bench/${file} exited with code ${code}`)),
    );
  });
}

/**
 * Forks bench/catalogue-server.mjs and waits until it listens.
 *
 * @param {{ runMs: number, throttle?: number }} options
 */
function startServer(options) {
  const child = fork(
    new URL("./catalogue-server.mjs", import.meta.url),
    [JSON.stringify({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, ...options })],
    { execArgv: [] },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`bench catalogue server exited with code ${code}`)),
    );
    child.once("message", (/** @type {{ port: number }} */ { port }) =>
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        /** @returns {Promise<any>} */
        counts: () =>
          new Promise((done) => {
            child.once("message", done);
            child.send("counts");
          }),
        stop: () => child.disconnect(),
      }),
    );
  });
}
