/**
 * The journal in a file of JSON lines: entries read back as appended, a last line cut short
 * by a crash dropped (and cut off the file), a damaged line before it refused naming it, one
 * process at a time by its lock, a lock left by a process that has gone taken over.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, open, readFile, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { replay } from "../../src/batch/journal.js";
import { openFileJournal } from "../../src/file-journal.js";
import { InvalidInputError, type JournalEntry } from "../../src/index.js";
import { journalEntry as entry } from "../support/journal.js";

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), "ncp-mi-journal-"));
}

const REQUESTING = entry("a", {
  event: "requesting",
  before: { status: "BEFORE_SUMMARIZE", requestedTime: null },
});
const REQUESTED = entry("a", { event: "requested" });
const STORED = entry("b", { event: "stored", ref: "b.vtt" });

describe("openFileJournal", () => {
  it("keeps each entry as one line, and reads them back in order", async () => {
    const path = join(await folder(), "journal.jsonl");
    const journal = await openFileJournal(path);
    expect(await journal.read()).toEqual([]);
    // Appended together: one flush for all, each resolved once it is on the disk.
    await Promise.all([REQUESTING, REQUESTED, STORED].map((e) => journal.append(e)));
    await journal.close();
    const text = await readFile(path, "utf8");
    expect(text.split("\n")).toHaveLength(4);
    expect(text.endsWith("\n")).toBe(true);
    const again = await openFileJournal(path);
    expect(await again.read()).toEqual([REQUESTING, REQUESTED, STORED]);
    expect(again.repaired).toBe(0);
    await again.close();
  });

  it("flushes every entry to the disk before append resolves; entries appended together share a flush", async () => {
    const path = join(await folder(), "journal.jsonl");
    const journal = await openFileJournal(path);
    const probe = await open(path, "r");
    const prototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const flushes = vi.spyOn(prototype, "datasync");
    try {
      for (const e of [REQUESTING, REQUESTED]) {
        const before = flushes.mock.calls.length;
        await journal.append(e);
        expect(flushes.mock.calls.length).toBe(before + 1);
      }
      const before = flushes.mock.calls.length;
      await Promise.all(Array.from({ length: 50 }, () => journal.append(STORED)));
      expect(flushes.mock.calls.length - before).toBeGreaterThanOrEqual(1);
      expect(flushes.mock.calls.length - before).toBeLessThan(50);
    } finally {
      flushes.mockRestore();
      await journal.close();
    }
    expect(await readFile(path, "utf8")).toMatch(/^(.*\n){52}$/);
  });

  it("keeps an id with a line break or a quote on its line", async () => {
    const path = join(await folder(), "journal.jsonl");
    const journal = await openFileJournal(path);
    const odd = entry('a"\u2028b', { event: "completed" });
    await journal.append(odd);
    await journal.close();
    const again = await openFileJournal(path);
    expect(await again.read()).toEqual([odd]);
    await again.close();
  });

  it.each([
    ["a line cut short", '{"v":1,"at":"2026-04-17T01:00:00.000Z","workspace":"ws","proj'],
    ["zeros after the last line", "\u0000\u0000\u0000\u0000"],
  ])("drops %s by a crash, cuts it off the file, and appends after it", async (_, tail) => {
    const path = join(await folder(), "journal.jsonl");
    const lines = `${JSON.stringify(REQUESTING)}\n${JSON.stringify(REQUESTED)}\n`;
    await writeFile(path, lines + tail);
    const journal = await openFileJournal(path);
    expect(journal.repaired).toBe(1);
    expect(await journal.read()).toEqual([REQUESTING, REQUESTED]);
    await journal.append(STORED);
    await journal.close();
    expect(await readFile(path, "utf8")).toBe(`${lines}${JSON.stringify(STORED)}\n`);
    const again = await openFileJournal(path);
    expect(replay(await again.read()).get(JSON.stringify(["ws", "1", "b"]))).toEqual({
      phase: "stored",
      ref: "b.vtt",
    });
    await again.close();
  });

  it("refuses a damaged line before the last, naming it, and leaves no lock", async () => {
    const path = join(await folder(), "journal.jsonl");
    await writeFile(path, `${JSON.stringify(REQUESTING)}\nnot json\n${JSON.stringify(STORED)}\n`);
    const error = await openFileJournal(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String((error as Error).message)).toMatch(
      new RegExp(`${path} line 2 is not JSON: the journal is damaged`),
    );
    await expect(readFile(`${path}.lock`)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses an entry of another version or an unknown event", async () => {
    const path = join(await folder(), "journal.jsonl");
    await writeFile(path, `${JSON.stringify({ ...STORED, event: "teleported" })}\n`);
    await expect(openFileJournal(path)).rejects.toThrow(
      /line 1: has an event this version does not know: teleported/,
    );
  });

  it("is one process's at a time: a second open is refused until the first closes", async () => {
    const path = join(await folder(), "journal.jsonl");
    const first = await openFileJournal(path);
    await expect(openFileJournal(path)).rejects.toThrow(
      new RegExp(`is in use by process ${process.pid} on ${hostname()}: one run at a time`),
    );
    await first.close();
    const second = await openFileJournal(path);
    await second.close();
  });

  it("takes over a lock left by a process that has gone", async () => {
    const path = join(await folder(), "journal.jsonl");
    const gone = spawnSync(process.execPath, ["-e", "process.pid"]).pid;
    await writeFile(`${path}.lock`, JSON.stringify({ pid: gone, host: hostname() }));
    const journal = await openFileJournal(path);
    expect(JSON.parse(await readFile(`${path}.lock`, "utf8"))).toEqual({
      pid: process.pid,
      host: hostname(),
    });
    await journal.close();
  });

  it("refuses a lock held on another host, whose process it cannot check", async () => {
    const path = join(await folder(), "journal.jsonl");
    await writeFile(`${path}.lock`, JSON.stringify({ pid: 1, host: "elsewhere.example" }));
    await expect(openFileJournal(path)).rejects.toThrow(/in use by process 1 on elsewhere/);
  });

  it("refuses to append once closed", async () => {
    const journal = await openFileJournal(join(await folder(), "journal.jsonl"));
    await journal.close();
    await expect(journal.append(STORED)).rejects.toThrow(/is closed/);
  });
});

describe("replay", () => {
  const key = JSON.stringify(["ws", "1", "a"]);
  const before = { status: "SUMMARIZE_COMPLETED", requestedTime: "2026-04-17T10:30:00" };

  it.each<[string, JournalEntry[], unknown]>([
    ["nothing", [], undefined],
    [
      "requesting: the status before it",
      [entry("a", { event: "requesting", before })],
      { phase: "requesting", before },
    ],
    [
      "requested: keeps the status before its request",
      [entry("a", { event: "requesting", before }), entry("a", { event: "requested" })],
      { phase: "requested", before },
    ],
    [
      "requested, following a run already under way: nothing to tell it from",
      [entry("a", { event: "requested", existing: true })],
      { phase: "requested", before: undefined },
    ],
    [
      "not-started: as if never requested",
      [
        entry("a", { event: "requesting", before }),
        entry("a", { event: "requested" }),
        entry("a", { event: "not-started" }),
      ],
      undefined,
    ],
    [
      "the last step counts",
      [
        entry("a", { event: "failed", status: "SUMMARIZE_FAIL", statusMessage: "x" }),
        entry("a", { event: "requesting", before }),
        entry("a", { event: "requested" }),
        entry("a", { event: "completed" }),
      ],
      { phase: "completed" },
    ],
  ])("%s", (_, entries, standing) => {
    expect(replay(entries).get(key)).toEqual(standing);
  });

  it("keeps assets of other workspaces and projects apart", () => {
    const other = { ...entry("a", { event: "completed" }), project: "2" } as JournalEntry;
    const standings = replay([entry("a", { event: "stored" }), other]);
    expect(standings.get(key)).toEqual({ phase: "stored", ref: undefined });
    expect(standings.get(JSON.stringify(["ws", "2", "a"]))).toEqual({ phase: "completed" });
  });
});
