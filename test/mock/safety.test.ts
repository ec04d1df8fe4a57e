/**
 * The bundled mock serves its own spec and nothing else: a request target that names another
 * host is not forwarded there, a Host header that names a host other than this machine (a web
 * page's, through DNS rebinding) is refused, and it listens on loopback unless told otherwise.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMock } from "../../scripts/mock-server.mjs";
import { SIGNED } from "./support/api.js";

const STATUS = "/api/v1/workspaces/ws/projects/1/assets/safety/scene-summary/status";

let mock: MockServer;
/** A server of someone else's on this machine: it must never be reached through the mock. */
let other: Server;
let otherPort: number;
const reachedOther: string[] = [];

beforeAll(async () => {
  mock = await startMock();
  other = createServer((req, res) => {
    reachedOther.push(`${req.method} ${req.url}`);
    res.end("the other server's secret\n");
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherPort = (other.address() as AddressInfo).port;
});
afterAll(async () => {
  await mock?.stop();
  await new Promise((resolve) => other?.close(resolve));
});

/** Sends `GET target` to the mock as written, with `headers`, and returns the answer. */
function rawGet(target: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(mock.url);
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const outgoing = request(
        { hostname, port, path: target, method: "GET", headers: { ...SIGNED, ...headers } },
        (incoming) => {
          let body = "";
          incoming.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
          incoming.on("end", () =>
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    },
  );
}

describe("a request target that names another host", () => {
  it.each([
    ["//HOST/…", () => `//127.0.0.1:${otherPort}${STATUS}`],
    ["http://HOST/…", () => `http://127.0.0.1:${otherPort}${STATUS}`],
    ["/\\HOST/…", () => `/\\127.0.0.1:${otherPort}${STATUS}`],
    ["*", () => "*"],
  ])("%s is refused with 400, and nothing reaches that host", async (_, target) => {
    const answer = await rawGet(target());
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body).not.toContain("secret");
    expect(reachedOther).toEqual([]);
  });
});

describe("the Host header", () => {
  it.each([
    "localhost",
    "localhost:4010",
    "127.0.0.1:9",
    "[::1]:4010",
    "mock.localhost:4010",
    "10.0.0.7",
  ])("%s (this machine, or an address no DNS answer can change) is served", async (host) => {
    expect((await rawGet(STATUS, { host })).status).toBe(200);
  });

  it.each(["attacker.example", "attacker.example:4010", "localhost.attacker.example"])(
    "%s (a name a web page's DNS could point here) is refused with 403",
    async (host) => {
      const answer = await rawGet(STATUS, { host });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ title: "Host not allowed" });
    },
  );
});

describe("where the mock listens", () => {
  it("on loopback by default", () => {
    expect(new URL(mock.url).hostname).toBe("127.0.0.1");
  });
});
