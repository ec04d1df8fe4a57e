/**
 * `ncp-mi summarize --assets-from`, end to end against test/support/gateway.ts (which checks
 * every signature) with a quota: a catalogue of twenty assets and one that fails writes twenty
 * exports and none for the failure, reports the failure with its message, requests each asset
 * once, has few requests refused; and interrupted (Ctrl-C, or `kill -9` of the process) then
 * run again, completes without requesting any asset twice.
 */
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Catalogue, type CatalogueOptions, createCatalogue } from "../support/catalogue.js";
import type { Gateway } from "../support/gateway.js";
import { runCli, startCli } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

const FAIL_MESSAGE = "The video could not be decoded.";
const ASSETS = [...Array.from({ length: 20 }, (_, i) => `asset-${i + 1}`), "broken"];
/** The gateway's quota, and the rate the command is held to: a little below it. */
const QUOTA = 40;
const MAX_RPS = "35";

/** A gateway with a catalogue behind it, and a folder with the list in it. */
async function setup(options: CatalogueOptions = {}) {
  const catalogue = createCatalogue({
    perSecond: QUOTA,
    failing: { broken: FAIL_MESSAGE },
    ...options,
  });
  const gateway = await startGateway(catalogue.handler);
  const folder = await mkdtemp(join(tmpdir(), "ncp-mi-catalogue-"));
  await writeFile(join(folder, "assets.txt"), `# the catalogue\n${ASSETS.join("\n")}\n`);
  return { catalogue, gateway, folder };
}

/** The command line, held to `rate` requests a second. */
function args(...extra: string[]): string[] {
  return argsAt(MAX_RPS, ...extra);
}

function argsAt(rate: string, ...extra: string[]): string[] {
  return [
    "summarize",
    "--workspace",
    "my-ws",
    "--project",
    "1234",
    "--assets-from",
    "assets.txt",
    "--out-dir",
    "out",
    "--max-rps",
    rate,
    "--concurrency",
    "21",
    "--interval",
    "1",
    ...extra,
  ];
}

/** POSTs the gateway received for each asset, whether let through or refused. */
function postsByAsset(gateway: Gateway): Map<string, number> {
  const posts = new Map<string, number>();
  for (const request of gateway.seen) {
    if (request.method !== "POST") continue;
    const asset = decodeURIComponent(/assets\/([^/]+)\//.exec(request.target)?.[1] ?? "");
    posts.set(asset, (posts.get(asset) ?? 0) + 1);
  }
  return posts;
}

/** The exports in the folder's `out`, by name, and whether the journal is there. */
async function exports(folder: string): Promise<string[]> {
  return (await readdir(join(folder, "out"))).filter((name) => name !== "ncp-mi-journal.jsonl");
}

function expectEachRequestedOnce(catalogue: Catalogue, gateway: Gateway): void {
  expect(Object.fromEntries(catalogue.runs)).toEqual(
    Object.fromEntries(ASSETS.map((asset) => [asset, 1])),
  );
  // Sent once, too: no refused POST either.
  expect(Object.fromEntries(postsByAsset(gateway))).toEqual(
    Object.fromEntries(ASSETS.map((asset) => [asset, 1])),
  );
}

describe.concurrent("a catalogue of twenty assets and one that fails", () => {
  it("writes twenty exports and none for the failure, reports it, requests each once, within the quota", {
    timeout: 30_000,
  }, async () => {
    const { catalogue, gateway, folder } = await setup();
    const { code, stdout, stderr } = await runCli(args(), { baseUrl: gateway.url, cwd: folder });
    expect(code, stderr).toBe(7);
    const written = await exports(folder);
    expect(written.sort()).toEqual(
      ASSETS.filter((a) => a !== "broken")
        .map((a) => `${a}.vtt`)
        .sort(),
    );
    for (const name of written) {
      expect(await readFile(join(folder, "out", name), "utf8")).toMatch(
        /^WEBVTT\n\nscene-1\n00:00:00\.000 --> 00:00:03\.000\nScene 1: the host speaks/,
      );
    }
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(ASSETS.length);
    expect(lines[0]).toBe("completed     asset-1   out/asset-1.vtt");
    expect(lines.at(-1)).toBe(`failed        broken    SUMMARIZE_FAIL: ${FAIL_MESSAGE}`);
    expect(stderr).toContain("ncp-mi: note: 20 of 21 assets done;");
    expectEachRequestedOnce(catalogue, gateway);
    // A status read, a request, a poll and the result: four requests an asset (three for the
    // one that fails), and not one refused above one in five.
    expect(catalogue.operations).toEqual({ status: 42, request: 21, get: 20 });
    expect(catalogue.refused()).toBeLessThanOrEqual(catalogue.total() / 5);
  });

  it("asked for ten times the quota: slows down at the first refusals, requests each once, at most one in five refused", {
    timeout: 30_000,
  }, async () => {
    // The gateway lets 20 a second through; the command may send 200: only the 429s tell it.
    const { catalogue, gateway, folder } = await setup({ perSecond: 20 });
    const { code, stderr } = await runCli(argsAt("200"), { baseUrl: gateway.url, cwd: folder });
    expect(code, stderr).toBe(7);
    expect((await exports(folder)).length).toBe(20);
    // Each summarised once; a POST the gateway refused (429) never reached the service.
    expect(Object.fromEntries(catalogue.runs)).toEqual(
      Object.fromEntries(ASSETS.map((asset) => [asset, 1])),
    );
    expect(catalogue.refused()).toBeGreaterThan(0); // The quota was met: the limiter had to adapt.
    expect(catalogue.refused()).toBeLessThanOrEqual(catalogue.total() / 5);
  });

  it("--json: a summary with the counts and each asset's outcome; --format srt files", {
    timeout: 30_000,
  }, async () => {
    const { gateway, folder } = await setup({ perSecond: undefined });
    const run = await runCli(argsAt("500", "--json", "--format", "srt"), {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(run.code).toBe(7);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      outDir: "out",
      format: "srt",
      total: 21,
      repeated: 0,
      counts: { completed: 20, failed: 1, "already-done": 0, error: 0 },
    });
    expect(summary.assets[0]).toEqual({
      asset: "asset-1",
      outcome: "completed",
      file: "out/asset-1.srt",
    });
    expect(summary.assets[20]).toEqual({
      asset: "broken",
      outcome: "failed",
      status: "SUMMARIZE_FAIL",
      statusMessage: FAIL_MESSAGE,
      earlier: false,
    });
    expect((await exports(folder)).filter((name) => name.endsWith(".srt"))).toHaveLength(20);
  });

  it("interrupted by Ctrl-C, then run again: completes, nothing requested twice", {
    timeout: 30_000,
  }, async () => {
    const controller = new AbortController();
    let posts = 0;
    const { catalogue, gateway, folder } = await setup({
      pollsToFinish: 1,
      onRequest: ({ operation }) => {
        if (operation === "request" && ++posts === 8) controller.abort();
      },
    });
    const first = await runCli(args(), {
      baseUrl: gateway.url,
      cwd: folder,
      signal: controller.signal,
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(
      /ncp-mi: interrupted; \d+ summarisations? of the catalogue go(es)? on on the server\. To resume, run the same command again .*: ncp-mi summarize --workspace my-ws --project 1234 --assets-from assets\.txt --out-dir out /,
    );
    expect((await exports(folder)).length).toBeLessThan(20);
    const second = await runCli(args(), { baseUrl: gateway.url, cwd: folder });
    expect(second.code, second.stderr).toBe(7);
    expect(await exports(folder)).toHaveLength(20);
    expectEachRequestedOnce(catalogue, gateway);
    // A third run: everything already done, the failure reported from the journal, nothing sent.
    const seen = gateway.seen.length;
    const third = await runCli(args(), { baseUrl: gateway.url, cwd: folder });
    expect(third.code).toBe(7);
    expect(gateway.seen).toHaveLength(seen);
    expect(third.stdout).toMatch(/^already done {2}asset-1 {3}out\/asset-1\.vtt$/m);
    expect(third.stdout).toContain("(in an earlier run; --retry-failed requests it again)");
  });

  it("killed (kill -9) just after a request was sent, then run again: nothing requested twice", {
    timeout: 30_000,
  }, async () => {
    let posts = 0;
    let child: ReturnType<typeof startCli> | undefined;
    const { catalogue, gateway, folder } = await setup({
      pollsToFinish: 1,
      // The request takes effect; the process dies before it can record that it did.
      onRequest: ({ operation }) => {
        if (operation === "request" && ++posts === 6) child?.child.kill("SIGKILL");
      },
    });
    child = startCli(args(), { baseUrl: gateway.url, cwd: folder });
    const killed = await child.result;
    expect(killed.code).toBeNull();
    const journal = await readFile(join(folder, "out", "ncp-mi-journal.jsonl"), "utf8");
    expect(journal).toContain('"event":"requesting"');
    const again = await runCli(args(), { baseUrl: gateway.url, cwd: folder });
    expect(again.code, again.stderr).toBe(7);
    expect(await exports(folder)).toHaveLength(20);
    expectEachRequestedOnce(catalogue, gateway);
  });
});

describe.concurrent("outcomes", () => {
  it("says how each asset ended: cancelled, timed out (it goes on)", {
    timeout: 30_000,
  }, async () => {
    const catalogue = createCatalogue({ cancelling: ["stopped"], endless: ["slow"] });
    const gateway = await startGateway(catalogue.handler);
    const folder = await mkdtemp(join(tmpdir(), "ncp-mi-catalogue-"));
    await writeFile(join(folder, "assets.txt"), "done\nstopped\nslow\n");
    const { code, stdout } = await runCli(argsAt("500", "--timeout", "1.5"), {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code).toBe(7);
    expect(stdout).toBe(
      [
        "completed     done     out/done.vtt",
        "cancelled     stopped  SUMMARIZE_CANCELED",
        "timed out     slow     no end within 1.5 s (--timeout), last SUMMARIZING; it goes on on the server: run the same command again to keep waiting",
        "",
      ].join("\n"),
    );
  });
});

describe.concurrent("progress", () => {
  it("on a pipe: one plain line per change of an asset's state", { timeout: 30_000 }, async () => {
    const { gateway, folder } = await setup({ perSecond: undefined });
    const { stderr } = await runCli(argsAt("500"), { baseUrl: gateway.url, cwd: folder });
    const lines = stderr.split("\n").filter((line) => line.startsWith("summarize: asset-3:"));
    expect(lines.map((line) => line.replace(/ \(\d+\/21 done\)$/, ""))).toEqual([
      "summarize: asset-3: requesting",
      "summarize: asset-3: requested",
      "summarize: asset-3: SUMMARIZE_COMPLETED",
      "summarize: asset-3: completed",
    ]);
    expect(stderr).toMatch(/summarize: broken: failed \(\d+\/21 done\)/);
    expect(stderr).not.toContain("\r");
  });

  it("on a terminal: a bar with the count of each state, redrawn in place", {
    timeout: 30_000,
  }, async () => {
    const { gateway, folder } = await setup({ perSecond: undefined });
    const { stderr } = await runCli(argsAt("500"), {
      baseUrl: gateway.url,
      cwd: folder,
      isTTY: true,
      env: { NO_COLOR: "1" },
    });
    expect(stderr).toMatch(/\r\[#{24}\] 21\/21 done · 20 completed · 1 failed {2}\d+\.\ds *\n/);
    expect(stderr).not.toMatch(/summarize: asset-\d+:/);
  });
});
