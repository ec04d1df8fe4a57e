/**
 * One run of `ncp-mi`, from arguments to exit code, with every effect going through a
 * {@link CliEnvironment}: main.ts hands it the process, tests hand it buffers.
 */
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { createMediaIntelligenceClient, type MediaIntelligenceClient } from "../client.js";
import { type Connection, resolveConnection } from "../connection.js";
import { InvalidInputError } from "../errors.js";
// Error messages and server text go to a terminal: collapseLineBreaks leaves no control character.
import { collapseLineBreaks } from "../export/shared.js";
import type { FetchLike } from "../transport.js";
import { type Invocation, parseCommandLine, UsageError } from "./command-line.js";
import { runCommand } from "./commands.js";
import { ExitCode, exitCodeOf } from "./exit-codes.js";
import { commandHelp, overallHelp } from "./help.js";
import type { CliEnvironment, Output } from "./io.js";

const CREDENTIAL_VARIABLES = ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"] as const;

/** The option to name when the SDK reports a bad id or option. */
const FLAG_OF_FIELD: Record<string, string> = {
  workspaceName: "--workspace",
  projectId: "--project",
  assetId: "--asset",
  indexId: "--index",
  sceneSummaryId: "--summary",
  baseUrl: "--base-url",
  requestTimeoutMs: "--request-timeout",
  retries: "--retries",
  intervalMs: "--interval",
  maxIntervalMs: "--interval",
  timeoutMs: "--timeout",
  notRequestedGraceMs: "--grace",
};

/**
 * Runs `ncp-mi` with `argv` (the arguments after the script path).
 *
 * @returns The exit code; see exit-codes.ts. Never rejects: errors are reported on stderr.
 */
export async function run(argv: readonly string[], io: CliEnvironment): Promise<number> {
  let invocation: Invocation | undefined;
  try {
    const commandLine = parseCommandLine(argv);
    switch (commandLine.kind) {
      case "help": {
        const text = commandLine.command ? commandHelp(commandLine.command) : overallHelp();
        // Help asked for is the output; help shown because nothing was asked is a usage error.
        (commandLine.asked ? io.stdout : io.stderr).write(text);
        return commandLine.asked ? ExitCode.ok : ExitCode.usage;
      }
      case "version":
        io.stdout.write(`${await readVersion()}\n`);
        return ExitCode.ok;
      case "run": {
        invocation = commandLine.invocation;
        await runCommand(invocation, createClient(invocation, io), io);
        return ExitCode.ok;
      }
    }
  } catch (error) {
    return report(error, io, invocation);
  }
}

/** The version in package.json, beside dist/ when built and beside src/ in a checkout. */
async function readVersion(): Promise<string> {
  const packageJson = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(packageJson) as { version: string }).version;
}

function createClient(invocation: Invocation, io: CliEnvironment): MediaIntelligenceClient {
  const connection = resolveCliConnection(invocation, io.env);
  const fetch = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createMediaIntelligenceClient({
    ...connection,
    fetch: invocation.debug ? loggingFetch(fetch, io.stderr) : fetch,
    retries: invocation.retries,
    requestTimeoutMs: invocation.requestTimeoutMs,
  });
  if (invocation.debug) {
    // The normalised host, as requests are sent and signed; never a credential in clear.
    io.stderr.write(
      `debug: base URL ${client.baseUrl}, access key ${maskKey(connection.accessKey)}\n`,
    );
  }
  return client;
}

/**
 * {@link resolveConnection} over the CLI's environment, with its errors worded for a CLI
 * user: every missing variable at once (the SDK names the first), and a bad host named as
 * NCLOUD_MI_BASE_URL when that is where it came from.
 */
function resolveCliConnection(invocation: Invocation, env: CliEnvironment["env"]): Connection {
  try {
    return resolveConnection({ baseUrl: invocation.baseUrl }, env);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    if (error.field === "accessKey" || error.field === "secretKey") {
      const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]);
      throw new UsageError(
        `missing credentials: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; ` +
          "ncp-mi reads the access key from NCLOUD_ACCESS_KEY and the secret key from NCLOUD_SECRET_KEY.",
      );
    }
    if (error.field === "baseUrl" && invocation.baseUrl === undefined) {
      throw new UsageError(`bad NCLOUD_MI_BASE_URL: ${error.message}`);
    }
    throw error;
  }
}

/** The access key ID with all but its last four characters hidden. */
function maskKey(key: string): string {
  return key.length > 8 ? `${"*".repeat(key.length - 4)}${key.slice(-4)}` : "*".repeat(key.length);
}

/** `--debug`: a line per request and per response or failure. Headers are not logged. */
function loggingFetch(fetch: FetchLike, stderr: Output): FetchLike {
  return async (url, init) => {
    const started = performance.now();
    const took = () => `${Math.round(performance.now() - started)} ms`;
    stderr.write(`debug: ${init.method ?? "GET"} ${url}\n`);
    try {
      const response = await fetch(url, init);
      stderr.write(`debug: HTTP ${response.status} after ${took()}\n`);
      return response;
    } catch (error) {
      stderr.write(`debug: no response after ${took()}: ${collapseLineBreaks(String(error))}\n`);
      throw error;
    }
  };
}

/**
 * Reports the error that ended the run on stderr, in one line (plus the whole error with
 * `--debug`), and returns its exit code.
 *
 * @param invocation - The command line, once it has been parsed.
 */
function report(error: unknown, io: CliEnvironment, invocation: Invocation | undefined): number {
  if (io.signal?.aborted) {
    io.stderr.write("ncp-mi: interrupted.\n");
    return ExitCode.interrupted;
  }
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof InvalidInputError && FLAG_OF_FIELD[error.field]) {
    message = `bad ${FLAG_OF_FIELD[error.field]}: ${message}`;
  }
  if (error instanceof UsageError || error instanceof InvalidInputError) {
    // Before parsing succeeded, only a UsageError can know the command.
    const command =
      invocation?.command ?? (error instanceof UsageError ? error.command : undefined);
    message += ` Run 'ncp-mi ${command ? `${command} ` : ""}--help' for usage.`;
  }
  io.stderr.write(`ncp-mi: ${collapseLineBreaks(message)}\n`);
  if (invocation?.debug) io.stderr.write(`${debugDump(error)}\n`);
  return exitCodeOf(error);
}

/** `--debug`: the whole error as `inspect` lays it out, indentation kept, each line printable. */
function debugDump(error: unknown): string {
  return inspect(error)
    .split("\n")
    .map((line) => " ".repeat(line.length - line.trimStart().length) + collapseLineBreaks(line))
    .join("\n");
}
