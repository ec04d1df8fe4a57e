/**
 * The README's library example, as a consumer would run it: a fresh clone of the repository
 * is packed (its `prepack` builds the package), the tarball is installed into an empty
 * project, and the example, extracted from README.md (the first ```ts block under
 * "### Summarise a video from code") and compiled as the consumer's TypeScript would be
 * (esbuild), runs there against the bundled mock. It must finish with exit 0 and write
 * chapters.vtt; and against a mock whose summarisation fails, its one `catch` on the base
 * class must report the error (exit 1).
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "../../scripts/demo.mjs";
import { mustRun } from "../../scripts/package/run.mjs";
import { packFreshClone } from "../../scripts/package/tarball.mjs";
import { type Scenario, useMock } from "../support/mock.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HEADING = "### Summarise a video from code";

const mockUrl = useMock();

/** The first ```ts block after `heading` in `markdown`, before the next heading. */
function exampleUnder(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start, `README.md has no "${heading}" section`).toBeGreaterThan(-1);
  const section = markdown.slice(start + heading.length + 2).split(/\n#{1,3} /)[0] ?? "";
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(section);
  expect(block, `no \`\`\`ts block under "${heading}"`).not.toBeNull();
  return block?.[1] ?? "";
}

let work: string | undefined;
let folder: string;
beforeAll(async () => {
  const source = exampleUnder(await readFile(join(ROOT, "README.md"), "utf8"), HEADING);
  const { code } = await transform(source, { loader: "ts", format: "esm", target: "node20" });
  // A consumer's project: the tarball of a fresh clone installed, as from npm.
  work = await mkdtemp(join(tmpdir(), "ncp-mi-readme-"));
  const tarball = await packFreshClone(ROOT, work);
  folder = join(work, "consumer");
  await mkdir(folder);
  await writeFile(join(folder, "package.json"), '{ "private": true, "type": "module" }\n');
  await mustRun(
    "npm",
    ["install", tarball.path, "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"],
    { cwd: folder },
  );
  await writeFile(join(folder, "example.js"), code);
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs the example in its own folder against a mock running `scenario`. */
async function runExample(scenario: Scenario, cwd: string) {
  const child = spawn(process.execPath, [join(folder, "example.js")], {
    cwd,
    env: {
      PATH: process.env.PATH,
      ...DEMO_CREDENTIALS,
      NCLOUD_MI_BASE_URL: await mockUrl(scenario),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { code, output };
}

describe("the README's library example", () => {
  it("runs to completion against the mock and writes chapters.vtt", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "ncp-mi-readme-run-"));
    const { code, output } = await runExample("complete", cwd);
    expect(code, output).toBe(0);
    expect(await readFile(join(cwd, "chapters.vtt"), "utf8")).toMatch(
      /^WEBVTT\n\nscene-1\n00:00:01\.000 --> 00:00:03\.000\n/,
    );
  });

  it("reports a failed summarisation through its catch of the base class: exit 1", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "ncp-mi-readme-run-"));
    const { code, output } = await runExample("fail", cwd);
    expect(code, output).toBe(1);
    expect(output).toContain("SceneSummaryFailedError");
    expect(output).not.toMatch(/\n\s+at /); // handled, not an uncaught stack trace
  });
});
