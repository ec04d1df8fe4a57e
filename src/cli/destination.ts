/**
 * Where a command's output goes: stdout, or `-o FILE`, which is written whole or not at all:
 * to a temporary file beside it, then renamed over it, so that an interrupted run never leaves
 * a half-written chapters file and an existing one stays as it was.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
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
  EROFS: "the file system is read-only",
  EBADF: "it is closed",
  EIO: "an input/output error",
};

/** Why a write failed, in words, with the system's code. */
function reason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") return `${REASONS[code] ?? "the system refused"} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checks, before any request is sent, that the output can be delivered: stdout is open, or
 * the folder of `-o FILE` exists and is writable and FILE is not a folder.
 *
 * @throws OutputError (exit 2) when it cannot.
 */
export async function checkDestination(
  output: string | undefined,
  io: CliEnvironment,
): Promise<void> {
  if (output === undefined) {
    if (io.stdoutClosed) throw new OutputError(CLOSED_STDOUT, true);
    return;
  }
  const target = resolve(output);
  try {
    await access(dirname(target), constants.W_OK);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
  } catch (error) {
    throw new OutputError(`cannot write -o ${quote(output)}: ${reason(error)}.`, true);
  }
}

/**
 * Delivers `text`: to `-o FILE` atomically, else to stdout. A reader that closes stdout early
 * (`ncp-mi summaries | head`) has what it wanted: that is not an error.
 *
 * @throws OutputError when it cannot be written.
 */
export async function deliver(
  text: string,
  output: string | undefined,
  io: CliEnvironment,
): Promise<void> {
  if (output !== undefined) {
    try {
      await writeFileAtomically(output, text);
    } catch (error) {
      throw new OutputError(`cannot write -o ${quote(output)}: ${reason(error)}.`);
    }
    return;
  }
  if (io.stdoutClosed) throw new OutputError(CLOSED_STDOUT);
  try {
    await writeText(io.stdout, text);
  } catch (error) {
    if ((error as { code?: unknown }).code === "EPIPE") return;
    throw new OutputError(`cannot write the output to stdout: ${reason(error)}.`);
  }
}

/**
 * Writes `text` to a temporary file in `path`'s folder (so that the rename cannot cross file
 * systems), flushes it to disk, and renames it to `path`. On any failure the temporary file is
 * removed and `path` is left as it was.
 */
async function writeFileAtomically(path: string, text: string): Promise<void> {
  const target = resolve(path);
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const file = await open(temporary, "wx");
    try {
      await file.writeFile(text, "utf8");
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
