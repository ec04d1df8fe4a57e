/**
 * Per-request cost: `client.getSceneSummaryStatus` against a hand-written signed `fetch`, both
 * calling the same local server (bench/server.mjs, in its own process).
 *
 * The two sides are made as alike as possible, so that the difference is the client's own work:
 * same URL, same four headers, same global `fetch` (undici's default agent, so the same
 * keep-alive connection pool), same server answer, and both parse the JSON and return `result`.
 * What the raw side leaves out is what the client adds: input checks, the per-attempt timeout,
 * checks of the response envelope, retry and clock-skew bookkeeping.
 *
 * A third side, the raw call with the client's per-attempt timeout (an AbortController, a
 * timer, and the signal given to `fetch`), shows how much of the difference that feature alone
 * costs: Node's fetch does real work to follow a signal.
 *
 * Besides wall-clock time, the CPU time of this process is recorded: it leaves out the server's
 * time, so it shows the client's own overhead from another angle.
 */

import { deepStrictEqual } from "node:assert/strict";
import { fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { interleave, ratios, summarise } from "./stats.mjs";

const ACCESS_KEY = "BENCH_ACCESS_KEY";
const SECRET_KEY = "bench-secret-key";
const IDS = {
  workspaceName: "my-workspace",
  projectId: "1234",
  assetId: "5678",
  indexId: "1001",
  sceneSummaryId: "101",
};
const STATUS_TARGET =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries/101/status";

/**
 * @typedef {{ median: number, q1: number, q3: number }} Summary
 * @typedef {{ wallUs: number, cpuUs: number }} BatchTime
 * @typedef {object} RequestComparison
 * @property {number} concurrency - Requests in flight at once.
 * @property {number} requestsPerSide - Timed requests per side, warm-up excluded.
 * @property {Record<string, Summary>} wallUs - Wall-clock µs per request, by side.
 * @property {Record<string, Summary>} cpuUs - This process's CPU µs per request, by side.
 * @property {Summary} ratio - client ÷ raw wall-clock time, per round.
 * @property {Summary} cpuRatio - client ÷ raw CPU time, per round.
 * @property {Summary | undefined} timeoutRatio - raw with timeout ÷ raw wall-clock time, per
 *   round, when that side ran.
 * @property {Summary | undefined} likeForLikeRatio - client ÷ raw with timeout wall-clock time,
 *   per round, when that side ran.
 */

/**
 * Measures sequential requests, then 8 concurrent ones.
 *
 * @param {{ createMediaIntelligenceClient: typeof import("../dist/index.js").createMediaIntelligenceClient }} library
 * @returns {Promise<{ sequential: RequestComparison, concurrent: RequestComparison }>}
 */
export async function measureRequests({ createMediaIntelligenceClient }) {
  const server = await startServer();
  try {
    const client = createMediaIntelligenceClient({
      accessKey: ACCESS_KEY,
      secretKey: SECRET_KEY,
      baseUrl: server.baseUrl,
    });
    const sides = {
      client: () => client.getSceneSummaryStatus(IDS),
      raw: rawGetStatus(server.baseUrl, 0),
      rawWithTimeout: rawGetStatus(server.baseUrl, 30_000),
    };
    // All sides must do the same thing for the comparison to mean anything.
    const expected = await sides.raw();
    deepStrictEqual(await sides.client(), expected);
    deepStrictEqual(await sides.rawWithTimeout(), expected);
    // Short rounds (5 requests a side, about 2 ms) leave drift little time to act within a
    // round; many of them make the median steady.
    return {
      sequential: await compare(sides, { concurrency: 1, rounds: 600, batch: 5 }),
      concurrent: await compare(
        { client: sides.client, raw: sides.raw },
        { concurrency: 8, rounds: 200, batch: 16 },
      ),
    };
  } finally {
    server.stop();
  }
}

/**
 * A careful hand-written call: sign with node:crypto, `fetch`, check the status, parse JSON.
 *
 * @param {string} baseUrl
 * @param {number} timeoutMs - When not 0, the call is bounded the way the client bounds an
 *   attempt: an AbortController, aborted by a timer, whose signal goes to `fetch`.
 * @returns {() => Promise<unknown>}
 */
function rawGetStatus(baseUrl, timeoutMs) {
  const url = baseUrl + STATUS_TARGET;
  /** @param {AbortSignal | undefined} signal */
  const get = async (signal) => {
    const timestamp = String(Date.now());
    const signature = createHmac("sha256", SECRET_KEY)
      .update(`GET ${STATUS_TARGET}\n${timestamp}\n${ACCESS_KEY}`)
      .digest("base64");
    const response = await fetch(url, {
      headers: {
        "x-ncp-apigw-timestamp": timestamp,
        "x-ncp-iam-access-key": ACCESS_KEY,
        "x-ncp-apigw-signature-v2": signature,
        "Content-Type": "application/json",
      },
      signal,
    });
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
    return (await response.json()).result;
  };
  if (timeoutMs === 0) return () => get(undefined);
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await get(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Warms the sides up, then times them in interleaved rounds.
 *
 * @param {{ client: () => Promise<unknown>, raw: () => Promise<unknown>,
 *           rawWithTimeout?: () => Promise<unknown> }} sides
 * @param {{ concurrency: number, rounds: number, batch: number }} plan - `batch` requests per
 *   side per round, `concurrency` of them in flight at a time.
 * @returns {Promise<RequestComparison>}
 */
async function compare(sides, { concurrency, rounds, batch }) {
  /** @type {Record<string, () => Promise<BatchTime>>} */
  const timed = {};
  for (const [name, call] of Object.entries(sides)) {
    timed[name] = () => timeBatch(call, batch, concurrency);
  }
  // Warm-up: lets the JIT compile every path and opens the keep-alive connections, which the
  // sides then share (they use the same agent).
  await interleave(Math.ceil(1000 / batch), timed);
  const samples = await interleave(rounds, timed);
  const wall = (/** @type {string} */ side) =>
    (samples[side] ?? []).map((/** @type {BatchTime} */ time) => time.wallUs);
  const cpu = (/** @type {string} */ side) =>
    (samples[side] ?? []).map((/** @type {BatchTime} */ time) => time.cpuUs);
  const names = Object.keys(samples);
  return {
    concurrency,
    requestsPerSide: rounds * batch,
    wallUs: Object.fromEntries(names.map((name) => [name, summarise(wall(name))])),
    cpuUs: Object.fromEntries(names.map((name) => [name, summarise(cpu(name))])),
    ratio: summarise(ratios(wall("client"), wall("raw"))),
    cpuRatio: summarise(ratios(cpu("client"), cpu("raw"))),
    timeoutRatio: sides.rawWithTimeout
      ? summarise(ratios(wall("rawWithTimeout"), wall("raw")))
      : undefined,
    likeForLikeRatio: sides.rawWithTimeout
      ? summarise(ratios(wall("client"), wall("rawWithTimeout")))
      : undefined,
  };
}

/**
 * Runs `count` calls, `concurrency` at a time, and returns the time per call.
 *
 * @param {() => Promise<unknown>} call
 * @param {number} count - A multiple of `concurrency`.
 * @param {number} concurrency
 * @returns {Promise<BatchTime>}
 */
async function timeBatch(call, count, concurrency) {
  const worker = async () => {
    for (let i = 0; i < count / concurrency; i++) await call();
  };
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallUs = ((performance.now() - start) * 1000) / count;
  const cpu = process.cpuUsage(cpuStart);
  return { wallUs, cpuUs: (cpu.user + cpu.system) / count };
}

/**
 * Forks bench/server.mjs and waits until it listens.
 *
 * @returns {Promise<{ baseUrl: string, stop: () => void }>}
 */
function startServer() {
  // No execArgv: flags given to the benchmark (--cpu-prof, say) are for this process only.
  const child = fork(new URL("./server.mjs", import.meta.url), [ACCESS_KEY, SECRET_KEY], {
    execArgv: [],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited with code ${code}`)));
    child.once("message", (/** @type {{ port: number }} */ { port }) =>
      resolve({ baseUrl: `http://127.0.0.1:${port}`, stop: () => child.disconnect() }),
    );
  });
}
