/**
 * Errors a user can act on: network failures named by host and explained, the base URL's
 * own name (--base-url or NCLOUD_MI_BASE_URL) in what to check, a base URL with a path
 * reported as sent, plain HTTP refused unless --insecure-http, seconds rather than
 * milliseconds, the overall --deadline, server text kept printable, and what to run next
 * when the service refuses (a request while one runs, a cancel with nothing running,
 * summaries before any summarisation).
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ok, type Reply, statusResult } from "../support/gateway.js";
import {
  EXAMPLE_ASSET_CANCEL_TARGET,
  EXAMPLE_ASSET_STATUS_TARGET,
  EXAMPLE_ASSET_SUMMARY_TARGET,
  EXAMPLE_RESULT_TARGET,
} from "../support/ids.js";
import { ASSET_OPTIONS, DEPRECATION_NOTE, INDEX_OPTIONS, runCli } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

const STATUS = ["status", ...ASSET_OPTIONS, "--retries", "0"];

/** A port with nothing listening on it: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

/** The one error line, checked to be the whole of stderr. */
function errorLine(stderr: string): string {
  expect(stderr).toMatch(/^ncp-mi: [^\n]*\n$/);
  return stderr.slice("ncp-mi: ".length, -1);
}

describe("network errors name the host and say what the code means", () => {
  it("ECONNREFUSED: nothing listens there; check --base-url", async () => {
    const port = await closedPort();
    const { code, stderr } = await runCli([...STATUS, "--base-url", `http://127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(errorLine(stderr)).toBe(
      `GET ${EXAMPLE_ASSET_STATUS_TARGET}: nothing listens on 127.0.0.1:${port} (ECONNREFUSED): ` +
        "the connection was refused. Check --base-url.",
    );
  });

  it("the same from NCLOUD_MI_BASE_URL says to check NCLOUD_MI_BASE_URL", async () => {
    const port = await closedPort();
    const { code, stderr } = await runCli(STATUS, { baseUrl: `http://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatch(/\(ECONNREFUSED\).*\. Check NCLOUD_MI_BASE_URL\.$/);
  });

  it("https:// to a plain-HTTP server: it does not speak TLS, use http://", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING"))]);
    const host = new URL(gateway.url).host;
    const { code, stderr } = await runCli(STATUS, {
      baseUrl: gateway.url.replace("http:", "https:"),
    });
    expect(code).toBe(1);
    expect(errorLine(stderr)).toContain(
      `: ${host} does not speak TLS (ERR_SSL_WRONG_VERSION_NUMBER): it looks like a plain-HTTP server; use http:// instead of https://.`,
    );
  });

  it("a port fetch refuses (6000): says so, and nothing is sent", async () => {
    const { code, stderr } = await runCli([...STATUS, "--base-url", "http://127.0.0.1:6000"]);
    expect(code).toBe(1);
    expect(errorLine(stderr)).toContain(
      ": fetch refuses to connect to port 6000: it is on the list of ports browsers and fetch block for safety",
    );
  });

  it("a host name that does not resolve (with --insecure-http, to get that far)", async () => {
    const { code, stderr } = await runCli([
      ...STATUS,
      "--insecure-http",
      "--base-url",
      "http://no-such-host.invalid",
    ]);
    expect(code).toBe(1);
    expect(errorLine(stderr)).toContain(
      ": the host name of no-such-host.invalid does not resolve (ENOTFOUND)",
    );
  });
});

describe("the base URL", () => {
  it("with a path: requests go under it, signed, and errors report the path as sent", async () => {
    const gateway = await startGateway([
      { status: 404, body: { code: "40400", message: "Gone." } },
    ]);
    const { code, stderr } = await runCli(STATUS, { baseUrl: `${gateway.url}/mi/` });
    expect(code).toBe(1);
    const sent = `/mi${EXAMPLE_ASSET_STATUS_TARGET}`;
    expect(gateway.seen.map(({ target, authenticated }) => ({ target, authenticated }))).toEqual([
      { target: sent, authenticated: true },
    ]);
    expect(errorLine(stderr)).toContain(`GET ${sent} `);
  });

  it("plain HTTP to another machine is refused, naming --insecure-http", async () => {
    const { code, stderr } = await runCli([...STATUS, "--base-url", "http://mi.example.com"]);
    expect(code).toBe(2);
    const line = errorLine(stderr);
    expect(line).toMatch(/^bad --base-url: --base-url http:\/\/mi\.example\.com is plain HTTP: /);
    expect(line).toContain("--insecure-http");
    expect(line).not.toContain("allowInsecureHttp");
  });

  it("from NCLOUD_MI_BASE_URL, the refusal names NCLOUD_MI_BASE_URL", async () => {
    const { code, stderr } = await runCli(STATUS, { baseUrl: "http://mi.example.com" });
    expect(code).toBe(2);
    expect(errorLine(stderr)).toMatch(/^bad NCLOUD_MI_BASE_URL: NCLOUD_MI_BASE_URL http:/);
  });
});

describe("time limits, in seconds", () => {
  it("--request-timeout: each attempt, named, with the number of attempts", async () => {
    const gateway = await startGateway([{ hang: true }]);
    const { code, stderr } = await runCli(
      ["status", ...ASSET_OPTIONS, "--retries", "1", "--request-timeout", "0.3"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatch(
      /: no whole answer from 127\.0\.0\.1:\d+ within 0\.3 s \(--request-timeout\) \(2 attempts\)\.$/,
    );
    expect(stderr).not.toMatch(/\d ms\b/);
  });

  it("--deadline bounds the call, retries included, with its own message", async () => {
    const gateway = await startGateway([{ hang: true }]);
    const { code, stderr } = await runCli(
      ["status", ...ASSET_OPTIONS, "--request-timeout", "10", "--deadline", "0.5"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatch(/: not done within 0\.5 s \(--deadline\), retries included/);
    expect(gateway.seen).toHaveLength(1);
  });
});

describe("server text", () => {
  it("status --json escapes C1 controls from the server", async () => {
    const gateway = await startGateway([
      ok(statusResult("SUMMARIZE_FAIL", 1, 10, { statusMessage: "bad\u009b31m gpu\u0085" })),
    ]);
    const { code, stdout } = await runCli(["status", ...ASSET_OPTIONS, "--json"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('"statusMessage": "bad\\u009b31m gpu\\u0085"');
    expect(stdout).not.toMatch(/[\u0080-\u009f]/);
  });

  it("a rejected signature says which variables to check", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING"))]);
    const { code, stderr } = await runCli(STATUS, {
      baseUrl: gateway.url,
      env: { NCLOUD_SECRET_KEY: "not-the-gateway-secret" },
    });
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatch(
      / Check NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY; 'ncp-mi doctor' checks them and the clock\.$/,
    );
  });

  it("a 409 from summaries suggests wait", async () => {
    const gateway = await startGateway([
      { status: 409, body: { code: "40900", message: "Summarization is not completed." } },
    ]);
    const { code, stderr } = await runCli(["summaries", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatch(
      /HTTP 409.* The summarisation is not complete yet: run 'ncp-mi wait --workspace my-workspace --project 1234 --asset 5678' first, or 'ncp-mi summarize' to request, wait and print in one go\.$/,
    );
  });

  it("a 409 from the index-based summaries suggests wait with its --summary, not a wait that would fail", async () => {
    const gateway = await startGateway([
      { status: 409, body: { code: "40900", message: "Summarization is not completed." } },
    ]);
    const { stderr } = await runCli(["summaries", ...INDEX_OPTIONS], { baseUrl: gateway.url });
    expect(stderr).toMatch(/\nncp-mi: .*run 'ncp-mi wait' with its --summary first/);
  });

  it("a 400 on a request with --scenes says a re-analysis needs a completed full one", async () => {
    const gateway = await startGateway([
      ok(statusResult("BEFORE_SUMMARIZE", 0, 10)),
      { status: 400, body: { code: "10001", message: "Invalid Request." } },
    ]);
    const { code, stderr } = await runCli(["request", ...ASSET_OPTIONS, "--scenes", "3,7"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(errorLine(stderr)).toMatch(
      /HTTP 400.*\. If no full analysis of the asset has completed yet, that is why: a re-analysis of some scenes \(--scenes\) needs one; run it without --scenes first\.$/,
    );
  });

  it("a 404 in no shape of the API, from a base URL with a path, says to check --base-url", async () => {
    const gateway = await startGateway([
      {
        status: 404,
        raw: '{"type":"no-route"}',
        headers: { "Content-Type": "application/problem+json" },
      },
    ]);
    const { stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: `${gateway.url}/api/v1`,
    });
    expect(errorLine(stderr)).toMatch(
      /GET \/api\/v1\/api\/v1\/\S+ answered HTTP 404 .* Check NCLOUD_MI_BASE_URL\. A path in the base URL is kept: requests go under it\.$/,
    );
  });
});

describe("what to run next, after the service's answer", () => {
  /** The example asset's ids as options, as the suggested commands spell them. */
  const IDS = "--workspace my-workspace --project 1234 --asset 5678";

  const IN_PROGRESS: Reply = {
    status: 409,
    body: { code: "40900", message: "Scene summarization is already in progress." },
  };

  it("request answered 409: follow the summarisation in progress with wait, or cancel it", async () => {
    const gateway = await startGateway((request) =>
      request.method === "POST" ? IN_PROGRESS : ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
    );
    const { code, stdout, stderr } = await runCli(["request", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `ncp-mi: POST ${EXAMPLE_ASSET_SUMMARY_TARGET} failed (HTTP 409, Media Intelligence error 40900: ` +
        "Scene summarization is already in progress.). A scene summarisation is already in " +
        `progress: follow it with 'ncp-mi wait ${IDS}', or cancel it with 'ncp-mi cancel ${IDS}'.\n`,
    );
    // The status read before the request, then the one POST: a refusal is not sent again.
    expect(gateway.seen.map(({ method, target }) => `${method} ${target}`)).toEqual([
      `GET ${EXAMPLE_ASSET_STATUS_TARGET}`,
      `POST ${EXAMPLE_ASSET_SUMMARY_TARGET}`,
    ]);
  });

  it("the index-based request answered 409: wait and cancel with its --summary, which it did not get", async () => {
    const gateway = await startGateway([IN_PROGRESS]);
    const { code, stderr } = await runCli(["request", ...INDEX_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${DEPRECATION_NOTE}ncp-mi: POST ${EXAMPLE_RESULT_TARGET} failed (HTTP 409, Media Intelligence ` +
        "error 40900: Scene summarization is already in progress.). A scene summarisation is " +
        "already in progress: follow it with 'ncp-mi wait' with its --summary, or cancel it " +
        "with 'ncp-mi cancel' with its --summary.\n",
    );
  });

  it.each([
    { refusal: 400, status: "BEFORE_SUMMARIZE" },
    { refusal: 404, status: "SUMMARIZE_COMPLETED" },
    { refusal: 409, status: "SUMMARIZE_CANCELED" },
  ])(
    "cancel refused with HTTP $refusal, the status then $status: nothing to cancel, in those words",
    async ({ refusal, status }) => {
      // Running when read before the cancel, so the status named is the one read after the
      // refusal: the summarisation ended in between.
      const gateway = await startGateway([
        ok(statusResult("SUMMARIZING", 9, 10)),
        { status: refusal, body: { code: "10024", message: "Cannot cancel." } },
        ok(statusResult(status, 10, 10)),
      ]);
      const { code, stdout, stderr } = await runCli(["cancel", ...ASSET_OPTIONS], {
        baseUrl: gateway.url,
      });
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `ncp-mi: nothing to cancel: no scene summarisation is running (the status is ${status}).\n`,
      );
      expect(gateway.seen.map(({ method, target }) => `${method} ${target}`)).toEqual([
        `GET ${EXAMPLE_ASSET_STATUS_TARGET}`,
        `POST ${EXAMPLE_ASSET_CANCEL_TARGET}`,
        `GET ${EXAMPLE_ASSET_STATUS_TARGET}`,
      ]);
    },
  );

  it("cancel refused while the status still shows one running: the service's own answer", async () => {
    const gateway = await startGateway([
      ok(statusResult("SUMMARIZING", 3, 10)),
      { status: 409, body: { code: "10024", message: "Cannot cancel." } },
      ok(statusResult("SUMMARIZING", 4, 10)),
    ]);
    const { code, stderr } = await runCli(["cancel", ...ASSET_OPTIONS], { baseUrl: gateway.url });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `ncp-mi: POST ${EXAMPLE_ASSET_CANCEL_TARGET} failed (HTTP 409, Media Intelligence error 10024: Cannot cancel.).\n`,
    );
    expect(gateway.seen).toHaveLength(3);
  });

  it("cancel refused, and the status cannot be read: the service's answer to the cancel", async () => {
    const gateway = await startGateway([
      ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
      { status: 404, body: { code: "10024", message: "Cannot cancel." } },
      { status: 500, body: { error: { errorCode: "900", message: "Unexpected Error" } } },
    ]);
    const { code, stderr } = await runCli(["cancel", ...ASSET_OPTIONS, "--retries", "0"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `ncp-mi: POST ${EXAMPLE_ASSET_CANCEL_TARGET} failed (HTTP 404, Media Intelligence error 10024: Cannot cancel.).\n`,
    );
    expect(gateway.seen).toHaveLength(3);
  });

  it("cancel failing otherwise (HTTP 403): no status is read to explain it", async () => {
    const gateway = await startGateway([
      ok(statusResult("SUMMARIZE_COMPLETED", 10, 10)),
      { status: 403, body: { code: "40300", message: "Forbidden." } },
    ]);
    const { code, stderr } = await runCli(["cancel", ...ASSET_OPTIONS], { baseUrl: gateway.url });
    expect(code).toBe(1);
    expect(stderr).not.toContain("nothing to cancel");
    expect(errorLine(stderr)).toContain(`POST ${EXAMPLE_ASSET_CANCEL_TARGET} failed (HTTP 403`);
    expect(gateway.seen.map(({ method }) => method)).toEqual(["GET", "POST"]);
  });

  it("summaries answered 404 before any summarisation: run summarize, or request then wait", async () => {
    const gateway = await startGateway([
      { status: 404, body: { code: "40400", message: "Scene summary not found." } },
    ]);
    const { code, stdout, stderr } = await runCli(["summaries", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `ncp-mi: GET ${EXAMPLE_ASSET_SUMMARY_TARGET} failed (HTTP 404, Media Intelligence error 40400: ` +
        "Scene summary not found.). There are no scene summaries yet: run " +
        `'ncp-mi summarize ${IDS}', or 'ncp-mi request' and then 'ncp-mi wait'.\n`,
    );
  });
});
