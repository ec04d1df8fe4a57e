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

/** Most the client may cost per request, as a multiple of the hand-written signed fetch. */
const MAX_CLIENT_RAW = 1.15;
/** Most the client may cost per request, as a multiple of openapi-fetch + signing + timeout. */
const MAX_CLIENT_PEER = 1.05;
/** Least signing throughput, as a fraction of createHmac's. */
const MIN_SIGNING = 0.5;
/** Largest browser bundle of the whole client, openapi-fetch included, gzipped. */
const MAX_BUNDLE_GZIP_BYTES = 8 * 1024;

/**
 * Checks the measured results against the budgets.
 *
 * @param {{
 *   requests: { sequential: import("./requests.mjs").RequestComparison,
 *               concurrent: import("./requests.mjs").RequestComparison },
 *   signingRatio: number,
 *   bundleGzipBytes: number,
 * }} results - Request comparisons, signing throughput ratio, bundle size.
 * @returns {BudgetCheck[]}
 */
export function checkBudgets({ requests, signingRatio, bundleGzipBytes }) {
  /** @type {BudgetCheck[]} */
  const checks = [];
  for (const run of [requests.sequential, requests.concurrent]) {
    const label = run.concurrency === 1 ? "sequential" : `${run.concurrency} concurrent`;
    // The raw call has no timeout: the budget leaves room for the client's (Node 20's fetch
    // charges several percent for following any abort signal), retries, checks and limits.
    checks.push(
      ratioCheck(`client ÷ raw signed fetch (${label})`, run, "client/raw", MAX_CLIENT_RAW),
    );
    // The peer has the same timeout: what the client adds over openapi-fetch must be small.
    checks.push(
      ratioCheck(
        `client ÷ openapi-fetch + signing + timeout (${label})`,
        run,
        "client/peer",
        MAX_CLIENT_PEER,
      ),
    );
  }
  checks.push({
    measure: "Signing throughput, makeSignatureV2 ÷ createHmac",
    value: signingRatio.toFixed(2),
    budget: `≥ ${MIN_SIGNING.toFixed(2)}`,
    pass: signingRatio >= MIN_SIGNING,
  });
  checks.push({
    measure: "Browser bundle of the client with openapi-fetch, minified + gzip",
    value: `${bundleGzipBytes.toLocaleString("en-US")} B`,
    budget: `≤ ${MAX_BUNDLE_GZIP_BYTES.toLocaleString("en-US")} B`,
    pass: bundleGzipBytes <= MAX_BUNDLE_GZIP_BYTES,
  });
  return checks;
}

/**
 * @param {string} measure
 * @param {import("./requests.mjs").RequestComparison} run
 * @param {string} name - Key of `run.ratio`.
 * @param {number} max
 * @returns {BudgetCheck}
 */
function ratioCheck(measure, run, name, max) {
  const value = run.ratio[name]?.median ?? Number.POSITIVE_INFINITY;
  return {
    measure: `Per-request cost, ${measure}`,
    value: `${value.toFixed(3)}×`,
    budget: `≤ ${max.toFixed(3)}×`,
    pass: value <= max,
  };
}
