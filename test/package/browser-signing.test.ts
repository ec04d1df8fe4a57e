/**
 * The library in a browser: src/index.ts bundled by esbuild for the browser, served from a
 * loopback server and loaded in headless Chromium as a module. There is no `process` in the
 * page, so `node:crypto` cannot be found and signing must go through WebCrypto; the page's
 * signatures must still be the published test vectors (test/unit/signature.test.ts).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium } from "../support/browser.js";

type Sdk = typeof import("../../src/index.js");

const ENTRY = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

/** The published vectors: secret `ncp-secret-example`, this timestamp and access key, GET. */
const SIGNING = {
  secretKey: "ncp-secret-example",
  timestamp: 1700000000000,
  accessKey: "ACCESS_KEY_ID",
};
const STATUS_URL =
  "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries/101/status";
const STATUS_SIGNATURE = "6iQk53DX98XgQUVP9kBZxHQx0ACwNP9HM9TY8P3BRVA=";
const QUERY_URL = "/photos/puppy.jpg?query1=&query2";
const QUERY_SIGNATURE = "iPe1hFfjl7BPGhFZJGCY5XZgH6eWMwCWlSdSkKU+SPE=";

/**
 * The page: loads the bundle as a module and leaves it on `globalThis.sdk` for the tests, or
 * why it could not on `globalThis.sdkError` (a module that fails to load raises no page error).
 */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>ncloud-media-intelligence in the browser</title>
<script type="module">
  try {
    globalThis.sdk = await import("/sdk.js");
  } catch (error) {
    globalThis.sdkError = String(error);
  }
</script>`;

let bundle: string;
let metafile: Metafile;
let browser: Browser | undefined;
let server: Server | undefined;
let page: Page;
/** Uncaught errors in the page. */
const pageErrors: string[] = [];

beforeAll(async () => {
  // The browser first: when it is missing, say how to install it before anything else.
  browser = await launchChromium();
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    // Left as imports rather than failing the build, so that the test below names them.
    external: ["node:*"],
    logLevel: "silent",
  });
  bundle = result.outputFiles[0]?.text ?? "";
  metafile = result.metafile;

  server = await serve({ "/": ["text/html", PAGE], "/sdk.js": ["text/javascript", bundle] });
  // A loopback origin is a secure context, which WebCrypto requires.
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => "sdk" in globalThis || "sdkError" in globalThis);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** Serves fixed bodies by path on a loopback port; anything else is a 404. */
function serve(routes: Record<string, [type: string, body: string]>): Promise<Server> {
  const httpServer = createServer((request, response) => {
    const route = routes[request.url ?? ""];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": `${route[0]}; charset=utf-8` }).end(route[1]);
  });
  return new Promise((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve(httpServer)));
}

describe("the browser build", () => {
  test("imports nothing, from Node or elsewhere: everything it needs is bundled", () => {
    const outputs = Object.values(metafile.outputs);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.imports).toEqual([]);
    expect(bundle).not.toMatch(/\bfrom\s*["']node:|\b(import|require)\s*\(\s*["']node:/);
  });

  test("loads in a page that has WebCrypto and no Node", async () => {
    const environment = await page.evaluate(() => ({
      loadError: (globalThis as { sdkError?: string }).sdkError,
      process: typeof (globalThis as { process?: unknown }).process,
      subtle: typeof crypto.subtle?.sign,
      secure: isSecureContext,
    }));
    expect(environment).toEqual({
      loadError: undefined,
      process: "undefined",
      subtle: "function",
      secure: true,
    });
    expect(pageErrors).toEqual([]);
  });

  test("makeSignatureV2 gives the published vectors", async () => {
    const signatures = await page.evaluate(
      ({ signing, urls }) => {
        const { sdk } = globalThis as unknown as { sdk: Sdk };
        return Promise.all(
          urls.map((url) => sdk.makeSignatureV2({ ...signing, method: "GET", url })),
        );
      },
      { signing: SIGNING, urls: [STATUS_URL, QUERY_URL] },
    );
    expect(signatures).toEqual([STATUS_SIGNATURE, QUERY_SIGNATURE]);
  });

  test("a client with the secret key is refused in a web page, unless dangerouslyAllowBrowser", async () => {
    const outcome = await page.evaluate(async (signing) => {
      const { sdk } = globalThis as unknown as { sdk: Sdk };
      const keys = { accessKey: signing.accessKey, secretKey: signing.secretKey };
      try {
        sdk.createMediaIntelligenceClient(keys);
        return "built";
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    }, SIGNING);
    expect(outcome).toMatch(/^InvalidInputError: secretKey would be readable by every visitor/);
    expect(outcome).toContain("Pass dangerouslyAllowBrowser: true if you mean it.");
  });

  test("the client signs its request with the same signature", async () => {
    const { sent, status } = await page.evaluate(async (signing) => {
      const { sdk } = globalThis as unknown as { sdk: Sdk };
      const headers: Record<string, string | null>[] = [];
      const client = sdk.createMediaIntelligenceClient({
        accessKey: signing.accessKey,
        secretKey: signing.secretKey,
        baseUrl: "https://mi.apigw.ntruss.com",
        clock: () => signing.timestamp,
        retries: 0,
        // This page is a test harness, not a site anyone visits.
        dangerouslyAllowBrowser: true,
        // Records what would go on the wire and answers like the API.
        fetch: async (url, init) => {
          const sentHeaders = new Headers(init.headers);
          headers.push({
            url,
            timestamp: sentHeaders.get("x-ncp-apigw-timestamp"),
            accessKey: sentHeaders.get("x-ncp-iam-access-key"),
            signature: sentHeaders.get("x-ncp-apigw-signature-v2"),
          });
          return Response.json({
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
          });
        },
      });
      const result = await client.getSceneSummaryStatus({
        workspaceName: "my-workspace",
        projectId: "1234",
        assetId: "5678",
        indexId: "1001",
        sceneSummaryId: "101",
      });
      return { sent: headers, status: result.status };
    }, SIGNING);

    expect(sent).toEqual([
      {
        url: `https://mi.apigw.ntruss.com${STATUS_URL}`,
        timestamp: String(SIGNING.timestamp),
        accessKey: SIGNING.accessKey,
        signature: STATUS_SIGNATURE,
      },
    ]);
    expect(status).toBe("SUMMARIZING");
    expect(pageErrors).toEqual([]);
  });
});
