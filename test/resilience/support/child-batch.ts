/**
 * Runs a batch of concurrent SDK calls in a child process under a low limit of open files
 * (`ulimit -n`), against a gateway in the test's own process. The child loads the SDK from
 * a bundle of src/ that esbuild makes into a temporary folder, so it needs no build of the
 * package (and no TypeScript loader in Node 20).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** What batch-child.mjs reports. */
export interface BatchReport {
  /** The child's soft limit of open files, as /proc/self/limits shows it. */
  openFileLimit: number | undefined;
  fulfilled: number;
  rejected: number;
  /** Rejections that are not `MediaIntelligenceSdkError`s. */
  untyped: number;
  /** Up to three of them, described. */
  untypedSamples: string[];
  /** Rejections by `name:kind`. */
  kinds: Record<string, number>;
  /** Rejections that mention EMFILE anywhere along their cause chain. */
  emfile: number;
  /** Unhandled rejections seen in the child. */
  unhandled: number;
  /** Peak RSS growth over the batch, in MiB: garbage included, until V8 collects it. */
  rssGrowthMb: number;
  /** Heap still in use after the batch and a full collection, less that before, in MiB. */
  retainedHeapMb: number;
}

/** A bundle of the SDK, and how to remove it. */
export interface SdkBundle {
  /** Path of the bundled ES module. */
  path: string;
  dispose(): Promise<void>;
}

/** Bundles src/index.ts (openapi-fetch included) into one ES module in a temporary folder. */
export async function bundleSdk(): Promise<SdkBundle> {
  const folder = await mkdtemp(join(tmpdir(), "mi-sdk-bundle-"));
  const path = join(folder, "sdk.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("../../../src/index.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: path,
    logLevel: "silent",
  });
  return { path, dispose: () => rm(folder, { recursive: true, force: true }) };
}

/** Options of {@link runBatch}. */
export interface BatchOptions {
  bundle: SdkBundle;
  /** The gateway's base URL. */
  url: string;
  /** How many calls to start at once. */
  calls: number;
  /** The child's limit of open files. */
  openFileLimit: number;
  /** Client options (JSON values only). */
  options?: Record<string, unknown>;
  /** Kills the child after this long, in ms. */
  killAfterMs: number;
}

/** Runs batch-child.mjs under `ulimit -n` and resolves with its report. */
export function runBatch(batch: BatchOptions): Promise<BatchReport> {
  const child = fileURLToPath(new URL("./batch-child.mjs", import.meta.url));
  const input = JSON.stringify({
    bundle: batch.bundle.path,
    url: batch.url,
    calls: batch.calls,
    options: batch.options ?? {},
  });
  const script = 'ulimit -n "$0" && exec "$1" --expose-gc "$2" "$3"';
  const proc = spawn(
    "bash",
    ["-c", script, String(batch.openFileLimit), process.execPath, child, input],
    {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: batch.killAfterMs,
    },
  );
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  proc.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    proc.on("error", reject);
    proc.on("close", (code, signal) => {
      if (code !== 0) {
        reject(new Error(`batch child exited ${code ?? signal}: ${stderr.slice(0, 2000)}`));
        return;
      }
      resolve(JSON.parse(stdout) as BatchReport);
    });
  });
}
