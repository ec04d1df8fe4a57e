/**
 * Lints the packed tarball with publint and Are the Types Wrong, the two tools that read a
 * package the way Node, bundlers and TypeScript will.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { run } from "./run.mjs";

/**
 * Runs publint on the tarball, strictly: warnings count as errors, and suggestions are
 * reported too, because each one names something a consumer could trip over.
 *
 * @param {string} tarball - Path of the packed `.tgz`.
 * @returns {Promise<string[]>} One line per message; empty when publint has nothing to say.
 */
export async function publintProblems(tarball) {
  const data = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: "suggestion",
    strict: true,
  });
  return messages.map(
    (message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`,
  );
}

/**
 * Runs Are the Types Wrong (`attw`) on the tarball.
 *
 * Profile `esm-only`: the package is ESM only on purpose, so attw's `node10` and
 * `node16 (from CJS)` resolutions are not checked. CommonJS callers still work: Node 20.19+
 * `require()`s ESM, and TypeScript 5.8+ types that under `module: nodenext` (the smoke test
 * checks both). attw's own TypeScript predates require(esm), which is why it would report
 * "ESM (dynamic import only)" for CJS.
 *
 * `./openapi.yaml` is excluded: it is a data file, not a module for TypeScript to resolve.
 * `--no-definitely-typed` keeps attw off the registry: the package ships its own types.
 *
 * @param {string} repoRoot - Repository root, where attw is installed.
 * @param {string} tarball - Path of the packed `.tgz`.
 * @returns {Promise<string[]>} attw's report when it found a problem; empty otherwise.
 */
export async function attwProblems(repoRoot, tarball) {
  const { code, stdout, stderr } = await run(join(repoRoot, "node_modules/.bin/attw"), [
    tarball,
    "--profile",
    "esm-only",
    "--exclude-entrypoints",
    "./openapi.yaml",
    "--no-definitely-typed",
    "--no-color",
    "--no-emoji",
  ]);
  return code === 0 ? [] : `${stdout}${stderr}`.trim().split("\n");
}
