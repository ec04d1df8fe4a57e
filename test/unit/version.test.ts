/**
 * One version everywhere: package.json's is the one written by hand (`npm version`), and
 * what else names a version agrees with it. `ncp-mi --version` reads package.json
 * (test/cli/help.test.ts) and so does the docs page's title (test/docs/docs.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { version, repository } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  repository: { url: string };
};
const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");

/** `1.2.3` as numbers, to compare. */
function parts(semver: string): number[] {
  return semver.split(".").map(Number);
}

/** Whether version `a` comes after version `b`. */
function isLater(a: string, b: string): boolean {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
}

describe("the version", () => {
  test("package.json's is a release version", () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("CHANGELOG's newest release is package.json's, dated, with its link", () => {
    const newest = /^## \[(\d+\.\d+\.\d+)\](.*)$/m.exec(changelog);
    expect(newest?.[1], "the newest '## [X.Y.Z] - YYYY-MM-DD' of CHANGELOG.md").toBe(version);
    const date = / - (\d{4}-\d{2}-\d{2})$/.exec(newest?.[2] ?? "")?.[1];
    expect(date, `## [${version}] has no date (' - YYYY-MM-DD')`).toBeDefined();
    expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    const project = repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(changelog).toContain(`[${version}]: ${project}/releases/tag/v${version}`);
  });

  test("every `@deprecated Since X` names this version or an earlier one", () => {
    const source = join(ROOT, "src");
    const tags = readdirSync(source, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) =>
        [...readFileSync(join(source, file), "utf8").matchAll(/@deprecated Since (\S+?):/g)].map(
          (match) => ({ file, since: match[1] ?? "" }),
        ),
      );
    expect(tags.length).toBeGreaterThan(0);
    for (const { file, since } of tags) {
      expect(since, `src/${file}`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(isLater(since, version), `src/${file}: @deprecated Since ${since}`).toBe(false);
    }
  });
});
