/**
 * The performance budgets that `npm run bench -- --check` enforces.
 */

/**
 * @typedef {object} BudgetCheck
 * @property {string} measure - What is measured, as the report names it.
 * @property {string} value - The measured value, formatted.
 * @property {string} budget - The limit, formatted with its direction.
 * @property {boolean} pass
 */

/**
 * Checks the measured results against the budgets.
 *
 * @param {{
 *   requests: import("./requests.mjs").RequestComparison,
 *   signingRatio: number,
 *   bundleGzipBytes: number,
 * }} results - Sequential request comparison, signing throughput ratio, bundle size.
 * @returns {BudgetCheck[]}
 */
export function checkBudgets({ requests, signingRatio, bundleGzipBytes }) {
  // Like for like: the hand-written call gets the same per-attempt timeout the client must have
  // (an AbortController, a timer, the signal given to fetch). Node 20's fetch charges about 6%
  // for following any abort signal on a loopback request, a cost no client with a timeout can
  // avoid; the bare ratio, timeout included, is reported beside this one.
  const requestRatio = requests.likeForLikeRatio?.median ?? Number.POSITIVE_INFINITY;
  return [
    {
      // The client may cost at most 10% more than the hand-written call it replaces.
      measure: "Per-request cost, client ÷ raw signed fetch with the same timeout (sequential)",
      value: `${requestRatio.toFixed(3)}×`,
      budget: "≤ 1.100×",
      pass: requestRatio <= 1.1,
    },
    {
      // Signing must not become the bottleneck: at least half of createHmac's throughput.
      measure: "Signing throughput, makeSignatureV2 ÷ createHmac",
      value: signingRatio.toFixed(2),
      budget: "≥ 0.50",
      pass: signingRatio >= 0.5,
    },
    {
      // The client for a browser page: at most 6 kB over the wire.
      measure: "Browser bundle of the client, minified + gzip",
      value: `${bundleGzipBytes.toLocaleString("en-US")} B`,
      budget: "≤ 6,144 B",
      pass: bundleGzipBytes <= 6144,
    },
  ];
}
