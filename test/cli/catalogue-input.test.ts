/**
 * What `summarize --assets-from` accepts, checked before anything is sent (exit 2, a message
 * naming what is wrong, no request): the forms of `summarize` and the options of each, the
 * list's lines, the folder and its journal; and what it makes of odd IDs.
 */
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCatalogue } from "../support/catalogue.js";
import { runCli } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

const IDS = ["--workspace", "my-ws", "--project", "1234"];
const CATALOGUE = [...IDS, "--assets-from", "assets.txt", "--out-dir", "out"];

/** A gateway that records what reaches it, and a folder with `list` as assets.txt. */
async function setup(list = "a1\na2\n") {
  const catalogue = createCatalogue();
  const gateway = await startGateway(catalogue.handler);
  const folder = await mkdtemp(join(tmpdir(), "ncp-mi-catalogue-input-"));
  await writeFile(join(folder, "assets.txt"), list);
  return { gateway, folder, catalogue };
}

/** Runs `summarize` with `args` in a fresh folder; expects a usage error and nothing sent. */
async function refused(args: string[], list?: string) {
  const { gateway, folder } = await setup(list);
  const result = await runCli(["summarize", ...args], { baseUrl: gateway.url, cwd: folder });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  expect(gateway.seen).toEqual([]);
  return result.stderr;
}

describe.concurrent("the forms of summarize", () => {
  it.each<[string, string[], RegExp]>([
    [
      "--asset and --assets-from together",
      [...CATALOGUE, "--asset", "5678"],
      /--asset and --assets-from both given: --asset summarises one asset, --assets-from a catalogue; give one\./,
    ],
    [
      "neither --asset nor --assets-from",
      IDS,
      /missing required option --asset \(or --assets-from FILE for a catalogue\)\./,
    ],
    [
      "--assets-from without --out-dir",
      [...IDS, "--assets-from", "assets.txt"],
      /missing --out-dir DIR: a catalogue writes one file an asset there, and its journal\./,
    ],
    [
      "--out-dir without --assets-from",
      [...IDS, "--asset", "5678", "--out-dir", "out"],
      /--out-dir goes with --assets-from \(a catalogue\)\./,
    ],
    [
      "--concurrency without --assets-from",
      [...IDS, "--asset", "5678", "--concurrency", "4"],
      /--concurrency goes with --assets-from/,
    ],
    ["-o with a catalogue", [...CATALOGUE, "-o", "x.vtt"], /-o\/--output is for one asset/],
    ["--index with a catalogue", [...CATALOGUE, "--index", "1001"], /--index is for one asset/],
    ["--scenes with a catalogue", [...CATALOGUE, "--scenes", "3"], /--scenes is for one asset/],
    ["--dry-run with a catalogue", [...CATALOGUE, "--dry-run"], /--dry-run is for one asset/],
    [
      "a format a catalogue does not write",
      [...CATALOGUE, "--format", "table"],
      /unknown format 'table'; the formats are vtt, srt, markdown, json\./,
    ],
    [
      "--concurrency 0",
      [...CATALOGUE, "--concurrency", "0"],
      /--concurrency must be a whole number ≥ 1, got '0'\./,
    ],
    [
      "--concurrency past its bound",
      [...CATALOGUE, "--concurrency", "5000"],
      /--concurrency must be at most 1000, got '5000'\./,
    ],
    [
      "--max-rps 0",
      [...CATALOGUE, "--max-rps", "0"],
      /--max-rps must be a positive number up to 1000000, such as 5 or 0\.5, got '0'\./,
    ],
    ["--max-rps that is no number", [...CATALOGUE, "--max-rps", "fast"], /--max-rps must be/],
    [
      "--retry-failed without --assets-from",
      [...IDS, "--asset", "5678", "--retry-failed"],
      /--retry-failed goes with --assets-from/,
    ],
  ])("refuses %s", async (_, args, message) => {
    const stderr = await refused(args);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Run 'ncp-mi summarize --help' for usage.");
  });

  it("checks --workspace and --project as for one asset", async () => {
    const stderr = await refused([
      "--workspace",
      " my-ws",
      "--project",
      "1234",
      "--assets-from",
      "assets.txt",
      "--out-dir",
      "out",
    ]);
    expect(stderr).toContain("bad --workspace: --workspace must not start or end with white space");
  });

  it("--assets-from is summarize's only: another command names it", async () => {
    const { code, stderr } = await runCli(["status", ...IDS, "--asset", "1", "--assets-from", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("status has no option '--assets-from' (summarize has one).");
  });

  it("the help shows both forms and exit code 7", async () => {
    const { stdout } = await runCli(["summarize", "--help"]);
    expect(stdout).toMatch(/^Usage: ncp-mi summarize --workspace NAME --project ID --asset ID/);
    expect(stdout).toMatch(
      /^ {7}ncp-mi summarize --workspace NAME --project ID --assets-from FILE\n? *--out-dir DIR/m,
    );
    expect(stdout).toMatch(/^ {2}7 {4}summarize --assets-from: not every asset completed/m);
  });
});

describe.concurrent("the list", () => {
  it.each<[string, string, RegExp]>([
    [
      "an ID with white space around it",
      "a1\n a2\n",
      /assets\.txt line 2: the asset ID must not start or end with white space/,
    ],
    [
      "an ID that is a dot segment",
      "a1\n# ok\n..\n",
      /assets\.txt line 3: the asset ID must not be "\.\."/,
    ],
    [
      "a control character",
      "a1\na\u0007b\n",
      /line 2: the asset ID must not contain control characters \(U\+0007/,
    ],
    [
      "no ID at all",
      "# nothing\n\n   \n",
      /assets\.txt holds no asset ID \(one a line; blank lines and # comments are skipped\)\./,
    ],
    ["text that is not UTF-8", "a1\n\u00ff", /assets\.txt is not UTF-8 text\./],
  ])("refuses %s, naming its line", async (_, list, message) => {
    const bytes = list === "a1\n\u00ff" ? Buffer.from([0x61, 0x31, 0x0a, 0xff]) : list;
    const { gateway, folder } = await setup();
    await writeFile(join(folder, "assets.txt"), bytes);
    const { code, stderr } = await runCli(["summarize", ...CATALOGUE], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(gateway.seen).toEqual([]);
  });

  it("refuses a list that is not there", async () => {
    const stderr = await refused([...IDS, "--assets-from", "gone.txt", "--out-dir", "out"]);
    expect(stderr).toContain("cannot read --assets-from gone.txt: no such file (ENOENT).");
  });

  it("skips blank lines and comments, reads CR LF, counts a repeated ID once", async () => {
    const { gateway, folder, catalogue } = await setup(
      "# my catalogue\r\na1\r\n\r\n  # indented comment\r\na2\r\na1\r\n",
    );
    const { code, stdout, stderr } = await runCli(["summarize", ...CATALOGUE], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code, stderr).toBe(0);
    expect(stdout.split("\n").filter(Boolean)).toHaveLength(2);
    expect(stderr).toContain("ncp-mi: note: 1 repeated asset ID counted once.");
    expect(Object.fromEntries(catalogue.runs)).toEqual({ a1: 1, a2: 1 });
  });

  it("reads the list from stdin with -", async () => {
    const { gateway, folder } = await setup();
    const { code, stdout } = await runCli(
      ["summarize", ...IDS, "--assets-from", "-", "--out-dir", "out", "--format", "markdown"],
      { baseUrl: gateway.url, cwd: folder, stdin: "s1\ns2\n" },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      "completed  s1  out/s1.md\ncompleted  s2  out/s2.md\n".replace(/ {2}s/g, "     s"),
    );
    expect((await readdir(join(folder, "out"))).sort()).toEqual([
      "ncp-mi-journal.jsonl",
      "s1.md",
      "s2.md",
    ]);
  });

  it("names each export after its asset, percent-encoding what a file name cannot hold", async () => {
    const { gateway, folder } = await setup("a/b\n.hidden\n자산 1\n");
    const { code, stdout } = await runCli(["summarize", ...CATALOGUE], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code).toBe(0);
    expect((await readdir(join(folder, "out"))).sort()).toEqual(
      ["%2Ehidden.vtt", "%EC%9E%90%EC%82%B0%201.vtt", "a%2Fb.vtt", "ncp-mi-journal.jsonl"].sort(),
    );
    expect(stdout).toContain("a/b");
  });
});

describe.concurrent("the folder", () => {
  it("refuses --out-dir that is a file", async () => {
    const { gateway, folder } = await setup();
    await writeFile(join(folder, "out"), "a file");
    const { code, stderr } = await runCli(["summarize", ...CATALOGUE], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code).toBe(2);
    expect(stderr).toContain("cannot write in --out-dir out: it is not a folder.");
    expect(gateway.seen).toEqual([]);
  });

  it("refuses a folder whose journal another run holds", async () => {
    const { gateway, folder } = await setup();
    await mkdir(join(folder, "out"));
    await writeFile(
      join(folder, "out", "ncp-mi-journal.jsonl.lock"),
      JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname() }),
    );
    const { code, stderr } = await runCli(["summarize", ...CATALOGUE], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /cannot use the journal of --out-dir out: .*ncp-mi-journal\.jsonl is in use by process \d+/,
    );
    expect(gateway.seen).toEqual([]);
  });

  it("refuses a damaged journal, naming its line", async () => {
    const { gateway, folder } = await setup();
    await mkdir(join(folder, "out"));
    await writeFile(join(folder, "out", "ncp-mi-journal.jsonl"), "garbage\n{}\n");
    const { code, stderr } = await runCli(["summarize", ...CATALOGUE], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/ncp-mi-journal\.jsonl line 1 is not JSON: the journal is damaged/);
    expect(gateway.seen).toEqual([]);
  });
});
