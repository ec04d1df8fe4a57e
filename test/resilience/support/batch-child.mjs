// A batch of concurrent calls, run in a child process so that it has its own (low) limit of
// open files: `bash -c 'ulimit -n 1024; exec node --expose-gc batch-child.mjs <json>'`. It loads the SDK
// from a bundle of src/ made by child-batch.ts, calls `getSceneSummaryStatus` `calls` times at
// once with distinct ids, and prints one JSON line saying how every call settled.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { getHeapStatistics } from "node:v8";

const { bundle, url, calls, options } = JSON.parse(process.argv[2]);
const sdk = await import(pathToFileURL(bundle).href);

let unhandled = 0;
process.on("unhandledRejection", () => unhandled++);

/** The soft limit of open files this process runs under, from /proc (Linux). */
function openFileLimit() {
  const line = readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  return line ? Number(line.split(/\s{2,}/)[1]) : undefined;
}

/** Every message and code along an error's `cause` chain. */
function describeChain(error) {
  const parts = [];
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    parts.push(String(e.message ?? e), String(e.code ?? ""));
  }
  return parts.join(" ");
}

const client = sdk.createMediaIntelligenceClient({
  accessKey: "TEST_ACCESS_KEY",
  secretKey: "test-secret-key-never-printed",
  baseUrl: url,
  ...options,
});

if (typeof globalThis.gc !== "function") throw new Error("Run batch-child.mjs with --expose-gc.");

/** Heap in use after a full collection (`--expose-gc`), in bytes: what is retained. */
function retainedHeap() {
  globalThis.gc();
  return getHeapStatistics().used_heap_size;
}

/** RSS in bytes. Reading it takes a file descriptor: with none left (EMFILE), 0. */
function rss() {
  try {
    return process.memoryUsage.rss();
  } catch {
    return 0;
  }
}

const limit = openFileLimit();
const heapBefore = retainedHeap();
const rssBefore = rss();
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, rss());
}, 25);

const results = await Promise.allSettled(
  Array.from({ length: calls }, (_, i) =>
    client.getSceneSummaryStatus({
      workspaceName: "my-workspace",
      projectId: String(i),
      assetId: "5678",
      indexId: "1001",
      sceneSummaryId: "101",
    }),
  ),
);
clearInterval(sampler);
rssPeak = Math.max(rssPeak, rss());
// Give a stray rejection a turn of the event loop to surface.
await new Promise((resolve) => setTimeout(resolve, 20));
const heapAfter = retainedHeap();

const report = {
  openFileLimit: limit,
  fulfilled: 0,
  rejected: 0,
  untyped: 0,
  untypedSamples: [],
  kinds: {},
  emfile: 0,
  unhandled,
  rssGrowthMb: Math.round((rssPeak - rssBefore) / 2 ** 20),
  retainedHeapMb: Math.round((heapAfter - heapBefore) / 2 ** 20),
};
const base = sdk.MediaIntelligenceSdkError;
for (const result of results) {
  if (result.status === "fulfilled") {
    report.fulfilled++;
    continue;
  }
  const error = result.reason;
  report.rejected++;
  const key = `${error?.name}${error?.kind ? `:${error.kind}` : ""}`;
  report.kinds[key] = (report.kinds[key] ?? 0) + 1;
  if (/EMFILE/.test(describeChain(error))) report.emfile++;
  if (!(typeof base === "function" && error instanceof base)) {
    report.untyped++;
    if (report.untypedSamples.length < 3) report.untypedSamples.push(describeChain(error));
  }
}
process.stdout.write(`${JSON.stringify(report)}\n`);
