/**
 * Reconciled POST retries on real sockets: a gateway that accepts the POST and then drops the
 * connection. The client reads the status back instead of giving up or resending blindly.
 */
import { describe, expect, it } from "vitest";
import { createMediaIntelligenceClient } from "../../src/index.js";
import {
  type Gateway,
  type GatewayOptions,
  ok,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
  useGateways,
} from "../support/gateway.js";

const ASSET = { workspaceName: "my-workspace", projectId: "1234", assetId: "5678" };

/** The run the status shows before the request: one that completed a minute ago. */
const PREVIOUS = statusResult("SUMMARIZE_COMPLETED", 10, 10, {
  requestedTime: "2026-12-07T10:59:00",
});

const launch = useGateways();
let gateway: Gateway | undefined;

async function client(handler: GatewayOptions["handler"]) {
  gateway = await launch({ handler });
  return createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: gateway.url,
    sleep: async () => {},
  });
}

describe("a POST whose connection drops after the server accepted it", () => {
  it("is read back from the status and answered as done, sent once", async () => {
    let status = PREVIOUS;
    const c = await client((request) => {
      if (request.method === "POST") {
        status = statusResult("WAIT_SUMMARIZE", 0, 10, { requestedTime: "2026-12-07T11:00:00" });
        return { reset: true };
      }
      return ok(status);
    });
    await expect(c.sceneSummaries.request(ASSET)).resolves.toEqual({});
    expect(gateway?.seen.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("is sent again when the status shows it did not arrive, within the retry budget", async () => {
    let posts = 0;
    const c = await client((request) => {
      if (request.method === "POST") {
        posts++;
        return posts === 1 ? { reset: true } : ok({});
      }
      // The previous run, seconds old: still not the one requested.
      return ok(PREVIOUS);
    });
    await expect(c.sceneSummaries.request(ASSET)).resolves.toEqual({});
    expect(gateway?.seen.map((r) => r.method)).toEqual(["GET", "POST", "GET", "POST"]);
  });

  it("a cancel whose connection drops is done when the run it saw running is SUMMARIZE_CANCELED", async () => {
    // The server cancels the run, then drops the connection before it answers.
    let cancelled = false;
    const c = await client((request) => {
      if (request.method === "POST") {
        cancelled = true;
        return { reset: true };
      }
      return ok(statusResult(cancelled ? "SUMMARIZE_CANCELED" : "SUMMARIZING", 10, 3));
    });
    await expect(c.sceneSummaries.cancel(ASSET)).resolves.toBeUndefined();
    expect(gateway?.seen.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
  });
});
