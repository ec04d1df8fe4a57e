#!/usr/bin/env node
/**
 * `npm run check:package`: checks the package as users will receive it, from the packed
 * tarball rather than from the working tree.
 *
 * 1. `npm pack` (its `prepack` builds dist/ from nothing), and check the tarball's contents
 *    (nothing missing, nothing stale, no declarations of the CLI's internals).
 * 2. publint and Are the Types Wrong on the tarball: both must report nothing.
 * 3. Install the tarball into an empty temporary project and use it there: an ESM import
 *    that signs the published test vector, a `require()` from CommonJS, strict TypeScript
 *    consumers with a web setup (DOM types) and a Node one (@types/node), and the `ncp-mi`
 *    binary.
 * 4. `ncp-mi mcp` (scripts/package/mcp.mjs): the install brought none of the MCP SDK's tree
 *    (an optional peer dependency); `ncp-mi mcp` says how to install it; installed so, an MCP
 *    client lists the server's tools.
 *
 * Prints PASS or FAIL for each step (with the output of a failed one), exits 1 if any
 * failed, and removes its temporary directory whatever happens.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONSUMER_FILES, EXPECTED_SIGNATURE } from "./package/consumer.mjs";
import { attwProblems, publintProblems } from "./package/lint.mjs";
import {
  checkMcpServes,
  checkMcpWithoutSdk,
  checkNoMcpSdk,
  installMcpSdk,
  MCP_SDK,
} from "./package/mcp.mjs";
import { mustRun } from "./package/run.mjs";
import { contentProblems, pack } from "./package/tarball.mjs";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
const { version, devDependencies, peerDependencies } = JSON.parse(
  await readFile(join(repoRoot, "package.json"), "utf8"),
);

/** A check that found problems. */
class CheckFailed extends Error {
  /**
   * @param {string} message - What failed.
   * @param {string[]} [lines] - The problems found, one a line.
   */
  constructor(message, lines = []) {
    super(message);
    this.output = lines.join("\n");
  }
}

/** Throws when a lint or content check returned problems. */
function expectNone(problems) {
  if (problems.length > 0) throw new CheckFailed(`${problems.length} problem(s)`, problems);
}

/** Throws when a command printed something other than what was expected. */
function expectOutput(actual, expected) {
  if (actual.trim() !== expected) {
    throw new CheckFailed(`printed ${JSON.stringify(actual.trim())}, expected ${expected}`);
  }
}

let failures = 0;

/**
 * Runs one step and prints its outcome.
 *
 * @param {string} name - What the step checks.
 * @param {() => Promise<string | void>} action - Throws on failure; may return a detail to print.
 * @returns {Promise<boolean>} Whether it passed.
 */
async function step(name, action) {
  const start = performance.now();
  try {
    const detail = await action();
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    console.log(`PASS  ${name}${detail ? `: ${detail}` : ""} (${seconds} s)`);
    return true;
  } catch (error) {
    failures++;
    console.log(`FAIL  ${name}: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
    const output = error?.output ?? (error instanceof Error ? error.stack : "");
    if (output) console.log(output.trim().replace(/^/gm, "      "));
    return false;
  }
}

/** Prints that a step could not run because an earlier one failed. */
function skip(names, reason) {
  for (const name of names) console.log(`SKIP  ${name} (${reason})`);
}

const TARBALL_STEPS = ["contents", "publint --strict", "attw --profile esm-only"];
const INSTALL = "install the tarball into an empty project";
const CONSUMER_STEPS = [
  "ESM import signs the published vector",
  "require() from CommonJS",
  "strict TypeScript consumer, web (DOM types, no @types/node)",
  "strict TypeScript consumer, Node (@types/node, no DOM types)",
  "ncp-mi --version (the installed bin)",
];
const MCP_VERSION = peerDependencies[MCP_SDK];
const MCP_STEPS = [
  "the install brought none of the MCP SDK's tree (express, hono, zod, …)",
  "ncp-mi mcp without the MCP SDK says how to install it",
  `npm install ${MCP_SDK}@${MCP_VERSION} beside it`,
  "ncp-mi mcp with the MCP SDK: an MCP client lists its tools",
];

const started = performance.now();
const workDir = await mkdtemp(join(tmpdir(), "ncp-mi-package-"));
try {
  let tarball;
  const packed = await step("npm pack (its prepack builds dist/ afresh)", async () => {
    tarball = await pack(repoRoot, workDir);
    return `${basename(tarball.path)}, ${tarball.files.length} files, ${(tarball.size / 1024).toFixed(1)} kB`;
  });

  if (!packed) {
    skip([...TARBALL_STEPS, INSTALL, ...CONSUMER_STEPS], "no tarball");
  } else {
    const [contents, publint, attw] = TARBALL_STEPS;
    await step(contents, async () => expectNone(contentProblems(tarball.files, repoRoot)));
    await step(publint, async () => expectNone(await publintProblems(tarball.path)));
    await step(attw, async () => expectNone(await attwProblems(repoRoot, tarball.path)));

    const project = join(workDir, "consumer");
    const installed = await step(INSTALL, async () => {
      await mkdir(project);
      for (const [name, contents] of Object.entries(CONSUMER_FILES)) {
        await writeFile(join(project, name), contents);
      }
      // --prefer-offline: openapi-fetch and @types/node come from the npm cache when there.
      await mustRun(
        "npm",
        [
          "install",
          tarball.path,
          `@types/node@${devDependencies["@types/node"]}`,
          "--no-audit",
          "--no-fund",
          "--prefer-offline",
          "--no-package-lock",
        ],
        { cwd: project },
      );
    });

    if (!installed) {
      skip([...CONSUMER_STEPS, ...MCP_STEPS], "not installed");
    } else {
      const [esm, cjs, typescriptWeb, typescriptNode, bin] = CONSUMER_STEPS;
      await step(esm, async () =>
        expectOutput(
          await mustRun(process.execPath, ["import.mjs"], { cwd: project }),
          EXPECTED_SIGNATURE,
        ),
      );
      await step(cjs, async () =>
        expectOutput(
          await mustRun(process.execPath, ["require.cjs"], { cwd: project }),
          EXPECTED_SIGNATURE,
        ),
      );
      await step(typescriptWeb, () =>
        mustRun(process.execPath, [tsc, "-p", "tsconfig.web.json"], { cwd: project }),
      );
      await step(typescriptNode, () =>
        mustRun(process.execPath, [tsc, "-p", "tsconfig.node.json"], { cwd: project }),
      );
      // The link npm made in node_modules/.bin, which is what `npx ncp-mi` runs. Calling it
      // directly keeps the npm_config_* variables of `npm run` away from a nested npx (under
      // `npm exec -c`, npx fails on the inherited `call`).
      await step(bin, async () =>
        expectOutput(
          await mustRun(join(project, "node_modules/.bin/ncp-mi"), ["--version"], { cwd: project }),
          version,
        ),
      );
      const [noSdk, withoutSdk, installSdk, serves] = MCP_STEPS;
      await step(noSdk, () => checkNoMcpSdk(project));
      await step(withoutSdk, () => checkMcpWithoutSdk(project, MCP_VERSION));
      if (await step(installSdk, () => installMcpSdk(project, MCP_VERSION))) {
        await step(serves, () => checkMcpServes(project));
      } else {
        skip([serves], "no MCP SDK");
      }
    }
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures > 0) {
  console.log(`check:package: ${failures} step(s) FAILED (${seconds} s)`);
  process.exitCode = 1;
} else {
  console.log(`check:package: every step passed (${seconds} s)`);
}
