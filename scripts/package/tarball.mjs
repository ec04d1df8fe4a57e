/**
 * Packs the package as `npm publish` would, and checks what the tarball holds.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mustRun } from "./run.mjs";

/** Files every release must carry besides `dist/`. npm adds package.json, README and LICENSE. */
const TOP_LEVEL_FILES = ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "openapi.yaml"];

/** `dist/a/b.js`, `dist/a/b.d.ts` and their source maps, built from `src/a/b.ts`. */
const BUILD_OUTPUT = /^dist\/(.+?)(\.d\.ts|\.js)(\.map)?$/;

/**
 * Declarations of the CLI's modules: the CLI is a program, not API, so its types stay out of
 * the tarball (package.json `files` excludes them) and nobody can come to depend on them.
 */
const CLI_DECLARATION = /^dist\/cli\/.+\.d\.ts(\.map)?$/;

/**
 * Runs `npm pack` in the repository.
 *
 * @param {string} repoRoot - The package's directory.
 * @param {string} destination - Where the tarball goes.
 * @returns {Promise<{ path: string, files: string[], size: number }>} The tarball's path, the
 *   paths it holds (relative to the package) and its size in bytes.
 */
export async function pack(repoRoot, destination) {
  const stdout = await mustRun(
    "npm",
    ["pack", "--json", "--silent", "--pack-destination", destination],
    { cwd: repoRoot },
  );
  const [report] = JSON.parse(stdout);
  return {
    path: join(destination, report.filename),
    files: report.files.map((file) => file.path),
    size: report.size,
  };
}

/**
 * Finds what should not ship, or should and does not.
 *
 * A file in `dist/` whose source is gone is left over from an earlier build: `tsc` never
 * deletes output, so a renamed module would otherwise be published twice.
 *
 * @param {readonly string[]} files - The tarball's paths, relative to the package.
 * @param {string} repoRoot - The package's directory, to look sources up in.
 * @returns {string[]} One line per problem; empty when the contents are right.
 */
export function contentProblems(files, repoRoot) {
  const problems = [];
  for (const required of TOP_LEVEL_FILES) {
    if (!files.includes(required)) problems.push(`${required} is missing`);
  }
  for (const file of files) {
    if (TOP_LEVEL_FILES.includes(file)) continue;
    const output = BUILD_OUTPUT.exec(file);
    if (!output) {
      problems.push(`${file} should not be published (not build output, not a top-level doc)`);
    } else if (CLI_DECLARATION.test(file)) {
      problems.push(`${file} should not be published (the CLI's internals are not API)`);
    } else if (!existsSync(join(repoRoot, "src", `${output[1]}.ts`))) {
      problems.push(
        `${file} is left over from an earlier build (no src/${output[1]}.ts): rm -rf dist and build again`,
      );
    }
  }
  return problems;
}
