/**
 * Where a command's output goes: stdout (no `-o`, or `-o -`), or `-o FILE`. A regular file is
 * written whole or not at all: to a temporary file beside it, then renamed over it, so that
 * an interrupted run never leaves a half-written chapters file and an existing one stays as
 * it was. What is not a regular file is never replaced: a symbolic link is followed to its
 * target, and a character device, FIFO or socket is written into, as the shell's `>` does.
 */
import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { access, lstat, open, readlink, rename, rm, stat } from "node:fs/promises";
import { createConnection } from "node:net";
import { dirname, join, resolve } from "node:path";
import { quote } from "../errors.js";
import { type CliEnvironment, writeText } from "./io.js";

/** The output could not be written. Exit code 1 (2 when found before anything was sent). */
export class OutputError extends Error {
  override readonly name = "OutputError";

  /**
   * @param message - What could not be written, and why.
   * @param beforeSending - Found before any request was sent: a usage error (exit 2).
   */
  constructor(
    message: string,
    readonly beforeSending = false,
  ) {
    super(message);
  }
}

/** The `-o` value that means stdout. */
const STDOUT = "-";
/** The end of a name that can only be a folder's: `/`, `/.`, `/..`, or the whole `.` or `..`. */
const FOLDER_ENDING = /(?:^|\/)\.{0,2}$/;

const CLOSED_STDOUT =
  "stdout is closed (>&-): the output would be lost; redirect it to a file or use -o FILE.";

const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOENT: "the folder does not exist",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EROFS: "the file system is read-only",
  EBADF: "it is closed",
  EIO: "an input/output error",
  ENXIO: "nothing is there to take it",
  ECONNREFUSED: "nothing listens on the socket",
  EPROTOTYPE: "the socket does not take a stream",
};

/** How many symbolic links are followed from `-o` before giving up, as the system does. */
const MAX_LINKS = 40;

/**
 * A symbolic link to a file that this process has open, such as the shell's redirection of
 * stdout: Linux's `/proc/self/fd/N` (and `/proc/PID/fd/N`) and `/dev/fd/N`.
 */
const OPEN_FILE_LINK = /^\/(?:proc\/[^/]+|dev)\/fd\/\d+$/;

/** Where the output goes, found anew before sending and before writing. */
type Destination =
  /** stdout: no `-o`, or `-o -`. */
  | { readonly kind: "stdout" }
  /** A regular file, existing (then `mode` is its permission bits) or new, replaced whole. */
  | { readonly kind: "file"; readonly path: string; readonly mode: number | undefined }
  /**
   * Written into, not replaced: a character device or FIFO (`append` false), or a file this
   * process has open (`append` true, as the shell opened it for `>` or `>>`).
   */
  | { readonly kind: "stream"; readonly path: string; readonly append: boolean }
  /** A socket, sent the output over a connection. */
  | { readonly kind: "socket"; readonly path: string };

/** Why a write failed, in words, with the system's code. */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") return `${REASONS[code] ?? "the system refused"} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** An error with the system's `code`, for {@link reason}. */
function systemError(code: string): Error {
  return Object.assign(new Error(REASONS[code] ?? code), { code });
}

/** `fs.stat`, or undefined when nothing is at `path`. */
async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * The path that `path` names once its symbolic links are followed, even when the last one
 * points at nothing yet (then the file is created there, as `>` does); or, when a link leads
 * to a file this process has open, that link.
 */
async function followLinks(path: string): Promise<{ path: string; openFile: boolean }> {
  let current = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    if (OPEN_FILE_LINK.test(current)) return { path: current, openFile: true };
    let info: Stats;
    try {
      info = await lstat(current);
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT")
        return { path: current, openFile: false };
      throw error;
    }
    if (!info.isSymbolicLink()) return { path: current, openFile: false };
    current = resolve(dirname(current), await readlink(current));
  }
  throw systemError("ELOOP");
}

/**
 * Finds where `output` goes, and checks what can be checked without writing: the folder of a
 * file exists and can be written in, a device, FIFO or socket can be written to.
 *
 * @throws OutputError (before sending) for a folder's name (ending in `/`, `/.` or `/..`) or
 *   a block device; an error with the system's code for the rest.
 */
async function findDestination(
  output: string | undefined,
  io: CliEnvironment,
): Promise<Destination> {
  if (output === undefined || output === STDOUT) {
    if (io.stdoutClosed) throw new OutputError(CLOSED_STDOUT, true);
    return { kind: "stdout" };
  }
  const folderEnding = FOLDER_ENDING.exec(output)?.[0];
  if (folderEnding) {
    throw new OutputError(
      `cannot write -o ${quote(output)}: a name ending in ${folderEnding} is a folder's; name a file.`,
      true,
    );
  }
  const path = resolve(io.cwd ?? ".", output);
  // Follows every link, /proc's included, to what is there.
  const info = await statOrUndefined(path);
  if (info?.isDirectory()) throw systemError("EISDIR");
  if (info?.isBlockDevice()) {
    throw new OutputError(
      `cannot write -o ${quote(output)}: it is a block device (a disk), which ncp-mi does not write to.`,
      true,
    );
  }
  if (info && !info.isFile()) {
    await access(path, constants.W_OK);
    return info.isSocket() ? { kind: "socket", path } : { kind: "stream", path, append: false };
  }
  const target = await followLinks(path);
  if (target.openFile) {
    await access(target.path, constants.W_OK);
    return { kind: "stream", path: target.path, append: true };
  }
  await access(dirname(target.path), constants.W_OK);
  return {
    kind: "file",
    path: target.path,
    mode: info === undefined ? undefined : info.mode & 0o777,
  };
}

/**
 * Checks, before any request is sent, that the output can be delivered: stdout is open; or
 * for `-o FILE`, that FILE is neither a folder, nor a folder's name (ending in `/`, `/.` or
 * `/..`), nor a block device; that its name is not too long; that the folder it is to be
 * written in exists and is writable; and that a device, FIFO or socket it names is writable.
 *
 * @throws OutputError (exit 2) when it cannot.
 */
export async function checkDestination(
  output: string | undefined,
  io: CliEnvironment,
): Promise<void> {
  try {
    await findDestination(output, io);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write -o ${quote(output ?? "")}: ${reason(error)}.`, true);
  }
}

/**
 * Delivers `text`: to stdout (no `-o`, or `-o -`), else to `-o FILE`: a regular file
 * replaced atomically (keeping its permission bits), the target of a symbolic link likewise,
 * a character device, FIFO or socket written into. A reader that closes stdout or a FIFO
 * early (`ncp-mi summaries | head`) has what it wanted: that is not an error.
 *
 * @throws OutputError when it cannot be written.
 */
export async function deliver(
  text: string,
  output: string | undefined,
  io: CliEnvironment,
): Promise<void> {
  let destination: Destination;
  try {
    destination = await findDestination(output, io);
  } catch (error) {
    if (error instanceof OutputError) throw new OutputError(error.message);
    throw new OutputError(`cannot write -o ${quote(output ?? "")}: ${reason(error)}.`);
  }
  try {
    switch (destination.kind) {
      case "stdout":
        return await writeText(io.stdout, text);
      case "file":
        return await writeFileAtomically(destination.path, text, destination.mode);
      case "stream":
        return await writeInto(destination.path, text, destination.append);
      case "socket":
        return await sendTo(destination.path, text);
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === "EPIPE") return;
    throw new OutputError(
      destination.kind === "stdout"
        ? `cannot write the output to stdout: ${reason(error)}.`
        : `cannot write -o ${quote(output ?? "")}: ${reason(error)}.`,
    );
  }
}

/**
 * Writes `text` to a temporary file in `path`'s folder (so that the rename cannot cross file
 * systems), with `mode` when given, flushes it to disk, and renames it to `path`. On any
 * failure the temporary file is removed and `path` is left as it was. The temporary name is
 * short whatever `path`'s, so that any name the system allows can be written.
 */
export async function writeFileAtomically(
  path: string,
  text: string,
  mode: number | undefined,
): Promise<void> {
  const temporary = join(dirname(path), `.ncp-mi-${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(temporary, "wx");
    try {
      // After creation, as the umask could take bits from a mode given to open().
      if (mode !== undefined) await file.chmod(mode);
      await file.writeFile(text, "utf8");
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes `text` into the device, FIFO or open file at `path`, without creating, truncating
 * or replacing it; `append` writes at its end.
 */
async function writeInto(path: string, text: string, append: boolean): Promise<void> {
  const file = await open(path, constants.O_WRONLY | (append ? constants.O_APPEND : 0));
  try {
    await file.writeFile(text, "utf8");
  } finally {
    await file.close();
  }
}

/** Sends `text` to the stream socket at `path` and closes the connection. */
function sendTo(path: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once("error", reject);
    socket.once("close", (failed) => {
      if (!failed) resolve();
    });
    socket.end(text, "utf8");
  });
}
