/**
 * Installs an npm package that ships a large binary (a runtime, a mock server) into a cache
 * folder outside the checkout, once: `npm ci` stays light and later runs reuse it. The
 * install goes to a temporary folder first and is renamed into place only once its binary
 * runs, so an interrupted install never leaves a broken cache entry.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mustRun } from "../../scripts/package/run.mjs";

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
  try {
    await writeFile(join(partial, "package.json"), '{ "private": true }\n');
    const flags = ["--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"];
    if (target.ignoreScripts) flags.unshift("--ignore-scripts");
    await mustRun("npm", ["install", target.spec, ...flags], { cwd: partial });
    await mustRun(join(partial, target.binary), ["--version"]);
    await rm(target.folder, { recursive: true, force: true });
    await rename(partial, target.folder);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return false;
}
