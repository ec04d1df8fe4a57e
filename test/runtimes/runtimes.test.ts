/**
 * The runtime matrix: the package as published (built, `npm pack`ed and installed from the
 * tarball into a fresh project) runs one smoke test, fixtures/smoke.mjs, on every runtime it
 * claims: sign the published signature vectors, call a local mock over HTTP, parse both error
 * shapes (the gateway's and Media Intelligence's) into MediaIntelligenceError, and export
 * WebVTT. Each runtime's WebVTT must also be the very text that toWebVtt gives here.
 *
 * Prints a table, runtime × case, and writes it to test-results/runtimes.txt. A runtime that
 * cannot be installed or started fails every case, with the reason; none is skipped.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium } from "../support/browser.js";
import { CASES } from "./fixtures/cases.mjs";
import { type Consumer, installPackedPackage } from "./support/consumer.js";
import { type CaseResult, runInProcess, runOnChromium, runOnWorkerd } from "./support/hosts.js";
import { type MockServer, SUMMARIES, startMock } from "./support/mock.js";
import {
  type InstalledRuntime,
  installRuntime,
  REGISTRY_RUNTIMES,
  RUNTIMES_CACHE,
} from "./support/runtimes.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One line of the table. */
interface Row {
  readonly runtime: string;
  readonly version: string;
  /** One per case, in the order of CASES. */
  readonly results: readonly CaseResult[];
  readonly seconds: number;
}

let mock: MockServer;
let consumer: Consumer | undefined;
/** What toWebVtt gives for the mock's result, from the installed package, on this Node. */
let expectedWebVtt: string;
/** Installs, started at once and awaited by each runtime's test. */
const installs = new Map<string, Promise<InstalledRuntime>>();
const rows: Row[] = [];

beforeAll(async () => {
  for (const runtime of REGISTRY_RUNTIMES) {
    const install = installRuntime(runtime);
    install.catch(() => {}); // Reported by the runtime's own test.
    installs.set(runtime.name, install);
  }
  mock = await startMock();
  consumer = await installPackedPackage();
  const installed = pathToFileURL(
    join(consumer.dir, "node_modules/ncloud-media-intelligence/dist/index.js"),
  );
  const { toWebVtt } = (await import(installed.href)) as typeof import("../../src/index.js");
  expectedWebVtt = toWebVtt(SUMMARIES.result);
});

afterAll(async () => {
  const table = formatTable(rows);
  console.log(table);
  await mkdir(join(ROOT, "test-results"), { recursive: true });
  await writeFile(join(ROOT, "test-results", "runtimes.txt"), `${table}\n`);
  await mock?.stop();
  if (consumer) await rm(consumer.dir, { recursive: true, force: true });
});

/**
 * Runs the cases on one runtime and records its row. An error before any case ran (install,
 * start-up, a crash) becomes every case's failure, with the error as the reason.
 *
 * @param start - Gets the runtime ready and says its version.
 * @param run - Runs the cases on it.
 */
async function runRow(
  runtime: string,
  start: () => Promise<string>,
  run: () => Promise<CaseResult[]>,
): Promise<Row> {
  let version = "?";
  let seconds = 0;
  let results: CaseResult[];
  try {
    version = await start();
    const started = performance.now();
    results = await run();
    seconds = (performance.now() - started) / 1000;
  } catch (error) {
    const reason = `could not run: ${error instanceof Error ? error.message : String(error)}`;
    results = CASES.map((name) => ({ name, ok: false, detail: reason }));
  }
  const row = { runtime, version, results: checkResults(results), seconds };
  rows.push(row);
  return row;
}

/** Puts the results in the order of CASES, each present once, and checks the WebVTT text. */
function checkResults(results: readonly CaseResult[]): CaseResult[] {
  return CASES.map((name) => {
    const result = results.find((candidate) => candidate.name === name);
    if (!result) return { name, ok: false, detail: "the runtime reported no result" };
    if (name === "WebVTT" && result.ok && result.detail !== expectedWebVtt) {
      return { name, ok: false, detail: `WebVTT differs from Node's:\n${result.detail}` };
    }
    return result;
  });
}

/** The failed cases of a row, one line each, for the assertion's message. */
function failures(row: Row): string[] {
  return row.results
    .filter((result) => !result.ok)
    .map((result) => `${result.name}: ${result.detail}`);
}

/** The table: a line per runtime, PASS or FAIL per case, then the reason for each FAIL. */
function formatTable(table: readonly Row[]): string {
  const header = ["runtime", "version", ...CASES, "time"];
  const lines = table.map((row) => [
    row.runtime,
    row.version,
    ...row.results.map((result) => (result.ok ? "PASS" : "FAIL")),
    `${row.seconds.toFixed(1)} s`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const reasons = table.flatMap((row) =>
    failures(row).map((failure) => `  ${row.runtime}, ${failure}`),
  );
  return [
    `Runtime matrix (the packed tarball; runtimes cached in ${RUNTIMES_CACHE})`,
    format(header),
    ...lines.map(format),
    ...(reasons.length > 0 ? ["Failures:", ...reasons] : []),
  ].join("\n");
}

/** The consumer project, once beforeAll made it. */
function installedPackage(): Consumer {
  if (!consumer) throw new Error("the package was not installed");
  return consumer;
}

describe("the packed tarball", () => {
  test.each(REGISTRY_RUNTIMES)("runs every case on $name", async (runtime) => {
    let binary = "";
    const row = await runRow(
      runtime.name,
      async () => {
        const installed = await (installs.get(runtime.name) as Promise<InstalledRuntime>);
        binary = installed.binary;
        return `${runtime.package}@${runtime.version} (${installed.version})`;
      },
      () =>
        runtime.host === "workerd"
          ? runOnWorkerd(binary, installedPackage(), mock)
          : runInProcess(runtime.host, binary, installedPackage(), mock),
    );
    expect(failures(row)).toEqual([]);
  });

  // Not a supported runtime (end of life), but what this toolchain runs on and `engines` still
  // allows: the row shows that it still works.
  test(`runs every case on this toolchain's Node ${process.versions.node}`, async () => {
    const row = await runRow(
      `Node ${process.versions.node.split(".")[0]} (toolchain)`,
      async () => process.version,
      () => runInProcess("node", process.execPath, installedPackage(), mock),
    );
    expect(failures(row)).toEqual([]);
  });

  test("runs every case on Chromium", async () => {
    let browser: Browser | undefined;
    const row = await runRow(
      "Chromium",
      async () => {
        browser = await launchChromium();
        return `Chromium ${browser.version()}`;
      },
      () => runOnChromium(browser as Browser, installedPackage(), mock),
    );
    await browser?.close();
    expect(failures(row)).toEqual([]);
  });
});
