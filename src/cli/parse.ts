/**
 * Turning argv into what to run, with commander over the command table (commands/index.ts).
 * Commander reads the options of the command named (and the common ones): their values,
 * switches, `--no-…`, `-o FILE` and `--name=value`. The house rules are checked around it,
 * so that a usage mistake is a {@link UsageError} (exit 2) that says what to do:
 *
 * - `-h`/`--help` wins over every other mistake, then `-v`/`--version`;
 * - options may come before or after the command;
 * - a value option given twice is refused, and so is a value that looks like an option
 *   (`--workspace --project 1` would otherwise take `--project` as the workspace name);
 * - an option of another command says which commands have it; an unknown one gets a
 *   "did you mean".
 */
import { Command, type CommanderError } from "commander";
import { redactUserinfo } from "../connection.js";
import { quote } from "../errors.js";
import { COMMANDS, type CommandName, isCommandName } from "./commands/index.js";
import { COMMON_OPTIONS, type OptionSpec } from "./options.js";
import { closest } from "./suggest.js";
import { UsageError } from "./usage-error.js";

/** The values of a command line's options, by long name: a string, or `true` for a switch. */
export type OptionValues = ReadonlyMap<string, string | true>;

/** What the command line asks for. */
export type CommandLine =
  | { kind: "help"; command?: CommandName; asked: boolean }
  | { kind: "version" }
  | { kind: "run"; command: CommandName; values: OptionValues };

/** Every option of every command, by long name and by short name. */
const ALL_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map(
  [...Object.values(COMMANDS).flatMap((command) => command.options), ...COMMON_OPTIONS].flatMap(
    (spec) => [[spec.name, spec] as const, ...(spec.short ? [[spec.short, spec] as const] : [])],
  ),
);

const COMMAND_LIST = Object.keys(COMMANDS).join(", ");

/**
 * Parses `ncp-mi`'s arguments (without the node and script paths).
 *
 * @throws UsageError for an unknown command or option, a missing, repeated or malformed
 *   value, or a missing required option.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv.length === 0) return { kind: "help", asked: false };
  const words = positionals(argv);
  const [first, ...rest] = words;
  const command = first !== undefined && isCommandName(first) ? first : undefined;
  if (argv.some((arg) => arg === "-h" || arg === "--help")) {
    const topic = first === "help" ? rest[0] : command;
    return {
      kind: "help",
      ...(topic && isCommandName(topic) ? { command: topic } : {}),
      asked: true,
    };
  }
  if (argv.some((arg) => arg === "-v" || arg === "--version")) return { kind: "version" };
  if (first === "help") return helpOn(rest);
  if (first === undefined) throw noCommand(argv);
  if (!command) {
    const guess = closest(first, Object.keys(COMMANDS));
    throw new UsageError(
      `unknown command '${quote(first)}'` +
        (guess ? `; did you mean '${guess}'?` : `; the commands are ${COMMAND_LIST}.`),
    );
  }
  if (argv.includes("--")) {
    throw new UsageError("unexpected '--': ncp-mi takes no positional arguments.", command);
  }
  const values = readOptions(command, argv);
  if (rest[0] !== undefined)
    throw new UsageError(`unexpected argument '${quote(rest[0])}'.`, command);
  return { kind: "run", command, values };
}

/**
 * The words of the command line that are neither options nor their values, as commander will
 * see them: every known option that takes a value consumes the next word unless it was given
 * inline (`--name=value`); an unknown option is taken for a switch.
 */
function positionals(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") break;
    if (arg.length > 1 && arg.startsWith("-")) {
      const name = arg.startsWith("--") ? arg.slice(2) : arg.slice(1);
      if (!name.includes("=") && ALL_OPTIONS.get(name)?.value !== undefined) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

/**
 * The mistake in a command line with options but no command: a mistyped `--version` or
 * `--help` (or any unknown option) is named, with a "did you mean", before the missing command.
 */
function noCommand(argv: readonly string[]): UsageError {
  const unknown = argv.find(
    (arg) => arg.length > 1 && arg.startsWith("-") && !ALL_OPTIONS.has(optionName(arg)),
  );
  if (unknown === undefined) {
    return new UsageError(`no command given; the commands are ${COMMAND_LIST}.`);
  }
  const guess = closest(optionName(unknown), [
    ...new Set([...ALL_OPTIONS.values()].map((spec) => spec.name)),
    "help",
    "version",
  ]);
  return new UsageError(
    `unknown option '${quote(unknown.split("=")[0] ?? unknown)}'` +
      (guess
        ? `; did you mean '--${guess}'?`
        : `, and no command given; the commands are ${COMMAND_LIST}.`),
  );
}

/** The name of an option argument: `--name=value` and `-n` give `name` and `n`. */
function optionName(arg: string): string {
  return arg.replace(/^--?/, "").split("=")[0] ?? "";
}

function helpOn(rest: string[]): CommandLine {
  const [topic, extra] = rest;
  if (topic === undefined) return { kind: "help", asked: true };
  if (!isCommandName(topic)) {
    const guess = closest(topic, Object.keys(COMMANDS));
    throw new UsageError(
      `no help for '${quote(topic)}'` +
        (guess ? `; did you mean '${guess}'?` : `; the commands are ${COMMAND_LIST}.`),
    );
  }
  if (extra !== undefined)
    throw new UsageError(`unexpected argument '${quote(extra)}' after 'help'.`);
  return { kind: "help", command: topic, asked: true };
}

/**
 * Commander's own mistake, in ncp-mi's words: the option it names is found again in `argv`,
 * by the table, rather than read out of commander's message.
 */
function translate(
  error: CommanderError,
  command: CommandName,
  specs: readonly OptionSpec[],
  argv: readonly string[],
): UsageError {
  const specOf = (arg: string) =>
    specs.find((spec) => spec.name === optionName(arg) || spec.short === optionName(arg));
  if (error.code === "commander.optionMissingArgument") {
    const last = specOf(argv.at(-1) ?? "");
    return new UsageError(
      `option '${last ? flagOf(last) : quote(argv.at(-1) ?? "")}' needs a value (${last?.value ?? "a value"}).`,
      command,
    );
  }
  if (error.code !== "commander.unknownOption") return new UsageError(error.message, command);
  const flag =
    argv.find((arg) => arg.length > 1 && arg.startsWith("-") && !isKnown(arg, specs)) ?? "";
  const own = specOf(flag);
  if (own && own.value === undefined) {
    return new UsageError(`option '${flagOf(own)}' takes no value.`, command);
  }
  const shown = quote(flag.split("=")[0] ?? flag);
  const owners = (Object.keys(COMMANDS) as CommandName[]).filter((other) =>
    COMMANDS[other].options.some((spec) => spec.name === optionName(flag)),
  );
  if (owners.length > 0) {
    return new UsageError(
      `${command} has no option '${shown}' (${listOf(owners)} ${owners.length > 1 ? "have" : "has"} one).`,
      command,
    );
  }
  const guess = closest(
    optionName(flag),
    specs.map((spec) => spec.name),
  );
  return new UsageError(
    `unknown option '${shown}'${guess ? `; did you mean '--${guess}'?` : "."}`,
    command,
  );
}

/** Whether `arg` is an option of `specs`, as commander reads it (a switch takes no `=value`). */
function isKnown(arg: string, specs: readonly OptionSpec[]): boolean {
  const [name = "", ...inline] = arg.replace(/^--?/, "").split("=");
  const long = arg.startsWith("--");
  const spec = specs.find((s) => (long ? s.name === name : s.short === name[0]));
  if (!spec) return false;
  if (!long && name.length > 1) return spec.value !== undefined;
  return inline.length === 0 || spec.value !== undefined;
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
}

function flagOf(spec: OptionSpec): string {
  return `--${spec.name}`;
}

/** Reads the command's options with commander, then checks what is missing. */
function readOptions(command: CommandName, argv: readonly string[]): OptionValues {
  const specs = [...COMMANDS[command].options, ...COMMON_OPTIONS];
  const values = new Map<string, string | true>();
  const parser = new Command("ncp-mi")
    .exitOverride((error) => {
      throw translate(error, command, specs, argv);
    })
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .helpOption(false)
    .allowExcessArguments(true)
    .argument("[words...]");
  for (const spec of specs) {
    const flags = `${spec.short ? `-${spec.short}, ` : ""}--${spec.name}${spec.value ? ` <${spec.value}>` : ""}`;
    if (spec.value === undefined) {
      parser.option(flags, spec.help);
      continue;
    }
    parser.option(flags, spec.help, (value: string) => {
      const previous = values.get(spec.name);
      if (typeof previous === "string") {
        // A base URL may carry a password, which is not to be echoed.
        const shown = (text: string) =>
          quote(spec.name === "base-url" ? redactUserinfo(text) : text);
        throw new UsageError(
          `option --${spec.name} is given twice ('${shown(previous)}' and '${shown(value)}'); give it once.`,
          command,
        );
      }
      values.set(spec.name, value);
      return value;
    });
  }
  parser.parse([...argv], { from: "user" });
  for (const spec of specs) {
    if (spec.value === undefined && parser.getOptionValueSource(camelCase(spec.name)) === "cli") {
      values.set(spec.name, true);
    }
  }
  refuseValuesLikeOptions(command, argv, specs);
  const missing = specs.filter((spec) => spec.required && !values.has(spec.name));
  if (missing.length > 0) {
    throw new UsageError(
      `missing required option${missing.length > 1 ? "s" : ""} ${missing.map(flagOf).join(", ")}.`,
      command,
    );
  }
  return values;
}

/** Commander's key for an option: `--no-wait-existing` is `waitExisting`, false when given. */
function camelCase(name: string): string {
  return name.replace(/^no-/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * A value given as the next word may not start with `-`: `--workspace --project 1` is far
 * more likely a forgotten value than a workspace named `--project`. `-o -` (stdout) is fine,
 * and so is a value given inline, `--workspace=-w`.
 */
function refuseValuesLikeOptions(
  command: CommandName,
  argv: readonly string[],
  specs: readonly OptionSpec[],
): void {
  for (let i = 0; i < argv.length - 1; i++) {
    const arg = argv[i] as string;
    const name = arg.startsWith("--") ? arg.slice(2) : arg.startsWith("-") ? arg.slice(1) : "";
    const spec = specs.find((s) => s.value !== undefined && (s.name === name || s.short === name));
    const next = argv[i + 1] as string;
    if (spec && next.length > 1 && next.startsWith("-")) {
      throw new UsageError(
        `option '${flagOf(spec)}' needs a value (${spec.value}), got '${quote(next)}'; ` +
          `to pass a value starting with '-', write --${spec.name}=${quote(next)}.`,
        command,
      );
    }
    if (spec) i++;
  }
}
