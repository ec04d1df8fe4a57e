/**
 * Fault-injection load: 5,000 concurrent calls, in a child process limited to 1,024 open
 * files, against a gateway that answers one request in ten with a fault drawn from a seeded
 * sequence (reset, hang, 503, HTML 502, truncated JSON, a body slower than the timeout, a
 * corrupt gzip body). Every call must settle, and every failure must be one of the SDK's
 * typed errors, with memory bounded and no EMFILE.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Gateway, ok, type Reply, startGateway, statusResult } from "../support/gateway.js";
import { type BatchReport, bundleSdk, runBatch, type SdkBundle } from "./support/child-batch.js";

const CALLS = 5_000;
const FAULT_RATE = 0.1;
const SEED = 16;
/** Each attempt's time limit in the child: a hang or a slow body costs this much. */
const REQUEST_TIMEOUT_MS = 250;

const SUCCESS = ok(statusResult("SUMMARIZING", 3, 10));
const FAULTS: Record<string, Reply> = {
  reset: { reset: true },
  hang: { hang: true },
  "503": { status: 503, body: { error: { errorCode: "503", message: "Service Unavailable" } } },
  "html-502": {
    status: 502,
    raw: "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
    headers: { "Content-Type": "text/html" },
  },
  "truncated-json": {
    status: 200,
    raw: '{"code":"0","message":"success","result":{"status":"SUMMAR',
    headers: { "Content-Type": "application/json" },
  },
  "slow-body": {
    slow: JSON.stringify((SUCCESS as { body: unknown }).body),
    delayMs: REQUEST_TIMEOUT_MS * 3,
    headers: { "Content-Type": "application/json" },
  },
  "corrupt-gzip": { corruptGzip: true },
};

/** mulberry32: a small seeded generator, so that every run injects the same faults in turn. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let gateway: Gateway;
let bundle: SdkBundle;
const injected: Record<string, number> = {};

beforeAll(async () => {
  const random = seeded(SEED);
  const names = Object.keys(FAULTS);
  gateway = await startGateway({
    handler: () => {
      if (random() >= FAULT_RATE) return SUCCESS;
      const name = names[Math.floor(random() * names.length)] as string;
      injected[name] = (injected[name] ?? 0) + 1;
      return FAULTS[name] as Reply;
    },
  });
  bundle = await bundleSdk();
});
afterAll(async () => {
  await gateway?.close();
  await bundle?.dispose();
});

it(`${CALLS} calls with ${FAULT_RATE * 100}% faults under ulimit -n 1024 all settle, with typed errors only`, {
  timeout: 50_000,
}, async () => {
  const report: BatchReport = await runBatch({
    bundle,
    url: gateway.url,
    calls: CALLS,
    openFileLimit: 1024,
    options: {
      retries: 2,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      retryDelayMs: 10,
      maxRetryDelayMs: 100,
    },
    killAfterMs: 45_000,
  });

  expect(report.openFileLimit).toBe(1024);
  expect(report.fulfilled + report.rejected).toBe(CALLS);
  expect(report.emfile).toBe(0);
  expect(report.untypedSamples).toEqual([]);
  expect(report.untyped).toBe(0);
  expect(report.unhandled).toBe(0);
  // Memory bounded: little retained once collected, and a peak (garbage included, which V8
  // collects lazily: about 150 MiB measured) far from a body read without limit.
  expect(report.retainedHeapMb).toBeLessThan(50);
  expect(report.rssGrowthMb).toBeLessThan(400);
  for (const kind of Object.keys(report.kinds)) {
    expect(kind).toMatch(/^MediaIntelligenceError:(network|timeout|invalid-response|gateway)$/);
  }
  // Retries get past most faults (about 98% succeed); a truncated 200 is not retried, so
  // some calls fail.
  expect(report.fulfilled).toBeGreaterThan(CALLS * 0.8);
  expect(report.rejected).toBeGreaterThan(0);
  // Every kind of fault was injected, and only about one request in ten was one.
  expect(Object.keys(injected).sort()).toEqual(Object.keys(FAULTS).sort());
  const faults = Object.values(injected).reduce((sum, n) => sum + n, 0);
  expect(faults / gateway.seen.length).toBeGreaterThan(FAULT_RATE / 2);
  expect(faults / gateway.seen.length).toBeLessThan(FAULT_RATE * 2);
  console.log(
    `fault load: ${gateway.seen.length} requests, ${faults} faults ${JSON.stringify(injected)}; ` +
      `${report.fulfilled} fulfilled, rejected ${JSON.stringify(report.kinds)}; RSS peak +${report.rssGrowthMb} MiB, retained +${report.retainedHeapMb} MiB`,
  );
});
