#!/usr/bin/env node
// @ts-check
/**
 * `npm run lint:workflows`: checks every GitHub Actions workflow in .github/workflows against
 * GitHub's workflow schema (action-validator), so that a mistake in the release workflow,
 * which runs only when a version is tagged, is found before then. Exits 1 naming each problem.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";

const folder = join(import.meta.dirname, "..", ".github", "workflows");
let problems = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
  for (const error of validateWorkflow(readFileSync(join(folder, name), "utf8")).errors) {
    problems++;
    const where = "path" in error ? error.path : `line ${error.location?.line ?? "?"}`;
    console.error(
      `.github/workflows/${name}: ${where}: ${error.title}${error.detail ? ` (${error.detail})` : ""}`,
    );
  }
}
if (problems > 0) process.exit(1);
