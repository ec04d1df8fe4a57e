/**
 * How the API reference page is laid out, at a desktop width (1400 px) and a phone width
 * (390 px), in Chromium, with every section of the page rendered:
 *
 * - nothing sticks out of the page sideways, and nothing is cut off: a box that hides part of
 *   its content (overflow hidden or clipped, an ellipsis) or scrolls it sideways (a code
 *   block) is a failure, except the box around a Markdown table, which scrolls on a phone;
 * - no word is broken inside: a line break between two letters, digits or underscores, as in
 *   SUMMARI / ZE_COMPLETED, is a failure, unless that run of text without spaces is longer
 *   than its line is wide (a full API path on a phone), where it has to break somewhere;
 * - a heading takes at most two lines, and so does the page's title (about 70 characters
 *   with the spec's and the SDK's versions) at 1400 px; on a phone it may take three;
 * - deprecated operations look like the others: not in Redoc's "disabled" grey.
 *
 * Each width's full-page screenshot goes to test-results/docs-WIDTH.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { operationTable } from "../../src/generated/operations.js";
import { launchChromium } from "../support/browser.js";
import { ROOT, type Site, serveDocs } from "./support/site.js";

const WIDTHS = [1400, 390] as const;

let browser: Browser;
let site: Site;

beforeAll(async () => {
  browser = await launchChromium();
  site = await serveDocs();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

/**
 * Opens the page at `width`, shows every section (Redoc renders an operation only once it is
 * scrolled to, and keeps a tag's operations behind "Show"), and grows the viewport to the
 * page's height so that all of it is painted.
 */
async function openWholePage(width: number): Promise<Page> {
  // Opened wide first, where the sidebar shows, then narrowed.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.route("**/*", (route) =>
    route.request().url().startsWith(site.origin) ? route.continue() : route.abort(),
  );
  await page.goto(`${site.origin}/`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.setViewportSize({ width, height: 900 });
  // Grows the viewport to the page's height, pressing each tag's "Show" as it appears, until
  // the page stops growing.
  let height = 0;
  const show = page.getByRole("button", { name: /^\+?\s*Show$/ });
  for (let round = 0; round < 10; round++) {
    // A pressed "Show" goes away, so the first one left is pressed each time.
    const shown = await show.count();
    for (let press = 0; press < shown; press++) await show.first().click();
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    if (shown === 0 && next === height) break;
    height = next;
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
  }
  // On a loaded machine Redoc may still be drawing: wait for every operation's method tag in
  // the list of operations (and, wide, in the sidebar too).
  await page.waitForFunction(
    (operations) =>
      [...document.querySelectorAll('[data-component-name="Tag/Tag"]')].filter((tag) =>
        /^(get|put|post|delete|patch|head|options)$/i.test(tag.textContent ?? ""),
      ).length >= operations,
    Object.keys(operationTable).length,
    { timeout: 30_000 },
  );
  return page;
}

/** What the page looks like, measured in the page. */
interface Layout {
  pageWidth: number;
  viewportWidth: number;
  operations: number;
  /** Elements whose box reaches past the right edge of the viewport (outside a scroll box). */
  sticksOut: string[];
  /** Elements that hide part of their content. */
  cutOff: string[];
  /** Words broken inside. */
  brokenWords: string[];
  /** Headings on more than two lines. */
  longHeadings: string[];
  /** Colours of the method tags (GET, POST, …), in the sidebar and in the lists of operations. */
  methodTags: { deprecated: boolean; color: string }[];
  disabledColor: string;
}

/** Measures the page. Runs in the browser. */
function measure(): Layout {
  // The element, its text, and the nearest named part of Redoc around it.
  const describe = (element: Element) => {
    const part = element.closest("[data-testid], [data-component-name]");
    const name = part?.getAttribute("data-testid") ?? part?.getAttribute("data-component-name");
    const text = (element.textContent ?? "").trim().slice(0, 70);
    return `<${element.tagName.toLowerCase()}> "${text}"${name ? ` in ${name}` : ""}`;
  };
  const viewportWidth = document.documentElement.clientWidth;
  const scrolls = (element: Element) => {
    const overflow = getComputedStyle(element).overflowX;
    return overflow === "auto" || overflow === "scroll";
  };
  const insideScrollBox = (element: Element) => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (scrolls(parent)) return true;
    }
    return false;
  };
  const visible = (element: Element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility !== "hidden";
  };
  const all = [...document.body.querySelectorAll("*")].filter(visible);

  const sticksOut = all
    .filter((element) => element.getBoundingClientRect().right > viewportWidth + 1)
    .filter((element) => !insideScrollBox(element))
    .map(describe);

  // Hidden, clipped or ellipsed overflow is cut off; so is a box that scrolls sideways,
  // such as a code block, except around a table (a table wider than a phone scrolls).
  const cutOff = all
    .filter((element) => {
      const style = getComputedStyle(element);
      const hides = style.overflowX === "hidden" || style.overflowX === "clip";
      const ellipsis = style.textOverflow === "ellipsis";
      const scrollsText = scrolls(element) && !element.querySelector("table");
      return (hides || ellipsis || scrollsText) && element.scrollWidth > element.clientWidth + 1;
    })
    .map(describe);

  const word = /[\p{L}\p{N}_]/u;
  const brokenWords: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? "";
    const parent = node.parentElement;
    if (!parent || text.trim().length < 2 || !visible(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getClientRects().length < 2) continue;
    let previousTop: number | undefined;
    for (let index = 0; index < text.length; index++) {
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      const top = rect.top;
      if (
        previousTop !== undefined &&
        top > previousTop + rect.height / 2 &&
        word.test(text[index - 1] ?? "") &&
        word.test(text[index] ?? "")
      ) {
        // A run without spaces that is longer than its line is wide has to break somewhere.
        let block: Element = parent;
        while (block.parentElement && getComputedStyle(block).display.startsWith("inline")) {
          block = block.parentElement;
        }
        const start = text.slice(0, index).search(/\S*$/);
        const end = index + (text.slice(index).search(/\s/) + 1 || text.length - index + 1) - 1;
        range.setStart(node, start);
        range.setEnd(node, end);
        const wordWidth = [...range.getClientRects()].reduce((sum, box) => sum + box.width, 0);
        if (wordWidth <= block.clientWidth) {
          brokenWords.push(
            `${text.slice(Math.max(0, index - 20), index)}|${text.slice(index, index + 20)} in ${describe(parent)}`,
          );
        }
      }
      previousTop = top;
    }
  }

  // A heading's title is its first text; badges after it ("Deprecated") may take a line.
  const lines = (node: Node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
  };
  const longHeadings = [...document.querySelectorAll("h1, h2, h3")]
    .filter(visible)
    .filter((heading) => {
      const title = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT).nextNode();
      const allowed = heading.tagName === "H1" && innerWidth < 600 ? 3 : 2;
      return title !== null && lines(title) > allowed;
    })
    .map(describe);

  const methodTags = [...document.querySelectorAll('[data-component-name="Tag/Tag"]')]
    .filter((tag) => /^(get|put|post|delete|patch|head|options)$/i.test(tag.textContent ?? ""))
    .filter(visible)
    .map((tag) => ({
      deprecated: tag.classList.contains("tag-http-deprecated"),
      color: getComputedStyle(tag).color,
    }));
  const probe = document.createElement("span");
  probe.style.color = "var(--text-color-disabled)";
  document.body.append(probe);
  const disabledColor = getComputedStyle(probe).color;
  probe.remove();

  return {
    pageWidth: document.documentElement.scrollWidth,
    viewportWidth,
    operations: document.querySelectorAll('[data-section-id*="/"] h2').length,
    sticksOut,
    cutOff,
    brokenWords,
    longHeadings,
    methodTags,
    disabledColor,
  };
}

describe.each(WIDTHS)("the API reference page at %i px", (width) => {
  let page: Page;
  let layout: Layout;

  beforeAll(async () => {
    page = await openWholePage(width);
    layout = await page.evaluate(measure);
    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    await page.screenshot({
      path: join(ROOT, "test-results", `docs-${width}.png`),
      fullPage: true,
    });
  });

  afterAll(async () => {
    await page?.close();
  });

  test("is no wider than the window, and nothing sticks out of it", () => {
    expect(layout.sticksOut).toEqual([]);
    expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewportWidth);
  });

  test("cuts nothing off", () => {
    expect(layout.cutOff).toEqual([]);
  });

  test("breaks no word inside", () => {
    expect(layout.brokenWords).toEqual([]);
  });

  test("keeps every heading to two lines (the page's title to three on a phone)", () => {
    expect(layout.longHeadings).toEqual([]);
  });

  test("draws deprecated operations' method tags like the others, not greyed out", () => {
    const deprecatedTags = layout.methodTags.filter((tag) => tag.deprecated);
    expect(deprecatedTags.length, JSON.stringify(layout.methodTags)).toBeGreaterThan(0);
    expect(deprecatedTags.map((tag) => tag.color)).not.toContain(layout.disabledColor);
  });
});

/** An entry of the sidebar: its text, whether it is a deprecated operation, its colour. */
interface SidebarEntry {
  label: string;
  deprecated: boolean;
  color: string;
}

/** The sidebar's visible entries but the active one. Runs in the browser. */
function sidebarEntries(): SidebarEntry[] {
  return [...document.querySelectorAll('[data-testid="menu-item-label"]')]
    .filter((item) => item.getBoundingClientRect().height > 0)
    .filter((item) => item.getAttribute("data-active") !== "true")
    .map((item) => ({
      label: (item.textContent ?? "").trim(),
      deprecated: item.querySelector(".tag-http-deprecated") !== null,
      color: getComputedStyle(item).color,
    }));
}

describe("the sidebar at 1400 px", () => {
  test("draws deprecated operations like any other entry, not greyed out", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${site.origin}/`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      // Opens each tag's group in turn (Redoc keeps one open) and reads the entries each time.
      const entries: SidebarEntry[] = [];
      const groups = page.locator('.menu-item-type-group > a [data-testid="menu-item-label"]');
      for (const group of await groups.all()) {
        await group.click();
        await page.mouse.move(700, 450); // Off the sidebar: no entry is hovered.
        await page.waitForTimeout(300);
        entries.push(...(await page.evaluate(sidebarEntries)));
      }
      const deprecated = entries.filter((entry) => entry.deprecated);
      const others = entries.filter((entry) => !entry.deprecated);
      expect(deprecated.length, JSON.stringify(entries)).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      // The colour of most entries (an open group's label is in the accent colour).
      const colours = others.map((entry) => entry.color);
      const usual = colours.sort(
        (a, b) => colours.filter((c) => c === b).length - colours.filter((c) => c === a).length,
      )[0];
      for (const entry of deprecated) expect(entry.color, entry.label).toBe(usual);
    } finally {
      await page.close();
    }
  });
});
