/**
 * Installs an npm package that ships a large binary (a runtime, a mock server) into a cache
 * folder outside the checkout, once: `npm ci` stays light and later runs reuse it. The
 * install goes to a temporary folder first and is renamed into place only once its binary
 * runs, so an interrupted install never leaves a broken cache entry. A first install (hundreds
 * of megabytes in all) says on stderr what it downloads, that it is still at it every
 * {@link TICK_MS}, and how long it took and how large it is.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mustRun } from "../../scripts/package/run.mjs";

/** How often a first install says it is still running. */
const TICK_MS = 15_000;

/** What {@link installCached} installs. */
export interface CachedPackage {
  /** The cache entry's folder, such as `~/.cache/…/deno@2.9.6`. */
  folder: string;
  /** `name@version`, pinned. */
  spec: string;
  /** The binary's path inside the folder, run with `--version` to check the install. */
  binary: string;
  /** Skip the package's install scripts (the binary is run from its own package). */
  ignoreScripts?: boolean;
}

/**
 * Installs the package into its folder unless it is there already.
 *
 * @returns Whether it was in the cache.
 * @throws Error when npm or the binary fails, with their output.
 */
export async function installCached(target: CachedPackage): Promise<boolean> {
  if (existsSync(join(target.folder, target.binary))) return true;
  const partial = `${target.folder}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  say(`downloading ${target.spec} into ${target.folder}; later runs reuse it.`);
  const ticker = setInterval(
    () => say(`still installing ${target.spec} (${seconds()} s).`),
    TICK_MS,
  );
  try {
    await writeFile(join(partial, "package.json"), '{ "private": true }\n');
    const flags = ["--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"];
    if (target.ignoreScripts) flags.unshift("--ignore-scripts");
    await mustRun("npm", ["install", target.spec, ...flags], { cwd: partial });
    await mustRun(join(partial, target.binary), ["--version"]);
    await rm(target.folder, { recursive: true, force: true });
    await rename(partial, target.folder);
    say(`installed ${target.spec} in ${seconds()} s (${await megabytes(target.folder)} MB).`);
  } finally {
    clearInterval(ticker);
    await rm(partial, { recursive: true, force: true });
  }
  return false;
}

/** A progress line, on stderr: vitest shows a test's own stderr as it comes. */
function say(line: string): void {
  process.stderr.write(`package cache: ${line}\n`);
}

/** The size of the files under `folder`, in whole megabytes. */
async function megabytes(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  let bytes = 0;
  for (const entry of entries) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return Math.round(bytes / 1e6);
}
