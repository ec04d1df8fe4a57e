/**
 * Every exit code of the built CLI against test/support/gateway.ts, which checks each
 * request's signature on its own: 0, 1, 3, 4, 5 and 130 here; 2 in input.test.ts.
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ok, type Reply, statusResult } from "../support/gateway.js";
import {
  EXAMPLE_ASSET_STATUS_TARGET,
  EXAMPLE_ASSET_SUMMARY_TARGET,
  EXAMPLE_STATUS_TARGET,
} from "../support/ids.js";
import {
  ASSET_OPTIONS,
  DEPRECATION_NOTE,
  ESC,
  INDEX_OPTIONS,
  runCli,
  SUMMARY_OPTIONS,
  startCli,
} from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

const STATUS_PATH = EXAMPLE_ASSET_STATUS_TARGET;
const RESULT_PATH = EXAMPLE_ASSET_SUMMARY_TARGET;

const RESULT = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: null },
  sceneSummaries: [
    {
      scene: 1,
      startMs: 1000,
      endMs: 3000,
      sceneSummary: {
        description: "The host greets the camera.",
        metadataChangedAfterSummary: false,
        analyzedAt: "2026-04-17T10:30:00",
      },
    },
  ],
};

/** The fastest polling allowed: once a second. */
const FAST = ["--interval", "1"];

function apiError(status: number, code: string, message: string): Reply {
  return { status, body: { code, message } };
}

/** A port with nothing listening on it: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describe("0: success", () => {
  it("status prints a summary for people, from a signed request", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(
      [
        "Status:     SUMMARIZING: summarisation is in progress",
        "Scenes:     3 of 10 analysed (all scenes)",
        "Requested:  2026-04-17T10:30:00",
        "Completed:  -",
        "",
      ].join("\n"),
    );
    expect(gateway.seen.map((request) => [request.target, request.authenticated])).toEqual([
      [STATUS_PATH, true],
    ]);
  });

  it("0.1.0's index-based status still works, after one deprecation line", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(["status", ...SUMMARY_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: DEPRECATION_NOTE });
    expect(stdout).toContain("Status:     SUMMARIZING: summarisation is in progress\n");
    expect(gateway.seen.map((request) => request.target)).toEqual([EXAMPLE_STATUS_TARGET]);
  });

  it("status --json prints the result object, two-space indented", async () => {
    const result = statusResult("WAIT_SUMMARIZE", 0, 3, { targetSceneIds: [2, 5, 7] });
    const gateway = await startGateway([ok(result)]);
    const { code, stdout } = await runCli(["status", ...ASSET_OPTIONS, "--json"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });

  it("status shows the target scenes and the reason of a failure, and still exits 0", async () => {
    const result = statusResult("SUMMARIZE_FAIL", 4, 10, {
      statusMessage: "GPU quota\u001b[31m exhausted",
      targetSceneIds: [4, 9],
    });
    const gateway = await startGateway([ok(result)]);
    const { code, stdout } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("Status:     SUMMARIZE_FAIL: summarisation failed\n");
    expect(stdout).toContain("Scenes:     4 of 10 analysed (scenes 4, 9)\n");
    // The server's text reaches the terminal without its escape sequence.
    expect(stdout).toContain("Reason:     GPU quota [31m exhausted\n");
    expect(stdout).not.toContain(ESC);
  });

  it("wait polls until SUMMARIZE_COMPLETED and prints the final status", async () => {
    const gateway = await startGateway([
      ok(statusResult("WAIT_SUMMARIZE", 0, 10)),
      ok(statusResult("SUMMARIZING", 4, 10)),
      ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
    ]);
    const { code, stdout, stderr } = await runCli(["wait", ...ASSET_OPTIONS, ...FAST], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Status:     SUMMARIZE_COMPLETED: all requested scenes are summarised",
    );
    expect(stdout).toContain("Completed:  2026-04-17T10:42:17");
    // Not a terminal: one plain line per poll.
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^wait: WAIT_SUMMARIZE, 0\/10 scenes analysed, \d+\.\ds elapsed$/);
    expect(lines[1]).toMatch(/^wait: SUMMARIZING, 4\/10 scenes analysed, /);
    expect(lines[2]).toMatch(/^wait: SUMMARIZE_COMPLETED, 10\/10 scenes analysed, /);
    expect(gateway.seen).toHaveLength(3);
    expect(gateway.seen.every((request) => request.authenticated)).toBe(true);
  });

  it("wait --json prints the final status as JSON", async () => {
    const done = statusResult("SUMMARIZE_COMPLETED", 10, 10);
    const gateway = await startGateway([ok(done)]);
    const { code, stdout } = await runCli(["wait", ...ASSET_OPTIONS, "--json"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(done);
  });

  it("a retryable failure is retried, --retries times", async () => {
    const unavailable: Reply = {
      status: 503,
      headers: { "Retry-After": "0" },
      body: { error: { errorCode: "500", message: "Endpoint Error" } },
    };
    const gateway = await startGateway([unavailable, ok(RESULT)]);
    const { code } = await runCli(["summaries", ...ASSET_OPTIONS, "--retries", "1"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(gateway.seen.map((request) => request.target)).toEqual([RESULT_PATH, RESULT_PATH]);
  });
});

describe("1: API or network error", () => {
  it("a 404 from the API", async () => {
    const gateway = await startGateway([apiError(404, "40400", "Scene summary not found.")]);
    const { code, stdout, stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `ncp-mi: GET ${STATUS_PATH} failed (HTTP 404, Media Intelligence error 40400: Scene summary not found.).\n`,
    );
  });

  it("a 409 for summaries before completion", async () => {
    const gateway = await startGateway([apiError(409, "40900", "Analysis in progress.")]);
    const { code, stderr } = await runCli(["summaries", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("HTTP 409");
  });

  it("a rejected signature (wrong secret key)", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING"))]);
    const { code, stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
      env: { NCLOUD_SECRET_KEY: "not-the-gateway-secret" },
    });
    expect(code).toBe(1);
    expect(stderr).toContain("ncp-mi: Authentication failed");
    expect(stderr).toContain("API Gateway error 200");
    expect(gateway.seen[0]?.authenticated).toBe(false);
  });

  it("retries exhausted: the last error, after 1 + --retries attempts", async () => {
    const gateway = await startGateway([
      {
        status: 503,
        headers: { "Retry-After": "0" },
        body: { error: { errorCode: "500", message: "Endpoint Error" } },
      },
    ]);
    const { code, stderr } = await runCli(["status", ...ASSET_OPTIONS, "--retries", "2"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("HTTP 503");
    expect(gateway.seen).toHaveLength(3);
  });

  it("--retries 0 makes one attempt", async () => {
    const gateway = await startGateway([
      { status: 500, body: { error: { errorCode: "900", message: "Unexpected Error" } } },
    ]);
    const { code } = await runCli(["status", ...ASSET_OPTIONS, "--retries", "0"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(gateway.seen).toHaveLength(1);
  });

  it("a connection to a closed port", async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await runCli([
      "status",
      ...ASSET_OPTIONS,
      "--retries",
      "0",
      "--base-url",
      `http://127.0.0.1:${port}`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `ncp-mi: GET ${STATUS_PATH}: nothing listens on 127.0.0.1:${port} (ECONNREFUSED): the connection was refused. Check --base-url.\n`,
    );
  });

  it("a server that never answers, past --request-timeout", async () => {
    const gateway = await startGateway([{ hang: true }]);
    const { code, stderr } = await runCli(
      ["status", ...ASSET_OPTIONS, "--retries", "0", "--request-timeout", "0.2"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      `ncp-mi: GET ${STATUS_PATH}: no whole answer from ${new URL(gateway.url).host} within 0.2 s (--request-timeout).\n`,
    );
  });

  it("a 200 that is not JSON", async () => {
    const gateway = await startGateway([
      { raw: "<html>maintenance</html>", headers: { "Content-Type": "text/html" } },
    ]);
    const { code, stderr } = await runCli(["summaries", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("is not valid JSON");
  });

  it("wait: BEFORE_SUMMARIZE past --grace means no summarisation was requested", async () => {
    const gateway = await startGateway([ok(statusResult("BEFORE_SUMMARIZE", 0, 10))]);
    const { code, stdout, stderr } = await runCli(
      ["wait", ...ASSET_OPTIONS, ...FAST, "--grace", "1"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(1);
    // The status the wait ended on is still the output.
    expect(stdout).toMatch(/^Status: {5}BEFORE_SUMMARIZE: /);
    expect(stderr).toMatch(
      /\nncp-mi: no scene summarisation was requested: the status is still BEFORE_SUMMARIZE after 1 s \(--grace\)\. Request one with 'ncp-mi request', or run 'ncp-mi summarize'\.\n$/,
    );
  });

  it("summarize: a request accepted but not yet shown past --grace exits 5, not advised to be made again", async () => {
    const gateway = await startGateway((request) =>
      request.method === "POST" ? ok({}) : ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
    );
    const { code, stderr } = await runCli(
      ["summarize", ...ASSET_OPTIONS, ...FAST, "--grace", "1"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(5);
    expect(stderr).toMatch(
      /\nncp-mi: the request was accepted, but after 1 s \(--grace\) the status still shows the summarisation from before it \(SUMMARIZE_COMPLETED\): it has not registered yet\. Do not request again; check later with ncp-mi status --workspace \S+ --project \S+ --asset \S+\.\n$/,
    );
    expect(gateway.seen.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("summarize --index: a request accepted but not shown past --grace names its request ID in the command to run", async () => {
    const gateway = await startGateway((request) =>
      request.method === "POST"
        ? ok({ sceneSummaryId: 555 })
        : ok(statusResult("BEFORE_SUMMARIZE", 0, 0)),
    );
    const { code, stderr } = await runCli(
      ["summarize", ...INDEX_OPTIONS, ...FAST, "--grace", "1"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(5);
    expect(stderr).toContain("summarize: requested a scene summarisation (request ID 555).");
    expect(stderr).toMatch(
      /\nncp-mi: the request was accepted, but after 1 s \(--grace\) the status still shows no summarisation \(BEFORE_SUMMARIZE\): it has not registered yet\. Do not request again; check later with ncp-mi status --workspace \S+ --project \S+ --asset \S+ --index 1001 --summary 555\.\n$/,
    );
  });

  it("wait --index --summary: BEFORE_SUMMARIZE past --grace is a request not yet shown, not 'none requested'", async () => {
    const gateway = await startGateway([ok(statusResult("BEFORE_SUMMARIZE", 0, 0))]);
    const { code, stderr } = await runCli(["wait", ...SUMMARY_OPTIONS, ...FAST, "--grace", "1"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(5);
    expect(stderr).toContain("it has not registered yet. Do not request again");
    expect(stderr).not.toContain("Request one with");
  });

  it("wait: an error while polling", async () => {
    const gateway = await startGateway([
      ok(statusResult("SUMMARIZING", 1, 10)),
      apiError(404, "40400", "Scene summary not found."),
    ]);
    const { code, stderr } = await runCli(["wait", ...ASSET_OPTIONS, ...FAST], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("wait: SUMMARIZING, 1/10 scenes analysed");
    expect(stderr).toContain("HTTP 404");
  });
});

describe("3, 4, 5: how a wait ends", () => {
  it("3: SUMMARIZE_FAIL, with the server's reason", async () => {
    const gateway = await startGateway([
      ok(statusResult("SUMMARIZING", 2, 10)),
      ok(statusResult("SUMMARIZE_FAIL", 4, 10, { statusMessage: "Internal error." })),
    ]);
    const { code, stdout, stderr } = await runCli(["wait", ...ASSET_OPTIONS, ...FAST, "--json"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(3);
    // The status the wait ended on, as JSON, for a script that reads it whatever the exit code.
    expect(JSON.parse(stdout)).toMatchObject({
      status: "SUMMARIZE_FAIL",
      statusMessage: "Internal error.",
    });
    expect(stderr).toContain("\nncp-mi: Scene summarisation failed: Internal error.");
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(3); // two progress lines, one error
  });

  it("4: SUMMARIZE_CANCELED", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZE_CANCELED", 2, 10))]);
    const { code, stdout, stderr } = await runCli(["wait", ...ASSET_OPTIONS, ...FAST], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(4);
    expect(stdout).toMatch(/^Status: {5}SUMMARIZE_CANCELED: /);
    expect(stderr).toContain("ncp-mi: Scene summarisation was cancelled.\n");
  });

  it("5: still SUMMARIZING at --timeout", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(
      ["wait", ...ASSET_OPTIONS, "--interval", "1", "--timeout", "1.5"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(5);
    expect(stdout).toMatch(/^Status: {5}SUMMARIZING: .*\nScenes: {5}3 of 10 analysed/s);
    expect(stderr).toContain(
      "ncp-mi: gave up waiting after 1.5 s (--timeout); last status SUMMARIZING, 3/10 scenes. " +
        "The summarisation goes on on the server; to keep waiting: " +
        "ncp-mi wait --workspace my-workspace --project 1234 --asset 5678\n",
    );
  });
});

describe("130: Ctrl-C", () => {
  it("SIGINT during wait stops polling and exits 130", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const cli = startCli(["wait", ...ASSET_OPTIONS, "--interval", "1"], {
      baseUrl: gateway.url,
    });
    let ended: Awaited<typeof cli.result>;
    try {
      // Interrupt once it is under way: after its first poll has been reported.
      await new Promise<void>((resolve) => {
        cli.child.stderr?.on("data", () => {
          if (cli.stderr().includes("wait: SUMMARIZING")) resolve();
        });
      });
      cli.child.kill("SIGINT");
      ended = await cli.result;
    } finally {
      cli.child.kill("SIGKILL"); // a no-op once it has exited; else it would poll for 30 minutes
    }
    const { code, stdout, stderr } = ended;
    expect(code).toBe(130);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /\nncp-mi: interrupted\. The scene summarisation goes on on the server; to cancel it: ncp-mi cancel --workspace my-workspace --project 1234 --asset 5678\n$/,
    );
  });
});
