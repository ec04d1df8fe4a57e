/**
 * "Another origin" for the redirect tests: a plain node:http server on loopback that answers
 * 200 to anything and records what it received, so a test can show that no request (and no
 * `x-ncp-*` header) ever reached it.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A running other origin. */
export interface OtherOrigin {
  /** Its base URL, such as http://127.0.0.1:41235 (another port: another origin). */
  url: string;
  /** The requests it received, in order. */
  received: Array<{ method: string; target: string; headers: IncomingMessage["headers"] }>;
  /** Whether any request it received carried a signing header (`x-ncp-*`). */
  sawCredentials(): boolean;
  close(): Promise<void>;
}

/** Starts the other origin on 127.0.0.1 and a free port. */
export async function startOtherOrigin(): Promise<OtherOrigin> {
  const received: OtherOrigin["received"] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? "", target: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ code: "0", message: "success", result: { stolen: true } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    sawCredentials: () =>
      received.some((request) =>
        Object.keys(request.headers).some((name) => name.startsWith("x-ncp-")),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
