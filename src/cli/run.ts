/**
 * One run of `ncp-mi`, from arguments to exit code, with every effect going through a
 * {@link CliEnvironment}: main.ts hands it the process, tests hand it buffers.
 */
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { createMediaIntelligenceClient, type MediaIntelligenceClient } from "../client.js";
import { type Connection, resolveConnection } from "../connection.js";
import { InvalidInputError } from "../errors.js";
// Error messages and server text go to a terminal: printableLine leaves no control character.
import { printableLine } from "../text.js";
import type { FetchLike } from "../transport.js";
import { type Invocation, parseCommandLine, UsageError } from "./command-line.js";
import { firstRequest, type RunState, runCommand } from "./commands.js";
import { debugHooks } from "./debug.js";
import { checkDestination, deliver } from "./destination.js";
import { createDryRun, toCurl } from "./dry-run.js";
import { ExitCode, exitCodeOf } from "./exit-codes.js";
import { commandHelp, overallHelp } from "./help.js";
import type { CliEnvironment } from "./io.js";
import { type BaseUrlSource, describeError, type MessageContext } from "./messages.js";
import { commandFor } from "./shell.js";

const CREDENTIAL_VARIABLES = ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"] as const;

/** The longest error line: a 100 KB id or server message must not make a 100 KB line. */
const MAX_MESSAGE_LENGTH = 1000;

/**
 * Runs `ncp-mi` with `argv` (the arguments after the script path).
 *
 * @returns The exit code; see exit-codes.ts. Never rejects: errors are reported on stderr.
 */
export async function run(argv: readonly string[], io: CliEnvironment): Promise<number> {
  const context: MessageContext = { baseUrlSource: "default" };
  const state: RunState = { summarisationRunning: false };
  try {
    const commandLine = parseCommandLine(argv);
    switch (commandLine.kind) {
      case "help": {
        const text = commandLine.command ? commandHelp(commandLine.command) : overallHelp();
        // Help asked for is the output; help shown because nothing was asked is a usage error.
        if (!commandLine.asked) {
          io.stderr.write(text);
          return ExitCode.usage;
        }
        await deliver(text, undefined, io);
        return ExitCode.ok;
      }
      case "version":
        await deliver(`${await readVersion()}\n`, undefined, io);
        return ExitCode.ok;
      case "run": {
        const { invocation } = commandLine;
        context.invocation = invocation;
        context.baseUrlSource = baseUrlSource(invocation, io.env);
        if (invocation.ids.indexId !== undefined) {
          io.stderr.write(
            "ncp-mi: note: --index uses the index-based API, which is deprecated and removed in " +
              "January 2027; leave out --index (and --summary) to use the asset-based API.\n",
          );
        }
        const connection = resolveCliConnection(invocation, io.env);
        context.baseUrl = connection.baseUrl;
        await checkDestination(invocation.output, io);
        if (invocation.dryRun) return await dryRun(invocation, connection, io);
        await runCommand(invocation, createClient(invocation, connection, io), io, state);
        return ExitCode.ok;
      }
    }
  } catch (error) {
    return report(error, io, context, state);
  }
}

/** The version in package.json, beside dist/ when built and beside src/ in a checkout. */
async function readVersion(): Promise<string> {
  const packageJson = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(packageJson) as { version: string }).version;
}

function baseUrlSource(invocation: Invocation, env: CliEnvironment["env"]): BaseUrlSource {
  if (invocation.baseUrl !== undefined) return "--base-url";
  return env.NCLOUD_MI_BASE_URL ? "NCLOUD_MI_BASE_URL" : "default";
}

function createClient(
  invocation: Invocation,
  connection: Connection,
  io: CliEnvironment,
  fetch: FetchLike = io.fetch ?? ((input, init) => globalThis.fetch(input, init)),
): MediaIntelligenceClient {
  const client = createMediaIntelligenceClient({
    ...connection,
    allowInsecureHttp: invocation.insecureHttp,
    fetch,
    retries: invocation.dryRun ? 0 : invocation.retries,
    requestTimeoutMs: invocation.requestTimeoutMs,
    deadlineMs: invocation.deadlineMs,
    ...(invocation.debug ? { hooks: debugHooks(io.stderr) } : {}),
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
 * `--dry-run`: the command's first request, signed by the client as usual, caught by a
 * `fetch` that sends nothing, and printed as a curl command.
 */
async function dryRun(
  invocation: Invocation,
  connection: Connection,
  io: CliEnvironment,
): Promise<number> {
  const recorder = createDryRun();
  try {
    await firstRequest(invocation, createClient(invocation, connection, io, recorder.fetch));
  } catch (error) {
    // Anything but the stop at fetch (a bad id, say) is the error of the run.
    if (!recorder.recorded()) throw error;
  }
  const request = recorder.recorded();
  if (!request) throw new Error("--dry-run: the client made no request.");
  await deliver(toCurl(request), invocation.output, io);
  io.stderr.write(
    "ncp-mi: dry run: nothing was sent. The signature is valid for 5 minutes" +
      (invocation.command === "summarize"
        ? "; summarize reads the status first, then sends this request, polls the status and gets the summaries.\n"
        : ".\n"),
  );
  return ExitCode.ok;
}

/**
 * {@link resolveConnection} over the CLI's environment, with its errors worded for a CLI
 * user: every missing variable at once (the SDK names the first).
 */
function resolveCliConnection(invocation: Invocation, env: CliEnvironment["env"]): Connection {
  try {
    return resolveConnection(
      { baseUrl: invocation.baseUrl, allowInsecureHttp: invocation.insecureHttp },
      env,
    );
  } catch (error) {
    const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]);
    if (error instanceof InvalidInputError && missing.length > 0) {
      throw new UsageError(
        `missing credentials: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; ` +
          "ncp-mi reads the access key from NCLOUD_ACCESS_KEY and the secret key from NCLOUD_SECRET_KEY.",
      );
    }
    throw error;
  }
}

/** The access key ID with all but its last four characters hidden. */
function maskKey(key: string): string {
  return key.length > 8 ? `${"*".repeat(key.length - 4)}${key.slice(-4)}` : "*".repeat(key.length);
}

/**
 * Reports the error that ended the run on stderr, in one line (plus the whole error with
 * `--debug`), and returns its exit code.
 */
function report(
  error: unknown,
  io: CliEnvironment,
  context: MessageContext,
  state: RunState,
): number {
  const { invocation } = context;
  if (io.signal?.aborted) {
    const running =
      state.summarisationRunning && invocation
        ? ` The scene summarisation goes on on the server; to cancel it: ${printableLine(commandFor("cancel", invocation.ids))}`
        : "";
    io.stderr.write(`ncp-mi: interrupted.${running}\n`);
    return ExitCode.interrupted;
  }
  let message = describeError(error, context);
  if (error instanceof UsageError || error instanceof InvalidInputError) {
    // Before parsing succeeded, only a UsageError can know the command.
    const command =
      invocation?.command ?? (error instanceof UsageError ? error.command : undefined);
    message += ` Run 'ncp-mi ${command ? `${command} ` : ""}--help' for usage.`;
  }
  message = printableLine(message);
  if (message.length > MAX_MESSAGE_LENGTH) message = `${message.slice(0, MAX_MESSAGE_LENGTH)}…`;
  io.stderr.write(`ncp-mi: ${message}\n`);
  if (invocation?.debug) io.stderr.write(`${debugDump(error)}\n`);
  return exitCodeOf(error);
}

/** `--debug`: the whole error as `inspect` lays it out, indentation kept, each line printable. */
function debugDump(error: unknown): string {
  return inspect(error)
    .split("\n")
    .map((line) => " ".repeat(line.length - line.trimStart().length) + printableLine(line))
    .join("\n");
}
