/**
 * Hostile answers and inputs on real sockets and through the CLI in this process: a body
 * nested ten thousand levels deep, an id of 100 kB, a system clock set back or forward during a
 * wait, a base URL with a password given twice, a client built in a web page, and a `--dry-run`
 * curl line that curl must send as one request.
 */
import { describe, expect, it } from "vitest";
import {
  createMediaIntelligenceApi,
  createMediaIntelligenceClient,
  createSigningMiddleware,
  InvalidInputError,
  MediaIntelligenceError,
  WaitTimeoutError,
} from "../../src/index.js";
import { ASSET_OPTIONS, runCli } from "../cli/support/cli.js";
import {
  type Gateway,
  type GatewayOptions,
  ok,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
  useGateways,
} from "../support/gateway.js";
import { EXAMPLE_ASSET_IDS as ASSET } from "../support/ids.js";

const launch = useGateways();
let gateway: Gateway | undefined;

async function serve(handler: GatewayOptions["handler"]) {
  gateway = await launch({ handler });
  return gateway;
}

function client(
  baseUrl: string,
  options: Parameters<typeof createMediaIntelligenceClient>[0] = {},
) {
  return createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl,
    retries: 0,
    ...options,
  });
}

/** A status whose unknown field nests `depth` arrays, as raw JSON (20 kB at 10,000). */
function deeplyNested(depth: number): string {
  const status = JSON.stringify(statusResult("SUMMARIZING", 1, 10));
  return `{"code":"0","message":"success","result":${status.slice(0, -1)},"deep":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
}

describe("a body nested 10,000 levels deep", () => {
  it("is refused as invalid-response, never a raw RangeError, by status and by wait", async () => {
    const { url } = await serve(() => ({
      raw: deeplyNested(10_000),
      headers: { "Content-Type": "application/json" },
    }));
    const c = client(url, { sleep: async () => {} });
    for (const call of [() => c.sceneSummaries.status(ASSET), () => c.sceneSummaries.wait(ASSET)]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaIntelligenceError);
      expect(error).toMatchObject({ kind: "invalid-response", status: 200 });
      expect((error as Error).message).toMatch(/nests deeper than 64 levels/);
    }
  });

  it("a body nested 60 levels deep is read (lax), its field reported, not descended", async () => {
    const { url } = await serve(() => ({
      raw: deeplyNested(60),
      headers: { "Content-Type": "application/json" },
    }));
    const drift: string[] = [];
    const c = client(url, { hooks: { onDrift: (d) => drift.push(d.path) } });
    await expect(c.sceneSummaries.status(ASSET)).resolves.toMatchObject({ status: "SUMMARIZING" });
    expect(drift).toEqual(["$.result.deep"]);
  });

  it("status --json exits 1 with one line, not a stack overflow", async () => {
    const { url } = await serve(() => ({
      raw: deeplyNested(10_000),
      headers: { "Content-Type": "application/json" },
    }));
    const { code, stdout, stderr } = await runCli(
      ["status", "--workspace", "w", "--project", "1", "--asset", "2", "--json"],
      { baseUrl: url },
    );
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(
      /^ncp-mi: GET \S+ answered HTTP 200 with a body that nests deeper than 64 levels/,
    );
    expect(stderr.split("\n")).toHaveLength(2);
  });
});

describe("an error body nested 10,000 levels deep", () => {
  it("is an invalid-response error of its own status, sent once, never a network error", async () => {
    const depth = 10_000;
    const gateway = await serve(() => ({
      status: 400,
      raw: `{"code":${"[".repeat(depth)}${"]".repeat(depth)},"message":"x"}`,
      headers: { "Content-Type": "application/json" },
    }));
    const error = await client(gateway.url, { retries: 2, sleep: async () => {} })
      .sceneSummaries.status(ASSET)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid-response", status: 400, attempts: 1 });
    expect((error as Error).message).toMatch(/answered HTTP 400 with a body that nests deeper/);
    expect(gateway.seen).toHaveLength(1);
  });
});

describe("server text in a library error's message", () => {
  const HOSTILE = "bad\u202egnp.exe\u009b31m\u001b[2J\u2028end";
  it.each([
    ["Media Intelligence's error", { status: 400, body: { code: "10001", message: HOSTILE } }],
    [
      "API Gateway's error",
      { status: 403, body: { error: { errorCode: "210", message: HOSTILE } } },
    ],
    [
      "an HTML page",
      { status: 502, raw: `<html>${HOSTILE}</html>`, headers: { "Content-Type": "text/html" } },
    ],
  ])("%s: no control or bidirectional character in the message", async (_, reply) => {
    const { url } = await serve(() => reply);
    const error = (await client(url)
      .sceneSummaries.status(ASSET)
      .catch((e: unknown) => e)) as MediaIntelligenceError;
    expect(error).toBeInstanceOf(MediaIntelligenceError);
    expect(error.message).toContain("gnp.exe");
    expect(error.message).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
  });
});

describe("an id of 100 kB", () => {
  const huge = "a".repeat(100_000);

  it("makes a bounded message in the library, the whole id still in the error's path", async () => {
    const { url } = await serve(() => ({ status: 404, body: { code: "40400", message: "Gone." } }));
    const error = await client(url)
      .sceneSummaries.status({ ...ASSET, assetId: huge })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaIntelligenceError);
    expect((error as Error).message.length).toBeLessThan(600);
    expect((error as MediaIntelligenceError).path).toContain(huge);
  });

  it("makes a bounded message when refused, in the library too", async () => {
    const error = await client("https://mi.example.test")
      .sceneSummaries.status({ ...ASSET, assetId: ` ${huge}` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message.length).toBeLessThan(400);
  });
});

describe("a wait measures time on a monotonic clock", () => {
  it("a system clock set an hour forward mid-wait does not end a 3 s wait early", {
    timeout: 20_000,
  }, async () => {
    const { url } = await serve(() => ok(statusResult("SUMMARIZING", 1, 10)));
    let wall = Date.now();
    const c = client(url, {
      // The system clock jumps an hour after the first poll; signatures follow it.
      clock: () => wall,
      sleep: async (ms) => {
        wall += 3_600_000;
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const started = performance.now();
    const error = await c.sceneSummaries
      .wait(ASSET, { intervalMs: 1_000, maxIntervalMs: 1_000, maxWaitMs: 3_000 })
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    // Ended by the 3 s limit on the monotonic clock, not by the wall clock's hours.
    expect(elapsed).toBeGreaterThanOrEqual(2_900);
    expect(error).toMatchObject({ timeoutMs: 3_000 });
  });

  it("progress reports no negative elapsed time when the clock is set back", async () => {
    const { url } = await serve((_, count) =>
      ok(statusResult(count < 3 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED", count, 3)),
    );
    let wall = Date.now();
    const elapsed: number[] = [];
    const c = client(url, {
      clock: () => wall,
      sleep: async () => {
        wall -= 3_600_000;
      },
    });
    await c.sceneSummaries.wait(ASSET, {
      intervalMs: 1_000,
      onProgress: (p) => elapsed.push(p.elapsedMs),
    });
    expect(elapsed).toHaveLength(3);
    for (const ms of elapsed) expect(ms).toBeGreaterThanOrEqual(0);
  });
});

describe("a base URL's password is never echoed", () => {
  it("--base-url given twice names both, the password hidden", async () => {
    const password = "pw-must-not-leak";
    const { code, stderr } = await runCli([
      "status",
      ...ASSET_OPTIONS,
      "--base-url",
      `https://user:${password}@a.example`,
      "--base-url",
      `https://b.example`,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "option --base-url is given twice ('https://***@a.example' and 'https://b.example')",
    );
    expect(stderr).not.toContain(password);
  });

  it("nor in the message for a base URL without its scheme", async () => {
    const { code, stderr } = await runCli([
      "status",
      ...ASSET_OPTIONS,
      "--base-url",
      "user:pw-secret@mi.example",
    ]);
    expect(code).toBe(2);
    expect(stderr).not.toContain("pw-secret");
    expect(stderr).toContain(
      "bad --base-url: --base-url must be an absolute http(s) URL, with its scheme",
    );
  });

  it("localhost:4010 is a base URL without its scheme, and the message says http://localhost:4010", async () => {
    const { code, stderr } = await runCli([
      "status",
      ...ASSET_OPTIONS,
      "--base-url",
      "localhost:4010",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("such as http://localhost:4010");
  });
});

describe("a client in a web page", () => {
  /** Runs `build` as if in a web page: a window with a document, and a navigator. */
  function inWebPage<T>(build: () => T): T {
    const g = globalThis as Record<string, unknown>;
    const saved = {
      window: g.window,
      navigator: Object.getOwnPropertyDescriptor(globalThis, "navigator"),
    };
    g.window = { document: {} };
    Object.defineProperty(globalThis, "navigator", {
      value: { userAgent: "test" },
      configurable: true,
    });
    try {
      return build();
    } finally {
      if (saved.window === undefined) delete g.window;
      else g.window = saved.window;
      if (saved.navigator) Object.defineProperty(globalThis, "navigator", saved.navigator);
    }
  }
  const keys = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };

  it.each<[string, () => unknown]>([
    ["createMediaIntelligenceClient", () => createMediaIntelligenceClient(keys)],
    ["createMediaIntelligenceApi", () => createMediaIntelligenceApi(keys)],
    ["createSigningMiddleware", () => createSigningMiddleware(keys)],
  ])("%s is refused, naming dangerouslyAllowBrowser", (_, build) => {
    expect(() => inWebPage(build)).toThrow(/dangerouslyAllowBrowser/);
    expect(() => inWebPage(build)).toThrow(InvalidInputError);
  });

  it("is allowed with dangerouslyAllowBrowser: true, and anywhere without a document", () => {
    expect(() =>
      inWebPage(() => createMediaIntelligenceClient({ ...keys, dangerouslyAllowBrowser: true })),
    ).not.toThrow();
    expect(() => createMediaIntelligenceClient(keys)).not.toThrow();
  });
});

describe("--dry-run's curl line is one request", () => {
  it("with a base path curl would glob, the URL is taken as it is (--globoff, --path-as-is)", async () => {
    const { code, stdout } = await runCli(
      ["status", "--workspace", "w", "--project", "1", "--asset", "{a,b}", "--dry-run"],
      { baseUrl: "https://mi.example/v[2-3]" },
    );
    expect(code).toBe(0);
    expect(stdout).toContain("--globoff");
    expect(stdout).toContain("--path-as-is");
    expect(stdout).toContain(
      "--url 'https://mi.example/v[2-3]/api/v1/workspaces/w/projects/1/assets/%7Ba%2Cb%7D/scene-summary/status'",
    );
  });
});
