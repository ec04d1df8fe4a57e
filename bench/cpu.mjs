/**
 * CPU per call: the same sides as bench/requests.mjs (see bench/sides.mjs), each given an
 * in-process fake `fetch` that answers at once with the status example, so that no socket,
 * server or event-loop wait is timed: only the work each side does in this process, in
 * microseconds of CPU (user + system) per call.
 *
 * The fake builds a fresh `Response` for every call, as a real fetch does; that cost is the
 * same on every side. Before timing, every side is run once against a fake that checks the
 * signature (as bench/server.mjs does), so every side is proven to sign correctly.
 */
import { deepStrictEqual } from "node:assert/strict";
import { createHmac } from "node:crypto";
import { OK_BODY } from "./answer.mjs";
import { ACCESS_KEY, createSides, SECRET_KEY } from "./sides.mjs";
import { interleave, ratios, summarise } from "./stats.mjs";

const BASE_URL = "https://bench.invalid";
const HEADERS = { "Content-Type": "application/json", "Content-Length": String(OK_BODY.length) };

/**
 * @typedef {{ median: number, q1: number, q3: number }} Summary
 * @typedef {object} CpuResult
 * @property {number} callsPerSide - Timed calls per side, warm-up excluded.
 * @property {Record<string, Summary>} cpuUs - CPU µs per call, by side (median over rounds).
 * @property {Record<string, Summary>} ratio - Each side's CPU ÷ raw's, per round.
 */

/**
 * @param {{ library: import("./sides.mjs").Library,
 *           baseline?: import("./sides.mjs").Library | undefined }} libraries
 * @returns {Promise<CpuResult>}
 */
export async function measureCpu({ library, baseline }) {
  const checking = createSides({ library, baseline, baseUrl: BASE_URL, fetch: checkingFetch });
  const expected = await checking.raw?.();
  for (const side of Object.values(checking)) deepStrictEqual(await side(), expected);

  const sides = createSides({ library, baseline, baseUrl: BASE_URL, fetch: fakeFetch });
  const batch = 20;
  /** @type {Record<string, () => Promise<number>>} */
  const timed = {};
  for (const [name, call] of Object.entries(sides)) {
    timed[name] = async () => {
      const start = process.cpuUsage();
      for (let i = 0; i < batch; i++) await call();
      const { user, system } = process.cpuUsage(start);
      return (user + system) / batch;
    };
  }
  await interleave(100, timed); // Warm-up: lets the JIT compile every path.
  const rounds = 300;
  const samples = await interleave(rounds, timed);
  const raw = /** @type {number[]} */ (samples.raw);
  return {
    callsPerSide: rounds * batch,
    cpuUs: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summarise(s)])),
    ratio: Object.fromEntries(
      Object.entries(samples).map(([name, s]) => [name, summarise(ratios(s, raw))]),
    ),
  };
}

/**
 * The fake `fetch`: answers 200 with the status example.
 *
 * @param {string} _input
 * @param {RequestInit} _init
 * @returns {Promise<Response>}
 */
async function fakeFetch(_input, _init) {
  return new Response(OK_BODY, { status: 200, headers: HEADERS });
}

/**
 * The fake `fetch` that first checks signature v2, as the bench server does.
 *
 * @param {string} input
 * @param {RequestInit} init
 * @returns {Promise<Response>}
 */
async function checkingFetch(input, init) {
  const headers = new Headers(init.headers);
  const url = new URL(input);
  const expected = createHmac("sha256", SECRET_KEY)
    .update(
      `${init.method ?? "GET"} ${url.pathname}${url.search}\n${headers.get("x-ncp-apigw-timestamp")}\n${ACCESS_KEY}`,
    )
    .digest("base64");
  if (
    headers.get("x-ncp-iam-access-key") !== ACCESS_KEY ||
    headers.get("x-ncp-apigw-signature-v2") !== expected
  ) {
    throw new Error(`bench: a side sent a badly signed request to ${input}`);
  }
  return fakeFetch(input, init);
}
