#!/usr/bin/env node
/**
 * `vitest`, coloured only on a terminal. Vitest's colour library colours any output unless
 * NO_COLOR is set, so `npm test > log` would fill the log with escape codes; FORCE_COLOR keeps
 * them. Arguments pass through: `node scripts/vitest.mjs run test/cli`.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

if (!process.stdout.isTTY && !("FORCE_COLOR" in process.env)) process.env.NO_COLOR = "1";
const vitest = dirname(createRequire(import.meta.url).resolve("vitest/package.json"));
await import(pathToFileURL(join(vitest, "vitest.mjs")).href);
