/**
 * Scale: exporting large results to WebVTT (`toWebVtt`). Each size runs in a fresh process
 * (bench/scale-worker.mjs) so that sizes do not share a heap; comparing the cost per 1,000
 * scenes across sizes shows whether it grows linearly.
 */
import { fork } from "node:child_process";

/** Scene counts measured. */
const SCENE_COUNTS = [10_000, 50_000, 100_000];

/**
 * @typedef {object} ScaleResult
 * @property {number} scenes
 * @property {number} inputHeapBytes - Heap taken by the input, the parsed result.
 * @property {number} ms - Median of 5 runs.
 * @property {number} outputBytes - Size of the WebVTT document, UTF-8.
 * @property {number} retainedHeapBytes - Heap reachable after the export and a full collection:
 *   the output.
 * @property {number} peakRssBytes - Peak resident memory above the baseline (an upper bound).
 */

/** @returns {Promise<ScaleResult[]>} */
export async function measureScale() {
  const results = [];
  for (const scenes of SCENE_COUNTS) results.push(await runWorker(scenes));
  return results;
}

/**
 * @param {number} scenes
 * @returns {Promise<ScaleResult>}
 */
function runWorker(scenes) {
  const child = fork(new URL("./scale-worker.mjs", import.meta.url), [String(scenes)], {
    execArgv: ["--expose-gc"],
  });
  return new Promise((resolve, reject) => {
    /** @type {ScaleResult | undefined} */
    let result;
    child.once("message", (/** @type {ScaleResult} */ message) => {
      result = message;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`scale worker (${scenes} scenes) exited with code ${code}`)),
    );
  });
}
