/**
 * The benchmark report: markdown tables, so that a run can be pasted into docs/performance.md as is.
 */
import { arch, availableParallelism, cpus, loadavg, platform } from "node:os";

/**
 * @typedef {{ median: number, q1: number, q3: number }} Summary
 * @typedef {object} Machine
 * @property {string} cpu
 * @property {number} cores
 * @property {string} node
 * @property {string} os
 * @property {number} load - One-minute load average when the benchmark started.
 */

/** Column names of the sides (bench/sides.mjs), in report order. */
const SIDES = {
  client: "client",
  peer: "openapi-fetch + signing + timeout",
  raw: "raw signed fetch",
  rawWithTimeout: "raw signed fetch + timeout",
  baseline: "baseline",
};

/** Row names of the ratios (bench/requests.mjs), in report order. */
const RATIOS = {
  "client/raw": "client ÷ raw signed fetch",
  "client/peer": "client ÷ openapi-fetch + signing + timeout",
  "client/rawWithTimeout": "client ÷ raw signed fetch + timeout",
  "peer/raw": "openapi-fetch + signing + timeout ÷ raw signed fetch",
  "rawWithTimeout/raw": "raw signed fetch + timeout ÷ raw signed fetch (the timeout alone)",
  "client/baseline": "client ÷ baseline",
  "baseline/raw": "baseline ÷ raw signed fetch",
  "baseline/peer": "baseline ÷ openapi-fetch + signing + timeout",
};

/** @returns {Machine} */
export function describeMachine() {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: availableParallelism(),
    node: process.version,
    os: `${platform()} ${arch()}`,
    load: /** @type {number} */ (loadavg()[0]),
  };
}

/**
 * @param {{
 *   machine: Machine,
 *   baseline: string | undefined,
 *   checks: import("./budgets.mjs").BudgetCheck[],
 *   requests: { sequential: import("./requests.mjs").RequestComparison,
 *               concurrent: import("./requests.mjs").RequestComparison },
 *   cpu: import("./cpu.mjs").CpuResult,
 *   signing: import("./signing.mjs").SigningResult,
 *   bundle: import("./bundle.mjs").BundleResult,
 *   baselineBundle: import("./bundle.mjs").BundleResult | undefined,
 *   catalogue: import("./catalogue.mjs").CatalogueResult[],
 *   throttle: { library: import("./catalogue.mjs").ThrottleSide,
 *               baseline: import("./catalogue.mjs").ThrottleSide | undefined },
 *   scale: import("./scale.mjs").ScaleResult[],
 *   seconds: number,
 * }} results
 * @returns {string} Markdown.
 */
export function formatReport(results) {
  const {
    machine,
    baseline,
    checks,
    requests,
    cpu,
    signing,
    bundle,
    baselineBundle,
    catalogue,
    throttle,
    scale,
  } = results;
  const { sequential, concurrent } = requests;
  const sides = Object.keys(SIDES).filter((side) => side in sequential.wallUs);
  const runLabel = (/** @type {import("./requests.mjs").RequestComparison} */ run) =>
    run.concurrency === 1 ? "sequential" : `${run.concurrency} concurrent`;
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}; ` +
      `load average ${machine.load.toFixed(2)} at start; ${results.seconds.toFixed(0)} s in all.` +
      (baseline ? ` Baseline: the build in \`${baseline}\`.` : ""),
    "",
    table(
      ["Measure", "Value", "Budget", "Result"],
      checks.map((check) => [
        check.measure,
        check.value,
        check.budget,
        check.pass ? "pass" : "**FAIL**",
      ]),
    ),
    "",
    "Requests to a local server in another process (µs per request, median over rounds " +
      "[quartiles]):",
    "",
    table(
      ["", ...sides.map((side) => SIDES[/** @type {keyof SIDES} */ (side)])],
      [sequential, concurrent].flatMap((run) => [
        [
          `${runLabel(run)}, wall clock (${count(run.requestsPerSide)} requests a side)`,
          ...sides.map((side) => spread(run.wallUs[side], 0)),
        ],
        [
          `${runLabel(run)}, CPU of this process`,
          ...sides.map((side) => spread(run.cpuUs[side], 0)),
        ],
      ]),
    ),
    "",
    "Ratios of wall-clock time (median of per-round ratios [quartiles]):",
    "",
    table(
      ["", runLabel(sequential), runLabel(concurrent)],
      Object.entries(RATIOS)
        .filter(([name]) => name in sequential.ratio)
        .map(([name, label]) => [
          label,
          spread(sequential.ratio[name], 3),
          spread(concurrent.ratio[name], 3),
        ]),
    ),
    "",
    `CPU per call with an in-process fake \`fetch\` (µs, median over rounds [quartiles]; ` +
      `${count(cpu.callsPerSide)} calls a side):`,
    "",
    table(
      ["", "CPU µs per call", "÷ raw signed fetch"],
      sides.map((side) => [
        SIDES[/** @type {keyof SIDES} */ (side)],
        spread(cpu.cpuUs[side], 1),
        spread(cpu.ratio[side], 2),
      ]),
    ),
    "",
    "Signing (signatures per second, median over rounds):",
    "",
    table(
      ["", "ops/s", "÷ createHmac"],
      [
        ["`createHmac` (node:crypto, direct)", count(signing.opsPerSecond.createHmac.median), ""],
        [
          "`makeSignatureV2` (default backend)",
          count(signing.opsPerSecond.makeSignatureV2.median),
          spread(signing.ratio, 3),
        ],
        [
          "`makeSignatureV2` + WebCrypto backend",
          count(signing.opsPerSecond.webCrypto.median),
          spread(signing.webCryptoRatio, 3),
        ],
      ],
    ),
    "",
    `Browser bundle: ${describeBundle(bundle)}` +
      (baselineBundle ? `; baseline: ${describeBundle(baselineBundle)}` : "") +
      ". Minified bytes by input:",
    "",
    table(
      ["Input", "Bytes"],
      bundle.inputs.map(({ path, bytes }) => [`\`${path}\``, count(bytes)]),
    ),
    "",
    `A catalogue: \`ncp-mi summarize --assets-from\` on ${count(catalogue[0]?.assets ?? 0)} assets ` +
      "against a fast local server in another process (a run completes 1.5 s after its " +
      "request; polls once a second; no rate bound), in one process, journal and exports " +
      "included:",
    "",
    table(
      [
        "Assets at once",
        "Exit",
        "Wall time",
        "Requests per asset",
        "Client CPU per asset",
        "Peak RSS (before the run)",
      ],
      catalogue.map((run) => [
        count(run.concurrency),
        String(run.code),
        `${run.seconds.toFixed(1)} s`,
        `${run.requestsPerAsset.toFixed(2)} (${Object.entries(run.byOperation)
          .map(([operation, n]) => `${operation} ${(n / run.assets).toFixed(2)}`)
          .join(", ")})`,
        `${(run.cpuUsPerAsset / 1000).toFixed(2)} ms`,
        `${megabytes(run.peakRssBytes)} (${megabytes(run.rssBeforeBytes)})`,
      ]),
    ),
    "",
    "A throttling gateway: 500 concurrent `sceneSummaries.summarize` calls on one client, the " +
      "gateway refusing past 150 requests a second (429, no Retry-After):",
    "",
    table(
      ["", "Completed", "Failed", "Requests", "Refused (429)", "Asked twice", "Wall time"],
      [
        ["client", throttle.library],
        ...(throttle.baseline ? [["baseline", throttle.baseline]] : []),
      ].map(([side, run]) => {
        const r = /** @type {import("./catalogue.mjs").ThrottleSide} */ (run);
        const failed = Object.entries(r.failures)
          .map(([error, n]) => `${count(n)} ${error}`)
          .join(", ");
        return [
          String(side),
          count(r.fulfilled),
          failed || "0",
          count(r.requests),
          `${count(r.refused)} (${((100 * r.refused) / r.requests).toFixed(1)}%)`,
          count(r.assetsRequestedTwice),
          `${r.seconds.toFixed(1)} s`,
        ];
      }),
    ),
    "",
    "WebVTT export (`toWebVtt`; time: median of 5 runs):",
    "",
    table(
      [
        "Scenes",
        "Input (heap)",
        "Time",
        "ms per 1k scenes",
        "Output",
        "Heap retained",
        "Peak RSS growth",
      ],
      scale.map((run) => [
        count(run.scenes),
        megabytes(run.inputHeapBytes),
        `${count(run.ms)} ms`,
        ((run.ms / run.scenes) * 1000).toFixed(2),
        megabytes(run.outputBytes),
        megabytes(run.retainedHeapBytes),
        megabytes(run.peakRssBytes),
      ]),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** @param {import("./bundle.mjs").BundleResult} bundle */
function describeBundle(bundle) {
  const validators = bundle.validators
    ? ` (response validators: ${count(bundle.validators.minifiedBytes)} B minified, ` +
      `${count(bundle.validators.gzipBytes)} B gzipped)`
    : "";
  return `${count(bundle.minifiedBytes)} B minified, ${count(bundle.gzipBytes)} B gzipped${validators}`;
}

/**
 * A markdown table; columns after the first are right-aligned, as they hold numbers.
 *
 * @param {string[]} header
 * @param {string[][]} rows
 * @returns {string}
 */
function table(header, rows) {
  const align = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [header, align, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** @param {number} value */
function count(value) {
  return Math.round(value).toLocaleString("en-US");
}

/**
 * A median with its quartiles, such as `1.043 [1.01–1.08]`.
 *
 * @param {Summary | undefined} summary
 * @param {number} digits - Decimals of the median; the quartiles get one fewer (none for 0).
 */
function spread(summary, digits) {
  if (!summary) return "–";
  const { median, q1, q3 } = summary;
  const fixed = (/** @type {number} */ value, /** @type {number} */ places) =>
    places === 0 ? count(value) : value.toFixed(places);
  const quartiles = Math.max(0, digits - 1);
  return `${fixed(median, digits)} [${fixed(q1, quartiles)}–${fixed(q3, quartiles)}]`;
}

/** @param {number} bytes */
function megabytes(bytes) {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
