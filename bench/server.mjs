/**
 * The benchmark's stand-in for the API: a tiny keep-alive HTTP server, run in its own process
 * (forked by the runner) so that its work never shares an event loop with the code measured.
 *
 * It answers every GET with the *Get scene summary status* example from openapi.yaml. It checks
 * signature v2 with node:crypto and answers the gateway's 401 otherwise, so that both sides of
 * the comparison are proven to send correctly signed requests; this costs both sides the same.
 *
 * Protocol: the parent forks this file with the secret and access key as arguments; once
 * listening, the server sends `{ port }` over IPC. It exits when the parent disconnects.
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

const [accessKey, secretKey] = process.argv.slice(2);
if (!accessKey || !secretKey) throw new Error("usage: server.mjs ACCESS_KEY SECRET_KEY");

const OK = Buffer.from(
  JSON.stringify({
    code: "0",
    message: "success",
    result: {
      status: "SUMMARIZING",
      statusMessage: null,
      sceneSummaryId: 101,
      targetSceneIds: null,
      analyzedSceneCount: 3,
      totalSceneCount: 10,
      requestedTime: "2026-04-17T10:30:00",
      completedTime: null,
    },
  }),
);
const UNAUTHORIZED = Buffer.from(
  JSON.stringify({ error: { errorCode: "200", message: "Authentication Failed" } }),
);

const server = createServer((request, response) => {
  const timestamp = String(request.headers["x-ncp-apigw-timestamp"]);
  const expected = createHmac("sha256", secretKey)
    .update(`${request.method} ${request.url}\n${timestamp}\n${accessKey}`)
    .digest("base64");
  const signed =
    request.headers["x-ncp-iam-access-key"] === accessKey &&
    request.headers["x-ncp-apigw-signature-v2"] === expected;
  const body = signed ? OK : UNAUTHORIZED;
  response.writeHead(signed ? 200 : 401, {
    "Content-Type": "application/json",
    "Content-Length": body.length,
  });
  response.end(body);
});
// Keep idle connections open longer than any pause between rounds, so that no round pays
// for a new connection (undici's default keep-alive is 4 s; the server's default is 5 s).
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => process.exit(0));
