/**
 * A stand-in for NCP API Gateway on a real loopback socket. It checks signature v2 on its own
 * (with node:crypto, not the SDK's signer): the three headers, the access key, a timestamp
 * within five minutes of *its* clock, and the HMAC over the raw request target exactly as it
 * arrived. Requests that pass go to the scenario's handler; the rest get the gateway's 401.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** Demo credentials the tests sign with. */
export const TEST_ACCESS_KEY = "TEST_ACCESS_KEY";
export const TEST_SECRET_KEY = "test-secret-key-never-printed";

/** What the gateway saw of one request. */
export interface SeenRequest {
  method: string;
  /** Raw request target, as it arrived on the socket. */
  target: string;
  headers: IncomingMessage["headers"];
  /** Whether the signature checked out. */
  authenticated: boolean;
  /**
   * Settles when the response is over: sent in full, or its connection closed first (the
   * client gave up on it).
   */
  closed: Promise<void>;
}

/** What a handler answers: a response, or a fault. */
export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { raw: string; status?: number; headers?: Record<string, string> }
  | { reset: true }
  | { hang: true }
  /** Bytes sent as they are, such as a gzip body with `Content-Encoding: gzip`. */
  | { bytes: Uint8Array; status?: number; headers?: Record<string, string> }
  /** A 200 whose body never ends: 64 KiB chunks, as fast as the client reads them. */
  | { endless: true; headers?: Record<string, string> }
  /**
   * A 200 labelled `Content-Encoding: gzip`: the headers first, then (a moment later) a
   * body that is not gzip at all, and the end. Node 20's fetch stays pending on it for good.
   */
  | { corruptGzip: true }
  /** `raw`, its first half at once and the rest `delayMs` later. */
  | { slow: string; delayMs: number; status?: number; headers?: Record<string, string> };

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  /** Answers an authenticated request. Gets the request and its number (1-based). */
  handler: (request: SeenRequest, count: number) => Reply | Promise<Reply>;
  /** The gateway's clock; defaults to Date.now. */
  clock?: () => number;
  accessKey?: string;
  secretKey?: string;
}

/** A running gateway. */
export interface Gateway {
  /** Base URL, such as http://127.0.0.1:41234 */
  url: string;
  /** Every request received, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

const FIVE_MINUTES = 5 * 60_000;

/** Signature v2 as the gateway computes it. */
export function expectedSignature(
  method: string,
  target: string,
  timestamp: string,
  accessKey: string,
  secretKey: string,
): string {
  return createHmac("sha256", secretKey)
    .update(`${method} ${target}\n${timestamp}\n${accessKey}`)
    .digest("base64");
}

/** Starts a gateway on 127.0.0.1 and a free port. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const {
    handler,
    clock = Date.now,
    accessKey = TEST_ACCESS_KEY,
    secretKey = TEST_SECRET_KEY,
  } = options;
  const seen: SeenRequest[] = [];
  let authenticatedCount = 0;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "";
    const target = req.url ?? "";
    const timestamp = String(req.headers["x-ncp-apigw-timestamp"] ?? "");
    const signature = req.headers["x-ncp-apigw-signature-v2"];
    const authenticated =
      req.headers["x-ncp-iam-access-key"] === accessKey &&
      /^\d+$/.test(timestamp) &&
      Math.abs(Number(timestamp) - clock()) <= FIVE_MINUTES &&
      signature === expectedSignature(method, target, timestamp, accessKey, secretKey);
    const closed = new Promise<void>((resolve) => res.once("close", resolve));
    const request = { method, target, headers: req.headers, authenticated, closed };
    seen.push(request);
    const date = new Date(clock()).toUTCString();
    if (!authenticated) {
      res.writeHead(401, { "Content-Type": "application/json", Date: date });
      res.end(JSON.stringify({ error: { errorCode: "200", message: "Authentication Failed" } }));
      return;
    }
    const reply = await handler(request, ++authenticatedCount);
    if ("reset" in reply) {
      req.socket.resetAndDestroy();
      return;
    }
    if ("hang" in reply) return; // never answers; the client must time out
    if ("bytes" in reply) {
      res.writeHead(reply.status ?? 200, { Date: date, ...reply.headers });
      res.end(reply.bytes);
      return;
    }
    if ("endless" in reply) {
      res.writeHead(200, { "Content-Type": "application/json", Date: date, ...reply.headers });
      await writeEndlessly(res);
      return;
    }
    if ("corruptGzip" in reply) {
      const headers = { "Content-Type": "application/json", "Content-Encoding": "gzip" };
      res.writeHead(200, { Date: date, ...headers });
      res.flushHeaders();
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.end("this is not gzip at all");
      return;
    }
    if ("slow" in reply) {
      res.writeHead(reply.status ?? 200, { Date: date, ...reply.headers });
      const half = Math.floor(reply.slow.length / 2);
      res.write(reply.slow.slice(0, half));
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      res.end(reply.slow.slice(half));
      return;
    }
    if ("raw" in reply) {
      res.writeHead(reply.status ?? 200, { Date: date, ...reply.headers });
      res.end(reply.raw);
      return;
    }
    res.writeHead(reply.status, {
      "Content-Type": "application/json",
      Date: date,
      ...reply.headers,
    });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes 64 KiB chunks, waiting for the client to read each, until the connection closes. */
async function writeEndlessly(res: ServerResponse): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, " ");
  res.write("[");
  while (!res.destroyed) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
}

/** A success envelope. */
export function ok(result: unknown): Reply {
  return { status: 200, body: { code: "0", message: "success", result } };
}

/** A status result with the given status and counts. */
export function statusResult(
  status: string,
  analyzedSceneCount = 0,
  totalSceneCount = 10,
  extra: Record<string, unknown> = {},
) {
  return {
    status,
    statusMessage: null,
    sceneSummaryId: 101,
    targetSceneIds: null,
    analyzedSceneCount,
    totalSceneCount,
    requestedTime: "2026-04-17T10:30:00",
    completedTime: status === "SUMMARIZE_COMPLETED" ? "2026-04-17T10:42:17" : null,
    ...extra,
  };
}

/**
 * Gateways that live for one test: the function returned starts one like
 * {@link startGateway}, and every gateway it started is closed after its test.
 */
export function useGateways(): (options: GatewayOptions) => Promise<Gateway> {
  const open = new Set<Gateway>();
  afterEach(async () => {
    const closing = [...open].map((gateway) => gateway.close());
    open.clear();
    await Promise.all(closing);
  });
  return async (options) => {
    const gateway = await startGateway(options);
    open.add(gateway);
    return gateway;
  };
}
