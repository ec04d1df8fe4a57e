/**
 * `ncp-mi mcp`: serves the scene-summary tools to an MCP client over stdio, until the client
 * closes stdin. The MCP SDK is loaded here, when the command runs: it is an optional peer
 * dependency, and without it the command says how to install it (exit 1).
 */
import { Readable } from "node:stream";
import { AbortError } from "../../errors.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { loadMcpSdk } from "../mcp/sdk.js";
import { serveMcp } from "../mcp/server.js";
import { readVersion } from "../version.js";

/** Starts the server and resolves once the client has closed stdin (exit 0). */
export async function mcp(context: CommandContext): Promise<number> {
  const { io, invocation, client, progress } = context;
  if (!io.stdin) throw new Error("ncp-mi mcp was run without a stdin to read the client from.");
  const sdk = await loadMcpSdk();
  const end = await serveMcp({
    sdk,
    version: await readVersion(),
    stdin: io.stdin instanceof Readable ? io.stdin : Readable.from(io.stdin),
    stdout: io.stdout,
    log: (text) => progress.line(`ncp-mi mcp: ${text}`),
    client,
    polling: {
      // --interval is kept as given, rather than growing, as the other commands keep it.
      intervalMs: invocation.intervalMs,
      maxIntervalMs: invocation.intervalMs,
      notRequestedGraceMs: invocation.graceMs,
    },
    signal: io.signal,
  });
  // Ctrl-C: reported as an interruption (exit 130), as every command reports it.
  if (end === "interrupted") throw new AbortError(io.signal?.reason);
  return ExitCode.ok;
}
