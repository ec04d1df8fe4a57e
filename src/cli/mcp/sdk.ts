/**
 * The MCP SDK (`@modelcontextprotocol/sdk`), loaded when `ncp-mi mcp` starts and not before.
 * It is an optional peer dependency: installing ncloud-media-intelligence does not install it,
 * nor the dependencies it brings (express, hono, ajv, zod, …), which only the MCP server
 * needs. Every other module of the MCP server imports only its types, which the build erases,
 * so no other command loads it, and none fails without it.
 */
import { CommandFailure } from "../usage-error.js";

/** The MCP SDK's package name. */
export const MCP_SDK_PACKAGE = "@modelcontextprotocol/sdk";

/**
 * The version `ncp-mi mcp` is built and tested with, which package.json pins (as the optional
 * peer dependency and as a devDependency for the tests).
 */
export const MCP_SDK_VERSION = "1.32.2";

/** What the server uses of the MCP SDK. */
export interface McpSdk {
  /** The low-level server: tools declared with JSON Schema, as they are listed. */
  Server: typeof import("@modelcontextprotocol/sdk/server/index.js").Server;
  StdioServerTransport: typeof import("@modelcontextprotocol/sdk/server/stdio.js").StdioServerTransport;
  ListToolsRequestSchema: typeof import("@modelcontextprotocol/sdk/types.js").ListToolsRequestSchema;
  CallToolRequestSchema: typeof import("@modelcontextprotocol/sdk/types.js").CallToolRequestSchema;
  McpError: typeof import("@modelcontextprotocol/sdk/types.js").McpError;
  ErrorCode: typeof import("@modelcontextprotocol/sdk/types.js").ErrorCode;
}

/** How to install the MCP SDK, for the message of a missing one. */
const INSTALL_HINT =
  `Install it beside ncloud-media-intelligence: 'npm install ${MCP_SDK_PACKAGE}@${MCP_SDK_VERSION}' ` +
  `(with -g for a global install of ncp-mi); or run the server with npx: ` +
  `'npx -y -p ncloud-media-intelligence -p ${MCP_SDK_PACKAGE}@${MCP_SDK_VERSION} ncp-mi mcp'.`;

/** Imports the modules of the MCP SDK that the server uses. */
async function importSdk(): Promise<McpSdk> {
  const [server, stdio, types] = await Promise.all([
    import("@modelcontextprotocol/sdk/server/index.js"),
    import("@modelcontextprotocol/sdk/server/stdio.js"),
    import("@modelcontextprotocol/sdk/types.js"),
  ]);
  return {
    Server: server.Server,
    StdioServerTransport: stdio.StdioServerTransport,
    ListToolsRequestSchema: types.ListToolsRequestSchema,
    CallToolRequestSchema: types.CallToolRequestSchema,
    McpError: types.McpError,
    ErrorCode: types.ErrorCode,
  };
}

/** Whether `error` is Node's failure to find the MCP SDK's package itself (not one of its own imports). */
function isSdkMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" &&
    error.message.includes(`'${MCP_SDK_PACKAGE}'`)
  );
}

/**
 * Loads the MCP SDK.
 *
 * @throws CommandFailure (exit 1) saying how to install it when it is not installed, or that
 *   it is installed but does not load (a dependency of its own missing, say).
 */
export async function loadMcpSdk(): Promise<McpSdk> {
  try {
    return await importSdk();
  } catch (error) {
    if (isSdkMissing(error)) {
      throw new CommandFailure(
        `mcp needs the MCP SDK (${MCP_SDK_PACKAGE}), an optional peer dependency that is not ` +
          `installed. ${INSTALL_HINT}`,
      );
    }
    throw new CommandFailure(
      `the MCP SDK (${MCP_SDK_PACKAGE}) is installed but does not load: ` +
        `${error instanceof Error ? error.message : String(error)}. Reinstall it: ` +
        `'npm install ${MCP_SDK_PACKAGE}@${MCP_SDK_VERSION}'.`,
    );
  }
}
