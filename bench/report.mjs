/**
 * The benchmark report: markdown tables, so that a run can be pasted into the README as is.
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
 *   checks: import("./budgets.mjs").BudgetCheck[],
 *   requests: { sequential: import("./requests.mjs").RequestComparison,
 *               concurrent: import("./requests.mjs").RequestComparison },
 *   signing: import("./signing.mjs").SigningResult,
 *   bundle: import("./bundle.mjs").BundleResult,
 *   scale: import("./scale.mjs").ScaleResult[],
 *   seconds: number,
 * }} results
 * @returns {string} Markdown.
 */
export function formatReport({ machine, checks, requests, signing, bundle, scale, seconds }) {
  const largest = /** @type {import("./scale.mjs").ScaleResult} */ (scale.at(-1));
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}; ` +
      `load average ${machine.load.toFixed(2)} at start; ${seconds.toFixed(0)} s in all.`,
    "",
    table(
      ["Measure", "Value", "Budget", "Result"],
      [
        ...checks.map((check) => [
          check.measure,
          check.value,
          check.budget,
          check.pass ? "pass" : "**FAIL**",
        ]),
        [
          "Per-request cost, client ÷ raw signed fetch (8 concurrent)",
          `${requests.concurrent.ratio.median.toFixed(3)}×`,
          "",
          "info",
        ],
        [
          "Per-request cost of a timeout alone, raw fetch + timeout ÷ raw fetch",
          `${requests.sequential.timeoutRatio?.median.toFixed(3)}×`,
          "",
          "info",
        ],
        [
          "Per-request cost, client ÷ raw signed fetch without a timeout (sequential)",
          `${requests.sequential.ratio.median.toFixed(3)}×`,
          "",
          "info",
        ],
        [
          "Signing throughput, WebCrypto backend ÷ createHmac",
          signing.webCryptoRatio.median.toFixed(2),
          "",
          "info",
        ],
        [
          `WebVTT export of ${count(largest.scenes)} scenes`,
          `${count(largest.ms)} ms, peak RSS +${megabytes(largest.peakRssBytes)}`,
          "",
          "info",
        ],
      ],
    ),
    "",
    "Requests (µs per request, median over rounds; ratio: median of per-round ratios [quartiles]):",
    "",
    table(
      ["", "client", "raw fetch", "raw fetch + timeout", "client ÷ raw"],
      [requests.sequential, requests.concurrent].flatMap((run) => {
        const label = run.concurrency === 1 ? "sequential" : `${run.concurrency} concurrent`;
        const median = (/** @type {Summary | undefined} */ summary) =>
          summary ? count(summary.median) : "–";
        return [
          [
            `${label}, wall clock (${count(run.requestsPerSide)} requests a side)`,
            median(run.wallUs.client),
            median(run.wallUs.raw),
            median(run.wallUs.rawWithTimeout),
            ratio(run.ratio),
          ],
          [
            `${label}, CPU of this process`,
            median(run.cpuUs.client),
            median(run.cpuUs.raw),
            median(run.cpuUs.rawWithTimeout),
            ratio(run.cpuRatio),
          ],
        ];
      }),
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
          ratio(signing.ratio),
        ],
        [
          "`makeSignatureV2` + WebCrypto backend",
          count(signing.opsPerSecond.webCrypto.median),
          ratio(signing.webCryptoRatio),
        ],
      ],
    ),
    "",
    `Browser bundle: ${count(bundle.minifiedBytes)} B minified, ${count(bundle.gzipBytes)} B ` +
      "gzipped. Minified bytes by input:",
    "",
    table(
      ["Input", "Bytes"],
      bundle.inputs.map(({ path, bytes }) => [`\`${path}\``, count(bytes)]),
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

/** @param {Summary} summary */
function ratio({ median, q1, q3 }) {
  return `${median.toFixed(3)} [${q1.toFixed(2)}–${q3.toFixed(2)}]`;
}

/** @param {number} bytes */
function megabytes(bytes) {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
