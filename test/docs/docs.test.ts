/**
 * The API reference page, site/index.html, as a reader gets it: built from openapi.yaml by
 * scripts/build-docs.mjs (global-setup.ts), served from a loopback server as GitHub Pages
 * would serve it, and opened in Chromium with every request to another host refused and
 * recorded. The page must ask for nothing from elsewhere, carry the theme, render every
 * operation of openapi.yaml with its schemas and examples, and answer clicks. Its layout and
 * screenshots are layout.test.ts's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { launchChromium } from "../support/browser.js";
import { ROOT, type Site, serveDocs } from "./support/site.js";

/** The tag and summary of each operation of openapi.yaml, in the order of the spec. */
const OPERATIONS = Object.values(
  (parse(readFileSync(join(ROOT, "openapi.yaml"), "utf8")) as { paths: Record<string, object> })
    .paths,
).flatMap((item) =>
  Object.entries(item as Record<string, { tags?: string[]; summary?: string }>)
    .filter(([method]) => ["get", "put", "post", "delete", "patch"].includes(method))
    .map(([, operation]) => ({ tag: operation.tags?.[0] ?? "", summary: operation.summary ?? "" })),
);

let browser: Browser | undefined;
let site: Site | undefined;
let page: Page;
let origin: string;
/** Requests the page made to anywhere but its own server, each refused. */
const offHost: string[] = [];
/** Uncaught errors in the page. */
const pageErrors: string[] = [];

beforeAll(async () => {
  // The browser first: when it is missing, say how to install it before anything else.
  browser = await launchChromium();
  site = await serveDocs();
  origin = site.origin;

  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
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
  await browser?.close();
  await site?.stop();
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

  test("names the spec's version and the SDK's in its title and heading", async () => {
    const spec = parse(readFileSync(join(ROOT, "openapi.yaml"), "utf8")) as {
      info: { title: string; version: string };
    };
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const versions = `${spec.info.version} · SDK ${version}`;
    expect(await page.title()).toBe(`${spec.info.title} (${versions})`);
    await visible(
      page.getByRole("heading", { level: 1, name: new RegExp(escapeRegExp(versions)) }),
    );
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

  test("renders every operation of openapi.yaml, reached from the sidebar", async () => {
    expect(OPERATIONS.length).toBeGreaterThan(0);
    for (const { tag, summary } of OPERATIONS) {
      // A tag's group opens on a click (and closes the other group); its operations follow.
      const entry = page.getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)}`) });
      if (!(await entry.first().isVisible())) {
        await page.getByRole("link", { name: tag, exact: true }).click();
      }
      await entry.first().click();
      await visible(
        page.getByRole("heading", { level: 2, name: new RegExp(escapeRegExp(summary)) }),
      );
    }
  });

  test("lists the status enum, SUMMARIZE_COMPLETED included", async () => {
    const status = await operation(INDEX_TAG, "getscenesummarystatus");
    // Redoc draws a long nested schema only once it is scrolled into view.
    await status.locator('[id$="path=result"]').first().scrollIntoViewIfNeeded();
    const values = status.getByTestId("schema-enum-values");
    await visible(values.getByText('"SUMMARIZE_COMPLETED"'));
    await visible(values.getByText('"SUMMARIZE_CANCELED"'));
  });

  test("renders the page's example and switches examples", async () => {
    const result = (await operation(INDEX_TAG, "getscenesummaries")).getByTestId("json-viewer");
    await visible(result.getByText(/Gwanghwamun Square in Seoul/));

    const status = await operation(INDEX_TAG, "getscenesummarystatus");
    await status.getByRole("button", { name: "Example" }).click();
    await page.getByRole("menuitem", { name: "SUMMARIZE_COMPLETED" }).click();
    await visible(status.getByTestId("json-viewer").getByText('"2026-04-17T10:42:17"'));
  });

  test("expands a collapsed response schema on a click", async () => {
    // Redoc gives each schema field an id ending in its path.
    const result = await operation(INDEX_TAG, "getscenesummaries");
    const info = result.locator('[id$="path=result/scenesummaryinfo"]');
    const deeper = info.getByText("analyzedSceneIds", { exact: true });
    expect(await deeper.isVisible()).toBe(false);
    await clickUntilVisible(info.getByRole("button", { name: /Show 2 properties/ }), deeper);
    await visible(info.getByText("lastAnalyzedAt", { exact: true }));
  });

  test("switches to another response code on a click", async () => {
    const result = await operation(INDEX_TAG, "getscenesummaries");
    await result.getByRole("tab", { name: "409" }).click();
    await visible(result.getByText(/poll the status endpoint and ask again/));
  });

  test("asked nothing of another host and threw no errors", () => {
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** Redoc's slug of the index-based tag, in the operations' links. */
const INDEX_TAG = "scene-summary-(index-based-deprecated)";

/**
 * Goes to an operation by its link, as a reader following one would, and returns its section.
 * Redoc renders sections lazily and names them after the tag's slug and the lower-cased
 * operationId.
 */
async function operation(tag: string, id: string): Promise<Locator> {
  await page.goto(`${origin}/#/${tag}/${id}`);
  const section = page.locator(`[data-section-id="/${tag}/${id}"]`);
  await visible(section);
  return section;
}

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Clicks `button` until `target` shows. On a loaded machine a click can land before Redoc
 * listens for it; the button is clicked again only while it still offers to show (once the
 * properties show, it reads "Hide"), so a slow expansion is never collapsed again.
 */
async function clickUntilVisible(button: Locator, target: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await button.click();
    try {
      await target.first().waitFor({ state: "visible", timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3 || !(await button.isVisible())) throw error;
    }
  }
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
