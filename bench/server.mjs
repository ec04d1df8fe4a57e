/**
 * The benchmark's stand-in for the API: a tiny keep-alive HTTP server, run in its own process
 * (forked by the runner) so that its work never shares an event loop with the code measured.
 *
 * It answers every GET with the *Get scene summary status* example (bench/answer.mjs). It
 * checks signature v2 with node:crypto and answers the gateway's 401 otherwise, so that every
 * side of the comparison is proven to send correctly signed requests; this costs all the same.
 *
 * Protocol: the parent forks this file with the secret and access key as arguments; once
 * listening, the server sends `{ port }` over IPC. It exits when the parent disconnects.
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { OK_BODY, UNAUTHORIZED_BODY } from "./answer.mjs";

const [accessKey, secretKey] = process.argv.slice(2);
if (!accessKey || !secretKey) throw new Error("usage: server.mjs ACCESS_KEY SECRET_KEY");

const server = createServer((request, response) => {
  const timestamp = String(request.headers["x-ncp-apigw-timestamp"]);
  const expected = createHmac("sha256", secretKey)
    .update(`${request.method} ${request.url}\n${timestamp}\n${accessKey}`)
    .digest("base64");
  const signed =
    request.headers["x-ncp-iam-access-key"] === accessKey &&
    request.headers["x-ncp-apigw-signature-v2"] === expected;
  const body = signed ? OK_BODY : UNAUTHORIZED_BODY;
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
