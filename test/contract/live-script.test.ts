/**
 * `scripts/contract-live.mjs` refuses to start without credentials and ids, saying what is
 * missing, and never echoes the secret key; it checks every place openapi.yaml infers, and
 * holds those to the HTTP status the spec infers. (Its verdicts on Prism's reports are tested
 * in proxy.test.ts; a run against the real API needs the network and real credentials.)
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, test } from "vitest";
import { INFERRED_CHECKS, inferredVerdict } from "../../scripts/contract-live.mjs";
import { readSpec, sourceMarks } from "./support/spec.js";

const SCRIPT = fileURLToPath(new URL("../../scripts/contract-live.mjs", import.meta.url));
const SECRET = "live-secret-never-printed";

/** Runs the script with only the given environment (plus PATH). */
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

test("without credentials or ids it names every one missing, and exits 2", async () => {
  const { code, stdout, stderr } = await run([], {});
  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(stderr).toContain("needs credentials and ids");
  for (const name of [
    "NCLOUD_ACCESS_KEY",
    "NCLOUD_SECRET_KEY",
    "--workspace or MI_WORKSPACE",
    "--project or MI_PROJECT",
    "--asset or MI_ASSET",
    "--index or MI_INDEX",
    "--scene-summary or MI_SCENE_SUMMARY",
  ]) {
    expect(stderr).toContain(name);
  }
});

test("ids come from flags or the environment; only the missing ones are named", async () => {
  const { code, stderr } = await run(["--workspace", "ws", "--project", "1234"], {
    NCLOUD_ACCESS_KEY: "ACCESS",
    NCLOUD_SECRET_KEY: SECRET,
    MI_ASSET: "5678",
  });
  expect(code).toBe(2);
  expect(stderr).toMatch(
    /Missing:\n {2}--index or MI_INDEX \(index id\)\n {2}--scene-summary or MI_SCENE_SUMMARY \(scene summary id\)\n/,
  );
  expect(stderr).not.toContain("NCLOUD");
  expect(stderr).not.toContain(SECRET);
});

test("an unknown option is bad usage", async () => {
  const { code, stderr } = await run(["--workspce", "ws"], {});
  expect(code).toBe(2);
  expect(stderr).toContain("Unknown option '--workspce'");
  expect(stderr).toContain("Usage: npm run contract:live");
});

test("--locale without --request is bad usage", async () => {
  const { code, stderr } = await run(["--locale", "ko"], {});
  expect(code).toBe(2);
  expect(stderr).toContain("--locale needs --request");
});

test("it has a check for exactly the places openapi.yaml infers", () => {
  const inferred = sourceMarks(readSpec(inject("specPath")))
    .filter((m) => m.source === "inferred")
    .map((m) => m.place);
  expect(Object.keys(INFERRED_CHECKS).sort()).toEqual(inferred.sort());
});

describe("an inferred place is held to the status the spec infers", () => {
  const place = "components responses SummaryInProgress";
  const conflict = {
    error: Object.assign(new Error("in progress"), { kind: "api", status: 409, code: "40900" }),
  };
  const clean = (status: number) => ({ status, violations: [], problem: undefined });

  test("the inferred status confirms it", () => {
    expect(inferredVerdict(clean(409), conflict, { place, status: 409 })).toEqual({
      verdict: "pass",
      detail: `a documented error, code 40900; confirms ${place}`,
    });
  });

  test("another documented status is drift, though Prism passes it", () => {
    const invalid = {
      error: Object.assign(new Error("bad"), { kind: "api", status: 400, code: "10001" }),
    };
    expect(inferredVerdict(clean(400), invalid, { place, status: 409 })).toEqual({
      verdict: "drift",
      detail: `openapi.yaml infers HTTP 409 here (${place}); the API answered HTTP 400`,
    });
  });

  test("a result failing the inference's own check is drift", () => {
    const judged = inferredVerdict(
      clean(200),
      { result: { targetSceneIds: null } },
      {
        place: "components schemas AssetSceneSummaryRequest properties sceneIds",
        status: 200,
        check: () => "the status targets null",
      },
    );
    expect(judged.verdict).toBe("drift");
    expect(judged.detail).toContain("the status targets null");
  });

  test("what plain verdicts call drift or unchecked stays so", () => {
    const unauthorized = {
      error: Object.assign(new Error("auth"), { kind: "gateway", status: 401, code: "200" }),
    };
    expect(inferredVerdict(clean(401), unauthorized, { place, status: 409 }).verdict).toBe("error");
    expect(inferredVerdict(undefined, unauthorized, { place, status: 409 }).verdict).toBe("error");
  });
});
