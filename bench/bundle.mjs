/**
 * Browser bundle size: what an application pays to call the API from a browser. esbuild bundles
 * an entry that imports only `createMediaIntelligenceClient` from the built library, for the
 * browser, as minified ESM with tree shaking, and the output is gzipped with node:zlib at its
 * default level (6).
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * @typedef {object} BundleResult
 * @property {number} minifiedBytes
 * @property {number} gzipBytes
 * @property {{ path: string, bytes: number }[]} inputs - Minified bytes each input file
 *   contributes, largest first.
 */

/**
 * @param {URL} entryModule - The library's built index (dist/index.js).
 * @returns {Promise<BundleResult>}
 */
export async function measureBundle(entryModule) {
  const entryPath = fileURLToPath(entryModule);
  const result = await build({
    stdin: {
      contents: `export { createMediaIntelligenceClient } from ${JSON.stringify(entryPath)};`,
      resolveDir: fileURLToPath(new URL(".", entryModule)),
      loader: "js",
    },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    treeShaking: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    // Metafile paths are relative to this: the repository.
    absWorkingDir: fileURLToPath(new URL("..", import.meta.url)),
  });
  const code = /** @type {import("esbuild").OutputFile} */ (result.outputFiles[0]).contents;
  const output = /** @type {import("esbuild").Metafile["outputs"][string]} */ (
    Object.values(result.metafile.outputs)[0]
  );
  const inputs = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({
      path: path.replace(/^node_modules\//, ""),
      bytes: bytesInOutput,
    }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code).length, inputs };
}
