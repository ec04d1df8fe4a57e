/**
 * The API reference page, docs/index.html, as a reader gets it: built from openapi.yaml by
 * scripts/build-docs.mjs, served from a loopback server as GitHub Pages would serve it, and
 * opened in Chromium with every request to another host refused and recorded. The page must
 * ask for nothing from elsewhere, carry the theme, render both operations with their schemas
 * and examples, and answer clicks. A full-page screenshot goes to test-results/docs.png.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium } from "../support/browser.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DOCS = join(ROOT, "docs");
const SCREENSHOT = join(ROOT, "test-results", "docs.png");

let browser: Browser | undefined;
let server: Server | undefined;
let page: Page;
let origin: string;
/** Requests the page made to anywhere but its own server, each refused. */
const offHost: string[] = [];
/** Uncaught errors in the page. */
const pageErrors: string[] = [];

beforeAll(async () => {
  // The browser first: when it is missing, say how to install it before spending on a build.
  browser = await launchChromium();
  buildDocs();
  server = await serveDirectory(DOCS);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (isOwn(url)) return route.continue();
    offHost.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${origin}/`);
});

afterAll(async () => {
  if (page) await screenshotWholePage().catch(() => {});
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe("the API reference page", () => {
  test("loads no script or stylesheet from another host", async () => {
    const external = await page.evaluate(() =>
      [...document.querySelectorAll("script[src], link[href]")]
        .map((element) => (element as HTMLScriptElement).src || (element as HTMLLinkElement).href)
        .filter((url) => !url.startsWith(location.origin) && !url.startsWith("data:")),
    );
    expect(external).toEqual([]);
    await visible(page.getByRole("heading", { level: 1, name: /scene summary API/ }));
  });

  test("carries the theme: NAVER green, text links in a darker green", async () => {
    const primary = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue("--color-primary-base").trim(),
    );
    expect(primary).toBe("#03c75a");
    const link = page.getByRole("link", { name: "https://www.ncloud.com/support/question" });
    expect(await link.evaluate((element) => getComputedStyle(element).color)).toBe(
      "rgb(2, 122, 55)",
    );
  });

  test("offers openapi.yaml for download, from beside the page", async () => {
    const download = page.getByRole("link", { name: "Download description" });
    const href = await download.evaluate((anchor) => (anchor as HTMLAnchorElement).href);
    expect(href).toBe(`${origin}/openapi.yaml`);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(readFileSync(join(ROOT, "openapi.yaml"), "utf8"));
  });

  test("renders both operations, reached from the sidebar", async () => {
    await page.getByRole("link", { name: "Scene summary", exact: true }).click();
    await page.getByRole("link", { name: /^Get scene summary status/ }).click();
    await visible(page.getByRole("heading", { level: 2, name: /Get scene summary status/ }));
    await page.getByRole("link", { name: /^Get scene summary result/ }).click();
    await visible(page.getByRole("heading", { level: 2, name: /Get scene summary result/ }));
  });

  test("lists the status enum, SUMMARIZE_COMPLETED included", async () => {
    const values = (await operation("getscenesummarystatus")).getByTestId("schema-enum-values");
    await visible(values.getByText('"SUMMARIZE_COMPLETED"'));
    await visible(values.getByText('"SUMMARIZE_CANCELED"'));
  });

  test("renders the page's example and switches examples", async () => {
    const result = (await operation("getscenesummaries")).getByTestId("json-viewer");
    await visible(result.getByText(/Gwanghwamun Square in Seoul/));

    const status = await operation("getscenesummarystatus");
    await status.getByRole("button", { name: "Example" }).click();
    await page.getByRole("menuitem", { name: "SUMMARIZE_COMPLETED" }).click();
    await visible(status.getByTestId("json-viewer").getByText('"2026-04-17T10:42:17"'));
  });

  test("expands a collapsed response schema on a click", async () => {
    // Redoc gives each schema field an id ending in its path.
    const result = await operation("getscenesummaries");
    const info = result.locator('[id$="path=result/scenesummaryinfo"]');
    const deeper = info.getByText("analyzedSceneIds", { exact: true });
    expect(await deeper.isVisible()).toBe(false);
    await info.getByRole("button", { name: /Show 2 properties/ }).click();
    await visible(deeper);
    await visible(info.getByText("lastAnalyzedAt", { exact: true }));
  });

  test("switches to another response code on a click", async () => {
    const result = await operation("getscenesummaries");
    await result.getByRole("tab", { name: "409" }).click();
    await visible(result.getByText(/poll the status endpoint and ask again/));
  });

  test("asked nothing of another host and threw no errors", () => {
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Goes to an operation by its link, as a reader following one would, and returns its section.
 * Redoc renders sections lazily and names them after the tag and the lower-cased operationId.
 */
async function operation(id: string): Promise<Locator> {
  await page.goto(`${origin}/#/scene-summary/${id}`);
  const section = page.locator(`[data-section-id="/scene-summary/${id}"]`);
  await visible(section);
  return section;
}

/**
 * Saves the whole page, in the state the tests left it, to test-results/docs.png. Redoc skips
 * painting sections away from the viewport (`content-visibility: auto`), so the viewport grows
 * to the page's height first, until that height stops changing.
 */
async function screenshotWholePage(): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  let height = 0;
  for (let round = 0; round < 5; round++) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    if (next === height) break;
    height = next;
    await page.setViewportSize({ width: 1440, height });
    await page.waitForTimeout(200);
  }
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
}

/** Waits for a locator to be visible; the error names what was looked for. */
async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible" });
}

/** The page itself, blob: workers it starts, and data: URIs; anything else is another host. */
function isOwn(url: string): boolean {
  return (
    url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith("data:")
  );
}

function buildDocs(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-docs.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`scripts/build-docs.mjs failed:\n${stderr ?? ""}${stdout ?? ""}`);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
};

/** A static file server on a free loopback port, for `dir` only. */
async function serveDirectory(dir: string): Promise<Server> {
  const httpServer = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    try {
      if (!file.startsWith(dir + sep)) throw new Error("outside the directory");
      const body = readFileSync(file);
      const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return httpServer;
}
