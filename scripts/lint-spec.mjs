#!/usr/bin/env node
// `npm run lint:spec`: `redocly lint` with Redocly's output shown only when it finds problems.
//
// On success Redocly prints, besides its verdict, a boxed notice that Node 20 reached end of
// life (this toolchain's Node, see docs/runtimes.md) that no option turns off; telemetry and the update
// check are off (redocly.yaml, and the variables below).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const redocly = join(root, "node_modules", "@redocly", "cli", "bin", "cli.js");
const lint = spawnSync(process.execPath, [redocly, "lint", ...process.argv.slice(2)], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
if (lint.status !== 0) {
  process.stderr.write(`${lint.stdout}${lint.stderr}`);
  process.exit(lint.status ?? 1);
}
console.log("openapi.yaml: redocly lint found no problem");
