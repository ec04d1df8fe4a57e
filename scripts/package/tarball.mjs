/**
 * Packs the package as `npm publish` would, and checks what the tarball holds.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
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
 * Runs `npm pack` in a package's folder. Its `prepack` script builds dist/ first, unless
 * `ignoreScripts` (for a folder that holds a build and no sources).
 *
 * @param {string} packageDir - The package's directory.
 * @param {string} destination - Where the tarball goes.
 * @param {{ ignoreScripts?: boolean }} [options]
 * @returns {Promise<{ path: string, files: string[], size: number }>} The tarball's path, the
 *   paths it holds (relative to the package) and its size in bytes.
 */
export async function pack(packageDir, destination, options = {}) {
  const flags = options.ignoreScripts ? ["--ignore-scripts"] : [];
  const stdout = await mustRun(
    "npm",
    ["pack", "--json", "--silent", ...flags, "--pack-destination", destination],
    { cwd: packageDir },
  );
  const [report] = JSON.parse(stdout);
  return {
    path: join(destination, report.filename),
    files: report.files.map((file) => file.path),
    size: report.size,
  };
}

/**
 * Packs the repository as a fresh clone of it would be packed: the files git would commit
 * (tracked, and new ones not ignored; so no dist/) are copied into `destination/clone`, beside
 * the repository's node_modules, and `npm pack` runs there, so only `prepack` builds dist/.
 *
 * @param {string} repoRoot - The repository (a git checkout).
 * @param {string} destination - Where the clone and the tarball go.
 * @returns {ReturnType<typeof pack>} The tarball.
 */
export async function packFreshClone(repoRoot, destination) {
  const clone = join(destination, "clone");
  const listed = await mustRun(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: repoRoot },
  );
  for (const file of listed.split("\0")) {
    // A file deleted in the working tree is still listed by --cached: it is not copied.
    if (file === "" || !existsSync(join(repoRoot, file))) continue;
    await mkdir(dirname(join(clone, file)), { recursive: true });
    await copyFile(join(repoRoot, file), join(clone, file));
  }
  await symlink(join(repoRoot, "node_modules"), join(clone, "node_modules"), "dir");
  return pack(clone, destination);
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
