/**
 * `scripts/contract-live.mjs` refuses to start without credentials and ids, saying what is
 * missing, and never echoes the secret key. (Its verdicts are tested in proxy.test.ts; a run
 * against the real API needs the network and real credentials.)
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

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
