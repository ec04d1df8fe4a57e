/**
 * The asset list of `summarize --assets-from FILE|-`: one asset ID a line, read whole (up to
 * {@link MAX_LIST_BYTES}) and checked before anything is sent. Blank lines and lines whose
 * first character other than white space is `#` are skipped; a line ending in CR LF is read
 * as ending in LF; a repeated ID counts once. Every other line is an ID exactly as written,
 * so one with white space around it is refused (as `--asset` refuses it), naming its line.
 */
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { InvalidInputError, quote } from "../../errors.js";
import { checkId } from "../../ids.js";
import type { CliEnvironment } from "../io.js";
import { UsageError } from "../usage-error.js";

/** The largest list read: about a million IDs. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** A catalogue's asset IDs. */
export interface AssetList {
  /** The IDs, each once, in the order of their first line. */
  ids: string[];
  /** How many lines repeated an ID already read. */
  repeated: number;
}

/**
 * Reads and checks the list `source` names: a file (relative to `io.cwd`), or `-` for stdin.
 *
 * @throws UsageError naming the source (and the line) when it cannot be read, is too large,
 *   is not UTF-8, holds a bad ID, or holds none.
 */
export async function readAssetList(source: string, io: CliEnvironment): Promise<AssetList> {
  const name = source === "-" ? "stdin" : quote(source);
  const bytes = await readBounded(source, io, name);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`--assets-from ${name} is not UTF-8 text.`, "summarize");
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  text.split("\n").forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (/^\s*$/.test(line) || /^\s*#/.test(line)) return;
    try {
      checkId(line, "assetId");
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw new UsageError(
        `--assets-from ${name} line ${index + 1}: the asset ID ${error.reason}.`,
        "summarize",
      );
    }
    if (seen.has(line)) {
      repeated++;
      return;
    }
    seen.add(line);
    ids.push(line);
  });
  if (ids.length === 0) {
    throw new UsageError(
      `--assets-from ${name} holds no asset ID (one a line; blank lines and # comments are skipped).`,
      "summarize",
    );
  }
  return { ids, repeated };
}

/** The bytes of the file or stdin, refused past {@link MAX_LIST_BYTES}. */
async function readBounded(source: string, io: CliEnvironment, name: string): Promise<Buffer> {
  const tooLarge = () =>
    new UsageError(
      `--assets-from ${name} is larger than ${MAX_LIST_BYTES} bytes: split the catalogue.`,
      "summarize",
    );
  if (source === "-") {
    if (!io.stdin) throw new UsageError("--assets-from -: there is no stdin to read.", "summarize");
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of io.stdin) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
      length += buffer.length;
      if (length > MAX_LIST_BYTES) throw tooLarge();
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(resolve(io.cwd ?? ".", source), "r");
  } catch (error) {
    throw new UsageError(`cannot read --assets-from ${name}: ${describeCode(error)}.`, "summarize");
  }
  try {
    // Chunk by chunk, whatever it is (a file, a FIFO, `<(…)`): bounded even if it never ends.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const { bytesRead, buffer } = await file.read(
        Buffer.alloc(CHUNK_BYTES),
        0,
        CHUNK_BYTES,
        null,
      );
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_LIST_BYTES) throw tooLarge();
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --assets-from ${name}: ${describeCode(error)}.`, "summarize");
  } finally {
    await file.close();
  }
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
};

function describeCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string"
    ? `${REASONS[code] ?? "the system refused"} (${code})`
    : String(error);
}
