import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMediaIntelligenceClient,
  InvalidInputError,
  type MediaIntelligenceClientOptions,
  MediaIntelligenceError,
} from "../../src/index.js";
import {
  expectedSignature,
  type Gateway,
  ok,
  startGateway,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import {
  EXAMPLE_ASSET_IDS as ASSET,
  EXAMPLE_IDS as IDS,
  EXAMPLE_STATUS_TARGET as STATUS_TARGET,
} from "../support/ids.js";

/** A fetch that records what it is asked and answers from a function. */
function recordingFetch(
  answer: (url: string) => Response = () => jsonResponse(200, ok(statusResult("SUMMARIZING"))),
) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer(url);
  };
  return { fetch, calls };
}

function jsonResponse(
  status: number,
  reply: unknown,
  headers: Record<string, string> = {},
): Response {
  const body = (reply as { body?: unknown }).body ?? reply;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function client(options: MediaIntelligenceClientOptions = {}) {
  return createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: "https://mi.example.test",
    retries: 0,
    ...options,
  });
}

describe("signed requests", () => {
  it("sends the four headers, signed over the request target with the injected clock", async () => {
    const { fetch, calls } = recordingFetch();
    await client({ fetch, clock: () => 1_700_000_000_000 }).getSceneSummaryStatus(IDS);
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0] as (typeof calls)[0];
    expect(url).toBe(`https://mi.example.test${STATUS_TARGET}`);
    const headers = new Headers(init.headers);
    expect(headers.get("x-ncp-apigw-timestamp")).toBe("1700000000000");
    expect(headers.get("x-ncp-iam-access-key")).toBe(TEST_ACCESS_KEY);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("x-ncp-apigw-signature-v2")).toBe(
      expectedSignature("GET", STATUS_TARGET, "1700000000000", TEST_ACCESS_KEY, TEST_SECRET_KEY),
    );
  });

  it("matches the published vector for the status example", async () => {
    const { fetch, calls } = recordingFetch();
    await createMediaIntelligenceClient({
      accessKey: "ACCESS_KEY_ID",
      secretKey: "ncp-secret-example",
      fetch,
      clock: () => 1700000000000,
    }).getSceneSummaryStatus(IDS);
    const headers = new Headers(calls[0]?.init.headers);
    expect(calls[0]?.url).toBe(`https://mi.apigw.ntruss.com${STATUS_TARGET}`);
    expect(headers.get("x-ncp-apigw-signature-v2")).toBe(
      "6iQk53DX98XgQUVP9kBZxHQx0ACwNP9HM9TY8P3BRVA=",
    );
  });

  it("takes a fresh timestamp for every request", async () => {
    const { fetch, calls } = recordingFetch();
    let now = 1_000;
    const c = client({ fetch, clock: () => now++ });
    await c.getSceneSummaryStatus(IDS);
    await c.getSceneSummaryStatus(IDS);
    const stamps = calls.map(({ init }) => new Headers(init.headers).get("x-ncp-apigw-timestamp"));
    // Each attempt reads the clock afresh (the requester reads it too, for its hooks).
    expect(new Set(stamps).size).toBe(2);
    expect(Number(stamps[1])).toBeGreaterThan(Number(stamps[0]));
  });

  it("resolves to the typed result object", async () => {
    const { fetch } = recordingFetch();
    const status = await client({ fetch }).getSceneSummaryStatus(IDS);
    expect(status).toEqual(statusResult("SUMMARIZING"));
  });

  it.each([
    ["HTTPS://MI.Example.TEST:443/x/", "https://mi.example.test/x"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["https://proxy.example.test/mi//", "https://proxy.example.test/mi"],
  ])("normalises the base URL %s to %s, the form fetch sends", (baseUrl, normalised) => {
    expect(client({ baseUrl }).baseUrl).toBe(normalised);
  });

  it("never quotes a base URL's password in the error", () => {
    expect(() => client({ baseUrl: "http://user:hunter2@h" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });

  it("keeps a base URL's path prefix and signs it", async () => {
    const { fetch, calls } = recordingFetch();
    await client({ fetch, baseUrl: "https://proxy.example.test/mi/" }).getSceneSummaryStatus(IDS);
    expect(calls[0]?.url).toBe(`https://proxy.example.test/mi${STATUS_TARGET}`);
  });
});

describe("a gateway that checks signatures on its own", () => {
  let gateway: Gateway | undefined;
  afterEach(async () => gateway?.close());

  const awkward = [
    "with space",
    "slash/inside",
    "question?mark",
    "hash#tag",
    "per%cent",
    "%2E%2E",
    "...",
    "한글-작업공간",
    "emoji-🎬",
    "quote'\"()*!~",
    "plus+and&amp=eq",
    "back\\slash",
    "tab-less but spaced  twice",
  ];

  it.each(awkward)("accepts a request whose ids contain %j", async (id) => {
    gateway = await startGateway({ handler: () => ok({ indexId: 1, sceneSummaries: [] }) });
    const c = client({ baseUrl: gateway.url });
    await c.getSceneSummaries({ ...IDS, workspaceName: id, assetId: id });
    await c.getSceneSummaryStatus({ ...IDS, sceneSummaryId: id }).catch(() => undefined);
    expect(gateway.seen.map((r) => r.authenticated)).toEqual([true, true]);
    // The id arrives as one path segment, percent-encoded, and decodes back to itself.
    const segments = (gateway.seen[0] as { target: string }).target.split("/");
    expect(decodeURIComponent(segments[4] as string)).toBe(id);
    expect(decodeURIComponent(segments[8] as string)).toBe(id);
  });

  it("is refused by the gateway when the secret is wrong, with an error that says authentication failed", async () => {
    gateway = await startGateway({ handler: () => ok({}) });
    const error = await client({ baseUrl: gateway.url, secretKey: "wrong" })
      .getSceneSummaryStatus(IDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaIntelligenceError);
    expect(error).toMatchObject({ kind: "gateway", status: 401, code: "200" });
    expect((error as Error).message).toMatch(/^Authentication failed/);
  });
});

describe("inputs are checked before anything is sent", () => {
  const bad: [string, unknown, RegExp][] = [
    ["workspaceName", "", /workspaceName must not be empty/],
    ["projectId", ".", /projectId must not be "\."/],
    ["assetId", "..", /assetId must not be "\.\."/],
    ["indexId", "10\n01", /indexId must not contain control characters \(U\+000A at index 2\)/],
    ["indexId", "a\u0000", /U\+0000/],
    ["indexId", "a\u007f", /U\+007F/],
    ["indexId", "a\u0085", /U\+0085/],
    ["sceneSummaryId", "\ud800", /lone UTF-16 surrogate/],
    ["sceneSummaryId", 1.5, /sceneSummaryId must be a whole number ≥ 0, got 1.5/],
    ["sceneSummaryId", -1, /sceneSummaryId must be a whole number ≥ 0, got -1/],
    ["sceneSummaryId", undefined, /sceneSummaryId must be a string or a number, got undefined/],
    ["sceneSummaryId", null, /sceneSummaryId must be a string or a number, got null/],
    ["workspaceName", "   ", /workspaceName must not be blank/],
    ["workspaceName", "\u3000", /workspaceName must not be blank/],
    ["projectId", "\u00a0", /projectId must not be blank/],
    ["assetId", " 5678", /assetId must not start or end with white space/],
  ];

  it.each(bad)("%s = %j is refused", async (field, value, message) => {
    const { fetch, calls } = recordingFetch();
    const c = client({ fetch });
    const ids = { ...IDS, [field]: value } as typeof IDS;
    await expect(c.getSceneSummaryStatus(ids)).rejects.toThrow(message);
    await expect(c.getSceneSummaryStatus(ids)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(c.waitForSceneSummary(ids)).rejects.toThrow(message);
    if (field !== "sceneSummaryId") await expect(c.getSceneSummaries(ids)).rejects.toThrow(message);
    expect(calls).toHaveLength(0);
  });

  it("refuses ids that are not an object", async () => {
    const { fetch, calls } = recordingFetch();
    await expect(client({ fetch }).getSceneSummaries(null as never)).rejects.toThrow(
      /ids must be an object/,
    );
    expect(calls).toHaveLength(0);
  });
});

describe("options", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("fails at creation without credentials, naming the environment variables", () => {
    delete process.env.NCLOUD_ACCESS_KEY;
    delete process.env.NCLOUD_SECRET_KEY;
    expect(() => createMediaIntelligenceClient()).toThrow(/NCLOUD_ACCESS_KEY/);
    expect(() => createMediaIntelligenceClient({ accessKey: "a" })).toThrow(/NCLOUD_SECRET_KEY/);
    expect(() => createMediaIntelligenceClient({ accessKey: "", secretKey: "s" })).toThrow(
      InvalidInputError,
    );
  });

  it("reads credentials and the base URL from the environment", async () => {
    process.env.NCLOUD_ACCESS_KEY = "ENV_KEY";
    process.env.NCLOUD_SECRET_KEY = "env-secret";
    process.env.NCLOUD_MI_BASE_URL = "http://localhost:9999";
    const { fetch, calls } = recordingFetch();
    const c = createMediaIntelligenceClient({ fetch, clock: () => 5 });
    expect(c.baseUrl).toBe("http://localhost:9999");
    await c.getSceneSummaryStatus(IDS);
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get("x-ncp-iam-access-key")).toBe("ENV_KEY");
    expect(headers.get("x-ncp-apigw-signature-v2")).toBe(
      expectedSignature("GET", STATUS_TARGET, "5", "ENV_KEY", "env-secret"),
    );
  });

  it.each([
    [{ baseUrl: "mi.apigw.ntruss.com" }, /baseUrl must be an absolute http\(s\) URL/],
    [{ baseUrl: "ftp://host" }, /baseUrl must be an http\(s\) URL/],
    [{ baseUrl: "https://host/?q=1" }, /must not have a query or a fragment/],
    // An empty query or fragment would swallow the API path: http://h?/api/v1/… is "/?/api…".
    [{ baseUrl: "http://h?" }, /must not have a query or a fragment/],
    [{ baseUrl: "http://h#" }, /must not have a query or a fragment/],
    [{ baseUrl: "http://user:pw@h" }, /must not contain a user name or password/],
    // Timers hold at most 2^31 - 1 ms; a longer timeout would fire at once.
    [
      { requestTimeoutMs: 3e9 },
      /requestTimeoutMs must be a positive number of milliseconds up to 2147483647/,
    ],
    [{ maxRetryDelayMs: 2 ** 31 }, /maxRetryDelayMs/],
    [{ retries: -1 }, /retries must be a whole number/],
    [{ retries: 1.5 }, /retries must be a whole number/],
    [{ requestTimeoutMs: 0 }, /requestTimeoutMs must be a positive number/],
    [{ accessKey: "has space" }, /accessKey must be a non-empty string of printable ASCII/],
    [{ maxRequestsPerSecond: 0 }, /maxRequestsPerSecond must be a positive number of requests/],
    [{ maxRequestsPerSecond: -5 }, /maxRequestsPerSecond must be a positive number/],
    [{ maxRequestsPerSecond: Number.NaN }, /maxRequestsPerSecond must be a positive number/],
    [{ maxRequestsPerSecond: "10" }, /maxRequestsPerSecond must be a positive number/],
    [{ maxRequestsPerSecond: 1e7 }, /maxRequestsPerSecond .* up to 1000000, got 10000000/],
  ])("refuses %j", (options, message) => {
    expect(() => client(options as MediaIntelligenceClientOptions)).toThrow(message);
  });
});

describe("errors", () => {
  const cases: [string, () => Response, Record<string, unknown>, RegExp][] = [
    [
      "gateway shape",
      () => jsonResponse(429, { error: { errorCode: "410", message: "Throttle Limited" } }),
      { kind: "gateway", status: 429, code: "410", serverMessage: "Throttle Limited" },
      /HTTP 429, API Gateway error 410: Throttle Limited/,
    ],
    [
      "gateway shape with a numeric code and details",
      () => jsonResponse(403, { error: { errorCode: 230, message: "Forbidden", details: "x" } }),
      { kind: "gateway", status: 403, code: "230" },
      /API Gateway error 230: Forbidden/,
    ],
    [
      "Media Intelligence shape",
      () => jsonResponse(400, { code: "10001", message: "Invalid Request." }),
      { kind: "api", status: 400, code: "10001", serverMessage: "Invalid Request." },
      /HTTP 400, Media Intelligence error 10001: Invalid Request\./,
    ],
    [
      "Media Intelligence error inside a 200",
      () => jsonResponse(200, { code: "10001", message: "Invalid Request." }),
      { kind: "api", status: 200, code: "10001" },
      /Media Intelligence error 10001/,
    ],
    [
      "an HTML error page",
      () =>
        new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
          status: 502,
          headers: { "Content-Type": "text/html" },
        }),
      { kind: "invalid-response", status: 502, code: undefined },
      /answered HTTP 502 with a body that is in neither error shape \(text\/html\): "<html><body><h1>502 Bad Gateway/,
    ],
    [
      "truncated JSON on success",
      () => new Response('{"code":"0","message":"success","result":{"sta', { status: 200 }),
      { kind: "invalid-response", status: 200 },
      /body that is not valid JSON/,
    ],
    [
      "a success without result",
      () => jsonResponse(200, { code: "0", message: "success" }),
      { kind: "invalid-response", status: 200 },
      /openapi\.yaml does not allow and the SDK cannot use: at \$\.result, a required property, got missing/,
    ],
    [
      "an empty success body",
      () => new Response("", { status: 200, headers: { "Content-Length": "0" } }),
      { kind: "invalid-response", status: 200 },
      /\(empty\)/,
    ],
  ];

  it.each(cases)(
    "%s becomes a clear MediaIntelligenceError",
    async (_name, answer, fields, message) => {
      const { fetch } = recordingFetch(answer);
      const error = await client({ fetch })
        .getSceneSummaryStatus(IDS)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaIntelligenceError);
      expect(error).toMatchObject({ ...fields, method: "GET", path: STATUS_TARGET });
      expect((error as Error).message).toMatch(message);
    },
  );

  it("a gateway error without a message says so instead of 'undefined'", async () => {
    const { fetch } = recordingFetch(() => jsonResponse(503, { error: { errorCode: "500" } }));
    const error = await client({ fetch })
      .getSceneSummaryStatus(IDS)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "gateway", code: "500", serverMessage: undefined });
    expect((error as Error).message).toMatch(/API Gateway error 500: no message\)/);
  });

  it("a signing failure rejects as it is: not a network error, not retried, nothing sent", async () => {
    const { fetch, calls } = recordingFetch();
    const broken = client({
      fetch,
      retries: 2,
      clock: () => {
        throw new Error("clock unavailable");
      },
    });
    const error = await broken.getSceneSummaryStatus(IDS).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MediaIntelligenceError);
    expect((error as Error).message).toBe("clock unavailable");
    expect(calls).toHaveLength(0);
  });

  it("a caller's abort during the wait between retries stops at once, without another attempt", async () => {
    const controller = new AbortController();
    const { fetch, calls } = recordingFetch(() => {
      queueMicrotask(() => controller.abort(new Error("stop now")));
      return jsonResponse(503, { error: { errorCode: "500", message: "Endpoint Error" } });
    });
    const slow = client({ fetch, retries: 3, retryDelayMs: 60_000, maxRetryDelayMs: 60_000 });
    const started = Date.now();
    await expect(
      slow.getSceneSummaryStatus(IDS, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError", cause: new Error("stop now") });
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(30_000); // did not sit out the 30–60 s backoff
  });

  it("a hook that throws fails the call as it is: never taken for a network error, the POST not sent again", async () => {
    const { fetch, calls } = recordingFetch(() =>
      jsonResponse(200, ok(statusResult("SUMMARIZE_COMPLETED"))),
    );
    const hooked = client({
      fetch,
      retries: 2,
      hooks: {
        onResponse: ({ method }) => {
          if (method === "POST") throw new Error("the hook broke");
        },
      },
    });
    const error = await hooked.sceneSummaries.request(ASSET).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MediaIntelligenceError);
    expect((error as Error).message).toBe("the hook broke");
    expect(calls.map((c) => c.init.method)).toEqual(["GET", "POST"]);
  });

  it.each([0, 600, 999])(
    "an HTTP status of %i, which a hand-made fetch can answer, is an invalid response",
    async (status) => {
      const { fetch, calls } = recordingFetch(
        () =>
          ({
            status,
            statusText: "",
            type: "default",
            ok: false,
            headers: new Headers(),
            body: null,
          }) as unknown as Response,
      );
      const error = await client({ fetch, retries: 2 })
        .getSceneSummaryStatus(IDS)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "invalid-response", status: undefined });
      expect((error as Error).message).toContain(`HTTP status ${status}, which HTTP does not have`);
      expect(calls).toHaveLength(1);
    },
  );

  it("a request is signed once it has a connection, however long it waited for one", async () => {
    let now = 1_700_000_000_000;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fetch, calls } = recordingFetch(() =>
      jsonResponse(200, ok(statusResult("SUMMARIZING"))),
    );
    const slow = async (url: string, init: RequestInit) => {
      if (calls.length === 0) {
        const answer = fetch(url, init);
        await held;
        return answer;
      }
      return fetch(url, init);
    };
    const one = client({ fetch: slow, maxConnections: 1, clock: () => now });
    const first = one.getSceneSummaryStatus(IDS);
    const second = one.getSceneSummaryStatus(IDS);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
    now += 10 * 60_000; // ten minutes in line: a timestamp taken before would be refused
    release();
    await Promise.all([first, second]);
    const stamps = calls.map((c) => new Headers(c.init.headers).get("x-ncp-apigw-timestamp"));
    expect(stamps).toEqual([String(1_700_000_000_000), String(now)]);
  });

  it("a network failure is kind network, with the cause", async () => {
    const fetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    };
    const error = await client({ fetch })
      .getSceneSummaryStatus(IDS)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network", status: undefined });
    expect((error as Error).message).toMatch(/network error \(ECONNRESET\)/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe("the secret key never leaks", () => {
  const SECRET = "s3cr3t-VALUE-that-must-not-leak";

  it("is absent from the client, its errors, stacks, JSON and inspect output", async () => {
    const { fetch } = recordingFetch(() =>
      jsonResponse(401, { error: { errorCode: "200", message: "Authentication Failed" } }),
    );
    const c = client({ fetch, secretKey: SECRET });
    const error = await c.getSceneSummaryStatus(IDS).then(
      () => {
        throw new Error("expected a rejection");
      },
      (e: unknown) => e as Error,
    );
    const timeoutError = await client({
      secretKey: SECRET,
      requestTimeoutMs: 1,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
        ),
    })
      .getSceneSummaryStatus(IDS)
      .then(
        () => {
          throw new Error("expected a rejection");
        },
        (e: unknown) => e as Error,
      );
    const inputError = await c.getSceneSummaryStatus({ ...IDS, indexId: "" }).then(
      () => {
        throw new Error("expected a rejection");
      },
      (e: unknown) => e as Error,
    );
    const surfaces = [
      inspect(c, { depth: 10, showHidden: true }),
      JSON.stringify(c),
      ...[error, timeoutError, inputError].flatMap((e) => [
        String(e),
        e.stack,
        JSON.stringify(e),
        inspect(e, { depth: 10, showHidden: true }),
      ]),
    ];
    expect(timeoutError).toMatchObject({ kind: "timeout" });
    for (const surface of surfaces) expect(surface).not.toContain(SECRET);
    // And the check itself can see a leak: the secret does go into the signature's key.
    expect(inspect({ secretKey: SECRET })).toContain(SECRET);
  });

  it("errors carry method and path but no headers", async () => {
    const { fetch } = recordingFetch(() =>
      jsonResponse(500, { error: { errorCode: "900", message: "Unexpected Error" } }),
    );
    const error = await client({ fetch })
      .getSceneSummaryStatus(IDS)
      .then(
        () => {
          throw new Error("expected a rejection");
        },
        (e: unknown) => e as Error,
      );
    const serialised = JSON.stringify(error);
    expect(JSON.parse(serialised)).toMatchObject({
      method: "GET",
      path: STATUS_TARGET,
      status: 500,
    });
    expect(serialised).not.toMatch(/x-ncp|signature|timestamp/i);
  });
});
