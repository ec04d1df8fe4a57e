/**
 * A {@link SummaryJournal} in a file of JSON lines, for Node (`ncloud-media-intelligence/
 * file-journal`): `ncp-mi summarize --assets-from` keeps one in its output folder, and a
 * Node service can give one to `summarizeMany`.
 *
 * - Each entry is one line, appended and flushed to the disk (`fdatasync`) before `append`
 *   resolves; entries appended while a flush is under way share the next one (group commit),
 *   so that a thousand assets do not cost a thousand flushes in a row.
 * - A crash can cut the last line short (or leave zeros after it): whatever follows the last
 *   newline is dropped, and cut off the file, when it is opened. A damaged line before it
 *   cannot come from a crash, and is an error naming its line: nothing is sent.
 * - One process at a time: a lock file beside it (`<file>.lock`, holding the process id and
 *   host) is taken when it opens and removed when it closes. A lock whose process has gone
 *   (`kill -9`) is taken over.
 */

import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { type FileHandle, link, open, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { checkEntry, type JournalEntry, type SummaryJournal } from "./batch/journal.js";
import { InvalidInputError } from "./errors.js";

/** The entries and the interface this journal keeps and implements (also in the root export). */
export type { JournalEntry, SummaryJournal } from "./batch/journal.js";

/** A journal kept in a file; {@link FileJournal.close} it when done. */
export interface FileJournal extends SummaryJournal {
  /** The file's path. */
  readonly path: string;
  /** How many lines cut short by a crash were dropped when it was opened: 0 or 1. */
  readonly repaired: number;
  /** Waits for the appends under way, closes the file and removes the lock. */
  close(): Promise<void>;
}

/** An append waiting for its flush. */
interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Opens (or creates) the journal at `path`: takes its lock, reads its entries, and drops a
 * last line cut short by a crash.
 *
 * @throws InvalidInputError naming `journal` when another process holds it, or a line before
 *   the last is not an entry this version can read.
 */
export async function openFileJournal(path: string): Promise<FileJournal> {
  const lock = `${path}.lock`;
  await takeLock(lock, path);
  let handle: FileHandle | undefined;
  try {
    const { entries, keepBytes, repaired, existed } = await readEntries(path);
    handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
    if (repaired > 0) {
      await handle.truncate(keepBytes);
      await handle.datasync();
    }
    // A new file's name is durable once its folder is flushed.
    if (!existed) await syncFolder(dirname(path));
    return createJournal(path, lock, handle, entries, repaired);
  } catch (error) {
    await handle?.close();
    await rm(lock, { force: true });
    throw error;
  }
}

function createJournal(
  path: string,
  lock: string,
  handle: FileHandle,
  entries: JournalEntry[],
  repaired: number,
): FileJournal {
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let broken: unknown;
  let closed = false;

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await handle.appendFile(batch.map((item) => item.line).join(""), "utf8");
        await handle.datasync();
        for (const item of batch) item.resolve();
      } catch (error) {
        broken = error;
        for (const item of [...batch, ...pending]) item.reject(error);
        pending = [];
      }
    }
    flushing = undefined;
  }

  return {
    path,
    repaired,
    read: () => [...entries],
    append(entry) {
      if (closed) return Promise.reject(new Error(`the journal ${path} is closed`));
      if (broken !== undefined) return Promise.reject(broken);
      return new Promise<void>((resolve, reject) => {
        pending.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
        flushing ??= flush();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await flushing;
      await handle.close();
      await rm(lock, { force: true });
    },
  };
}

/**
 * The file's entries, and how many of its bytes to keep: all but what follows the last
 * newline (a line cut short by a crash).
 */
async function readEntries(path: string) {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
    return { entries: [], keepBytes: 0, repaired: 0, existed: false };
  }
  const keepBytes = bytes.lastIndexOf(0x0a) + 1;
  const entries: JournalEntry[] = [];
  const lines = bytes.subarray(0, keepBytes).toString("utf8").split("\n");
  lines.pop(); // what follows the last newline: nothing
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${path} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InvalidInputError(
        "journal",
        `${where} is not JSON: the journal is damaged (a crash can only cut its last line short); move it away to start over`,
      );
    }
    entries.push(checkEntry(value, where));
  });
  return { entries, keepBytes, repaired: keepBytes < bytes.length ? 1 : 0, existed: true };
}

/** Takes the lock at `lock`, or takes over one whose process has gone. */
async function takeLock(lock: string, path: string): Promise<void> {
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
  // Written whole under a name of its own, then linked to the lock's name, which fails if the
  // lock exists: a lock is never seen half written.
  const draft = `${lock}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, mine, { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(draft, lock);
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== "EEXIST") throw error;
      }
      const holder = await readLock(lock);
      if (holder && (holder.host !== hostname() || isRunning(holder.pid))) {
        throw new InvalidInputError(
          "journal",
          `${path} is in use by process ${holder.pid} on ${holder.host}: one run at a time per folder (if that process is not ncp-mi or has ended, remove ${lock})`,
        );
      }
      await rm(lock, { force: true });
    }
  } finally {
    await rm(draft, { force: true });
  }
  throw new InvalidInputError("journal", `${path} is being opened by another process`);
}

/** The process a lock names, or undefined when it names none (a lock cut short). */
async function readLock(lock: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const { pid, host } = JSON.parse(await readFile(lock, "utf8"));
    return Number.isSafeInteger(pid) && typeof host === "string" ? { pid, host } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id runs on this machine. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: unknown }).code === "EPERM";
  }
}

/** Flushes a folder, so that a file just created in it survives a crash. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot flush a folder; the file's data is flushed all the same.
    if ((error as { code?: unknown }).code !== "EINVAL") throw error;
  } finally {
    await handle.close();
  }
}
