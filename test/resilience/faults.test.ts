/**
 * Faults injected by a real HTTP server on loopback, each ending in its documented outcome
 * after a bounded number of attempts. Backoff waits go through an injected `sleep` that only
 * records them, so nothing here sleeps except the one request timeout.
 */
import { describe, expect, it } from "vitest";
import {
  createMediaIntelligenceClient,
  type MediaIntelligenceClientOptions,
  MediaIntelligenceError,
  SceneSummaryCanceledError,
  SceneSummaryFailedError,
} from "../../src/index.js";
import {
  type Gateway,
  ok,
  type Reply,
  type SeenRequest,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
  useGateways,
} from "../support/gateway.js";
import { EXAMPLE_IDS as IDS } from "../support/ids.js";

const launch = useGateways();
let gateway: Gateway | undefined;

/** Starts a gateway answering with `replies` in turn (the last one repeats), and a client for it. */
async function scenario(
  replies: Reply[] | ((request: SeenRequest, count: number) => Reply),
  options: MediaIntelligenceClientOptions & { gatewayClock?: () => number } = {},
) {
  const { gatewayClock, ...clientOptions } = options;
  const handler = Array.isArray(replies)
    ? (_: SeenRequest, count: number) => replies[Math.min(count, replies.length) - 1] as Reply
    : replies;
  gateway = await launch({ handler, ...(gatewayClock ? { clock: gatewayClock } : {}) });
  const delays: number[] = [];
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: gateway.url,
    retries: 2,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...clientOptions,
  });
  return { client, delays, seen: (gateway as Gateway).seen };
}

async function rejection(promise: Promise<unknown>): Promise<MediaIntelligenceError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaIntelligenceError);
  return error as MediaIntelligenceError;
}

const SUCCESS = ok(statusResult("SUMMARIZING", 3, 10));
const HTML_502: Reply = {
  status: 502,
  raw: "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
  headers: { "Content-Type": "text/html" },
};

describe("connection reset", () => {
  it("is retried, and a later success is returned", async () => {
    const { client, seen } = await scenario([{ reset: true }, SUCCESS]);
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(seen).toHaveLength(2);
  });

  it("ends in a network error after 1 + retries attempts", async () => {
    const { client, seen, delays } = await scenario([{ reset: true }]);
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "network", status: undefined, attempts: 3 });
    expect(error.message).toMatch(/network error/);
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([375, 750]); // 500 ms doubling, equal jitter at random() = 0.5
  });
});

describe("a response slower than the timeout", () => {
  it("times out each attempt and ends in a timeout error, distinct from an abort", async () => {
    const { client, seen } = await scenario([{ hang: true }], { requestTimeoutMs: 50, retries: 1 });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "timeout", attempts: 2 });
    expect(error.message).toMatch(/timed out after 0\.05 s/);
    expect(error.limit).toBe(50);
    expect(seen).toHaveLength(2);
  });

  it("a caller's abort rejects with an AbortError caused by its reason, not a timeout, and is not retried", async () => {
    const { client, seen } = await scenario([{ hang: true }], { requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = client.getSceneSummaryStatus(IDS, { signal: controller.signal });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("caller aborted"));
    await expect(pending).rejects.toMatchObject({
      name: "AbortError",
      cause: new Error("caller aborted"),
    });
    expect(seen).toHaveLength(1);
  });
});

describe("an HTML 502 page", () => {
  it("is retried, then ends in a clear invalid-response error", async () => {
    const { client, seen } = await scenario([HTML_502]);
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "invalid-response", status: 502, attempts: 3 });
    expect(error.message).toMatch(
      /answered HTTP 502 with a body that is in neither error shape \(text\/html\)/,
    );
    expect(seen).toHaveLength(3);
  });

  it("followed by a success is survived", async () => {
    const { client } = await scenario([HTML_502, SUCCESS]);
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      analyzedSceneCount: 3,
    });
  });
});

describe("truncated JSON", () => {
  it("on a 200 gives a clear error at once: another attempt would not read it better", async () => {
    const { client, seen } = await scenario([
      {
        status: 200,
        raw: '{"code":"0","message":"success","result":{"status":"SUMM',
        headers: { "Content-Type": "application/json" },
      },
    ]);
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "invalid-response", status: 200, attempts: 1 });
    expect(error.message).toMatch(/not valid JSON \(application\/json\): "\{\\"code\\":\\"0\\"/);
    expect(seen).toHaveLength(1);
  });

  it("on a 503 is retried like any 503", async () => {
    const { client, seen } = await scenario([
      { status: 503, raw: '{"error":{"errorCode":"5' },
      SUCCESS,
    ]);
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(seen).toHaveLength(2);
  });
});

describe("429 with Retry-After", () => {
  const throttled = (retryAfter: string): Reply => ({
    status: 429,
    body: { error: { errorCode: "410", message: "Throttle Limited" } },
    headers: { "Retry-After": retryAfter },
  });

  it("waits as long as the server asks (seconds), then succeeds", async () => {
    const { client, delays } = await scenario([throttled("2"), SUCCESS]);
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(delays).toEqual([2_000]);
  });

  it("waits as long as the server asks (HTTP date)", async () => {
    const { client, delays } = await scenario((_request, count) =>
      count === 1 ? throttled(new Date(Date.now() + 4_000).toUTCString()) : SUCCESS,
    );
    await client.getSceneSummaryStatus(IDS);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(2_000); // an HTTP date has whole seconds
    expect(delays[0]).toBeLessThanOrEqual(4_000);
  });

  it("gives up at once when the server asks for longer than maxRetryDelayMs", async () => {
    const { client, seen, delays } = await scenario([throttled("120")], {
      maxRetryDelayMs: 30_000,
    });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({
      kind: "gateway",
      status: 429,
      code: "410",
      retryAfterMs: 120_000,
      attempts: 1,
    });
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("still throttled after every retry ends in the 429", async () => {
    const { client, seen } = await scenario([throttled("1")]);
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ status: 429, attempts: 3 });
    expect(seen).toHaveLength(3);
  });
});

describe("503 then success", () => {
  it("is survived, with a backoff delay between the attempts", async () => {
    const unavailable: Reply = {
      status: 503,
      body: { error: { errorCode: "500", message: "Endpoint Error" } },
    };
    const { client, seen, delays } = await scenario([unavailable, unavailable, SUCCESS]);
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([375, 750]);
  });

  it("retries: 0 makes one attempt", async () => {
    const { client, seen } = await scenario(
      [{ status: 503, body: { error: { errorCode: "500", message: "Endpoint Error" } } }],
      {
        retries: 0,
      },
    );
    await rejection(client.getSceneSummaryStatus(IDS));
    expect(seen).toHaveLength(1);
  });
});

describe("other 4xx are never retried", () => {
  it.each([
    [400, { code: "10001", message: "Invalid Request." }],
    [403, { error: { errorCode: "230", message: "Forbidden" } }],
    [404, { error: { errorCode: "300", message: "Not Found Exception" } }],
    [409, { code: "40900", message: "Scene summarization is in progress." }],
  ])("HTTP %i: one attempt", async (status, body) => {
    const { client, seen } = await scenario([{ status, body }]);
    const error = await rejection(client.getSceneSummaries(IDS));
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(seen).toHaveLength(1);
  });
});

describe("a gateway clock ten minutes ahead", () => {
  it("is corrected for: the 401's Date header sets an offset, the request is re-signed, and later calls use it", async () => {
    const { client, seen } = await scenario([SUCCESS], {
      gatewayClock: () => Date.now() + 10 * 60_000,
    });
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(seen.map((r) => r.authenticated)).toEqual([false, true]);
    await client.getSceneSummaryStatus(IDS);
    expect(seen.map((r) => r.authenticated)).toEqual([false, true, true]);
  });

  it("a 401 with a clock in step is not retried: the credentials are wrong", async () => {
    const { client, seen } = await scenario([SUCCESS], { secretKey: "wrong-secret" });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "gateway", status: 401, code: "200", attempts: 1 });
    expect(error.message).toMatch(/^Authentication failed/);
    expect(seen).toHaveLength(1);
  });

  it("a skewed clock with a wrong secret is corrected once, then fails", async () => {
    const { client, seen } = await scenario([SUCCESS], {
      secretKey: "wrong-secret",
      gatewayClock: () => Date.now() - 10 * 60_000,
    });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    // The request loop learns the gateway's clock and signs a second attempt with it, once.
    expect(error).toMatchObject({ status: 401, attempts: 2 });
    expect(seen).toHaveLength(2);
  });
});

describe("waitForSceneSummary against a gateway that verifies every signature", () => {
  const sequence =
    (...statuses: string[]) =>
    (_: SeenRequest, count: number) =>
      ok(
        statusResult(
          statuses[Math.min(count, statuses.length) - 1] as string,
          count,
          statuses.length,
        ),
      );

  it("follows a summary from waiting through progress to completion", async () => {
    const { client, seen } = await scenario(
      sequence(
        "WAIT_SUMMARIZE",
        "SUMMARIZING",
        "SUMMARIZING",
        "SUMMARIZING",
        "SUMMARIZE_COMPLETED",
      ),
    );
    const progress: string[] = [];
    const result = await client.waitForSceneSummary(IDS, {
      intervalMs: 1_000,
      onProgress: (p) => progress.push(`${p.status} ${p.analyzedSceneCount}/${p.totalSceneCount}`),
    });
    expect(result).toMatchObject({
      status: "SUMMARIZE_COMPLETED",
      completedTime: "2026-04-17T10:42:17",
    });
    expect(progress).toEqual([
      "WAIT_SUMMARIZE 1/5",
      "SUMMARIZING 2/5",
      "SUMMARIZING 3/5",
      "SUMMARIZING 4/5",
      "SUMMARIZE_COMPLETED 5/5",
    ]);
    expect(seen.every((r) => r.authenticated)).toBe(true);
  });

  it("ends a failed summary with SceneSummaryFailedError and a cancelled one with SceneSummaryCanceledError", async () => {
    const failed = await scenario(() =>
      ok(statusResult("SUMMARIZE_FAIL", 2, 10, { statusMessage: "Out of quota" })),
    );
    await expect(failed.client.waitForSceneSummary(IDS, { intervalMs: 1_000 })).rejects.toThrow(
      SceneSummaryFailedError,
    );
    await gateway?.close();
    const canceled = await scenario(sequence("SUMMARIZING", "SUMMARIZE_CANCELED"));
    await expect(canceled.client.waitForSceneSummary(IDS, { intervalMs: 1_000 })).rejects.toThrow(
      SceneSummaryCanceledError,
    );
  });

  it("survives a 503 in the middle of polling", async () => {
    const { client } = await scenario((_, count) =>
      count === 2
        ? { status: 503, body: { error: { errorCode: "500", message: "Endpoint Error" } } }
        : ok(statusResult(count < 4 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED", count, 4)),
    );
    await expect(client.waitForSceneSummary(IDS, { intervalMs: 1_000 })).resolves.toMatchObject({
      status: "SUMMARIZE_COMPLETED",
    });
  });
});
