/**
 * How ncp-mi writes: the progress of `wait` on a terminal (in process, through run(), since a
 * spawned child has no terminal), colour and NO_COLOR, the table's width, --debug, and a
 * reader that stops early.
 */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { toTable } from "../../src/export/index.js";
import {
  ok,
  type Reply,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { EXAMPLE_ASSET_STATUS_TARGET } from "../support/ids.js";
import { ASSET_OPTIONS, ESC, runCli, startCli } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const PROGRESS = [
  ok(statusResult("WAIT_SUMMARIZE", 0, 4)),
  ok(statusResult("SUMMARIZING", 1, 4)),
  ok(statusResult("SUMMARIZE_COMPLETED", 4, 4)),
];

/** Runs ncp-mi in this process against a gateway answering `replies`. */
async function runInProcess(
  args: string[],
  replies: Reply[],
  options: {
    isTTY?: boolean;
    env?: Record<string, string>;
    columns?: number;
    stderrColumns?: number;
  } = {},
) {
  const gateway = await startGateway(replies);
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    env: {
      NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
      NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
      NCLOUD_MI_BASE_URL: gateway.url,
      ...options.env,
    },
    stdout: {
      write: (text: string, done?: (error?: Error | null) => void) => {
        stdout += text;
        done?.();
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: options.isTTY,
    columns: options.columns,
    stderrColumns: options.stderrColumns,
  });
  return { code, stdout, stderr };
}

const WAIT = ["wait", ...ASSET_OPTIONS, "--interval", "1"];

describe("wait's progress on a terminal", () => {
  it("one bar, redrawn in place with \\r and clear-line, the status coloured", async () => {
    const { code, stdout, stderr } = await runInProcess(WAIT, PROGRESS, { isTTY: true });
    expect(code).toBe(0);
    expect(stdout).toContain("SUMMARIZE_COMPLETED");
    const draws = stderr.split("\r\x1b[2K");
    expect(draws[0]).toBe("");
    expect(draws.slice(1).map((draw) => draw.replace(/ {2}\d+\.\ds(\n)?$/, "$1"))).toEqual([
      "\x1b[36mWAIT_SUMMARIZE\x1b[39m [------------------------] 0/4 scenes",
      "\x1b[36mSUMMARIZING\x1b[39m [######------------------] 1/4 scenes",
      "\x1b[32mSUMMARIZE_COMPLETED\x1b[39m [########################] 4/4 scenes\n",
    ]);
  });

  it("NO_COLOR: no escape code at all; a shorter line blanks out the longer one before it", async () => {
    const { code, stderr } = await runInProcess(WAIT, PROGRESS, {
      isTTY: true,
      env: { NO_COLOR: "1" },
    });
    expect(code).toBe(0);
    expect(stderr).not.toContain(ESC);
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.indexOf("\n")).toBe(stderr.length - 1); // drawn on one line
    const draws = stderr.slice(0, -1).split("\r").slice(1);
    expect(draws.map((draw) => draw.trimEnd().replace(/ {2}\d+\.\ds$/, ""))).toEqual([
      "WAIT_SUMMARIZE [------------------------] 0/4 scenes",
      "SUMMARIZING [######------------------] 1/4 scenes",
      "SUMMARIZE_COMPLETED [########################] 4/4 scenes",
    ]);
    // WAIT_SUMMARIZE's line is longer than SUMMARIZING's: its end must be overwritten.
    expect(draws[1]?.length).toBeGreaterThanOrEqual(draws[0]?.length ?? 0);
  });

  it.each([
    [50, /^SUMMARIZE_COMPLETED \[#{5,23}\] 4\/4 scenes {2}\d/],
    [36, /^SUMMARIZE_COMPLETED 4\/4 scenes {2}\d/],
    [20, /^SUMMARIZE_COMPLETED$/],
  ])(
    "a terminal of %i columns: the bar shrinks, then goes, then the line is cut; it never wraps",
    async (columns, last) => {
      const { stderr } = await runInProcess(WAIT, PROGRESS, {
        isTTY: true,
        env: { NO_COLOR: "1" },
        stderrColumns: columns,
      });
      const draws = stderr.slice(0, -1).split("\r").slice(1);
      for (const draw of draws) expect(draw.length, draw).toBeLessThan(columns);
      expect(draws.at(-1)?.trimEnd()).toMatch(last);
    },
  );

  it("a terminal of 0 columns draws for COLUMNS, else 80", async () => {
    const narrow = await runInProcess(WAIT, PROGRESS, {
      isTTY: true,
      env: { NO_COLOR: "1", COLUMNS: "36" },
      stderrColumns: 0,
    });
    expect(narrow.stderr).not.toContain("[");
    const fallback = await runInProcess(WAIT, PROGRESS, {
      isTTY: true,
      env: { NO_COLOR: "1" },
      stderrColumns: 0,
    });
    expect(fallback.stderr).toContain("[########################]");
  });

  it("an empty NO_COLOR does not turn colour off (no-color.org)", async () => {
    const { stderr } = await runInProcess(WAIT, PROGRESS, { isTTY: true, env: { NO_COLOR: "" } });
    expect(stderr).toContain("\x1b[32mSUMMARIZE_COMPLETED\x1b[39m");
  });

  it("not a terminal: plain lines, even without NO_COLOR", async () => {
    const { stderr } = await runInProcess(WAIT, PROGRESS, { isTTY: false });
    expect(stderr).not.toContain(ESC);
    expect(stderr).not.toContain("\r");
    expect(stderr.trimEnd().split("\n")).toHaveLength(3);
  });

  it("the bar ends on its own line before an error", async () => {
    const { code, stderr } = await runInProcess(
      WAIT,
      [ok(statusResult("SUMMARIZING", 1, 4)), ok(statusResult("SUMMARIZE_CANCELED", 1, 4))],
      { isTTY: true, env: { NO_COLOR: "1" } },
    );
    expect(code).toBe(4);
    expect(stderr).toMatch(
      /1\/4 scenes +\d+\.\ds *\nncp-mi: Scene summarisation was cancelled\.\n$/,
    );
  });
});

describe("server text on a terminal", () => {
  it("is one line: each run of control characters and the spaces around it is one space", async () => {
    const result = statusResult("SUMMARIZE_FAIL", 4, 10, {
      statusMessage: " GPU quota \r\n\r\n exhausted\t\n",
    });
    const { code, stdout } = await runInProcess(["status", ...ASSET_OPTIONS], [ok(result)]);
    expect(code).toBe(0);
    expect(stdout).toContain("\nReason:     GPU quota exhausted\n");
  });
});

describe("summaries on a terminal", () => {
  it("the table fits the terminal's width", async () => {
    const result = {
      indexId: 1,
      sceneSummaries: [
        {
          scene: 1,
          startMs: 0,
          endMs: 1000,
          sceneSummary: {
            description: "word ".repeat(40).trim(),
            metadataChangedAfterSummary: false,
            analyzedAt: "2026-04-17T11:02:40",
          },
        },
      ],
    };
    const { code, stdout } = await runInProcess(["summaries", ...ASSET_OPTIONS], [ok(result)], {
      columns: 70,
    });
    expect(code).toBe(0);
    expect(stdout).toBe(toTable(result, { width: 70 }));
    expect(Math.max(...stdout.split("\n").map((line) => line.length))).toBe(70);
  });
});

describe("--debug", () => {
  it("logs each request attempt on stderr, and the access key masked", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(["status", ...ASSET_OPTIONS, "--debug"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("SUMMARIZING");
    expect(stderr).toContain(`debug: base URL ${gateway.url}, access key ***********_KEY\n`);
    expect(stderr).toMatch(
      /\ndebug: GET 127\.0\.0\.1:\d+\/api\/v1\/\S*\/scene-summary\/status, attempt 1, at \d+(\.\d+)? s\n/,
    );
    expect(stderr).not.toContain(TEST_ACCESS_KEY);
  });

  it("logs each response after its request: the status, the attempt and how long it took, and no header", async () => {
    const unavailable: Reply = {
      status: 503,
      headers: { "Retry-After": "0" },
      body: { error: { errorCode: "500", message: "Endpoint Error" } },
    };
    const gateway = await startGateway([unavailable, ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runCli(["status", ...ASSET_OPTIONS, "--debug"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    const request = escapeRegExp(`GET ${new URL(gateway.url).host}${EXAMPLE_ASSET_STATUS_TARGET}`);
    // Seconds, as `seconds()` writes them: at most three decimals, never milliseconds.
    const time = String.raw`\d+(\.\d{1,3})? s`;
    const lines = stderr.split("\n").filter((line) => /^debug: (GET|HTTP) /.test(line));
    expect(lines).toHaveLength(4);
    const expected = [
      `${request}, attempt 1, at ${time}`,
      `HTTP 503 for ${request}, attempt 1, in ${time}, at ${time}`,
      `${request}, attempt 2, at ${time}`,
      `HTTP 200 for ${request}, attempt 2, in ${time}, at ${time}`,
    ];
    lines.forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^debug: ${expected[i]}$`));
    });
    // Nothing of what signed the requests: neither header values nor the secret key.
    const signatures = gateway.seen.map((seen) => seen.headers["x-ncp-apigw-signature-v2"]);
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) {
      expect(typeof signature).toBe("string");
      expect(stderr).not.toContain(signature);
    }
    const timestamp = gateway.seen[0]?.headers["x-ncp-apigw-timestamp"];
    expect(typeof timestamp).toBe("string");
    expect(stderr).not.toContain(timestamp);
    expect(stderr).not.toContain(TEST_SECRET_KEY);
    expect(stderr).not.toContain(TEST_ACCESS_KEY);
  });

  it("logs each retry and each poll, from the client's hooks, in seconds", async () => {
    const unavailable: Reply = {
      status: 503,
      headers: { "Retry-After": "1" },
      body: { error: { errorCode: "500", message: "Endpoint Error" } },
    };
    const gateway = await startGateway([
      unavailable,
      ok(statusResult("SUMMARIZING", 3, 10)),
      ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
    ]);
    const { code, stderr } = await runCli([...WAIT, "--debug"], { baseUrl: gateway.url });
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /\ndebug: retrying GET \S+\/status in 1 s after attempt 1: gateway \(HTTP 503\)\n/,
    );
    expect(stderr).toMatch(/\ndebug: GET \S+\/status, attempt 2, at 1(\.\d+)? s\n/);
    expect(stderr).toMatch(
      /\ndebug: poll 1: SUMMARIZING, 3\/10 scenes, at \d+(\.\d+)? s, next in 1 s\n/,
    );
    expect(stderr).toMatch(/\ndebug: poll 2: SUMMARIZE_COMPLETED, 10\/10 scenes, at /);
    expect(stderr).not.toMatch(/\d ms\b/);
  });

  it("logs the base URL as normalised and sent, not as given", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const given = `${gateway.url.replace("http://127.0.0.1", "HTTP://127.0.0.1")}//`;
    const { code, stderr } = await runCli(["status", ...ASSET_OPTIONS, "--debug"], {
      baseUrl: given,
    });
    expect(code).toBe(0);
    expect(stderr).toContain(`debug: base URL ${gateway.url}, access key `);
    expect(stderr).not.toContain(given);
  });

  it("adds the stack trace of an error; without it, one line", async () => {
    const gateway = await startGateway([
      { status: 404, body: { code: "40400", message: "Gone." } },
    ]);
    const args = ["status", ...ASSET_OPTIONS];
    const [plain, debug] = await Promise.all([
      runCli(args, { baseUrl: gateway.url }),
      runCli([...args, "--debug"], { baseUrl: gateway.url }),
    ]);
    expect(plain.code).toBe(1);
    expect(debug.code).toBe(1);
    expect(plain.stderr).toMatch(/^ncp-mi: [^\n]*HTTP 404[^\n]*\n$/);
    expect(debug.stderr).toContain(plain.stderr);
    expect(debug.stderr).toMatch(/MediaIntelligenceError: .*HTTP 404/);
    expect(debug.stderr).toMatch(/\n {4}at /);
  });

  it.each([
    { name: "a rejected signature", reply: [] as Reply[], secret: "a-wrong-secret-key" },
    { name: "a network failure", reply: [{ reset: true }] as Reply[], secret: TEST_SECRET_KEY },
    {
      name: "a failed summarisation",
      reply: [ok(statusResult("SUMMARIZE_FAIL"))],
      secret: TEST_SECRET_KEY,
    },
  ])("never prints the secret key: $name", async ({ reply, secret }) => {
    // runCli itself fails a run that prints the secret; this drives the noisiest paths.
    const gateway = await startGateway(reply.length ? reply : [ok(statusResult("SUMMARIZING"))]);
    const { code, stderr } = await runCli(
      ["wait", ...ASSET_OPTIONS, "--debug", "--retries", "0", "--interval", "1"],
      { baseUrl: gateway.url, env: { NCLOUD_SECRET_KEY: secret } },
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain("debug: GET");
    expect(stderr).not.toContain(secret);
  });
});

describe("stdout closed early", () => {
  it("`ncp-mi summaries | head` ends quietly with 0", async () => {
    const many = {
      indexId: 1,
      sceneSummaries: Array.from({ length: 5000 }, (_, i) => ({
        scene: i + 1,
        startMs: i * 1000,
        endMs: (i + 1) * 1000,
        sceneSummary: {
          description: `Scene ${i + 1} in a long result that fills more than one pipe buffer.`,
          metadataChangedAfterSummary: false,
          analyzedAt: "2026-04-17T11:02:40",
        },
      })),
    };
    const gateway = await startGateway([ok(many)]);
    const cli = startCli(["summaries", ...ASSET_OPTIONS], { baseUrl: gateway.url });
    cli.child.stdout?.once("data", () => cli.child.stdout?.destroy());
    const { code, stderr } = await cli.result;
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
