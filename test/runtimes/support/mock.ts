/**
 * The tiny HTTP server every runtime of the matrix talks to, on a free loopback port: the two
 * index-based GET operations of the API, answering like the real service, and a few static
 * files (the browser's page and bundle), so that the page calls the API from its own origin.
 *
 * Every API request must carry a valid signature v2 for the smoke test's keys; a request
 * that does not gets the gateway's 401 "200 Authentication Failed", which no case expects.
 * The index id picks the answer: 1001 answers normally, 401 with the gateway's other 401
 * shape (`{error:{errorCode:"210"}}`) and 400 with Media Intelligence's (`{code:"10001"}`).
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The smoke test's keys (the published test vectors' keys). */
const ACCESS_KEY = "ACCESS_KEY_ID";
const SECRET_KEY = "ncp-secret-example";

const PREFIX = "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/";
const ROUTE = /^(\d+)\/scene-summaries(\/101\/status)?$/;

/** `summarizeCompleted`, the status example of openapi.yaml's index-based status. */
const STATUS = {
  code: "0",
  message: "success",
  result: {
    status: "SUMMARIZE_COMPLETED",
    statusMessage: null,
    sceneSummaryId: 110,
    targetSceneIds: null,
    analyzedSceneCount: 10,
    totalSceneCount: 10,
    requestedTime: "2026-04-17T10:30:00",
    completedTime: "2026-04-17T10:42:17",
  },
};

/**
 * `partialAndStale`, the result example of openapi.yaml's index-based result: an unanalysed
 * scene, a stale one, and a scene past the first hour.
 */
export const SUMMARIES = {
  code: "0",
  message: "success",
  result: {
    indexId: 1001,
    sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T11:05:12", analyzedSceneIds: ["1", "3"] },
    sceneSummaries: [
      {
        scene: 1,
        startMs: 0,
        endMs: 42500,
        sceneSummary: {
          description:
            'The host opens the programme in the studio and introduces the guest. The guest says, "I have waited a long time for this conversation." The two sit down at a round table. The keywords are studio, guest and introduction.',
          metadataChangedAfterSummary: false,
          analyzedAt: "2026-04-17T11:02:40",
        },
      },
      { scene: 2, startMs: 42500, endMs: 3605000 },
      {
        scene: 3,
        startMs: 3605000,
        endMs: 3725250,
        sceneSummary: {
          description:
            'The guest walks along the Han River at dusk and talks about her first film. She says, "Every scene began with a walk like this one." The camera follows her onto a bridge as the city lights come on.',
          metadataChangedAfterSummary: true,
          analyzedAt: "2026-04-17T11:05:12",
        },
      },
    ],
  },
};

/** The gateway's error shape (openapi.yaml, `Unauthorized`). */
function gatewayError(errorCode: string, message: string): object {
  return { error: { errorCode, message } };
}

/** A static file: content type and body. */
export type StaticFile = [type: string, body: string];

/** The running server. */
export interface MockServer {
  /** Its origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Static files by path, such as `/browser/index.html`; may be added to while running. */
  readonly files: Map<string, StaticFile>;
  /** Closes the server. */
  stop(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startMock(): Promise<MockServer> {
  const files = new Map<string, StaticFile>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "";
    const file = files.get(path);
    if (file) {
      response.writeHead(200, { "content-type": `${file[0]}; charset=utf-8` }).end(file[1]);
    } else if (path.startsWith(PREFIX)) {
      answerApi(request, response, path);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answerApi(request: IncomingMessage, response: ServerResponse, path: string): void {
  const send = (status: number, body: object) =>
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const route = ROUTE.exec(path.slice(PREFIX.length));
  if (request.method !== "GET" || !route) {
    send(404, gatewayError("300", "Not Found Exception"));
  } else if (!signedCorrectly(request, path)) {
    send(401, gatewayError("200", "Authentication Failed"));
  } else if (route[1] === "401") {
    send(401, gatewayError("210", "Permission Denied"));
  } else if (route[1] === "400") {
    send(400, { code: "10001", message: "Invalid Request." });
  } else {
    send(200, route[2] ? STATUS : SUMMARIES);
  }
}

/** Whether the request carries the signature v2 of its method, path and timestamp. */
function signedCorrectly(request: IncomingMessage, path: string): boolean {
  const timestamp = request.headers["x-ncp-apigw-timestamp"];
  const signature = request.headers["x-ncp-apigw-signature-v2"];
  if (request.headers["x-ncp-iam-access-key"] !== ACCESS_KEY || typeof timestamp !== "string") {
    return false;
  }
  const expected = createHmac("sha256", SECRET_KEY)
    .update(`${request.method} ${path}\n${timestamp}\n${ACCESS_KEY}`)
    .digest("base64");
  return signature === expected;
}
