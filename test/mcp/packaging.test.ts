/**
 * How `ncp-mi mcp` gets the MCP SDK: an optional peer dependency, pinned, loaded only when
 * the command runs. package.json must say so; and the built CLI, laid out without the MCP SDK
 * beside it (as an install of the package alone leaves it), must run every other command and
 * say how to install the SDK when `mcp` is asked for. scripts/check-package.mjs checks the
 * same on the packed tarball, installed from the registry's way.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MCP_SDK_PACKAGE, MCP_SDK_VERSION } from "../../src/cli/mcp/sdk.js";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

async function packageJson(path: string): Promise<PackageJson> {
  return JSON.parse(await readFile(path, "utf8")) as PackageJson;
}

describe("package.json", () => {
  it("makes the MCP SDK an optional peer dependency at the version ncp-mi mcp names, a devDependency of the same version, and no dependency", async () => {
    const pkg = await packageJson(join(ROOT, "package.json"));
    expect(pkg.peerDependencies?.[MCP_SDK_PACKAGE]).toBe(MCP_SDK_VERSION);
    expect(pkg.peerDependenciesMeta?.[MCP_SDK_PACKAGE]).toEqual({ optional: true });
    expect(pkg.devDependencies?.[MCP_SDK_PACKAGE]).toBe(MCP_SDK_VERSION);
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(["commander", "openapi-fetch"]);
    const installed = await packageJson(
      join(ROOT, "node_modules", MCP_SDK_PACKAGE, "package.json"),
    );
    expect(installed.version).toBe(MCP_SDK_VERSION);
  });
});

describe("without the MCP SDK installed", () => {
  let folder: string;
  beforeAll(async () => {
    // The package as an install of it alone lays it out: dist/ and package.json, and its
    // dependencies beside it, but no MCP SDK anywhere up the tree.
    folder = await mkdtemp(join(tmpdir(), "ncp-mi-no-mcp-sdk-"));
    await cp(join(ROOT, "dist"), join(folder, "dist"), { recursive: true });
    await writeFile(join(folder, "package.json"), await readFile(join(ROOT, "package.json")));
    await mkdir(join(folder, "node_modules"));
    for (const dependency of ["commander", "openapi-fetch", "openapi-typescript-helpers"]) {
      await symlink(
        join(ROOT, "node_modules", dependency),
        join(folder, "node_modules", dependency),
      );
    }
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  function run(args: readonly string[]) {
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      [join(folder, "dist", "cli", "main.js"), ...args],
      {
        env: {
          PATH: process.env.PATH ?? "",
          NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
          NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
        },
        encoding: "utf8",
        input: "",
        timeout: 10_000,
      },
    );
    return { code: status, stdout, stderr };
  }

  it("ncp-mi mcp says it needs the MCP SDK and how to install it, and exits 1", () => {
    const { code, stdout, stderr } = run(["mcp"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `ncp-mi: mcp needs the MCP SDK (${MCP_SDK_PACKAGE}), an optional peer dependency that is ` +
        "not installed. Install it beside ncloud-media-intelligence: " +
        `'npm install ${MCP_SDK_PACKAGE}@${MCP_SDK_VERSION}' (with -g for a global install of ` +
        "ncp-mi); or run the server with npx: 'npx -y -p ncloud-media-intelligence -p " +
        `${MCP_SDK_PACKAGE}@${MCP_SDK_VERSION} ncp-mi mcp'.\n`,
    );
  });

  it("the other commands run as before: nothing but mcp loads the MCP SDK", () => {
    expect(run(["--version"]).code).toBe(0);
    const dryRun = run([
      "status",
      "--workspace",
      "w",
      "--project",
      "1",
      "--asset",
      "2",
      "--dry-run",
    ]);
    expect(dryRun.stderr).toContain("nothing was sent");
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(/^curl /);
  });
});
