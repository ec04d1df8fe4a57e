/**
 * `ncp-mi mcp` as an MCP client starts it: the built CLI spawned by the official client's
 * StdioClientTransport, with the test keys in its environment and nothing else of the test
 * process's but what that transport passes on (PATH, HOME, …). Every tool result and, when
 * the session closes, everything the server wrote on stderr are checked for the secret key;
 * so are the errors of the transport, which a line on stdout that is not a JSON-RPC message
 * would raise.
 */

import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult, Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll } from "vitest";
import { CLI } from "../../../scripts/demo.mjs";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../../support/gateway.js";

/** Options of a server. */
export interface ServerOptions {
  /** `--base-url`. */
  baseUrl: string;
  /** More arguments after `mcp --base-url URL`. Default: `--interval 1`, so that waits are short. */
  args?: readonly string[];
  /** Environment on top of the test keys; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

/** A running server and the client connected to it. */
export interface McpSession {
  client: Client;
  /** The server's process id. */
  pid: number;
  /**
   * Calls a tool and checks that its result does not hold the secret key.
   *
   * @param onprogress - Asks for progress notifications (sends a progress token) and gets them.
   */
  call(
    name: string,
    args: Record<string, unknown>,
    onprogress?: (progress: Progress) => void,
  ): Promise<CallToolResult>;
  /** What the server has written on stderr so far. */
  stderr(): string;
  /** How the server's process ended, once it has: its exit code, or the signal that ended it. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /**
   * Closes the client (which closes the server's stdin), waits for the server to end, and
   * checks that its stderr did not hold the secret and that the transport saw no error.
   */
  close(): Promise<void>;
}

/** The text of a tool result's content blocks, joined by a blank line. */
export function textOf(result: CallToolResult): string {
  return result.content
    .map((block) => (block.type === "text" ? block.text : `[${block.type}]`))
    .join("\n\n");
}

function environment(options: ServerOptions): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NCLOUD_ACCESS_KEY: TEST_ACCESS_KEY,
    NCLOUD_SECRET_KEY: TEST_SECRET_KEY,
    ...options.env,
  };
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The secret keys a session must never show: the test one, and the one it was given. */
function secretsOf(env: Record<string, string>): string[] {
  return [TEST_SECRET_KEY, env.NCLOUD_SECRET_KEY ?? TEST_SECRET_KEY];
}

function checkNoSecret(secrets: readonly string[], text: string, where: string): void {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error(`The secret key appears in ${where}:\n${text}`);
  }
}

/** Starts `node dist/cli/main.js mcp --base-url URL ...args` and connects a client to it. */
async function startServer(options: ServerOptions): Promise<McpSession> {
  const env = environment(options);
  const secrets = secretsOf(env);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "mcp", "--base-url", options.baseUrl, ...(options.args ?? ["--interval", "1"])],
    env,
    stderr: "pipe",
  });
  let stderr = "";
  // A PassThrough, given before the process starts (stderr: "pipe"), so that nothing is missed.
  const stream = transport.stderr as Readable | null;
  stream?.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  const client = new Client({ name: "ncp-mi-tests", version: "1.0.0" });
  const transportErrors: Error[] = [];
  client.onerror = (error) => transportErrors.push(error);
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error("The MCP server did not start.");
  // The child process itself, to tell an exit from the SIGTERM the transport sends a server
  // that has not ended 2 s after its stdin closed. Not public in the SDK (pinned: 1.32.2).
  const child = (transport as unknown as { _process?: ChildProcess })._process;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child?.once("exit", (code, signal) => {
    exit = { code, signal };
  });
  return {
    client,
    pid,
    async call(name, args, onprogress) {
      const result = (await client.callTool(
        { name, arguments: args },
        undefined,
        onprogress ? { onprogress } : {},
      )) as CallToolResult;
      checkNoSecret(secrets, JSON.stringify(result), `the result of ${name}`);
      return result;
    },
    stderr: () => stderr,
    exit: () => exit,
    async close() {
      await client.close();
      checkNoSecret(secrets, stderr, "the server's stderr");
      if (transportErrors.length > 0) {
        throw new Error(
          `The transport saw errors: ${transportErrors.map((e) => e.message).join("; ")}\n` +
            `stderr:\n${stderr}`,
        );
      }
    },
  };
}

/**
 * Returns a function that starts a server, each closed (and checked) after the file's tests.
 */
export function useServers(): (options: ServerOptions) => Promise<McpSession> {
  const sessions: Promise<McpSession>[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map(async (session) => (await session).close()));
  });
  return (options) => {
    const session = startServer(options);
    sessions.push(session);
    return session;
  };
}
