/**
 * Builds site/ once for the docs tests (`npm run docs`, which is scripts/build-docs.mjs), so
 * that the test files, which may run at the same time, read one finished build.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./support/site.js";

export default function buildDocs(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-docs.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`scripts/build-docs.mjs failed:\n${stderr ?? ""}${stdout ?? ""}`);
  }
}
