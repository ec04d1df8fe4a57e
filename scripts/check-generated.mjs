#!/usr/bin/env node
// @ts-check
/**
 * `npm run check:generated`: exits 1, naming each stale file and the command that regenerates
 * it, when src/generated/ differs from what openapi.yaml generates: the types
 * (openapi-typescript's own `--check`) and the operation table and checks
 * (scripts/generate-operations.mjs `--check`).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const openapiTs = join(dirname(require.resolve("openapi-typescript/package.json")), "bin/cli.js");
const run = (/** @type {string[]} */ args) =>
  spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] }).status === 0;

let fresh = true;
if (!run([openapiTs, "--check"])) {
  console.error(
    "src/generated/openapi.ts is out of date with openapi.yaml: run `npm run generate`.",
  );
  fresh = false;
}
if (!run([join(import.meta.dirname, "generate-operations.mjs"), "--check"])) fresh = false;
process.exit(fresh ? 0 : 1);
