/**
 * The hardening, item by item, against a hostile or broken gateway on real loopback
 * sockets (test/support/gateway.ts), or an injected `fetch` where no socket is needed
 * (nothing may be sent at all, or the host is not a real one). Backoff waits go through an
 * injected `sleep` that records them; nothing here asserts how long anything took.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createMediaIntelligenceApi,
  createMediaIntelligenceClient,
  InvalidInputError,
  type MediaIntelligenceClientOptions,
  MediaIntelligenceError,
  WaitTimeoutError,
} from "../../src/index.js";
import {
  type Gateway,
  ok,
  type Reply,
  type SeenRequest,
  startGateway,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { EXAMPLE_IDS as IDS } from "../support/ids.js";
import { bundleSdk, runBatch, type SdkBundle } from "./support/child-batch.js";
import { gzipBomb } from "./support/gzip-bomb.js";
import { type OtherOrigin, startOtherOrigin } from "./support/other-origin.js";

const KEYS = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
const STATUS_PATH =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries/{scene_summary_id}/status";
const STATUS_PARAMS = {
  workspace_name: IDS.workspaceName,
  project_id: IDS.projectId,
  asset_id: IDS.assetId,
  index_id: IDS.indexId,
  scene_summary_id: IDS.sceneSummaryId,
};
const SUCCESS = ok(statusResult("SUMMARIZING", 3, 10));
const MiB = 2 ** 20;

let gateway: Gateway | undefined;
let other: OtherOrigin | undefined;
afterEach(async () => {
  await gateway?.close();
  await other?.close();
  gateway = undefined;
  other = undefined;
});

/** Starts a gateway answering with `reply` (or the handler), and a client for it. */
async function scenario(
  reply: Reply | ((request: SeenRequest, count: number) => Reply | Promise<Reply>),
  options: MediaIntelligenceClientOptions & { gatewayClock?: () => number } = {},
) {
  const { gatewayClock, ...clientOptions } = options;
  gateway = await startGateway({
    handler: typeof reply === "function" ? reply : () => reply,
    ...(gatewayClock ? { clock: gatewayClock } : {}),
  });
  const delays: number[] = [];
  const client = createMediaIntelligenceClient({
    ...KEYS,
    baseUrl: gateway.url,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...clientOptions,
  });
  return { client, delays, gateway };
}

/** The rejection of `promise`, checked to be a MediaIntelligenceError. */
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

/** An injected `fetch` that records each call and answers with `reply()`. */
function recordingFetch(reply: () => Response = () => Response.json({})) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  };
  return { calls, fetch };
}

describe("1. redirects are never followed", () => {
  it.each([301, 302, 303, 307, 308])(
    "HTTP %i to another origin is an error naming the Location; the other origin gets nothing",
    async (status) => {
      other = await startOtherOrigin();
      const location = `${other.url}/elsewhere`;
      const { client } = await scenario({ status, headers: { Location: location } });
      const error = await rejection(client.getSceneSummaryStatus(IDS));
      expect(error).toMatchObject({ kind: "redirect", status, location, attempts: 1 });
      expect(error.message).toContain(location);
      expect(gateway?.seen).toHaveLength(1);
      expect(other.received).toEqual([]);
      expect(other.sawCredentials()).toBe(false);
    },
  );

  it("a POST answered 307 (which would replay its body) is not followed either", async () => {
    other = await startOtherOrigin();
    const location = `${other.url}/elsewhere`;
    const { client } = await scenario({ status: 307, headers: { Location: location } });
    const error = await rejection(client.indexSceneSummaries.request(IDS, { sceneIds: [1] }));
    expect(error).toMatchObject({ kind: "redirect", status: 307, location });
    expect(other.received).toEqual([]);
  });

  it("a redirect loop makes one request", async () => {
    const { client } = await scenario((request) => ({
      status: 302,
      headers: { Location: request.target },
    }));
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error.kind).toBe("redirect");
    expect(gateway?.seen).toHaveLength(1);
  });

  it("an https base URL is never downgraded: fetch is told not to follow, and is called once", async () => {
    const downgraded = "http://mi.apigw.ntruss.com/api/v1/elsewhere";
    const { calls, fetch } = recordingFetch(
      () => new Response(null, { status: 301, headers: { Location: downgraded } }),
    );
    const client = createMediaIntelligenceClient({ ...KEYS, fetch, sleep: async () => {} });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "redirect", location: downgraded });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toMatch(/^https:\/\/mi\.apigw\.ntruss\.com\//);
    expect(calls[0]?.init.redirect).toBe("manual");
  });

  it("the spec-level client refuses redirects too", async () => {
    other = await startOtherOrigin();
    const location = `${other.url}/elsewhere`;
    gateway = await startGateway({
      handler: () => ({ status: 302, headers: { Location: location } }),
    });
    const api = createMediaIntelligenceApi({ ...KEYS, baseUrl: gateway.url });
    const error = await rejection(api.GET(STATUS_PATH, { params: { path: STATUS_PARAMS } }));
    expect(error).toMatchObject({ kind: "redirect", location });
    expect(other.received).toEqual([]);
  });
});

describe("3. bounded memory and sockets", () => {
  it("a body that never ends stops at maxResponseBytes with a too-large error", {
    timeout: 20_000,
  }, async () => {
    const { client } = await scenario(
      { endless: true },
      {
        maxResponseBytes: 4 * MiB,
        requestTimeoutMs: 10_000,
        retries: 0,
      },
    );
    const sampler = rssSampler();
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    const growthMb = sampler.stop();
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
    expect(error.message).toMatch(/larger than 4194304 bytes/);
    // Generous: what matters is that it stops near 4 MiB, not at the timeout's gigabytes.
    expect(growthMb).toBeLessThan(200);
    // The client hung up: the gateway stops writing.
    await gateway?.seen[0]?.closed;
  });

  it("a 200 KB gzip body inflating to 200 MB is too large at the default limit", {
    timeout: 20_000,
  }, async () => {
    const bomb = await gzipBomb(200 * 1_000_000);
    expect(bomb.length).toBeLessThan(400_000);
    const { client } = await scenario(
      {
        bytes: bomb,
        headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" },
      },
      { retries: 0 },
    );
    const sampler = rssSampler();
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    const growthMb = sampler.stop();
    expect(error).toMatchObject({ kind: "too-large", status: 200 });
    expect(growthMb).toBeLessThan(200);
  });

  describe("5,000 concurrent calls in a process limited to 1,024 open files", () => {
    let bundle: SdkBundle;
    beforeAll(async () => {
      bundle = await bundleSdk();
    });
    afterAll(async () => {
      await bundle?.dispose();
    });

    it("all succeed: they queue for connections instead of failing with EMFILE", {
      timeout: 45_000,
    }, async () => {
      gateway = await startGateway({ handler: () => SUCCESS });
      const report = await runBatch({
        bundle,
        url: gateway.url,
        calls: 5_000,
        openFileLimit: 1024,
        options: { retries: 0 },
        killAfterMs: 40_000,
      });
      expect(report.openFileLimit).toBe(1024);
      expect(report.emfile).toBe(0);
      expect(report.kinds).toEqual({});
      expect(report.fulfilled).toBe(5_000);
      expect(report.unhandled).toBe(0);
      expect(report.retainedHeapMb).toBeLessThan(50);
      expect(gateway.seen).toHaveLength(5_000);
    });
  });
});

describe("4. clock skew under concurrency", () => {
  it("with the gateway 10 minutes ahead, 200 concurrent first calls all succeed, each re-signed at most once", {
    timeout: 20_000,
  }, async () => {
    const { client } = await scenario(SUCCESS, {
      gatewayClock: () => Date.now() + 10 * 60_000,
      maxConnections: 200,
      retries: 0, // a skew correction is not a retry
    });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        client.getSceneSummaryStatus({ ...IDS, projectId: String(i) }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const byTarget = new Map<string, SeenRequest[]>();
    for (const request of gateway?.seen ?? []) {
      byTarget.set(request.target, [...(byTarget.get(request.target) ?? []), request]);
    }
    expect(byTarget.size).toBe(200);
    for (const requests of byTarget.values()) {
      // Signed with the skewed clock and refused, then re-signed once; or signed right first.
      expect(requests.map((r) => r.authenticated)).toEqual(
        requests.length === 2 ? [false, true] : [true],
      );
    }
    // More than one call met the skew before any had learnt it: the case that used to fail.
    const refused = gateway?.seen.filter((r) => !r.authenticated) ?? [];
    expect(refused.length).toBeGreaterThan(1);
  });
});

describe("5. retry pacing: the backoff is a floor under Retry-After", () => {
  // 500 ms doubling with equal jitter at random() = 0.5.
  const BACKOFF = [375, 750];

  it("`Retry-After: 0` on a 503 waits the backoff", async () => {
    const { client, delays } = await scenario({
      status: 503,
      body: { error: { errorCode: "503", message: "Service Unavailable" } },
      headers: { "Retry-After": "0" },
    });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ status: 503, attempts: 3, retryAfterMs: 0 });
    expect(delays).toEqual(BACKOFF);
  });

  it("a `Retry-After` date in the past on a 429 waits the backoff", async () => {
    // One retry: after a second 429 the client's rate limiter holds the third attempt to
    // the rate it cut to, which rate-limiter.test.ts checks on its own.
    const { client, delays } = await scenario(
      {
        status: 429,
        body: { error: { errorCode: "300", message: "Too Many Requests" } },
        headers: { "Retry-After": new Date(Date.now() - 60_000).toUTCString() },
      },
      { retries: 1 },
    );
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ status: 429, attempts: 2, retryAfterMs: 0 });
    expect(delays).toEqual(BACKOFF.slice(0, 1));
  });
});

describe("6. no call ever hangs", () => {
  it("a corrupt gzip body after the headers settles with a timeout error", {
    timeout: 10_000,
  }, async () => {
    const { client } = await scenario({ corruptGzip: true }, { requestTimeoutMs: 300, retries: 1 });
    const error = await rejection(client.getSceneSummaryStatus(IDS));
    expect(error).toMatchObject({ kind: "timeout", attempts: 2 });
    expect(gateway?.seen).toHaveLength(2);
  });

  it("the spec-level client settles on it when the caller's signal aborts", {
    timeout: 10_000,
  }, async () => {
    gateway = await startGateway({ handler: () => ({ corruptGzip: true }) });
    const api = createMediaIntelligenceApi({ ...KEYS, baseUrl: gateway.url });
    const signal = AbortSignal.timeout(300);
    await expect(
      api.GET(STATUS_PATH, { params: { path: STATUS_PARAMS }, signal }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("a wait's timeoutMs aborts the status request under way, and ends in WaitTimeoutError", {
    timeout: 10_000,
  }, async () => {
    // requestTimeoutMs is left at its 30 s default: only the wait's own limit can end this.
    const { client } = await scenario({ hang: true });
    const error = await client
      .waitForSceneSummary(IDS, { timeoutMs: 2_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(gateway?.seen).toHaveLength(1);
    // The gateway sees the client hang up on the request it never answered.
    await gateway?.seen[0]?.closed;
  });
});

describe("8. ids on every path", () => {
  const BLANK = [" ", "\t \n", "\u3000", "\u00a0", "\u00a0\u3000 "];

  it.each(BLANK.map((id) => [JSON.stringify(id), id]))(
    "the typed client refuses the blank id %s, sending nothing",
    async (_, blank) => {
      const { calls, fetch } = recordingFetch();
      const client = createMediaIntelligenceClient({ ...KEYS, fetch });
      for (const call of [
        () => client.getSceneSummaryStatus({ ...IDS, assetId: blank }),
        () => client.sceneSummaries.status({ ...IDS, projectId: blank }),
        () => client.indexSceneSummaries.get({ ...IDS, indexId: blank }),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).message).toMatch(/blank/);
      }
      expect(calls).toEqual([]);
    },
  );

  it.each(["", ".", "..", ...BLANK].map((id) => [JSON.stringify(id), id]))(
    "createMediaIntelligenceApi refuses the path parameter %s, sending nothing",
    async (_, bad) => {
      const { calls, fetch } = recordingFetch();
      const api = createMediaIntelligenceApi({ ...KEYS, fetch });
      const error = await api
        .GET(STATUS_PATH, { params: { path: { ...STATUS_PARAMS, index_id: bad } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: "index_id" });
      expect(calls).toEqual([]);
    },
  );
});

describe("9. abort listeners", () => {
  /**
   * Runs 30 calls at once sharing one never-aborted signal; returns the warnings Node printed
   * and the signal's `abort` listeners left once they all settled.
   */
  async function shareOneSignal(
    call: (i: number, signal: AbortSignal) => Promise<unknown>,
  ): Promise<{ warnings: string[]; left: number }> {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      const signal = new AbortController().signal;
      const live = trackAbortListeners(signal);
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => call(i, signal)),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { warnings, left: live.size };
    } finally {
      process.off("warning", onWarning);
    }
  }

  it("30 concurrent calls: no MaxListenersExceededWarning, and no listener left", async () => {
    const { client } = await scenario(SUCCESS);
    const outcome = await shareOneSignal((i, signal) =>
      client.getSceneSummaryStatus({ ...IDS, projectId: String(i) }, { signal }),
    );
    expect(outcome).toEqual({ warnings: [], left: 0 });
  });

  it("30 concurrent waits: no MaxListenersExceededWarning, and no listener left", async () => {
    const { client } = await scenario(ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)));
    const outcome = await shareOneSignal((i, signal) =>
      client.sceneSummaries.wait({ ...IDS, projectId: String(i) }, { signal }),
    );
    expect(outcome).toEqual({ warnings: [], left: 0 });
  });
});

describe("10. plain HTTP only to loopback unless allowed", () => {
  const INSECURE = "http://mi.example.test";

  it("an http:// base URL on another host is refused, saying why, and nothing is sent", () => {
    const { calls, fetch } = recordingFetch();
    for (const create of [
      () => createMediaIntelligenceClient({ ...KEYS, baseUrl: INSECURE, fetch }),
      () => createMediaIntelligenceApi({ ...KEYS, baseUrl: INSECURE, fetch }),
    ]) {
      let error: unknown;
      try {
        create();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: "baseUrl" });
      // Says why, and how to opt in.
      expect((error as Error).message).toMatch(/in clear/);
      expect((error as Error).message).toMatch(/allowInsecureHttp/);
    }
    expect(calls).toEqual([]);
  });

  it("allowInsecureHttp: true lets it through", async () => {
    const { calls, fetch } = recordingFetch(() => Response.json(SUCCESS_BODY));
    const client = createMediaIntelligenceClient({
      ...KEYS,
      baseUrl: INSECURE,
      fetch,
      allowInsecureHttp: true,
    });
    await expect(client.getSceneSummaryStatus(IDS)).resolves.toMatchObject({
      status: "SUMMARIZING",
    });
    expect(calls.map((c) => new URL(c.url).origin)).toEqual([INSECURE]);
  });

  it.each(["http://127.0.0.1:8080", "http://localhost:4010", "http://[::1]:4010"])(
    "loopback %s needs no opt-in",
    (baseUrl) => {
      expect(createMediaIntelligenceClient({ ...KEYS, baseUrl }).baseUrl).toBe(baseUrl);
    },
  );
});

const SUCCESS_BODY = (SUCCESS as { body: unknown }).body;

/** Samples RSS every 10 ms; `stop()` returns the peak growth in MiB. */
function rssSampler() {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return (peak - before) / MiB;
    },
  };
}

/**
 * Wraps `signal`'s add/removeEventListener to keep the set of its live `abort` listeners
 * (a `once` listener leaves it when it fires, but these never fire: the signal never aborts).
 */
function trackAbortListeners(signal: AbortSignal): Set<unknown> {
  const live = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: unknown, options?: unknown) => {
    if (type === "abort") live.add(listener);
    add(type, listener as EventListener, options as AddEventListenerOptions);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: unknown, options?: unknown) => {
    if (type === "abort") live.delete(listener);
    remove(type, listener as EventListener, options as EventListenerOptions);
  }) as typeof signal.removeEventListener;
  return live;
}
