/**
 * One run of `ncp-mi`, from arguments to exit code, with every effect going through a
 * {@link CliEnvironment}: main.ts hands it the process, tests hand it buffers and a `fetch`.
 */
import { inspect } from "node:util";
import { type Connection, redactUserinfo, resolveConnection } from "../connection.js";
import { InvalidInputError } from "../errors.js";
// Error messages and server text go to a terminal: printableLine leaves no control character.
import { printableLine } from "../text.js";
import { COMMANDS, type CommandSpec } from "./commands/index.js";
import { createContext, isStrict, type RunState } from "./context.js";
import { checkDestination, deliver } from "./destination.js";
import { createDryRun, toCurl } from "./dry-run.js";
import { ExitCode, exitCodeOf } from "./exit-codes.js";
import { commandHelp, overallHelp } from "./help.js";
import { type Invocation, toInvocation } from "./invocation.js";
import type { CliEnvironment } from "./io.js";
import { baseUrlSource, describeError, type MessageContext } from "./messages.js";
import { chooseFormat } from "./options.js";
import { parseCommandLine } from "./parse.js";
import { commandFor, shellQuote } from "./shell.js";
import { UsageError } from "./usage-error.js";
import { maskKey, readVersion } from "./version.js";

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
  const state: RunState = { summarisationRunning: false, argv };
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
        const invocation = toInvocation(commandLine.command, commandLine.values);
        const spec: CommandSpec = COMMANDS[commandLine.command];
        context.invocation = invocation;
        context.baseUrlSource = baseUrlSource(invocation, io.env);
        context.strict = isStrict(invocation, io);
        // Everything that can be checked is checked before anything is sent.
        const format = spec.chooseFormat
          ? spec.chooseFormat(invocation)
          : spec.formats
            ? chooseFormat(spec.formats, invocation)
            : undefined;
        if (invocation.dryRun && !spec.dryRun) {
          throw new UsageError(
            `${invocation.command} has no --dry-run: ${spec.noDryRun ?? "it changes nothing"}.`,
            invocation.command,
          );
        }
        if (invocation.ids.indexId !== undefined) {
          io.stderr.write(
            "ncp-mi: note: --index uses the index-based API, which is deprecated and removed in " +
              "January 2027; leave out --index (and --summary) to use the asset-based API.\n",
          );
        }
        const connection = resolveCliConnection(invocation, io.env);
        context.baseUrl = connection.baseUrl;
        await checkDestination(invocation.output, io);
        if (invocation.dryRun) return await dryRun(spec, invocation, connection, format, io);
        const fetch = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
        const command = createContext({ invocation, io, state, connection, fetch, format });
        if (invocation.debug) {
          // The normalised host, as requests are sent and signed; never a credential in clear.
          io.stderr.write(
            `debug: base URL ${command.client.baseUrl}, access key ${maskKey(connection.accessKey)}\n`,
          );
        }
        return await spec.run(command);
      }
    }
  } catch (error) {
    return report(error, io, withRequestId(context, state), state);
  }
}

/**
 * The context of the messages, its ids completed with the request ID this run got, if any:
 * an index-based `summarize` stopped after its request suggests commands that need it.
 */
function withRequestId(context: MessageContext, state: RunState): MessageContext {
  const { invocation } = context;
  if (!invocation || state.requestId === undefined || invocation.ids.sceneSummaryId) return context;
  return {
    ...context,
    invocation: { ...invocation, ids: { ...invocation.ids, sceneSummaryId: state.requestId } },
  };
}

/**
 * The command line that runs `argv` again, quoted for a POSIX shell, with any user name or
 * password in a base URL masked; `--assets-from -` needs the same list on stdin again.
 */
function resumeCommand(argv: readonly string[]): string {
  const words = argv.map((word, i) =>
    shellQuote(
      word.startsWith("--base-url=")
        ? `--base-url=${redactUserinfo(word.slice("--base-url=".length))}`
        : argv[i - 1] === "--base-url"
          ? redactUserinfo(word)
          : word,
    ),
  );
  const fromStdin = argv.some(
    (word, i) => word === "--assets-from=-" || (word === "-" && argv[i - 1] === "--assets-from"),
  );
  return ["ncp-mi", ...words].join(" ") + (fromStdin ? " (with the same list on stdin)" : "");
}

/**
 * `--dry-run`: the command runs as usual against a `fetch` that sends nothing; the request it
 * shows (the first that changes something, or the first it reads with) is printed as a curl
 * command, signed as the gateway would receive it.
 */
async function dryRun(
  spec: CommandSpec,
  invocation: Invocation,
  connection: Connection,
  format: string | undefined,
  io: CliEnvironment,
): Promise<number> {
  const recorder = createDryRun(spec.dryRun ?? "reads");
  const state: RunState = { summarisationRunning: false, argv: [] };
  const context = createContext({
    invocation,
    io,
    state,
    connection,
    fetch: recorder.fetch,
    format,
  });
  try {
    await spec.run(context);
  } catch (error) {
    // Anything but the stop at fetch (a bad id, say) is the error of the run.
    if (!recorder.recorded()) throw error;
  }
  const request = recorder.recorded();
  if (!request) throw new Error("--dry-run: the command made no request.");
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
  if (io.signal?.aborted && state.catalogue) {
    const running = state.catalogue.running();
    io.stderr.write(
      `ncp-mi: interrupted; ${running} summarisation${running === 1 ? "" : "s"} of the catalogue ` +
        `go${running === 1 ? "es" : ""} on on the server. To resume, run the same command again ` +
        `(the journal in --out-dir says where each asset stands): ${printableLine(resumeCommand(state.argv))}\n`,
    );
    return ExitCode.interrupted;
  }
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
