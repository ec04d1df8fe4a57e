/**
 * One run of `ncp-mi`, from arguments to exit code, with every effect going through a
 * {@link CliEnvironment}: main.ts hands it the process, tests hand it buffers.
 */
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { createMediaIntelligenceClient, type MediaIntelligenceClient } from "../client.js";
import { DEFAULT_BASE_URL } from "../connection.js";
import { InvalidInputError } from "../errors.js";
import type { FetchLike } from "../transport.js";
import { type Invocation, parseCommandLine, UsageError } from "./command-line.js";
import { runCommand } from "./commands.js";
import { ExitCode, exitCodeOf } from "./exit-codes.js";
import { commandHelp, overallHelp } from "./help.js";
import type { CliEnvironment, Output } from "./io.js";
import { printable } from "./output.js";

const CREDENTIAL_VARIABLES = ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"] as const;

/** The option to name when the SDK reports a bad id or option. */
const FLAG_OF_FIELD: Record<string, string> = {
  workspaceName: "--workspace",
  projectId: "--project",
  assetId: "--asset",
  indexId: "--index",
  sceneSummaryId: "--summary",
  baseUrl: "--base-url",
};

/**
 * Runs `ncp-mi` with `argv` (the arguments after the script path).
 *
 * @returns The exit code; see exit-codes.ts. Never rejects: errors are reported on stderr.
 */
export async function run(argv: readonly string[], io: CliEnvironment): Promise<number> {
  let debug = false;
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
        const { invocation } = commandLine;
        debug = invocation.debug;
        await runCommand(invocation, createClient(invocation, io), io);
        return ExitCode.ok;
      }
    }
  } catch (error) {
    return report(error, io, debug);
  }
}

/** The version in package.json, beside dist/ when built and beside src/ in a checkout. */
async function readVersion(): Promise<string> {
  const packageJson = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(packageJson) as { version: string }).version;
}

function createClient(invocation: Invocation, io: CliEnvironment): MediaIntelligenceClient {
  const { env } = io;
  // Checked here rather than by the SDK so that the message names what a CLI user sets.
  const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new UsageError(
      `missing credentials: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; ` +
        "ncp-mi reads the access key from NCLOUD_ACCESS_KEY and the secret key from NCLOUD_SECRET_KEY.",
    );
  }
  const baseUrl = invocation.baseUrl ?? (env.NCLOUD_MI_BASE_URL || DEFAULT_BASE_URL);
  const accessKey = env.NCLOUD_ACCESS_KEY ?? "";
  const fetch = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (invocation.debug) {
    io.stderr.write(`debug: base URL ${baseUrl}, access key ${maskKey(accessKey)}\n`);
  }
  return createMediaIntelligenceClient({
    accessKey,
    secretKey: env.NCLOUD_SECRET_KEY,
    baseUrl,
    fetch: invocation.debug ? loggingFetch(fetch, io.stderr) : fetch,
    retries: invocation.retries,
    requestTimeoutMs: invocation.requestTimeoutMs,
  });
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
      stderr.write(`debug: no response after ${took()}: ${printable(String(error))}\n`);
      throw error;
    }
  };
}

/** Reports the error that ended the run on stderr, in one line, and returns its exit code. */
function report(error: unknown, io: CliEnvironment, debug: boolean): number {
  if (io.signal?.aborted) {
    io.stderr.write("ncp-mi: interrupted.\n");
    return ExitCode.interrupted;
  }
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof InvalidInputError && FLAG_OF_FIELD[error.field]) {
    message = `bad ${FLAG_OF_FIELD[error.field]}: ${message}`;
  }
  if (error instanceof UsageError) {
    message += ` Run 'ncp-mi ${error.command ? `${error.command} ` : ""}--help' for usage.`;
  }
  io.stderr.write(`ncp-mi: ${printable(message)}\n`);
  if (debug) io.stderr.write(`${inspect(error).split("\n").map(printable).join("\n")}\n`);
  return exitCodeOf(error);
}
