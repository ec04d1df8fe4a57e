/**
 * `npm run bench`: measures the built library (dist/) and prints a markdown report on stdout
 * (progress goes to stderr). `npm run bench -- --check` also exits with 1 when a budget is
 * missed. `--baseline DIR` adds another build of the library (DIR holds its index.js, such as
 * an older commit's dist/) as one more side of every comparison: before and after in one run.
 * Not part of `npm test`: timings do not belong in tests.
 *
 * The measures run one after the other, never at the same time; the catalogue, the throttling
 * gateway and the scale measure (which allocates hundreds of megabytes) run last, in child
 * processes of their own.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { checkBudgets } from "./budgets.mjs";
import { measureBundle } from "./bundle.mjs";
import {
  CATALOGUE_ASSETS,
  measureCatalogue,
  measureThrottle,
  THROTTLE_CALLS,
} from "./catalogue.mjs";
import { measureCpu } from "./cpu.mjs";
import { describeMachine, formatReport } from "./report.mjs";
import { measureRequests } from "./requests.mjs";
import { measureScale } from "./scale.mjs";
import { measureSigning } from "./signing.mjs";

const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    baseline: { type: "string" },
  },
});

const distIndex = new URL("../dist/index.js", import.meta.url);
if (!existsSync(distIndex)) {
  console.error("bench: dist/index.js is missing; run `npm run build` first.");
  process.exit(2);
}
const baselineIndex =
  values.baseline === undefined ? undefined : pathToFileURL(resolve(values.baseline, "index.js"));
if (baselineIndex && !existsSync(baselineIndex)) {
  console.error(`bench: --baseline ${values.baseline} has no index.js.`);
  process.exit(2);
}
const library = await import(distIndex.href);
const baseline = baselineIndex && (await import(baselineIndex.href));
// Not a public export: the browser backend, measured here in Node for comparison.
const { webCryptoHmacSha256Base64 } = await import(
  new URL("../dist/hmac.js", import.meta.url).href
);

const machine = describeMachine();
const start = performance.now();
console.error("bench: requests (every side against a local server)…");
const requests = await measureRequests({ library, baseline });
console.error("bench: CPU per call (in-process fake fetch)…");
const cpu = await measureCpu({ library, baseline });
console.error("bench: signing throughput…");
const signing = await measureSigning({ ...library, webCryptoHmacSha256Base64 });
console.error("bench: browser bundle…");
const bundle = await measureBundle(distIndex);
const baselineBundle = baselineIndex && (await measureBundle(baselineIndex));
console.error(`bench: a catalogue of ${CATALOGUE_ASSETS} assets…`);
const catalogue = await measureCatalogue();
console.error(`bench: ${THROTTLE_CALLS} summarize calls against a throttling gateway…`);
const throttle = await measureThrottle({ library: distIndex, baseline: baselineIndex });
console.error("bench: WebVTT export at scale…");
const scale = await measureScale();

const checks = checkBudgets({
  requests,
  signingRatio: signing.ratio.median,
  bundleGzipBytes: bundle.gzipBytes,
});
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  formatReport({
    machine,
    baseline: values.baseline,
    checks,
    requests,
    cpu,
    signing,
    bundle,
    baselineBundle,
    catalogue,
    throttle,
    scale,
    seconds,
  }),
);

const missed = checks.filter((check) => !check.pass);
if (values.check && missed.length > 0) {
  for (const check of missed) {
    console.error(
      `bench: budget missed: ${check.measure}: ${check.value} (budget ${check.budget})`,
    );
  }
  process.exitCode = 1;
}
