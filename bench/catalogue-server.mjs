/**
 * The batch benchmarks' stand-in for the API: a fast keep-alive HTTP server, run in its own
 * process, that keeps one summarisation per asset (asset-based operations only) and can
 * throttle like API Gateway.
 *
 * - A POST starts a run that is `SUMMARIZING` for `runMs`, then `SUMMARIZE_COMPLETED`; an
 *   asset whose id starts with `fail` ends `SUMMARIZE_FAIL` instead. A POST while a run is
 *   under way gets the API's 409.
 * - With `throttle` N, a request arriving when N requests have been let through in the last
 *   second is refused with the gateway's 429 (`Quota Exceeded`), without `Retry-After`.
 * - Every request's signature v2 is checked (node:crypto), as bench/server.mjs does.
 *
 * Protocol: forked with one JSON argument `{ accessKey, secretKey, runMs, throttle }`; once
 * listening it sends `{ port }` over IPC. A `"counts"` message is answered with the counts
 * so far (`requests`, `refused`, `byOperation`, `postsPerAsset`). It exits when the parent
 * disconnects.
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

const { accessKey, secretKey, runMs, throttle } = JSON.parse(process.argv[2] ?? "{}");
if (!accessKey || !secretKey || !(runMs >= 0)) {
  throw new Error('usage: catalogue-server.mjs \'{"accessKey","secretKey","runMs","throttle"}\'');
}

const ROUTE =
  /^\/api\/v1\/workspaces\/[^/]+\/projects\/[^/]+\/assets\/([^/]+)\/scene-summary(\/status)?$/;
const REFUSED = JSON.stringify({ error: { errorCode: "400", message: "Quota Exceeded" } });
const UNAUTHORIZED = JSON.stringify({
  error: { errorCode: "200", message: "Authentication Failed" },
});
const IN_PROGRESS = JSON.stringify({ code: "3001", message: "Scene summary already in progress" });
const NOT_FOUND = JSON.stringify({ code: "3002", message: "Scene summary not found" });
const ACCEPTED = JSON.stringify({ code: "0", message: "success", result: {} });
const RESULT = JSON.stringify({
  code: "0",
  message: "success",
  result: {
    indexId: 1001,
    sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:42:17", analyzedSceneIds: null },
    sceneSummaries: [1, 2, 3].map((scene) => ({
      scene,
      startMs: (scene - 1) * 3000,
      endMs: scene * 3000,
      sceneSummary: {
        description: `Scene ${scene}: the host speaks to the camera.`,
        metadataChangedAfterSummary: false,
        analyzedAt: "2026-04-17T10:42:17",
      },
    })),
  },
});

/** @type {Map<string, { at: number, requestedTime: string }>} The run of each asset. */
const runs = new Map();
/** Times at which requests were let through, oldest first, within the last second. */
const window = [];
let requests = 0;
let refused = 0;
/** @type {Record<string, number>} */
const byOperation = {};
/** @type {Map<string, number>} */
const posts = new Map();
let sequence = 0;

/** A wall time in the service's format, distinct for each run (one a second). */
function serviceTime() {
  const time = new Date(Date.UTC(2026, 3, 17, 10, 30, 0) + 1000 * sequence++);
  return time.toISOString().slice(0, 19);
}

/** @param {string} asset @param {number} now */
function statusOf(asset, now) {
  const run = runs.get(asset);
  if (!run) return { status: "BEFORE_SUMMARIZE", statusMessage: null, requestedTime: null };
  const done = now - run.at >= runMs;
  const failing = asset.startsWith("fail");
  const status = !done ? "SUMMARIZING" : failing ? "SUMMARIZE_FAIL" : "SUMMARIZE_COMPLETED";
  return {
    status,
    statusMessage: status === "SUMMARIZE_FAIL" ? "The video could not be decoded." : null,
    sceneSummaryId: 101,
    targetSceneIds: null,
    analyzedSceneCount: done ? 3 : 1,
    totalSceneCount: 3,
    requestedTime: run.requestedTime,
    completedTime: status === "SUMMARIZE_COMPLETED" ? run.requestedTime : null,
  };
}

/** Whether a request arriving now is let through, by the sliding window of the last second. */
function letThrough(now) {
  if (!throttle) return true;
  while (window.length > 0 && /** @type {number} */ (window[0]) <= now - 1000) window.shift();
  if (window.length >= throttle) return false;
  window.push(now);
  return true;
}

const server = createServer((request, response) => {
  requests++;
  const send = (/** @type {number} */ status, /** @type {string} */ body) => {
    response.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
    });
    response.end(body);
  };
  const timestamp = String(request.headers["x-ncp-apigw-timestamp"]);
  const expected = createHmac("sha256", secretKey)
    .update(`${request.method} ${request.url}\n${timestamp}\n${accessKey}`)
    .digest("base64");
  if (
    request.headers["x-ncp-iam-access-key"] !== accessKey ||
    request.headers["x-ncp-apigw-signature-v2"] !== expected
  ) {
    return send(401, UNAUTHORIZED);
  }
  const now = performance.now();
  if (!letThrough(now)) {
    refused++;
    return send(429, REFUSED);
  }
  const match = ROUTE.exec(request.url ?? "");
  if (!match) return send(404, NOT_FOUND);
  const asset = decodeURIComponent(/** @type {string} */ (match[1]));
  const operation = match[2] ? "status" : request.method === "POST" ? "request" : "get";
  byOperation[operation] = (byOperation[operation] ?? 0) + 1;
  const current = statusOf(asset, now);
  request.resume();
  if (operation === "status") {
    return send(200, JSON.stringify({ code: "0", message: "success", result: current }));
  }
  if (operation === "request") {
    if (current.status === "SUMMARIZING") return send(409, IN_PROGRESS);
    runs.set(asset, { at: now, requestedTime: serviceTime() });
    posts.set(asset, (posts.get(asset) ?? 0) + 1);
    return send(200, ACCEPTED);
  }
  if (current.status === "SUMMARIZING") return send(409, IN_PROGRESS);
  return current.status === "SUMMARIZE_COMPLETED" ? send(200, RESULT) : send(404, NOT_FOUND);
});
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("message", (message) => {
  if (message !== "counts") return;
  const counts = [...posts.values()];
  process.send?.({
    requests,
    refused,
    byOperation,
    assetsRequested: counts.length,
    assetsRequestedTwice: counts.filter((count) => count > 1).length,
  });
});
process.on("disconnect", () => process.exit(0));
