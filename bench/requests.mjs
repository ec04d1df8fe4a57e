/**
 * Per-request cost against a local server: the sides of bench/sides.mjs (the client, the
 * openapi-fetch peer, the hand-written signed fetch with and without a timeout, and the
 * baseline build when given) all call bench/server.mjs, which runs in its own process.
 *
 * The sides are made as alike as possible, so that the difference is the client's own work:
 * same URL, same four headers, same server answer, the platform's `fetch` (undici's default
 * agent, so the same keep-alive connection pool), and all parse the JSON and return `result`.
 *
 * Besides wall-clock time, the CPU time of this process is recorded: it leaves out the server's
 * time, so it shows the client's own overhead from another angle.
 */
import { deepStrictEqual } from "node:assert/strict";
import { fork } from "node:child_process";
import { ACCESS_KEY, createSides, SECRET_KEY } from "./sides.mjs";
import { interleave, ratios, summarise } from "./stats.mjs";

/**
 * @typedef {{ median: number, q1: number, q3: number }} Summary
 * @typedef {{ wallUs: number, cpuUs: number }} BatchTime
 * @typedef {object} RequestComparison
 * @property {number} concurrency - Requests in flight at once.
 * @property {number} requestsPerSide - Timed requests per side, warm-up excluded.
 * @property {Record<string, Summary>} wallUs - Wall-clock µs per request, by side.
 * @property {Record<string, Summary>} cpuUs - This process's CPU µs per request, by side.
 * @property {Record<string, Summary>} ratio - Wall-clock ratios per round, by name:
 *   `client/raw`, `client/peer`, `client/rawWithTimeout`, `peer/raw`, `rawWithTimeout/raw`,
 *   and `client/baseline`, `baseline/raw`, `baseline/peer` with a baseline.
 */

/** @type {[string, string][]} The ratios reported, as [numerator, denominator] sides. */
const RATIOS = [
  ["client", "raw"],
  ["client", "peer"],
  ["client", "rawWithTimeout"],
  ["peer", "raw"],
  ["rawWithTimeout", "raw"],
  ["client", "baseline"],
  ["baseline", "raw"],
  ["baseline", "peer"],
];

/**
 * Measures sequential requests, then 16 concurrent ones.
 *
 * @param {{ library: import("./sides.mjs").Library,
 *           baseline?: import("./sides.mjs").Library | undefined }} libraries
 * @returns {Promise<{ sequential: RequestComparison, concurrent: RequestComparison }>}
 */
export async function measureRequests({ library, baseline }) {
  const server = await startServer();
  try {
    const sides = createSides({ library, baseline, baseUrl: server.baseUrl });
    // All sides must do the same thing for the comparison to mean anything.
    const expected = await sides.raw?.();
    for (const side of Object.values(sides)) deepStrictEqual(await side(), expected);
    // Short rounds (5 requests a side, about 2 ms) leave drift little time to act within a
    // round; many of them make the median steady. With 16 in flight a round holds 4 waves.
    return {
      sequential: await compare(sides, { concurrency: 1, rounds: 500, batch: 5 }),
      concurrent: await compare(sides, { concurrency: 16, rounds: 80, batch: 64 }),
    };
  } finally {
    server.stop();
  }
}

/**
 * Warms the sides up, then times them in interleaved rounds.
 *
 * @param {Record<string, () => Promise<unknown>>} sides
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
    ratio: Object.fromEntries(
      RATIOS.filter(([a, b]) => a in samples && b in samples).map(([a, b]) => [
        `${a}/${b}`,
        summarise(ratios(wall(a), wall(b))),
      ]),
    ),
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
