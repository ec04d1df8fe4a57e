/**
 * Turning argv into an {@link Invocation}, by the tables of command-definitions.ts.
 * Everything is checked before any request is made: a usage mistake is a {@link UsageError}
 * (exit 2).
 *
 * The rules: options may come before or after the command; `-h`/`--help` wins over every
 * other mistake, then `-v`/`--version`; a value option given twice is refused, so is an
 * option of another command; unknown names get a "did you mean".
 */
import { parseArgs } from "node:util";
import { quote } from "../errors.js";
import {
  ALL_OPTIONS,
  COMMANDS,
  COMMON_OPTIONS,
  type CommandName,
  type OptionSpec,
  SUMMARY_FORMATS,
  type SummaryFormat,
} from "./command-definitions.js";
import { closest } from "./suggest.js";

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

/** The ids as given; `indexId` selects the index-based API. */
export interface CliIds {
  workspaceName: string;
  projectId: string;
  assetId: string;
  /** `--index`: the index-based (deprecated) API. */
  indexId?: string;
  /** `--summary`: given with `--index`, for status, wait and cancel. */
  sceneSummaryId?: string;
}

/** A checked command line, ready to run. Durations are in ms; absent means the SDK's default. */
export interface Invocation {
  command: CommandName;
  ids: CliIds;
  /** `--base-url`. */
  baseUrl?: string | undefined;
  /** `--insecure-http`. */
  insecureHttp: boolean;
  /** `--request-timeout`. */
  requestTimeoutMs?: number | undefined;
  /** `--deadline`. */
  deadlineMs?: number | undefined;
  /** `--retries`. */
  retries?: number | undefined;
  /** `--dry-run`. */
  dryRun: boolean;
  /** `--debug`. */
  debug: boolean;
  /** `--json`. */
  json: boolean;
  /** `--format`; `table` when not given. */
  format: SummaryFormat;
  /** `-o`/`--output`. */
  output?: string | undefined;
  /** `--scenes`. */
  sceneIds?: number[] | undefined;
  /** `--locale`. */
  locale?: string | undefined;
  /** `--interval`. */
  intervalMs?: number | undefined;
  /** `--timeout`. */
  timeoutMs?: number | undefined;
  /** `--grace`. */
  graceMs?: number | undefined;
  /** Not `--no-wait-existing`. */
  waitForExisting: boolean;
}

/** What the command line asks for. */
export type CommandLine =
  | { kind: "help"; command?: CommandName; asked: boolean }
  | { kind: "version" }
  | { kind: "run"; invocation: Invocation };

type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];
type OptionToken = Extract<Token, { kind: "option" }>;

/**
 * Parses `ncp-mi`'s arguments (without the node and script paths).
 *
 * @throws UsageError for an unknown command or option, a missing, repeated or malformed
 *   value, or a missing required option.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv.length === 0) return { kind: "help", asked: false };
  const tokens = tokenize(argv);
  const options = tokens.filter((token): token is OptionToken => token.kind === "option");
  const positionals = tokens.flatMap((token) => (token.kind === "positional" ? [token.value] : []));
  const [first, ...rest] = positionals;
  const command = first !== undefined && isCommandName(first) ? first : undefined;

  if (options.some(asksForHelp)) {
    if (first === "help" && rest[0] !== undefined && isCommandName(rest[0])) {
      return { kind: "help", command: rest[0], asked: true };
    }
    return { kind: "help", ...(command ? { command } : {}), asked: true };
  }
  if (options.some((token) => token.name === "version")) return { kind: "version" };
  if (first === "help") return parseHelp(rest);
  if (first === undefined) {
    throw new UsageError(`no command given; the commands are ${commandList()}.`);
  }
  if (!command) {
    const guess = closest(first, Object.keys(COMMANDS));
    throw new UsageError(
      `unknown command '${quote(first)}'` +
        (guess ? `; did you mean '${guess}'?` : `; the commands are ${commandList()}.`),
    );
  }
  const terminator = tokens.find((token) => token.kind === "option-terminator");
  if (terminator) {
    throw new UsageError("unexpected '--': ncp-mi takes no positional arguments.", command);
  }
  // Options first: `--frmat json` leaves `json` as a positional, and the option is the mistake.
  const values = checkOptions(command, options);
  if (rest[0] !== undefined) {
    throw new UsageError(`unexpected argument '${quote(rest[0])}'.`, command);
  }
  return { kind: "run", invocation: toInvocation(command, values) };
}

/** parseArgs over every option of every command, leaving the checks to this module. */
function tokenize(argv: readonly string[]): Token[] {
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      [...ALL_OPTIONS.values()].map((spec) => [
        spec.name,
        {
          type: spec.value ? "string" : "boolean",
          ...(spec.short ? { short: spec.short } : {}),
        } as const,
      ]),
    ),
    // Strict mode would throw parseArgs' own, generic messages: the checks are below.
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  return tokens;
}

/** `-h`, `--help`, or either of them taken as the value of the option before it. */
function asksForHelp(token: OptionToken): boolean {
  if (token.name === "help") return true;
  return !token.inlineValue && (token.value === "-h" || token.value === "--help");
}

function commandList(): string {
  return Object.keys(COMMANDS).join(", ");
}

function parseHelp(rest: string[]): CommandLine {
  const [topic, ...extra] = rest;
  if (topic === undefined) return { kind: "help", asked: true };
  if (!isCommandName(topic)) {
    const guess = closest(topic, Object.keys(COMMANDS));
    throw new UsageError(
      `no help for '${quote(topic)}'` +
        (guess ? `; did you mean '${guess}'?` : `; the commands are ${commandList()}.`),
    );
  }
  if (extra[0] !== undefined) {
    throw new UsageError(`unexpected argument '${quote(extra[0])}' after 'help'.`);
  }
  return { kind: "help", command: topic, asked: true };
}

type Values = Map<string, string | true>;

/** Checks each option token against the command's options; returns the values by name. */
function checkOptions(command: CommandName, tokens: OptionToken[]): Values {
  const specs = [...COMMANDS[command].options, ...COMMON_OPTIONS];
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const values: Values = new Map();
  for (const token of tokens) {
    const spec = byName.get(token.name);
    if (!spec) throw unknownOption(command, token, specs);
    if (!spec.value) {
      if (token.value !== undefined) {
        throw new UsageError(`option '${token.rawName}' takes no value.`, command);
      }
      values.set(spec.name, true);
      continue;
    }
    if (token.value === undefined) {
      throw new UsageError(`option '${token.rawName}' needs a value (${spec.value}).`, command);
    }
    // parseArgs takes the next argument as the value even when it looks like an option, so
    // `--workspace --project 1` would silently use "--project" as the workspace name. A lone
    // `-` is no option: it is the usual name of stdout (`-o -`).
    if (!token.inlineValue && token.value.startsWith("-") && token.value !== "-") {
      throw new UsageError(
        `option '${token.rawName}' needs a value (${spec.value}), got '${quote(token.value)}'; ` +
          `to pass a value starting with '-', write --${spec.name}=${quote(token.value)}.`,
        command,
      );
    }
    const previous = values.get(spec.name);
    if (previous !== undefined) {
      throw new UsageError(
        `option --${spec.name} is given twice ('${quote(String(previous))}' and ` +
          `'${quote(token.value)}'); give it once.`,
        command,
      );
    }
    values.set(spec.name, token.value);
  }
  const missing = specs.filter((spec) => spec.required && !values.has(spec.name));
  if (missing.length > 0) {
    const names = missing.map((spec) => `--${spec.name}`).join(", ");
    throw new UsageError(
      `missing required option${missing.length > 1 ? "s" : ""} ${names}.`,
      command,
    );
  }
  return values;
}

/** The error for an option the command does not take, with the best hint there is. */
function unknownOption(command: CommandName, token: OptionToken, specs: OptionSpec[]): UsageError {
  const name = quote(token.rawName);
  const owners = (Object.keys(COMMANDS) as CommandName[]).filter((other) =>
    COMMANDS[other].options.some((spec) => spec.name === token.name),
  );
  if (owners.length > 0) {
    return new UsageError(
      `${command} has no option '${name}' (${owners.join(" and ")} ${owners.length > 1 ? "have" : "has"} one).`,
      command,
    );
  }
  const guess = closest(
    token.name,
    specs.map((spec) => spec.name),
  );
  return new UsageError(
    `unknown option '${name}'${guess ? `; did you mean '--${guess}'?` : "."}`,
    command,
  );
}

function toInvocation(command: CommandName, values: Values): Invocation {
  const text = (name: string): string | undefined => {
    const value = values.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const flag = (name: string): boolean => values.get(name) === true;
  const seconds = (name: string, minimum?: number): number | undefined => {
    const value = text(name);
    return value === undefined ? undefined : parseSeconds(name, value, command, minimum);
  };
  const ids = checkIdChoice(command, {
    workspaceName: text("workspace") ?? "",
    projectId: text("project") ?? "",
    assetId: text("asset") ?? "",
    indexId: text("index"),
    sceneSummaryId: text("summary"),
  });
  const locale = text("locale");
  if (locale !== undefined && ids.indexId !== undefined) {
    throw new UsageError("--locale is for the asset-based API: leave out --index.", command);
  }
  const retries = text("retries");
  const scenes = text("scenes");
  return {
    command,
    ids,
    baseUrl: text("base-url"),
    insecureHttp: flag("insecure-http"),
    requestTimeoutMs: seconds("request-timeout"),
    deadlineMs: seconds("deadline"),
    retries: retries === undefined ? undefined : parseCount("retries", retries, command),
    dryRun: flag("dry-run"),
    debug: flag("debug"),
    json: flag("json"),
    format: parseFormat(text("format") ?? "table", command),
    output: text("output"),
    sceneIds: scenes === undefined ? undefined : parseScenes(scenes, command),
    locale,
    // 16 item 5: polling faster than once a second is refused, not quietly slowed down.
    intervalMs: seconds("interval", 1),
    timeoutMs: seconds("timeout"),
    graceMs: seconds("grace"),
    waitForExisting: !flag("no-wait-existing"),
  };
}

/**
 * The ids without the undefined ones, after checking that `--summary` goes with `--index`,
 * and that the index-based status, wait and cancel have it.
 */
function checkIdChoice(command: CommandName, given: CliIds): CliIds {
  const { indexId, sceneSummaryId, ...assetIds } = given;
  if (indexId === undefined) {
    if (sceneSummaryId !== undefined) {
      throw new UsageError(
        "--summary belongs to the index-based API: give --index too, or leave out --summary " +
          "to use the asset-based API.",
        command,
      );
    }
    return assetIds;
  }
  const needsSummary = command === "status" || command === "wait" || command === "cancel";
  if (needsSummary && sceneSummaryId === undefined) {
    throw new UsageError(
      `missing --summary: the index-based ${command} needs the scene summary request ID ` +
        "(or leave out --index to use the asset-based API).",
      command,
    );
  }
  return { ...assetIds, indexId, ...(sceneSummaryId === undefined ? {} : { sceneSummaryId }) };
}

function parseFormat(value: string, command: CommandName): SummaryFormat {
  const format = value.toLowerCase();
  if ((SUMMARY_FORMATS as readonly string[]).includes(format)) return format as SummaryFormat;
  const guess = closest(format, SUMMARY_FORMATS);
  throw new UsageError(
    `unknown format '${quote(value)}'` +
      (guess ? `; did you mean '${guess}'?` : `; the formats are ${SUMMARY_FORMATS.join(", ")}.`),
    command,
  );
}

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
/** Timers hold at most 2^31 - 1 ms; a longer one would fire at once. */
const MAX_SECONDS = 2_147_483;

/**
 * Parses a positive, possibly fractional number of seconds into milliseconds.
 *
 * @param minimum - The least number of seconds allowed, if more than zero.
 */
function parseSeconds(name: string, value: string, command: CommandName, minimum?: number): number {
  const seconds = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0) || seconds > MAX_SECONDS) {
    throw new UsageError(
      `--${name} must be a positive number of seconds up to ${MAX_SECONDS}, such as 5 or ` +
        `0.5, got '${quote(value)}'.`,
      command,
    );
  }
  if (minimum !== undefined && seconds < minimum) {
    throw new UsageError(
      `--${name} must be at least ${minimum} second${minimum === 1 ? "" : "s"}, got '${quote(value)}': ` +
        "polling faster only spends the rate limit.",
      command,
    );
  }
  return Math.round(seconds * 1000);
}

function parseCount(name: string, value: string, command: CommandName): number {
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count)) {
    throw new UsageError(`--${name} must be a whole number ≥ 0, got '${quote(value)}'.`, command);
  }
  return count;
}

/** `--scenes 3,7`: scene numbers, comma-separated, each a whole number. */
function parseScenes(value: string, command: CommandName): number[] {
  const parts = value.split(",").map((part) => part.trim());
  const scenes = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  if (scenes.length === 0 || !scenes.every(Number.isSafeInteger)) {
    throw new UsageError(
      `--scenes must be scene numbers separated by commas, such as 3,7, got '${quote(value)}'.`,
      command,
    );
  }
  return scenes;
}
