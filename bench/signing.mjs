/**
 * Signing throughput: `makeSignatureV2` (default backend: node:crypto) and its WebCrypto
 * backend, against `createHmac` called directly on the same messages.
 *
 * `makeSignatureV2` is awaited once per signature, as callers use it, so the figure includes its
 * promise. The WebCrypto backend is what browsers and edge runtimes get; it is reported for
 * information, with no budget.
 */
import { deepStrictEqual } from "node:assert/strict";
import { createHmac } from "node:crypto";
import { interleave, ratios, summarise } from "./stats.mjs";

const SECRET_KEY = "bench-secret-key";
const ACCESS_KEY = "BENCH_ACCESS_KEY";
const TARGET =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries/101/status";

/** Different timestamps, so that nothing can be cached between signatures. */
const INPUTS = Array.from({ length: 64 }, (_, i) => ({
  method: "GET",
  url: TARGET,
  timestamp: String(1_700_000_000_000 + i),
  accessKey: ACCESS_KEY,
  secretKey: SECRET_KEY,
}));

/**
 * @typedef {{ median: number, q1: number, q3: number }} Summary
 * @typedef {object} SigningResult
 * @property {{ makeSignatureV2: Summary, webCrypto: Summary, createHmac: Summary }} opsPerSecond
 * @property {Summary} ratio - makeSignatureV2 ÷ createHmac throughput, per round.
 * @property {Summary} webCryptoRatio - WebCrypto backend ÷ createHmac throughput, per round.
 */

/**
 * @param {{
 *   makeSignatureV2: typeof import("../dist/index.js").makeSignatureV2,
 *   webCryptoHmacSha256Base64: typeof import("../dist/hmac.js").webCryptoHmacSha256Base64,
 * }} library
 * @returns {Promise<SigningResult>}
 */
export async function measureSigning({ makeSignatureV2, webCryptoHmacSha256Base64 }) {
  /** @param {typeof INPUTS[number]} input */
  const direct = ({ method, url, timestamp, accessKey, secretKey }) =>
    createHmac("sha256", secretKey)
      .update(`${method} ${url}\n${timestamp}\n${accessKey}`)
      .digest("base64");
  /** @param {typeof INPUTS[number]} input */
  const webCrypto = (input) => makeSignatureV2(input, webCryptoHmacSha256Base64);

  // All three must compute the same signatures.
  for (const input of INPUTS.slice(0, 4)) {
    deepStrictEqual(await makeSignatureV2(input), direct(input));
    deepStrictEqual(await webCrypto(input), direct(input));
  }

  // WebCrypto is several times slower: fewer operations keep its rounds about as long.
  const sides = {
    makeSignatureV2: () => opsPerSecond(makeSignatureV2, 4000),
    webCrypto: () => opsPerSecond(webCrypto, 1000),
    createHmac: () => opsPerSecond(direct, 4000),
  };
  await interleave(5, sides); // Warm-up, discarded.
  const samples = await interleave(30, sides);
  const signer = /** @type {number[]} */ (samples.makeSignatureV2);
  const web = /** @type {number[]} */ (samples.webCrypto);
  const baseline = /** @type {number[]} */ (samples.createHmac);
  return {
    opsPerSecond: {
      makeSignatureV2: summarise(signer),
      webCrypto: summarise(web),
      createHmac: summarise(baseline),
    },
    ratio: summarise(ratios(signer, baseline)),
    webCryptoRatio: summarise(ratios(web, baseline)),
  };
}

/**
 * Signs `count` messages one after the other and returns signatures per second. A synchronous
 * signer is not awaited, so that `createHmac` is timed without a promise it does not have.
 *
 * @param {(input: typeof INPUTS[number]) => string | Promise<string>} sign
 * @param {number} count
 * @returns {Promise<number>}
 */
async function opsPerSecond(sign, count) {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const signature = sign(/** @type {typeof INPUTS[number]} */ (INPUTS[i % INPUTS.length]));
    if (typeof signature !== "string") await signature;
  }
  return count / ((performance.now() - start) / 1000);
}
