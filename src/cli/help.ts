/** The help text of `ncp-mi` and of each command, written from the command table (commands/index.ts). */
import { COMMANDS, type CommandName, type CommandSpec } from "./commands/index.js";
import { EXIT_CODE_HELP } from "./exit-codes.js";
import { COMMON_OPTIONS, type OptionSpec } from "./options.js";

const ENVIRONMENT = [
  "Environment:",
  "  NCLOUD_ACCESS_KEY    Access key ID (required)",
  "  NCLOUD_SECRET_KEY    Secret key (required; never printed)",
  "  NCLOUD_MI_BASE_URL   API host, when --base-url is not given",
  "  NCP_MI_STRICT        Set to 1 to refuse answers that depart from openapi.yaml",
  "  NO_COLOR             Set to turn off colour in the progress bar",
];

const IDS = [
  "Ids:",
  "  Ids are sent as given, percent-encoded. An empty id, one of only white space",
  "  (U+00A0 and U+3000 included), or one that starts or ends with white space is",
  "  refused, not trimmed: exit 2. Without --index, the commands use the",
  "  asset-based API; --index ID selects the index-based API (deprecated, removed",
  "  in January 2027).",
];

/** `--name VALUE`, or `--name` for a switch. */
function optionSyntax(spec: OptionSpec): string {
  return `--${spec.name}${spec.value ? ` ${spec.value}` : ""}`;
}

function optionLabel(spec: OptionSpec): string {
  return spec.short ? `-${spec.short}, ${optionSyntax(spec)}` : `    ${optionSyntax(spec)}`;
}

/** The help fits an 80-column terminal. */
const WIDTH = 80;

/** `words` joined by spaces in lines of at most `width` characters (a longer word stands alone). */
function wrap(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

/** `first` then `words` wrapped to the width, continuation lines indented to line up with it. */
function hanging(first: string, words: readonly string[]): string[] {
  const indent = " ".repeat(first.length);
  return wrap(words, WIDTH - first.length).map((line, i) => `${i === 0 ? first : indent}${line}`);
}

function optionLines(specs: readonly OptionSpec[]): string[] {
  const labels = specs.map(optionLabel);
  const width = Math.max(...labels.map((label) => label.length));
  return specs.flatMap((spec, i) =>
    hanging(`  ${(labels[i] ?? "").padEnd(width)}  `, spec.help.split(" ")),
  );
}

function usageLines(name: CommandName): string[] {
  const spec: CommandSpec = COMMANDS[name];
  const forms = spec.usage ?? [
    spec.options.map((option) =>
      option.required ? optionSyntax(option) : `[${optionSyntax(option)}]`,
    ),
  ];
  return forms.flatMap((words, i) =>
    hanging(`${i === 0 ? "Usage:" : "      "} ncp-mi ${name} `, [...words, "[options]"]),
  );
}

/**
 * What every help page says: the options of every command (on a command's page, without
 * `--dry-run` when the command has none), the environment, the exit codes.
 */
function commonSections(command?: CommandSpec): string[] {
  const options =
    command && command.dryRun === undefined
      ? COMMON_OPTIONS.filter((option) => option.name !== "dry-run")
      : COMMON_OPTIONS;
  return [
    "Options of every command:",
    ...optionLines(options),
    "",
    ...IDS,
    "",
    ...ENVIRONMENT,
    "",
    ...EXIT_CODE_HELP,
    "",
  ];
}

/** The overall help: commands, common options, environment and exit codes. */
export function overallHelp(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((name) => name.length));
  return [
    "ncp-mi: NAVER Cloud Media Intelligence scene summaries from a terminal.",
    "",
    "Usage:",
    "  ncp-mi <command> [options]",
    "  ncp-mi help <command>     Help on a command (or: ncp-mi <command> --help)",
    "  ncp-mi --version          (or -v)",
    "",
    "Commands:",
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
    "",
    ...commonSections(),
  ].join("\n");
}

/** The help of one command: usage, description, its options, the common ones, examples. */
export function commandHelp(name: CommandName): string {
  const spec = COMMANDS[name];
  return [
    ...usageLines(name),
    "",
    ...wrap(spec.description.split(" "), WIDTH),
    "",
    "Options:",
    ...optionLines(spec.options),
    "",
    ...commonSections(spec),
    "Examples:",
    ...spec.examples.flatMap((example) => example.split("\n").map((line) => `  ${line}`)),
    "",
  ].join("\n");
}
