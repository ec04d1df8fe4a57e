/**
 * The typed methods of both resources with an injected fetch: each sends its operation's
 * method, URL and body, signed over the final wire URL, and resolves with its typed result;
 * per-call options override the client's; POSTs are retried only when they certainly did not
 * take effect.
 */
import { describe, expect, it } from "vitest";
import {
  AbortError,
  createMediaIntelligenceClient,
  type MediaIntelligenceClientOptions,
  MediaIntelligenceError,
  MediaIntelligenceSdkError,
  SceneSummaryInProgressError,
  SceneSummaryNotRegisteredError,
} from "../../src/index.js";
import {
  expectedSignature,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { ID } from "../support/operations.js";

const ASSET = { workspaceName: "my-workspace", projectId: 1234, assetId: "5678" };
const INDEX = { ...ASSET, indexId: 1001 };
const SUMMARY = { ...INDEX, sceneSummaryId: 101 };
const PREFIX = "/api/v1/workspaces/my-workspace/projects/1234/assets/5678";
const RESULT = { indexId: 1001, sceneSummaries: [{ scene: 1, startMs: 0, endMs: 1000 }] };

interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

type Answer = (call: Call, count: number) => Response | Promise<Response>;

function envelope(result?: unknown): Response {
  return Response.json({
    code: "0",
    message: "success",
    ...(result === undefined ? {} : { result }),
  });
}

/** An answer that never comes: it rejects only when the call's signal aborts. */
function hang(call: Call): Promise<Response> {
  return new Promise((_, reject) =>
    call.signal?.addEventListener("abort", () => reject(call.signal?.reason)),
  );
}

/**
 * A server on which a summarisation completed before, and the new one completes after two
 * status reads that still show the previous one (the request registering late).
 */
function rerunAfterStaleReads(): { answer: Answer; statusReads: () => number } {
  const previous = statusResult("SUMMARIZE_COMPLETED", 10, 10, {
    requestedTime: "2026-01-01T00:00:00",
  });
  const next = statusResult("SUMMARIZE_COMPLETED", 10, 10, {
    requestedTime: "2026-01-01T00:05:00",
  });
  let reads = 0;
  const answer: Answer = (call) => {
    if (call.method === "POST") return envelope();
    if (!call.url.endsWith("/status")) return envelope(RESULT);
    reads++;
    return envelope(reads <= 2 ? previous : next);
  };
  return { answer, statusReads: () => reads };
}

/** A client whose fetch records each call and answers with `answer`. */
function setup(answer: Answer, options: MediaIntelligenceClientOptions = {}) {
  const calls: Call[] = [];
  const delays: number[] = [];
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: "https://mi.example.test",
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    fetch: async (url, init) => {
      const call = {
        method: String(init.method),
        url,
        headers: new Headers(init.headers),
        body: init.body === undefined ? undefined : String(init.body),
        signal: init.signal ?? undefined,
      };
      calls.push(call);
      return answer(call, calls.length);
    },
    ...options,
  });
  return { client, calls, delays };
}

/** Fails when a call's signature does not check out over its own wire URL. */
function expectSigned(call: Call) {
  const target = call.url.slice("https://mi.example.test".length);
  const timestamp = call.headers.get("x-ncp-apigw-timestamp") ?? "";
  expect(call.headers.get("x-ncp-apigw-signature-v2")).toBe(
    expectedSignature(call.method, target, timestamp, TEST_ACCESS_KEY, TEST_SECRET_KEY),
  );
}

describe("every operation sends its method, URL and body, signed, and resolves typed", () => {
  const status = statusResult("SUMMARIZING", 3, 10);
  const cases: [
    string,
    (c: ReturnType<typeof setup>["client"]) => Promise<unknown>,
    string,
    string,
    string | undefined,
    Response,
    unknown,
  ][] = [
    [
      "sceneSummaries.request",
      (c) => c.sceneSummaries.request(ASSET, { locale: "ko" }),
      "POST",
      `${PREFIX}/scene-summary`,
      '{"locale":"ko"}',
      envelope(),
      {},
    ],
    [
      "sceneSummaries.status",
      (c) => c.sceneSummaries.status(ASSET),
      "GET",
      `${PREFIX}/scene-summary/status`,
      undefined,
      envelope(status),
      status,
    ],
    [
      "sceneSummaries.get",
      (c) => c.sceneSummaries.get(ASSET),
      "GET",
      `${PREFIX}/scene-summary`,
      undefined,
      envelope(RESULT),
      RESULT,
    ],
    [
      "sceneSummaries.cancel",
      (c) => c.sceneSummaries.cancel(ASSET),
      "POST",
      `${PREFIX}/scene-summary/cancel`,
      undefined,
      envelope(),
      undefined,
    ],
    [
      "indexSceneSummaries.request",
      (c) => c.indexSceneSummaries.request(INDEX, { sceneIds: [1, 3] }),
      "POST",
      `${PREFIX}/indexes/1001/scene-summaries`,
      '{"sceneIds":[1,3]}',
      envelope({ sceneSummaryId: 102 }),
      { sceneSummaryId: 102 },
    ],
    [
      "indexSceneSummaries.status",
      (c) => c.indexSceneSummaries.status(SUMMARY),
      "GET",
      `${PREFIX}/indexes/1001/scene-summaries/101/status`,
      undefined,
      envelope(status),
      status,
    ],
    [
      "indexSceneSummaries.get",
      (c) => c.indexSceneSummaries.get(INDEX),
      "GET",
      `${PREFIX}/indexes/1001/scene-summaries`,
      undefined,
      envelope(RESULT),
      RESULT,
    ],
    [
      "indexSceneSummaries.cancel",
      (c) => c.indexSceneSummaries.cancel(SUMMARY),
      "DELETE",
      `${PREFIX}/indexes/1001/scene-summaries/101`,
      undefined,
      envelope(),
      undefined,
    ],
  ];

  it.each(cases)("%s", async (name, invoke, method, path, body, response, expected) => {
    // The asset-based request and cancel read the status first, to know the previous run.
    const readsFirst = name === "sceneSummaries.request" || name === "sceneSummaries.cancel";
    const { client, calls } = setup((call) =>
      readsFirst && call.method === "GET"
        ? envelope(statusResult("SUMMARIZE_COMPLETED"))
        : response,
    );
    await expect(invoke(client)).resolves.toEqual(expected);
    expect(calls.map((c) => c.method)).toEqual(readsFirst ? ["GET", method] : [method]);
    const call = calls.at(-1) as Call;
    expect(call).toMatchObject({ method, url: `https://mi.example.test${path}` });
    expect(call.body).toBe(body);
    expectSigned(call);
  });
});

describe("ids become path segments exactly as signed", () => {
  it.each(["with space", "slash/inside", "question?mark", "hash#tag", "per%cent", "한글", "🎬"])(
    "%s, on every operation",
    async (id) => {
      const { client, calls } = setup((call) =>
        call.method === "GET" && call.url.endsWith("/status")
          ? envelope(statusResult("SUMMARIZING"))
          : call.method === "GET"
            ? envelope(RESULT)
            : envelope(),
      );
      const asset = { ...ASSET, assetId: id };
      const summary = { ...SUMMARY, assetId: id, sceneSummaryId: id };
      await client.sceneSummaries.request(asset);
      await client.sceneSummaries.status(asset);
      await client.sceneSummaries.get(asset);
      await client.sceneSummaries.cancel(asset);
      await client.indexSceneSummaries.status(summary);
      await client.indexSceneSummaries.cancel(summary);
      for (const call of calls) {
        expect(call.url).toContain(`/assets/${encodeURIComponent(id)}/`);
        expectSigned(call);
      }
    },
  );
});

describe("a request body the pages forbid is refused before anything is sent", () => {
  it.each([
    [
      "request",
      (c: ReturnType<typeof setup>["client"]) =>
        c.sceneSummaries.request(ASSET, { sceneIds: [3], locale: "en" }),
    ],
    [
      "summarize",
      (c: ReturnType<typeof setup>["client"]) =>
        c.sceneSummaries.summarize(ASSET, { sceneIds: [3], locale: "en" }),
    ],
  ])("locale with sceneIds (%s): locale is for a full analysis only", async (_, call) => {
    const { client, calls } = setup(() => envelope(statusResult("SUMMARIZE_COMPLETED", 10, 10)));
    await expect(call(client)).rejects.toMatchObject({
      name: "InvalidInputError",
      field: "locale",
      message: expect.stringContaining(
        "locale is allowed only on a full analysis, not with sceneIds",
      ),
    });
    expect(calls).toEqual([]);
  });
});

describe("per-call options override the client's", () => {
  it("retries: 0 on the call wins over the client's retries", async () => {
    const { client, calls } = setup(() => new Response("", { status: 503 }), { retries: 3 });
    await expect(client.sceneSummaries.status(ASSET, { retries: 0 })).rejects.toMatchObject({
      status: 503,
      attempts: 1,
    });
    expect(calls).toHaveLength(1);
  });

  it("timeoutMs on the call bounds its attempt", async () => {
    const { client } = setup(hang, { requestTimeoutMs: 60_000, retries: 0 });
    await expect(client.sceneSummaries.status(ASSET, { timeoutMs: 5 })).rejects.toMatchObject({
      kind: "timeout",
    });
  });

  it("signal on the call aborts it: an AbortError caused by the signal's reason", async () => {
    const { client } = setup(hang);
    const controller = new AbortController();
    const pending = client.sceneSummaries.get(ASSET, { signal: controller.signal });
    const reason = new Error("stop");
    controller.abort(reason);
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(MediaIntelligenceSdkError);
    expect(error).toMatchObject({ name: "AbortError", cause: reason });
  });

  it("an AbortSignal.timeout says it timed out, its TimeoutError the cause", async () => {
    const { client } = setup(hang);
    const error = await client.sceneSummaries
      .get(ASSET, { signal: AbortSignal.timeout(5) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toMatch(/timed out/);
    expect(error.cause).toMatchObject({ name: "TimeoutError" });
  });

  it("deadlineMs ends the call, retries included, with its own kind", async () => {
    const { client } = setup(hang);
    const error = await client.sceneSummaries.status(ASSET, { deadlineMs: 10 }).catch((e) => e);
    expect(error).toBeInstanceOf(MediaIntelligenceError);
    expect(error).toMatchObject({ kind: "deadline", attempts: 1 });
    expect(error.message).toMatch(/deadline of 0\.01 s/);
    expect(error.limit).toBe(10);
  });
});

describe("POSTs are retried only when they certainly did not take effect", () => {
  const refused = () =>
    Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }));
  const reset = () =>
    Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));

  it("a request refused before connecting is sent again", async () => {
    const { client, calls } = setup((_, count) =>
      count === 1 ? refused() : envelope({ sceneSummaryId: 7 }),
    );
    await expect(client.indexSceneSummaries.request(INDEX)).resolves.toEqual({ sceneSummaryId: 7 });
    expect(calls).toHaveLength(2);
  });

  it("a request that timed out is not sent again when its outcome cannot be read back", async () => {
    const { client, calls } = setup(hang, { requestTimeoutMs: 5, retries: 3 });
    await expect(client.indexSceneSummaries.request(INDEX)).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(calls).toHaveLength(1);
  });

  it("a reset after sending is not sent again; a GET would be", async () => {
    const post = setup(reset, { retries: 3 });
    await expect(post.client.indexSceneSummaries.request(INDEX)).rejects.toMatchObject({
      kind: "network",
    });
    expect(post.calls).toHaveLength(1);
    const get = setup((_, count) => (count === 1 ? reset() : envelope(RESULT)), { retries: 3 });
    await expect(get.client.indexSceneSummaries.get(INDEX)).resolves.toEqual(RESULT);
    expect(get.calls).toHaveLength(2);
  });

  it("503 is sent again; 500 is not; 429 from the gateway, or with Retry-After", async () => {
    const gatewayError = (status: number, headers: Record<string, string> = {}) =>
      Response.json({ error: { errorCode: "900", message: "x" } }, { status, headers });
    const apiError = (status: number, headers: Record<string, string> = {}) =>
      Response.json({ code: "900", message: "x" }, { status, headers });
    for (const [first, sends] of [
      [gatewayError(503), 2],
      [gatewayError(500), 1],
      [gatewayError(429), 2],
      [apiError(429), 1],
      [apiError(429, { "Retry-After": "1" }), 2],
    ] as const) {
      const { client, calls } = setup((_, count) =>
        count === 1 ? first.clone() : envelope({ sceneSummaryId: 1 }),
      );
      await client.indexSceneSummaries.request(INDEX).catch(() => undefined);
      expect(calls).toHaveLength(sends);
    }
  });

  it("Retry-After: 0 still waits the backoff", async () => {
    const { client, delays } = setup((_, count) =>
      count === 1
        ? Response.json(
            { error: { errorCode: "420", message: "Rate Limited" } },
            { status: 429, headers: { "Retry-After": "0" } },
          )
        : envelope(RESULT),
    );
    await client.sceneSummaries.get(ASSET);
    expect(delays).toEqual([375]); // The backoff with jitter 0.5: 250 + 125.
  });
});

/**
 * An asset on which a summarisation completed a minute ago (the usual case before a partial
 * re-analysis). Each POST is answered as `posts` says, in turn; `registers` says whether that
 * POST started a new summarisation, whatever its answer, and `late` makes it show only after
 * the next status read.
 */
function assetServer(
  posts: Array<{ answer: "hang" | "reset" | 502 | 409 | "ok"; registers: boolean; late?: boolean }>,
) {
  const previous = statusResult("SUMMARIZE_COMPLETED", 10, 10, {
    requestedTime: "2026-12-03T10:59:00",
  });
  let current = previous;
  let pending: typeof previous | undefined;
  let post = 0;
  const answer: Answer = (call) => {
    if (call.method === "GET") {
      const shown = envelope(current);
      if (pending) [current, pending] = [pending, undefined];
      return shown;
    }
    const step = posts[post++] ?? { answer: "ok", registers: true };
    if (step.registers) {
      const next = statusResult("WAIT_SUMMARIZE", 0, 10, {
        requestedTime: `2026-12-03T11:0${post}:00`,
      });
      if (step.late) pending = next;
      else current = next;
    }
    switch (step.answer) {
      case "hang":
        return hang(call);
      case "reset":
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));
      case 502:
        return new Response("", { status: 502 });
      case 409:
        return Response.json({ code: "10023", message: "in progress" }, { status: 409 });
      case "ok":
        return envelope();
    }
  };
  return { answer, posts: () => post };
}

describe("reconciliation after an ambiguous POST failure", () => {
  it("a 502 right after the previous run ended, which started nothing, is not taken as sent", async () => {
    const server = assetServer([{ answer: 502, registers: false }]);
    const { client, calls } = setup(server.answer, { retries: 0 });
    await expect(client.sceneSummaries.request(ASSET, { sceneIds: [1] })).rejects.toMatchObject({
      method: "POST",
      status: 502,
    });
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("within the retries, such a request is sent again", async () => {
    const server = assetServer([{ answer: 502, registers: false }]);
    const { client, calls } = setup(server.answer, { retries: 2 });
    await expect(client.sceneSummaries.request(ASSET, { sceneIds: [1] })).resolves.toEqual({});
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET", "POST"]);
  });

  it.each(["hang", "reset", 502] as const)(
    "a request that failed (%s) but started a run counts as done, not sent again",
    async (failure) => {
      const server = assetServer([{ answer: failure, registers: true }]);
      const { client, calls } = setup(server.answer, { requestTimeoutMs: 5, retries: 3 });
      await expect(client.sceneSummaries.request(ASSET)).resolves.toEqual({});
      expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
    },
  );

  it("a 409 to the resend of a request that registered late counts as done", async () => {
    const server = assetServer([
      { answer: "hang", registers: true, late: true },
      { answer: 409, registers: false },
    ]);
    const { client, calls } = setup(server.answer, { requestTimeoutMs: 5 });
    await expect(client.sceneSummaries.request(ASSET)).resolves.toEqual({});
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET", "POST", "GET"]);
  });

  it("summarize reconciles against the status it read, without reading it twice", async () => {
    const server = assetServer([{ answer: 502, registers: true }]);
    const { client, calls } = setup((call, count) =>
      call.method === "GET" && !call.url.endsWith("/status")
        ? envelope(RESULT)
        : server.answer(call, count),
    );
    const statusOf = (call: Call) => (call.url.endsWith("/status") ? "status" : call.method);
    await client.sceneSummaries
      .summarize(ASSET, { intervalMs: 1_000, maxWaitMs: 1_000 })
      .catch(() => undefined);
    expect(calls.slice(0, 3).map(statusOf)).toEqual(["status", "POST", "status"]);
    expect(server.posts()).toBe(1);
  });

  it("a status that cannot tell one run from another fails with the POST's error", async () => {
    const untimed = statusResult("SUMMARIZE_COMPLETED", 10, 10, { requestedTime: null });
    const { client, calls } = setup((call) =>
      call.method === "POST" ? new Response("", { status: 502 }) : envelope(untimed),
    );
    await expect(client.sceneSummaries.request(ASSET)).rejects.toMatchObject({ status: 502 });
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("a cancel that was reset, whose running run now shows SUMMARIZE_CANCELED, counts as done", async () => {
    let reads = 0;
    const { client, calls } = setup((call) =>
      call.method === "POST"
        ? Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))
        : envelope(statusResult(reads++ === 0 ? "SUMMARIZING" : "SUMMARIZE_CANCELED")),
    );
    await expect(client.sceneSummaries.cancel(ASSET)).resolves.toBeUndefined();
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("a cancel that was reset is sent again when SUMMARIZE_CANCELED is an earlier run's", async () => {
    // Nothing was running: the cancellation the status shows is older than this cancel, which
    // is sent again, and the service's answer to it (nothing to cancel) is the call's.
    let posts = 0;
    const { client, calls } = setup((call) =>
      call.method === "POST"
        ? posts++ === 0
          ? Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))
          : Response.json({ code: "10024", message: "nothing to cancel" }, { status: 409 })
        : envelope(statusResult("SUMMARIZE_CANCELED")),
    );
    await expect(client.sceneSummaries.cancel(ASSET)).rejects.toMatchObject({ status: 409 });
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET", "POST", "GET"]);
  });

  it("a cancel that was reset counts as done on statuses without request times, the run seen running now cancelled", async () => {
    let posted = false;
    const { client, calls } = setup((call) => {
      if (call.method === "POST") {
        posted = true;
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));
      }
      return envelope({ status: posted ? "SUMMARIZE_CANCELED" : "SUMMARIZING" });
    });
    await expect(client.sceneSummaries.cancel(ASSET)).resolves.toBeUndefined();
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("a cancel that was reset and took effect late: the resend's 400 is read back, and counts as done", async () => {
    // The first cancel is reset and registers only after the first read-back; the resend is
    // refused (nothing to cancel any more), and the status then shows the run cancelled.
    let posts = 0;
    let reads = 0;
    const { client, calls } = setup((call) => {
      if (call.method === "POST") {
        posts++;
        return posts === 1
          ? Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))
          : Response.json({ code: "10024", message: "nothing to cancel" }, { status: 400 });
      }
      reads++;
      return envelope(statusResult(reads <= 2 ? "SUMMARIZING" : "SUMMARIZE_CANCELED", 10, 3));
    });
    await expect(client.sceneSummaries.cancel(ASSET, { retries: 1 })).resolves.toBeUndefined();
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET", "POST", "GET"]);
  });

  it("a cancel that was reset is not counted as done when another run shows SUMMARIZE_CANCELED", async () => {
    let posted = false;
    const { client, calls } = setup((call) => {
      if (call.method === "POST") {
        posted = true;
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));
      }
      return envelope(
        posted
          ? statusResult("SUMMARIZE_CANCELED", 10, 3, { requestedTime: "2026-12-01T11:00:00" })
          : statusResult("SUMMARIZING", 10, 3, { requestedTime: "2026-12-01T10:00:00" }),
      );
    });
    await expect(client.sceneSummaries.cancel(ASSET, { retries: 0 })).rejects.toMatchObject({
      kind: "network",
    });
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("when the status cannot be read either, the POST's own error is thrown, nothing resent", async () => {
    let reads = 0;
    const { client, calls } = setup((call) =>
      call.method === "POST"
        ? new Response("", { status: 502 })
        : reads++ === 0
          ? envelope(statusResult("SUMMARIZE_COMPLETED"))
          : new Response("", { status: 404 }),
    );
    await expect(client.sceneSummaries.request(ASSET)).rejects.toMatchObject({
      method: "POST",
      status: 502,
    });
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });
});

describe("summarize", () => {
  it("requests, waits and returns the result", async () => {
    let requested = false;
    const { client, calls } = setup((call, count) => {
      if (call.method === "POST") {
        requested = true;
        return envelope();
      }
      if (call.url.endsWith("/status")) {
        if (!requested)
          return envelope(
            statusResult("BEFORE_SUMMARIZE", 0, 0, { requestedTime: "2026-01-01T00:00:00" }),
          );
        return envelope(statusResult(count < 5 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED", count, 6));
      }
      return envelope(RESULT);
    });
    const progress: string[] = [];
    const result = await client.sceneSummaries.summarize(ASSET, {
      intervalMs: 1_000,
      onProgress: (p) => progress.push(p.status),
    });
    expect(result).toEqual(RESULT);
    expect(calls[1]?.method).toBe("POST");
    expect(progress.at(-1)).toBe("SUMMARIZE_COMPLETED");
  });

  it("does not mistake the previous summarisation's completed status for the new one", async () => {
    const { answer, statusReads } = rerunAfterStaleReads();
    const { client } = setup(answer);
    await client.sceneSummaries.summarize(ASSET, { intervalMs: 1_000 });
    expect(statusReads()).toBe(3);
  });

  it("fails clearly when one is already in progress, and waits for it when asked", async () => {
    const answer: Answer = (call, count) =>
      call.url.endsWith("/status")
        ? envelope(statusResult(count < 3 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED", 4, 10))
        : call.method === "GET"
          ? envelope(RESULT)
          : envelope();
    const refused = setup(answer);
    const error = await refused.client.sceneSummaries.summarize(ASSET).catch((e) => e);
    expect(error).toBeInstanceOf(SceneSummaryInProgressError);
    expect(error).toBeInstanceOf(MediaIntelligenceSdkError);
    expect(error.message).toMatch(
      /already in progress \(SUMMARIZING, 4\/10 scenes\).*waitForExisting/,
    );
    expect(refused.calls.map((c) => c.method)).toEqual(["GET"]);

    const waiting = setup(answer);
    let existing = 0;
    await expect(
      waiting.client.sceneSummaries.summarize(ASSET, {
        waitForExisting: true,
        intervalMs: 1_000,
        onExisting: () => existing++,
      }),
    ).resolves.toEqual(RESULT);
    expect(existing).toBe(1);
    expect(waiting.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("turns a 409 from the request into SceneSummaryInProgressError", async () => {
    const { client } = setup((call) =>
      call.method === "POST"
        ? Response.json({ code: "10023", message: "in progress" }, { status: 409 })
        : envelope(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
    );
    await expect(client.sceneSummaries.summarize(ASSET)).rejects.toBeInstanceOf(
      SceneSummaryInProgressError,
    );
  });

  it("index-based: follows the request id the request returned", async () => {
    const { client, calls } = setup((call, count) =>
      call.method === "POST"
        ? envelope({ sceneSummaryId: 555 })
        : call.url.endsWith("/status")
          ? envelope(statusResult(count < 3 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED"))
          : envelope(RESULT),
    );
    await expect(
      client.indexSceneSummaries.summarize(INDEX, { intervalMs: 1_000 }),
    ).resolves.toEqual(RESULT);
    expect(calls[1]?.url).toContain("/scene-summaries/555/status");
  });

  it("index-based: a request accepted whose run stays BEFORE_SUMMARIZE past the grace period was made, not 'none requested'", async () => {
    let now = 0;
    const { client, calls } = setup(
      (call) =>
        call.method === "POST"
          ? envelope({ sceneSummaryId: 555 })
          : envelope(statusResult("BEFORE_SUMMARIZE", 0, 0)),
      {
        monotonicClock: () => now,
        sleep: async (ms) => {
          now += ms;
        },
      },
    );
    const error = await client.indexSceneSummaries
      .summarize(INDEX, { intervalMs: 1_000, notRequestedGraceMs: 5_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SceneSummaryNotRegisteredError);
    expect((error as Error).message).toContain("the status still shows no summarisation");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });
});

describe("hooks", () => {
  it("onRequest and onRetry see attempts, delays and reasons, never a key or signature", async () => {
    const events: unknown[] = [];
    const { client } = setup(
      (_, count) => (count === 1 ? new Response("", { status: 503 }) : envelope(RESULT)),
      {
        hooks: {
          onRequest: (info) => events.push(["request", info.method, info.attempt]),
          onRetry: (info) =>
            events.push(["retry", info.attempt, info.delayMs, info.reason, info.status]),
        },
      },
    );
    await client.sceneSummaries.get(ASSET);
    expect(events).toEqual([
      ["request", "GET", 1],
      ["retry", 1, 375, "invalid-response", 503],
      ["request", "GET", 2],
    ]);
    expect(JSON.stringify(events)).not.toContain(TEST_SECRET_KEY);
  });

  it("onPoll sees every status read of a wait, with the next delay", async () => {
    const polls: unknown[] = [];
    const { client } = setup(
      (_, count) =>
        envelope(statusResult(count < 3 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED", count, 3)),
      { hooks: { onPoll: (info) => polls.push([info.status, info.polls, info.nextDelayMs]) } },
    );
    await client.sceneSummaries.wait(ASSET, { intervalMs: 1_000, maxIntervalMs: 1_000 });
    expect(polls).toEqual([
      ["SUMMARIZING", 1, 1_000],
      ["SUMMARIZING", 2, 1_000],
      ["SUMMARIZE_COMPLETED", 3, undefined],
    ]);
  });
});

describe("responses are checked against openapi.yaml", () => {
  it("a status without `status` is an invalid-response error naming the path", async () => {
    const { status: _, ...broken } = statusResult("SUMMARIZING");
    const { client } = setup(() => envelope(broken));
    const error = await client.sceneSummaries.status(ASSET).catch((e) => e);
    expect(error).toMatchObject({
      kind: "invalid-response",
      departure: { path: "$.result.status", expected: "a required property", received: "missing" },
    });
    expect(error.message).toMatch(/at \$\.result\.status, a required property, got missing/);
  });

  it("lax by default: another type, an unknown field: the body as received, each reported once", async () => {
    const body = statusResult("SUMMARIZING", 0, 1, { targetSceneIds: "1,2", newField: 1 });
    const drift: unknown[] = [];
    const { client } = setup(() => envelope(body), { hooks: { onDrift: (d) => drift.push(d) } });
    await expect(client.sceneSummaries.status(ASSET)).resolves.toEqual(body);
    await expect(client.sceneSummaries.status(ASSET)).resolves.toEqual(body);
    expect(drift).toEqual([
      {
        operationId: ID.assetStatus,
        path: "$.result.targetSceneIds",
        expected: "must be array or null",
        received: "string",
      },
      {
        operationId: ID.assetStatus,
        path: "$.result.newField",
        expected: "no such property (openapi.yaml does not declare it)",
        received: "integer",
      },
    ]);
  });

  it("strict: any departure is invalid-response, naming the path", async () => {
    const extra = statusResult("SUMMARIZING", 0, 1, { newField: 1 });
    const strict = setup(() => envelope(extra), { strictResponses: true });
    await expect(strict.client.sceneSummaries.status(ASSET)).rejects.toMatchObject({
      kind: "invalid-response",
      departure: { path: "$.result.newField" },
    });
  });
});

describe("review findings stay fixed", () => {
  const now = Date.parse("2026-12-03T02:00:00Z"); // 11:00:00 on the server's clock (UTC+09:00)

  it("a caller's abort while reconciling rejects with an AbortError caused by its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const { client, calls } = setup(
      (call, count) => {
        if (count === 1) return envelope(statusResult("SUMMARIZE_COMPLETED"));
        if (call.method === "POST") return hang(call);
        controller.abort(reason);
        return hang(call);
      },
      { requestTimeoutMs: 5 },
    );
    await expect(
      client.sceneSummaries.request(ASSET, {}, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError", cause: reason });
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("a deadline error keeps the last failure's status, code and cause", async () => {
    const { client } = setup(
      () =>
        Response.json({ error: { errorCode: "500", message: "Endpoint Error" } }, { status: 503 }),
      { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), retryDelayMs: 50 },
    );
    const error = await client.sceneSummaries.status(ASSET, { deadlineMs: 30 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "deadline", status: 503, code: "500" });
    expect(error.cause).toBeInstanceOf(MediaIntelligenceError);
  });

  it("a Retry-After date is measured on the server's clock (its Date header)", async () => {
    const server = Date.parse("2026-12-03T02:10:00Z"); // ten minutes ahead of ours
    const { client, delays } = setup(
      (_, count) =>
        count === 1
          ? Response.json(
              { error: { errorCode: "420", message: "Rate Limited" } },
              {
                status: 429,
                headers: {
                  Date: new Date(server).toUTCString(),
                  "Retry-After": new Date(server + 2_000).toUTCString(),
                },
              },
            )
          : envelope(RESULT),
      { clock: () => now },
    );
    await client.sceneSummaries.get(ASSET);
    expect(delays).toEqual([2_000]);
  });

  it("maxIntervalMs below 1 s is refused like intervalMs", async () => {
    const { client, calls } = setup(() => envelope(statusResult("SUMMARIZING")));
    await expect(client.sceneSummaries.wait(ASSET, { maxIntervalMs: 1 })).rejects.toThrow(
      /maxIntervalMs must be at least 1000 ms/,
    );
    expect(calls).toHaveLength(0);
  });

  it("summarize does not report the previous run's status as progress", async () => {
    const { client } = setup(rerunAfterStaleReads().answer);
    const progress: string[] = [];
    await client.sceneSummaries.summarize(ASSET, {
      intervalMs: 1_000,
      onProgress: (p) => progress.push(p.status),
    });
    expect(progress).toEqual(["SUMMARIZE_COMPLETED"]);
  });

  it("http://*.localhost is not taken for loopback", () => {
    expect(() => setup(() => envelope(), { baseUrl: "http://mi.localhost" })).toThrow(/plain HTTP/);
  });

  it("errors keep their message in JSON, and the last status they saw cannot change", async () => {
    const { client } = setup(() =>
      envelope(statusResult("SUMMARIZE_FAIL", 1, 2, { statusMessage: "boom" })),
    );
    const error = await client.sceneSummaries.wait(ASSET).catch((e) => e);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "SceneSummaryFailedError",
      message: "Scene summarisation failed: boom.",
    });
    expect(Object.isFrozen(error.lastStatus)).toBe(true);
    const invalid = await client.sceneSummaries.status({ ...ASSET, assetId: "" }).catch((e) => e);
    expect(JSON.parse(JSON.stringify(invalid))).toMatchObject({
      field: "assetId",
      message: "assetId must not be empty.",
    });
  });
});
