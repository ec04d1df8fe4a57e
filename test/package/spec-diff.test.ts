/**
 * scripts/spec-diff.mjs on a throwaway git repository: openapi.yaml committed and tagged as a
 * release, then changed in the working tree the way a spec edit would change it. Breaking
 * changes must fail the check (exit 1) and say what broke; additions must pass (exit 0).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = join(ROOT, "scripts", "spec-diff.mjs");
const SPEC = readFileSync(join(ROOT, "openapi.yaml"), "utf8");

/** The parts of openapi.yaml the changes below touch. */
interface Spec {
  paths: Record<string, { get: { parameters?: object[] } }>;
  components: {
    schemas: {
      SceneSummaryStatusValue: { enum: string[] };
      SceneSummaryStatus: {
        required: string[];
        properties: Record<string, { type?: string | string[]; description?: string }>;
      };
    };
  };
}

/** Path of *Get scene summary result*, which has no query parameter yet. */
const RESULTS_PATH =
  "/api/v1/workspaces/{workspace_name}/projects/{project_id}/assets/{asset_id}/indexes/{index_id}/scene-summaries";
const LIMIT = { name: "limit", in: "query", schema: { type: "integer" } };

let repo: string;

function git(...args: string[]): void {
  execFileSync(
    "git",
    ["-c", "user.name=spec-diff test", "-c", "user.email=test@example.invalid", ...args],
    { cwd: repo, stdio: "ignore", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } },
  );
}

/** Writes openapi.yaml: the repository's spec, changed by `change`. */
function writeSpec(change: (spec: Spec) => void = () => {}): void {
  const spec = parse(SPEC) as Spec;
  change(spec);
  writeFileSync(join(repo, "openapi.yaml"), stringify(spec));
}

/** Runs the script in the throwaway repository. */
function specDiff(...args: string[]): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: repo, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The lines of one section of the report, such as "Breaking changes". */
function section(output: string, title: string): string[] {
  const start = output.split("\n").findIndex((line) => line.startsWith(`${title} (`));
  if (start < 0) return [];
  const rest = output.split("\n").slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith("  - "));
  return rest.slice(0, end < 0 ? undefined : end);
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "ncp-mi-spec-diff-"));
  git("init", "--quiet");
  writeSpec();
  git("add", "openapi.yaml");
  git("commit", "--quiet", "--no-gpg-sign", "-m", "spec");
  git("tag", "v0.1.0");
  // A later commit, not a release, whose results endpoint has an optional query parameter.
  writeSpec((spec) => {
    const results = spec.paths[RESULTS_PATH];
    if (results) results.get.parameters = [LIMIT];
  });
  git("commit", "--quiet", "--no-gpg-sign", "-am", "optional limit");
  git("tag", "optional-limit");
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe("spec:diff against the last release tag", () => {
  test("an unchanged spec passes and names the tag", () => {
    writeSpec();
    const { code, output } = specDiff();
    expect(output).toMatch(/^openapi\.yaml: v0\.1\.0 \([0-9a-f]+\) → working tree\nNo changes\./);
    expect(code).toBe(0);
  });

  test("removing a required response field is breaking", () => {
    // `status` is the one field of a status the spec requires (the others may be missing).
    writeSpec((spec) => {
      const status = spec.components.schemas.SceneSummaryStatus;
      delete status.properties.status;
      status.required = status.required.filter((name) => name !== "status");
    });
    const { code, output } = specDiff();
    // SceneSummaryStatus is shared by both status operations; api-smart-diff reports the
    // change in full under the first one that uses it.
    expect(section(output, "Breaking changes")).toContain(
      "  - getAssetSceneSummaryStatus: [Removed] property `status` from `result` in Response 200 content (application/json)",
    );
    expect(code).toBe(1);
  });

  test("removing an enum value is breaking", () => {
    writeSpec((spec) => {
      const status = spec.components.schemas.SceneSummaryStatusValue;
      status.enum = status.enum.filter((value) => value !== "SUMMARIZE_CANCELED");
    });
    const { code, output } = specDiff();
    expect(section(output, "Breaking changes").join("\n")).toMatch(/SceneSummaryStatusValue\.enum/);
    expect(code).toBe(1);
  });

  test("changing the type of a response field is breaking", () => {
    writeSpec((spec) => {
      const field = spec.components.schemas.SceneSummaryStatus.properties.sceneSummaryId;
      if (field) field.type = "string";
    });
    const { code, output } = specDiff();
    expect(section(output, "Breaking changes").join("\n")).toMatch(/sceneSummaryId\.type/);
    expect(code).toBe(1);
  });

  test("adding a required query parameter is breaking", () => {
    writeSpec((spec) => {
      const results = spec.paths[RESULTS_PATH];
      if (results) results.get.parameters = [{ ...LIMIT, required: true }];
    });
    const { code, output } = specDiff();
    expect(section(output, "Breaking changes")).toContain(
      "  - getSceneSummaries: [Added] required query parameter `limit`",
    );
    expect(code).toBe(1);
  });

  test("adding an optional response field is not breaking", () => {
    writeSpec((spec) => {
      spec.components.schemas.SceneSummaryStatus.properties.progressNote = {
        type: "string",
        description: "A new, optional field.",
      };
    });
    const { code, output } = specDiff();
    expect(section(output, "Breaking changes")).toEqual([]);
    expect(section(output, "Non-breaking changes")).toContain(
      "  - getAssetSceneSummaryStatus: [Added] property `progressNote` to `result` in Response 200 content (application/json)",
    );
    expect(output).toContain("No breaking change.");
    expect(code).toBe(0);
  });

  test("--allow-breaking reports breaking changes but passes", () => {
    writeSpec((spec) => {
      const status = spec.components.schemas.SceneSummaryStatus;
      delete status.properties.status;
      status.required = status.required.filter((name) => name !== "status");
    });
    const { code, output } = specDiff("--allow-breaking");
    expect(section(output, "Breaking changes").join("\n")).toMatch(/property `status`/);
    expect(code).toBe(0);
  });
});

describe("spec:diff against a given ref", () => {
  test("making an optional parameter required is breaking", () => {
    writeSpec((spec) => {
      const results = spec.paths[RESULTS_PATH];
      if (results) results.get.parameters = [{ ...LIMIT, required: true }];
    });
    const { code, output } = specDiff("optional-limit");
    expect(output).toMatch(/^openapi\.yaml: optional-limit \(/);
    expect(section(output, "Breaking changes")).toContain(
      "  - getSceneSummaries: [Added] required status to required query parameter `limit`",
    );
    expect(code).toBe(1);
  });

  test("an unknown ref cannot be compared (exit 2)", () => {
    const { code, output } = specDiff("no-such-ref");
    expect(output).toContain("Cannot read openapi.yaml at no-such-ref");
    expect(code).toBe(2);
  });

  test("without a release tag, it asks for a ref (exit 2)", () => {
    git("tag", "-d", "v0.1.0");
    try {
      const { code, output } = specDiff();
      expect(output).toContain("There is no release tag (v*) yet");
      expect(output).toContain("npm run spec:diff -- HEAD~1");
      expect(code).toBe(2);
    } finally {
      git("tag", "v0.1.0", "HEAD~1");
    }
  });
});
