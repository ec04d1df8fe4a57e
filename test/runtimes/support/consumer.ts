/**
 * The package as a user gets it: built, packed by `npm pack`, and installed from the tarball
 * into a fresh project in a temporary folder, beside the smoke test that each runtime runs.
 */
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mustRun } from "../../../scripts/package/run.mjs";
import { pack } from "../../../scripts/package/tarball.mjs";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** What the tarball holds besides dist/ (package.json `files`, and what npm always adds). */
const PACKAGE_FILES = ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "openapi.yaml"];

/** The consumer project. */
export interface Consumer {
  /** Its folder, which also holds the tarball; the caller removes it. */
  readonly dir: string;
  /** The tarball's file name. */
  readonly tarball: string;
  /** `smoke.mjs`, the smoke test, in the project. */
  readonly smoke: string;
}

/**
 * Builds the package with tsc, packs it, and installs the tarball into a new project (with
 * openapi-fetch, its one dependency, from npm's cache when there).
 */
export async function installPackedPackage(): Promise<Consumer> {
  const dir = await mkdtemp(join(tmpdir(), "ncp-mi-runtimes-"));
  try {
    // Built and packed from a copy, so that the repository's dist/, which other test projects
    // build and read at the same time, is left alone. npm packs the copy by the same
    // package.json, so the tarball is the one `npm pack` makes in the repository.
    const stage = join(dir, "package");
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const outDir = join(stage, "dist");
    await mustRun(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", outDir], {
      cwd: ROOT,
    });
    for (const file of PACKAGE_FILES) await copyFile(join(ROOT, file), join(stage, file));
    const tarball = await pack(stage, dir, { ignoreScripts: true });
    const manifest = { name: "ncp-mi-runtime-matrix", private: true, type: "module" };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await mustRun(
      "npm",
      ["install", tarball.path, "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"],
      { cwd: dir },
    );
    for (const file of ["smoke.mjs", "cases.mjs"]) {
      await copyFile(join(FIXTURES, file), join(dir, file));
    }
    return { dir, tarball: basename(tarball.path), smoke: join(dir, "smoke.mjs") };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    // A failed command carries its output, which says why (a type error in src/, say).
    const output = (error as { output?: string }).output;
    throw output ? new Error(`${(error as Error).message}\n${output}`) : error;
  }
}
