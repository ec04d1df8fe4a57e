/**
 * The checks of `ncp-mi mcp` on the installed tarball: the MCP SDK is an optional peer
 * dependency, so installing the package must not install it (nor express, hono, zod and the
 * rest of its tree); `ncp-mi mcp` must then say how to install it; and once it is installed
 * beside the package, as that message says, an MCP client must get the server's tools.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mustRun, run } from "./run.mjs";

/** The MCP SDK's package name. */
export const MCP_SDK = "@modelcontextprotocol/sdk";

/** Packages of the MCP SDK's tree that installing ncloud-media-intelligence must not bring. */
const MCP_TREE = [MCP_SDK, "express", "hono", "@hono/node-server", "zod", "ajv", "jose"];

/** The tools an MCP client must be able to list, in order. */
const TOOLS = [
  "summarize_video",
  "request_scene_summary",
  "get_scene_summary_status",
  "get_scene_summaries",
  "cancel_scene_summary",
];

/** Obviously fake keys: `ncp-mi mcp` needs some to start, and sends nothing until a tool is called. */
const KEYS = { NCLOUD_ACCESS_KEY: "CHECK_ACCESS_KEY", NCLOUD_SECRET_KEY: "check-secret-key" };

/** An MCP client that starts the installed `ncp-mi mcp`, lists its tools and prints their names. */
const MCP_CLIENT_MJS = `import { fileURLToPath } from "node:url";
import { Client } from "${MCP_SDK}/client/index.js";
import { StdioClientTransport } from "${MCP_SDK}/client/stdio.js";

const transport = new StdioClientTransport({
  command: fileURLToPath(new URL("node_modules/.bin/ncp-mi", import.meta.url)),
  args: ["mcp"],
  env: ${JSON.stringify(KEYS)},
});
const client = new Client({ name: "check-package", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
console.log(tools.map((tool) => tool.name).join(" "));
await client.close();
`;

/**
 * The packages installed in `project`'s node_modules, scoped ones as `@scope/name`.
 *
 * @param {string} project
 * @returns {Promise<string[]>}
 */
async function installed(project) {
  const folder = join(project, "node_modules");
  const names = [];
  for (const entry of await readdir(folder)) {
    if (entry.startsWith(".")) continue;
    if (!entry.startsWith("@")) names.push(entry);
    else for (const scoped of await readdir(join(folder, entry))) names.push(`${entry}/${scoped}`);
  }
  return names.sort();
}

/**
 * Checks that the MCP SDK's tree is not installed in `project`.
 *
 * @param {string} project - The consumer project, with the tarball installed.
 * @returns {Promise<string>} What is installed, for the step's line.
 * @throws {Error} naming what of the MCP SDK's tree is installed.
 */
export async function checkNoMcpSdk(project) {
  const names = await installed(project);
  const found = MCP_TREE.filter((name) => names.includes(name));
  if (found.length > 0) throw new Error(`installed: ${found.join(", ")}`);
  return `node_modules holds ${names.join(", ")}`;
}

/**
 * Checks that `ncp-mi mcp` without the MCP SDK exits 1 saying how to install it.
 *
 * @param {string} project
 * @param {string} version - The MCP SDK version package.json pins.
 */
export async function checkMcpWithoutSdk(project, version) {
  const { code, stdout, stderr } = await run(join(project, "node_modules/.bin/ncp-mi"), ["mcp"], {
    cwd: project,
    env: { PATH: process.env.PATH ?? "", ...KEYS },
  });
  const install = `npm install ${MCP_SDK}@${version}`;
  if (code !== 1 || stdout !== "" || !stderr.includes(install)) {
    throw new Error(
      `exited ${code}, expected 1 with '${install}' on stderr; stdout: ${JSON.stringify(stdout)}, ` +
        `stderr: ${JSON.stringify(stderr)}`,
    );
  }
  return "exit 1";
}

/**
 * Installs the MCP SDK in `project`, as `ncp-mi mcp`'s message says.
 *
 * @param {string} project
 * @param {string} version
 */
export async function installMcpSdk(project, version) {
  await mustRun(
    "npm",
    [
      "install",
      `${MCP_SDK}@${version}`,
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--no-package-lock",
    ],
    { cwd: project },
  );
}

/**
 * Checks that an MCP client lists the five tools of the installed `ncp-mi mcp`.
 *
 * @param {string} project - The consumer project, with the MCP SDK installed.
 */
export async function checkMcpServes(project) {
  await writeFile(join(project, "mcp-client.mjs"), MCP_CLIENT_MJS);
  const names = (await mustRun(process.execPath, ["mcp-client.mjs"], { cwd: project })).trim();
  if (names !== TOOLS.join(" ")) {
    throw new Error(`listed ${JSON.stringify(names)}, expected ${TOOLS.join(" ")}`);
  }
  return `${TOOLS.length} tools`;
}
