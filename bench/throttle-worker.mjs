/**
 * Child process of bench/throttle.mjs: starts CALLS concurrent `sceneSummaries.summarize`
 * calls, one asset each, on one client of the library given, against the throttling server,
 * and sends back how many succeeded and how the others failed.
 *
 * Usage (forked, results over IPC): throttle-worker.mjs LIBRARY_URL BASE_URL CALLS
 */
const [libraryUrl, baseUrl, callsText] = process.argv.slice(2);
const calls = Number(callsText);
if (!libraryUrl || !baseUrl || !Number.isSafeInteger(calls)) {
  throw new Error("usage: throttle-worker.mjs LIBRARY_URL BASE_URL CALLS");
}
const { createMediaIntelligenceClient } = await import(libraryUrl);
const { ACCESS_KEY, SECRET_KEY } = await import(new URL("./sides.mjs", import.meta.url).href);

const client = createMediaIntelligenceClient({
  accessKey: ACCESS_KEY,
  secretKey: SECRET_KEY,
  baseUrl,
  allowInsecureHttp: true,
});
const start = performance.now();
const settled = await Promise.allSettled(
  Array.from({ length: calls }, (_, i) =>
    client.sceneSummaries.summarize({
      workspaceName: "bench",
      projectId: "1",
      assetId: `asset-${i}`,
    }),
  ),
);
/** @type {Record<string, number>} */
const failures = {};
for (const outcome of settled) {
  if (outcome.status === "fulfilled") continue;
  const error = outcome.reason;
  const name = `${error?.name}${error?.status ? ` ${error.status}` : ""}`;
  failures[name] = (failures[name] ?? 0) + 1;
}
process.send?.({
  fulfilled: settled.filter((outcome) => outcome.status === "fulfilled").length,
  failures,
  seconds: (performance.now() - start) / 1000,
});
