/**
 * The main job end to end: the built CLI against the bundled mock (a summarisation that
 * progresses, in front of Prism), every scenario with the exit code of `summarize` and of
 * `wait`, Ctrl-C, and `-o FILE` written whole or not at all, even under SIGINT.
 */
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Scenario, useMock } from "../support/mock.js";
import { type CliResult, DEPRECATION_NOTE, runCli, startCli } from "./support/cli.js";

const mockUrl = useMock();

let assets = 0;
/** Ids of an asset no other test of this file asks about: the mock keeps a state per asset. */
function freshAsset(): string[] {
  assets += 1;
  return ["--workspace", "my-workspace", "--project", "1234", "--asset", `cli-${assets}`];
}

/** Polls once a second, the least allowed. */
const POLL = ["--interval", "1"];

async function runAgainst(scenario: Scenario, args: string[], cwd?: string): Promise<CliResult> {
  return runCli(args, { baseUrl: await mockUrl(scenario), ...(cwd ? { cwd } : {}) });
}

/** Resolves once the CLI's stderr contains `text`. */
function stderrShows(cli: ReturnType<typeof startCli>, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (cli.stderr().includes(text)) resolve();
    };
    cli.child.stderr?.on("data", check);
    check();
  });
}

describe("summarize, scenario by scenario", () => {
  it("complete: requested, progressing, completed, the chapters on stdout: 0", async () => {
    const { code, stdout, stderr } = await runAgainst("complete", [
      "summarize",
      ...freshAsset(),
      ...POLL,
      "--format",
      "vtt",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^WEBVTT\n\nscene-1\n00:00:01\.000 --> 00:00:03\.000\n/);
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("summarize: requested a scene summarisation.");
    expect(lines.at(-1)).toMatch(/^summarize: SUMMARIZE_COMPLETED, 10\/10 scenes analysed, /);
    expect(lines.slice(1).every((line) => /^summarize: [A-Z_]+, \d+\/10 scenes/.test(line))).toBe(
      true,
    );
  });

  it.each([
    { scenario: "fail", exit: 3, says: "ncp-mi: Scene summarisation failed: " },
    { scenario: "cancel", exit: 4, says: "ncp-mi: Scene summarisation was cancelled." },
  ] as const)("$scenario: exit $exit", async ({ scenario, exit, says }) => {
    const { code, stdout, stderr } = await runAgainst(scenario, [
      "summarize",
      ...freshAsset(),
      ...POLL,
    ]);
    expect(code).toBe(exit);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n").at(-1)).toContain(says);
  });

  it("slow: --timeout ends it with 5, in seconds, saying the job goes on", async () => {
    const { code, stderr } = await runAgainst("slow", [
      "summarize",
      ...freshAsset(),
      ...POLL,
      "--timeout",
      "1.5",
    ]);
    expect(code).toBe(5);
    expect(stderr).toMatch(
      /\nncp-mi: gave up waiting after 1\.5 s \(--timeout\); last status [A-Z_]+, \d+\/10 scenes\. The summarisation goes on on the server; to keep waiting: ncp-mi wait --workspace my-workspace --project 1234 --asset \S+\n$/,
    );
  });

  it("in-progress: says so, waits for the one running, and prints its result: 0", async () => {
    const { code, stdout, stderr } = await runAgainst("in-progress", [
      "summarize",
      ...freshAsset(),
      ...POLL,
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty("sceneSummaries");
    expect(stderr).toMatch(/^summarize: a scene summarisation is already in progress: waiting/);
    expect(stderr).not.toContain("requested a scene summarisation");
  });

  it("in-progress with --no-wait-existing: exit 6, pointing to wait", async () => {
    const { code, stdout, stderr } = await runAgainst("in-progress", [
      "summarize",
      ...freshAsset(),
      "--no-wait-existing",
    ]);
    expect(code).toBe(6);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^ncp-mi: a scene summarisation is already in progress \(SUMMARIZING, \d+\/10 scenes\): follow it with 'ncp-mi wait --workspace my-workspace --project 1234 --asset \S+'/,
    );
  });

  it("the index-based API with --index: one deprecation line, then the same job", async () => {
    const { code, stdout, stderr } = await runAgainst("complete", [
      "summarize",
      ...freshAsset(),
      "--index",
      "1001",
      ...POLL,
      "--format",
      "srt",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("00:00:01,000 --> 00:00:03,000");
    expect(stderr.startsWith(DEPRECATION_NOTE)).toBe(true);
    expect(stderr.split("deprecated")).toHaveLength(2);
  });
});

describe("request, wait, summaries, status, cancel, scenario by scenario", () => {
  it.each([
    { scenario: "complete", exit: 0 },
    { scenario: "fail", exit: 3 },
    { scenario: "cancel", exit: 4 },
  ] as const)("request then wait on $scenario: exit $exit", async ({ scenario, exit }) => {
    const asset = freshAsset();
    const requested = await runAgainst(scenario, ["request", ...asset]);
    expect(requested.code).toBe(0);
    expect(requested.stdout).toBe(
      `Requested a scene summarisation.\nFollow it with: ncp-mi wait ${asset.join(" ")}\n`,
    );
    const waited = await runAgainst(scenario, ["wait", ...asset, ...POLL]);
    expect(waited.code).toBe(exit);
  });

  it("wait on slow: exit 5 at --timeout", async () => {
    const asset = freshAsset();
    expect((await runAgainst("slow", ["request", ...asset])).code).toBe(0);
    const { code } = await runAgainst("slow", ["wait", ...asset, ...POLL, "--timeout", "1"]);
    expect(code).toBe(5);
  });

  it("wait with nothing requested: exit 1 past --grace", async () => {
    const { code, stderr } = await runAgainst("complete", [
      "wait",
      ...freshAsset(),
      ...POLL,
      "--grace",
      "1",
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /\nncp-mi: no scene summarisation was requested: the status is still BEFORE_SUMMARIZE after 1 s \(--grace\)\. Request one with 'ncp-mi request', or run 'ncp-mi summarize'\.\n$/,
    );
  });

  it("summaries before completion: 409, and the message suggests wait", async () => {
    const asset = freshAsset();
    expect((await runAgainst("slow", ["request", ...asset])).code).toBe(0);
    const { code, stderr } = await runAgainst("slow", ["summaries", ...asset]);
    expect(code).toBe(1);
    expect(stderr).toContain("HTTP 409");
    expect(stderr).toContain(`run 'ncp-mi wait ${asset.join(" ")}' first`);
  });

  it("cancel stops a slow one; its status then says so", async () => {
    const asset = freshAsset();
    expect((await runAgainst("slow", ["request", ...asset])).code).toBe(0);
    const cancelled = await runAgainst("slow", ["cancel", ...asset]);
    expect(cancelled).toMatchObject({ code: 0, stdout: "Cancelled the scene summarisation.\n" });
    const status = await runAgainst("slow", ["status", ...asset, "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ status: "SUMMARIZE_CANCELED" });
  });
});

describe("Ctrl-C and -o FILE", () => {
  it("SIGINT during summarize: 130, the job left running, how to cancel it, no file", async () => {
    const folder = await mkdtemp(join(tmpdir(), "ncp-mi-"));
    const asset = freshAsset();
    const cli = startCli(["summarize", ...asset, ...POLL, "-o", "chapters.vtt"], {
      baseUrl: await mockUrl("slow"),
      cwd: folder,
    });
    await stderrShows(cli, "summarize: SUMMARIZING");
    cli.child.kill("SIGINT");
    const { code, stdout, stderr } = await cli.result;
    expect(code).toBe(130);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      new RegExp(
        `\nncp-mi: interrupted\\. The scene summarisation goes on on the server; to cancel it: ncp-mi cancel ${asset.join(" ")}\n$`,
      ),
    );
    expect(await readdir(folder)).toEqual([]);
    // It was left running.
    const status = await runAgainst("slow", ["status", ...asset, "--json"]);
    expect(JSON.parse(status.stdout).status).toMatch(/^(WAIT_SUMMARIZE|SUMMARIZING)$/);
  });

  it("SIGINT leaves an existing -o FILE as it was, and no temporary file", async () => {
    const folder = await mkdtemp(join(tmpdir(), "ncp-mi-"));
    await writeFile(join(folder, "chapters.vtt"), "previous chapters\n");
    const cli = startCli(["summarize", ...freshAsset(), ...POLL, "-o", "chapters.vtt"], {
      baseUrl: await mockUrl("slow"),
      cwd: folder,
    });
    await stderrShows(cli, "summarize: requested");
    cli.child.kill("SIGINT");
    expect((await cli.result).code).toBe(130);
    expect(await readdir(folder)).toEqual(["chapters.vtt"]);
    expect(await readFile(join(folder, "chapters.vtt"), "utf8")).toBe("previous chapters\n");
  });

  it("a completed run replaces -o FILE whole, prints nothing, and leaves no temporary file", async () => {
    const folder = await mkdtemp(join(tmpdir(), "ncp-mi-"));
    await writeFile(join(folder, "chapters.vtt"), "previous chapters, longer than nothing\n");
    const before = await stat(join(folder, "chapters.vtt"));
    const { code, stdout } = await runAgainst(
      "complete",
      ["summarize", ...freshAsset(), ...POLL, "--format", "VTT", "-o", "chapters.vtt"],
      folder,
    );
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(await readdir(folder)).toEqual(["chapters.vtt"]);
    expect(await readFile(join(folder, "chapters.vtt"), "utf8")).toMatch(/^WEBVTT\n\nscene-1\n/);
    // Another file renamed over it, not the old one rewritten in place.
    expect((await stat(join(folder, "chapters.vtt"))).ino).not.toBe(before.ino);
  });

  it("-o into a folder that does not exist: exit 2 before anything is requested", async () => {
    const asset = freshAsset();
    const { code, stderr } = await runAgainst("complete", [
      "summarize",
      ...asset,
      "-o",
      "/nonexistent-folder/chapters.vtt",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^ncp-mi: cannot write -o \/nonexistent-folder\/chapters\.vtt: the folder does not exist \(ENOENT\)\./,
    );
    const status = await runAgainst("complete", ["status", ...asset, "--json"]);
    expect(JSON.parse(status.stdout).status).toBe("BEFORE_SUMMARIZE");
  });
});

describe("a catalogue against the mock", () => {
  it("serves any number of assets, each with a summarisation of its own: 40 in one run", {
    timeout: 30_000,
  }, async () => {
    const cwd = await mkdtemp(join(tmpdir(), "ncp-mi-mock-catalogue-"));
    const ids = Array.from({ length: 40 }, (_, i) => `catalogue-${i + 1}`);
    await writeFile(join(cwd, "assets.txt"), `${ids.join("\n")}\n`);
    const { code, stdout, stderr } = await runAgainst(
      "complete",
      [
        "summarize",
        "--workspace",
        "my-workspace",
        "--project",
        "1234",
        "--assets-from",
        "assets.txt",
        "--out-dir",
        "chapters",
        "--concurrency",
        "40",
        "--max-rps",
        "400",
        ...POLL,
      ],
      cwd,
    );
    expect(code, stderr).toBe(0);
    expect(stdout.trimEnd().split("\n")).toEqual(
      ids.map((id) => `completed     ${id.padEnd(12)}  chapters/${id}.vtt`),
    );
    const files = (await readdir(join(cwd, "chapters"))).filter((name) => name.endsWith(".vtt"));
    expect(files).toHaveLength(40);
    expect(await readFile(join(cwd, "chapters", "catalogue-40.vtt"), "utf8")).toMatch(
      /^WEBVTT\n\nscene-1\n00:00:01\.000 --> 00:00:03\.000\n/,
    );
  });
});
