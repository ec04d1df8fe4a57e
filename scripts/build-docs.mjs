// Builds site/index.html, the API reference page, from openapi.yaml (`npm run docs`).
//
// Why a script rather than a bare `redocly build-docs`: the page must work with no network, and
// load nothing from another host. `--inlineBundle` embeds Redoc instead of importing it from
// Redocly's CDN, but Redoc still shows a Redocly logo fetched from that CDN, so this script
// swaps it for an inline image, then checks the page and fails loudly if anything would still
// be loaded from elsewhere. It also puts openapi.yaml beside the page for its download link.
// The page's options and theme are in redocly.yaml (`openapi:`) and scripts/docs-template.hbs.
//
// Redocly's own output is kept and shown only when the build fails: on success it is two boxed
// notices a reader can do nothing about (Node 20's end of life, on this toolchain's Node, and
// "build-docs now renders docs with Redoc 3"), which no option turns off, and progress lines.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(root, "site", "index.html");
const redocly = join(root, "node_modules", "@redocly", "cli", "bin", "cli.js");

// The page's title names the SDK's version beside the spec's: the page is built from a copy of
// openapi.yaml whose info.version says both. The copy downloaded from the page is the original.
const { version: sdkVersion } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const spec = parseDocument(readFileSync(join(root, "openapi.yaml"), "utf8"));
const specVersion = spec.getIn(["info", "version"]);
spec.setIn(["info", "version"], `${specVersion} · SDK ${sdkVersion}`);
const title = `${spec.getIn(["info", "title"])} (${specVersion} · SDK ${sdkVersion})`;
const scratch = mkdtempSync(join(tmpdir(), "build-docs-"));
const source = join(scratch, "openapi.yaml");
writeFileSync(source, spec.toString());

const build = spawnSync(
  process.execPath,
  [
    redocly,
    "build-docs",
    source,
    "--inlineBundle",
    "--lint-config=error",
    `--title=${title}`,
    `--output=${output}`,
  ],
  {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    // No usage data, no update check against the npm registry.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);
rmSync(scratch, { recursive: true, force: true });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`);
  fail(`redocly build-docs exited with ${build.status ?? build.signal}`);
}

// Redoc's "API docs by Redocly" footer shows these logos from Redocly's CDN; draw them inline.
const logo = (width, text) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" textLength="${width}" lengthAdjust="spacingAndGlyphs" ` +
      `font-family="system-ui,sans-serif" font-size="13" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  )}`;
const cdnLogos = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": logo(56, "Redocly"),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": logo(10, "R"),
};

let html = readFileSync(output, "utf8");
for (const [url, inline] of Object.entries(cdnLogos)) html = html.replaceAll(url, inline);

// Anything the browser would fetch from another host when it opens the page. Links (<a href>)
// are fine: they are only followed when clicked. What Redoc fetches from its own code once
// running (such as the logos above) is out of reach of this check; test/docs catches that.
const checks = [
  ["<script src>", /<script\b[^>]*\ssrc\s*=\s*["']?(?:https?:)?\/\//gi],
  ["<link href>", /<link\b[^>]*\shref\s*=\s*["']?(?:https?:)?\/\//gi],
  ["import from a URL", /\b(?:from|import)\s*\(?\s*["'`](?:https?:)?\/\//g],
  ["CSS url()", /url\(\s*["']?(?:https?:)?\/\//gi],
  ["CSS @import", /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\//gi],
];
const found = checks.flatMap(([what, pattern]) =>
  [...html.matchAll(pattern)].map((m) => `${what}: ${html.slice(m.index, m.index + 120)}`),
);
if (found.length > 0) {
  rmSync(output);
  fail(`the page would load from another host, so it was deleted:\n  ${found.join("\n  ")}`);
}

writeFileSync(output, html);
copyFileSync(join(root, "openapi.yaml"), join(root, "site", "openapi.yaml"));
console.log(
  `${relative(root, output)} is self-contained (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`,
);

function fail(message) {
  console.error(`build-docs: ${message}`);
  process.exit(1);
}
