/**
 * Turning argv into an {@link Invocation}, by the tables of command-definitions.ts.
 * Everything is checked before any request is made: a usage mistake is a {@link UsageError}
 * (exit 2).
 */
import { parseArgs } from "node:util";
import type { IndexIds } from "../ids.js";
import {
  COMMANDS,
  COMMON_OPTIONS,
  type CommandName,
  SUMMARY_FORMATS,
  type SummaryFormat,
} from "./command-definitions.js";

/** A mistake on the command line. Reported with a pointer to the help; exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";

  /**
   * @param message - What is wrong, naming the option or argument.
   * @param command - The command whose help to point to, if one was recognised.
   */
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** A checked command line, ready to run. Durations are in ms; absent means the SDK's default. */
export interface Invocation {
  command: CommandName;
  /** The index ids; `sceneSummaryId` is set for the commands that take `--summary`. */
  ids: IndexIds & { sceneSummaryId?: string };
  /** `--base-url`. */
  baseUrl?: string;
  /** `--request-timeout`. */
  requestTimeoutMs?: number;
  /** `--retries`. */
  retries?: number;
  /** `--debug`. */
  debug: boolean;
  /** `--json` of `status` and `wait`. */
  json: boolean;
  /** `--format` of `summaries`; `table` when not given. */
  format: SummaryFormat;
  /** `--interval` of `wait`. */
  intervalMs?: number;
  /** `--timeout` of `wait`. */
  timeoutMs?: number;
  /** `--grace` of `wait`. */
  graceMs?: number;
}

/** What the command line asks for. */
export type CommandLine =
  | { kind: "help"; command?: CommandName; asked: boolean }
  | { kind: "version" }
  | { kind: "run"; invocation: Invocation };

/**
 * Parses `ncp-mi`'s arguments (without the node and script paths). The command comes first;
 * only `--help`, `-h` and `--version` may stand without one.
 *
 * @throws UsageError for an unknown command or option, a missing or malformed value, or a
 *   missing required option.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: "help", asked: false };
  if (first === "--help" || first === "-h") return { kind: "help", asked: true };
  if (first === "--version") {
    if (rest.length > 0) throw new UsageError("--version takes no other arguments.");
    return { kind: "version" };
  }
  if (first === "help") return parseHelp(rest);
  if (first.startsWith("-")) {
    throw new UsageError(
      `unknown option '${first}' before the command; the command comes first: ncp-mi <command> [options].`,
    );
  }
  if (!isCommandName(first)) {
    throw new UsageError(`unknown command '${first}'; the commands are ${commandList()}.`);
  }
  const values = parseOptions(first, rest);
  if (values.help === true) return { kind: "help", command: first, asked: true };
  return { kind: "run", invocation: toInvocation(first, values) };
}

function commandList(): string {
  return Object.keys(COMMANDS).join(", ");
}

function parseHelp(rest: string[]): CommandLine {
  const [topic, ...extra] = rest;
  if (topic === undefined) return { kind: "help", asked: true };
  if (!isCommandName(topic)) {
    throw new UsageError(`no help for '${topic}'; the commands are ${commandList()}.`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' after 'help'.`);
  return { kind: "help", command: topic, asked: true };
}

type Values = Record<string, string | boolean | undefined>;

/**
 * Runs parseArgs without its strict mode and checks the tokens here, so that every mistake
 * gets a message naming the option and the command (parseArgs' own messages are generic).
 */
function parseOptions(command: CommandName, args: string[]): Values {
  const specs = [...COMMANDS[command].options, ...COMMON_OPTIONS];
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const { values, tokens } = parseArgs({
    args,
    options: Object.fromEntries(
      specs.map((spec) => [
        spec.name,
        {
          type: spec.value ? "string" : "boolean",
          ...(spec.short ? { short: spec.short } : {}),
        } as const,
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") {
      throw new UsageError(`unexpected argument '${token.value}'.`, command);
    }
    if (token.kind === "option-terminator") {
      throw new UsageError("unexpected '--': ncp-mi takes no positional arguments.", command);
    }
    const spec = byName.get(token.name);
    if (!spec) throw new UsageError(`unknown option '${token.rawName}'.`, command);
    if (!spec.value) {
      if (token.value !== undefined) {
        throw new UsageError(`option '${token.rawName}' takes no value.`, command);
      }
      continue;
    }
    if (token.value === undefined) {
      throw new UsageError(`option '${token.rawName}' needs a value (${spec.value}).`, command);
    }
    // parseArgs takes the next argument as the value even when it looks like an option, so
    // `--workspace --project 1` would silently use "--project" as the workspace name.
    if (!token.inlineValue && token.value.startsWith("-")) {
      throw new UsageError(
        `option '${token.rawName}' needs a value (${spec.value}), got '${token.value}'; ` +
          `to pass a value starting with '-', write ${token.rawName}=${token.value}.`,
        command,
      );
    }
  }
  if (values.help === true) return values;
  const missing = specs.filter((spec) => spec.required && values[spec.name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((spec) => `--${spec.name}`).join(", ");
    throw new UsageError(
      `missing required option${missing.length > 1 ? "s" : ""} ${names}.`,
      command,
    );
  }
  return values;
}

function toInvocation(command: CommandName, values: Values): Invocation {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  };
  const seconds = (name: string): number | undefined => {
    const value = text(name);
    return value === undefined ? undefined : parseSeconds(name, value, command);
  };
  const sceneSummaryId = text("summary");
  const format = text("format") ?? "table";
  if (!(SUMMARY_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `unknown format '${format}'; the formats are ${SUMMARY_FORMATS.join(", ")}.`,
      command,
    );
  }
  const retries = text("retries");
  return {
    command,
    ids: {
      // Required options: parseOptions has made sure they are there.
      workspaceName: text("workspace") ?? "",
      projectId: text("project") ?? "",
      assetId: text("asset") ?? "",
      indexId: text("index") ?? "",
      ...(sceneSummaryId === undefined ? {} : { sceneSummaryId }),
    },
    baseUrl: text("base-url"),
    requestTimeoutMs: seconds("request-timeout"),
    retries: retries === undefined ? undefined : parseCount("retries", retries, command),
    debug: values.debug === true,
    json: values.json === true,
    format: format as SummaryFormat,
    intervalMs: seconds("interval"),
    timeoutMs: seconds("timeout"),
    graceMs: seconds("grace"),
  };
}

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** Parses a positive, possibly fractional number of seconds into milliseconds. */
function parseSeconds(name: string, value: string, command: CommandName): number {
  const seconds = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new UsageError(
      `--${name} must be a positive number of seconds, such as 5 or 0.5, got '${value}'.`,
      command,
    );
  }
  return seconds * 1000;
}

function parseCount(name: string, value: string, command: CommandName): number {
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count)) {
    throw new UsageError(`--${name} must be a whole number ≥ 0, got '${value}'.`, command);
  }
  return count;
}
