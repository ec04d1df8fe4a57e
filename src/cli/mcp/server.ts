/**
 * The MCP server of `ncp-mi mcp`, over stdio: the MCP client's messages come in on stdin and
 * the answers go out on stdout, which carries nothing else; the log goes to stderr. It lists
 * the tools of the table (tools/index.ts) and runs their calls, each with its own abort
 * signal and progress. It serves until the client closes stdin, or until `signal` aborts;
 * either way the calls under way are aborted first, so that no wait outlives it.
 */
import { type Readable, Writable } from "node:stream";
import type {
  CallToolResult,
  ListToolsResult,
  ProgressToken,
} from "@modelcontextprotocol/sdk/types.js";
import { follow } from "../../abort.js";
import type { MediaIntelligenceClient } from "../../client.js";
import { quote } from "../../errors.js";
import { printableLine } from "../../text.js";
import type { Output } from "../io.js";
import { readArguments } from "./arguments.js";
import type { ToolContext } from "./context.js";
import { describeToolError, isInternal } from "./messages.js";
import { progressReporter } from "./progress.js";
import { failure } from "./results.js";
import type { McpSdk } from "./sdk.js";
import { isToolName, TOOLS, type ToolSpec } from "./tools/index.js";

/** What the model is told of the server as a whole when it connects. */
const INSTRUCTIONS =
  "Scene summaries of videos in NAVER Cloud Media Intelligence. Every tool names a media " +
  "asset by workspace, project and asset. summarize_video does the whole job (request, wait, " +
  "summaries as chapters); the other tools do one step each. A summarisation takes minutes: " +
  "when summarize_video answers that it is still running, call it again with follow true to " +
  "keep waiting for that one (without follow, it would request a new one once that one ended).";

/** Options of {@link serveMcp}. */
export interface McpServerOptions {
  sdk: McpSdk;
  /** The server's version, as it introduces itself: ncp-mi's. */
  version: string;
  /** The MCP client's messages. */
  stdin: Readable;
  /** Where the answers go: stdout. */
  stdout: Output;
  /** Writes one line of log (stderr). */
  log(text: string): void;
  /** The client the tools call the API with. */
  client: MediaIntelligenceClient;
  /** How the tools poll, from the command line. */
  polling: ToolContext["polling"];
  /** Stops the server (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

/** How the server stopped. */
export type McpServerEnd = "client closed" | "interrupted";

/** A Writable over an {@link Output}, as the SDK's transport writes: backpressure included. */
function writableOf(out: Output): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      out.write(String(chunk), (error) => callback(error ?? undefined));
    },
  });
}

/**
 * Serves the tools on stdio until the client closes stdin or `signal` aborts.
 *
 * @returns How it stopped.
 */
export async function serveMcp(options: McpServerOptions): Promise<McpServerEnd> {
  const { sdk, stdin, log, signal } = options;
  const stopping = new AbortController();
  const server = new sdk.Server(
    { name: "ncp-mi", title: "NAVER Cloud Media Intelligence", version: options.version },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );
  server.onerror = (error) => log(`protocol error: ${printableLine(error.message)}`);

  server.setRequestHandler(
    sdk.ListToolsRequestSchema,
    (): ListToolsResult => ({
      tools: Object.entries(TOOLS).map(([name, tool]: [string, ToolSpec]) => ({
        name,
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        annotations: tool.annotations,
      })),
    }),
  );

  server.setRequestHandler(sdk.CallToolRequestSchema, async (request, extra) => {
    const { name } = request.params;
    if (!isToolName(name)) {
      throw new sdk.McpError(
        sdk.ErrorCode.InvalidParams,
        `Unknown tool '${quote(name)}'; the tools are ${Object.keys(TOOLS).join(", ")}.`,
      );
    }
    const token = extra._meta?.progressToken;
    const sendProgress = (progressToken: ProgressToken) =>
      progressReporter((update) => {
        extra
          .sendNotification({
            method: "notifications/progress",
            params: { progressToken, ...update },
          })
          .catch((error: unknown) => log(`could not send progress: ${String(error)}`));
      });
    // The call ends when its client cancels it or the server stops. One listener on the
    // server's signal for all calls (`follow`), where `AbortSignal.any` on Node 20 would keep
    // every call's signal alive on it.
    const call = follow(stopping.signal);
    const cancel = () => call.abort(extra.signal.reason);
    extra.signal.addEventListener("abort", cancel, { once: true });
    if (extra.signal.aborted) cancel();
    const context: ToolContext = {
      client: options.client,
      signal: call.signal,
      polling: options.polling,
      onProgress: token === undefined ? () => {} : sendProgress(token),
      log,
    };
    try {
      return await callTool(name, request.params.arguments, context);
    } finally {
      extra.signal.removeEventListener("abort", cancel);
      call.release();
    }
  });

  const ended = new Promise<McpServerEnd>((resolve) => {
    const closed = () => resolve("client closed");
    stdin.once("end", closed).once("close", closed);
    server.onclose = closed;
    if (signal?.aborted) resolve("interrupted");
    signal?.addEventListener("abort", () => resolve("interrupted"), { once: true });
  });
  await server.connect(new sdk.StdioServerTransport(stdin, writableOf(options.stdout)));
  log(`serving ${Object.keys(TOOLS).length} tools on stdio (${options.client.baseUrl}).`);
  const end = await ended;
  stopping.abort();
  await server.close();
  log(`stopped: ${end}.`);
  return end;
}

/** Runs one call: checks its arguments, runs the tool, and answers its failure as a result. */
async function callTool(
  name: keyof typeof TOOLS,
  given: unknown,
  context: ToolContext,
): Promise<CallToolResult> {
  const tool: ToolSpec = TOOLS[name];
  const started = performance.now();
  const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  try {
    const result = await tool.run(readArguments(tool.inputSchema, given), context);
    context.log(`${name}: answered in ${took()}.`);
    return result;
  } catch (error) {
    const message = describeToolError(error, tool.hints);
    context.log(`${name}: failed in ${took()}: ${message}`);
    if (isInternal(error) && error instanceof Error && error.stack) {
      context.log(printableLine(error.stack));
    }
    return failure(message);
  }
}
