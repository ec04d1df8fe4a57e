/**
 * Where a catalogue's files go: `--out-dir DIR` (made if missing), one export an asset,
 * `DIR/ASSET.EXT`, written whole or not at all (a temporary file, flushed, then renamed), and
 * the journal, `DIR/ncp-mi-journal.jsonl`.
 *
 * An asset ID becomes a file name as it is, but for characters other than letters, digits,
 * `-`, `_` and `.`, which are percent-encoded (UTF-8), as is a leading `.`: no ID can name
 * another folder, a hidden file, or a name the system would read otherwise.
 */
import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { quote } from "../../errors.js";
import { OutputError, writeFileAtomically } from "../destination.js";
import type { CliEnvironment } from "../io.js";
import type { ExportFormat } from "../options.js";
import { UsageError } from "../usage-error.js";

/** The journal's name in the folder. */
export const JOURNAL_NAME = "ncp-mi-journal.jsonl";

/** The extension of each export format. */
const EXTENSIONS: Record<ExportFormat, string> = {
  vtt: "vtt",
  srt: "srt",
  markdown: "md",
  json: "json",
};

/** The longest file name most file systems allow, in bytes. */
const MAX_NAME_BYTES = 255;

/** The name of an asset's export, such as `5678.vtt` or `a%2Fb.srt`. */
export function exportName(assetId: string, format: ExportFormat): string {
  const encoded = [...assetId]
    .map((character, index) =>
      /^[A-Za-z0-9_-]$/.test(character) || (character === "." && index > 0)
        ? character
        : [...Buffer.from(character, "utf8")]
            .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
            .join(""),
    )
    .join("");
  return `${encoded}.${EXTENSIONS[format]}`;
}

/**
 * Checks that every asset's export can be named, before anything is sent.
 *
 * @throws UsageError naming the first asset whose file name would be too long.
 */
export function checkExportNames(assetIds: readonly string[], format: ExportFormat): void {
  for (const id of assetIds) {
    const name = exportName(id, format);
    if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
      throw new UsageError(
        `the asset ID '${quote(id)}' makes a file name longer than ${MAX_NAME_BYTES} bytes (${quote(name)}).`,
        "summarize",
      );
    }
  }
}

/**
 * Makes `--out-dir` if it is missing and checks that files can be written in it, before
 * anything is sent; resolves with its absolute path.
 *
 * @throws OutputError (exit 2) when it is not a folder, cannot be made or cannot be written in.
 */
export async function prepareFolder(outDir: string, io: CliEnvironment): Promise<string> {
  const folder = resolve(io.cwd ?? ".", outDir);
  try {
    await mkdir(folder, { recursive: true });
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error(), { code: "ENOTDIR" });
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === "ENOTDIR" || code === "EEXIST"
        ? "it is not a folder"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : `the system refused (${String(code ?? error)})`;
    throw new OutputError(`cannot write in --out-dir ${quote(outDir)}: ${reason}.`, true);
  }
  return folder;
}

/** Writes an export whole or not at all; resolves with its name in the folder. */
export async function writeExport(
  folder: string,
  assetId: string,
  format: ExportFormat,
  text: string,
): Promise<string> {
  const name = exportName(assetId, format);
  await writeFileAtomically(join(folder, name), text, undefined);
  return name;
}

/** Whether the export the journal names is in the folder, in the format asked for now. */
export async function hasExport(
  folder: string,
  assetId: string,
  format: ExportFormat,
  ref: string | undefined,
): Promise<boolean> {
  const name = exportName(assetId, format);
  if (ref !== name) return false;
  try {
    return (await stat(join(folder, name))).isFile();
  } catch {
    return false;
  }
}
