/**
 * Builds dist/ when it is missing or older than src/, for the test projects that run the
 * built CLI (cli, mcp): each works on its own with `npx vitest run --project NAME`, and under
 * `npm test`, which has built it already, finds it up to date.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Builds dist/ unless `built` (a file of it) is newer than everything in src/.
 *
 * @param project - The test project that needs it, for the error.
 * @throws Error with the compiler's output when the build fails.
 */
export function buildDistIfStale(built: string, project: string): void {
  if (mtimeOf(built) >= newestMtime(join(ROOT, "src"))) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) {
    throw new Error(
      `Building dist/ for the ${project} tests failed:\n${build.stdout}${build.stderr}`,
    );
  }
}
