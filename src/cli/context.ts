/**
 * What a command's handler works with: the checked command line, the client made from it and
 * from the environment, and the ways out (the output, notes on stderr). main.ts hands the
 * process's streams to {@link run}; the tests hand it buffers and a `fetch` of their own.
 */
import { createMediaIntelligenceClient, type MediaIntelligenceClient } from "../client.js";
import type { Connection } from "../connection.js";
import type { DriftInfo } from "../hooks.js";
// Server text goes to a terminal: printableLine leaves nothing a terminal obeys.
import { printableLine as printable } from "../text.js";
import type { FetchLike } from "../transport.js";
import { debugHooks } from "./debug.js";
import { deliver } from "./destination.js";
import type { Invocation } from "./invocation.js";
import { type CliEnvironment, terminalWidth } from "./io.js";
import { createProgressReporter, type ProgressReporter } from "./progress.js";

/** What a run has done on the server so far: what an interruption leaves behind. */
export interface RunState {
  /** A summarisation is running on the server that this run requested or followed. */
  summarisationRunning: boolean;
  /** The arguments the run was given: the command that resumes a catalogue. */
  argv: readonly string[];
  /**
   * The request ID of the index-based summarisation this run requested, once known: the
   * commands its messages suggest need it (`--summary`).
   */
  requestId?: string | undefined;
  /** A catalogue under way: how many of its summarisations run on the server now. */
  catalogue?: { running: () => number } | undefined;
}

/** What a command's handler is given. */
export interface CommandContext {
  /** The checked command line. */
  invocation: Invocation;
  /** The run's surroundings. */
  io: CliEnvironment;
  /** What the run has left running, for the message of an interruption. */
  state: RunState;
  /** The client, made for this run. */
  client: MediaIntelligenceClient;
  /** The progress of a wait on stderr: a bar on a terminal, plain lines otherwise. */
  progress: ProgressReporter;
  /** The format to print in, for a command that prints in several. */
  format: string | undefined;
  /** Writes the command's output: to `-o FILE`, whole or not at all, else to stdout. */
  deliver(text: string): Promise<void>;
  /** Writes one `ncp-mi: note: …` line on stderr. */
  note(text: string): void;
  /** The access key ID in use (not a secret, though printed only masked). */
  accessKey: string;
  /**
   * Another client like {@link CommandContext.client}, whose departures go to `onDrift`
   * instead of notes, and whose every response `observe` sees first (its status and headers).
   */
  clientWith(extra: {
    onDrift?: (info: DriftInfo) => void;
    observe?: (response: Response) => void;
    /** Override `--strict`: doctor reads lax, to list every departure, whatever it decides. */
    strict?: boolean;
  }): MediaIntelligenceClient;
}

/** Where the project takes reports of departures from openapi.yaml. */
export const ISSUES_URL =
  "https://github.com/ncloud-media-intelligence/ncloud-media-intelligence/issues";

/** A departure from openapi.yaml, as one note line: the spec's names, kinds only. */
function departureNote(info: DriftInfo): string {
  return (
    `the answer to ${info.operationId} departs from openapi.yaml at ${info.path} ` +
    `(expected: ${info.expected}; received: ${info.received}); it was used as received. ` +
    `Please report it (ncp-mi doctor --json makes a report): ${ISSUES_URL}`
  );
}

/** Whether answers are held to openapi.yaml exactly: `--strict`, or `NCP_MI_STRICT=1`. */
export function isStrict(invocation: Invocation, io: CliEnvironment): boolean {
  return invocation.strict || io.env.NCP_MI_STRICT === "1";
}

/** Options of {@link createContext}. */
export interface ContextOptions {
  invocation: Invocation;
  io: CliEnvironment;
  state: RunState;
  connection: Connection;
  /** The `fetch` to send with: the environment's, or a dry run's. */
  fetch: FetchLike;
  /** The format chosen, for a command that prints in several. */
  format: string | undefined;
}

/** Makes the context of a run, its client included. */
export function createContext(options: ContextOptions): CommandContext {
  const { invocation, io, state, connection, fetch, format } = options;
  // https://no-color.org: set and not empty means no colour.
  const tty = io.isTTY === true;
  const progress = createProgressReporter(io.stderr, {
    tty,
    color: tty && !io.env.NO_COLOR,
    label: invocation.command,
    columns: terminalWidth(io.stderrColumns, io.env),
  });
  const note = (text: string) => progress.line(`ncp-mi: note: ${printable(text)}`);
  const strict = isStrict(invocation, io);
  const debug = invocation.debug ? debugHooks(progress.line) : {};
  const clientWith: CommandContext["clientWith"] = ({ onDrift, observe, strict: strictness }) =>
    createMediaIntelligenceClient({
      ...connection,
      allowInsecureHttp: invocation.insecureHttp,
      fetch: observe
        ? async (url, init) => {
            const response = await fetch(url, init);
            observe(response);
            return response;
          }
        : fetch,
      retries: invocation.dryRun ? 0 : invocation.retries,
      requestTimeoutMs: invocation.requestTimeoutMs,
      deadlineMs: invocation.deadlineMs,
      maxResponseBytes: invocation.maxResponseBytes,
      maxRequestsPerSecond: invocation.maxRequestsPerSecond,
      strictResponses: strictness ?? strict,
      hooks: { ...debug, onDrift },
    });
  return {
    invocation,
    io,
    state,
    client: clientWith({ onDrift: (info) => note(departureNote(info)) }),
    progress,
    format,
    deliver: (text) => deliver(text, invocation.output, io),
    note,
    accessKey: connection.accessKey,
    clientWith,
  };
}
