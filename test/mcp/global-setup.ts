/**
 * Builds dist/ when it is missing or older than src/, so that `npx vitest run --project mcp`
 * works on its own; `npm test` has built it already and this finds it up to date.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI } from "../../scripts/demo.mjs";

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

function builtMtime(): number {
  try {
    return statSync(CLI).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup() {
  if (builtMtime() >= newestMtime(join(ROOT, "src"))) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) {
    throw new Error(`Building dist/ for the MCP tests failed:\n${build.stdout}${build.stderr}`);
  }
}
