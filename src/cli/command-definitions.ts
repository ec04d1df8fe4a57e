/**
 * What `ncp-mi` accepts: its commands and their options. These tables drive both the parser
 * (command-line.ts) and the help (help.ts), so the two cannot disagree.
 */

/** An option as the help shows it and the parser accepts it. */
export interface OptionSpec {
  /** Long name, without the dashes. */
  name: string;
  /** Placeholder of the value; absent for a switch. */
  value?: string;
  /** One-line description for the help. */
  help: string;
  /** Whether the command cannot run without it. */
  required?: boolean;
  /** Single-letter alias. */
  short?: string;
}

/** The formats of `--format`. */
export const SUMMARY_FORMATS = ["table", "json", "markdown", "vtt", "srt"] as const;
/** One of {@link SUMMARY_FORMATS}. */
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

const WORKSPACE: OptionSpec = {
  name: "workspace",
  value: "NAME",
  help: "Workspace name",
  required: true,
};
const PROJECT: OptionSpec = { name: "project", value: "ID", help: "Project ID", required: true };
const ASSET: OptionSpec = { name: "asset", value: "ID", help: "Media asset ID", required: true };
const INDEX: OptionSpec = {
  name: "index",
  value: "ID",
  help: "Use the index-based API (deprecated, removed in January 2027) on this index",
};
const SUMMARY: OptionSpec = {
  name: "summary",
  value: "ID",
  help: "Scene summary request ID (index-based API, with --index)",
};
const ASSET_IDS = [WORKSPACE, PROJECT, ASSET, INDEX];
const SUMMARY_IDS = [...ASSET_IDS, SUMMARY];

const JSON_OPTION: OptionSpec = {
  name: "json",
  help: "Print the `result` object as JSON instead of a summary for people",
};
const FORMAT: OptionSpec = {
  name: "format",
  value: "FORMAT",
  help: `Output format: ${SUMMARY_FORMATS.join(", ")}, in any case (default table)`,
};
const OUTPUT: OptionSpec = {
  name: "output",
  short: "o",
  value: "FILE",
  help: "Write the output to FILE, whole or not at all (a temporary file, then renamed); - is stdout",
};
const SCENES: OptionSpec = {
  name: "scenes",
  value: "LIST",
  help: "Summarise only these scenes, such as 3,7 (default: all)",
};
const LOCALE: OptionSpec = {
  name: "locale",
  value: "LOCALE",
  help: "Language of the summaries, such as ko or en (asset-based API only)",
};
const INTERVAL: OptionSpec = {
  name: "interval",
  value: "SECONDS",
  help: "Poll every SECONDS, at least 1 (default: 5, growing by half each poll up to 30)",
};
const TIMEOUT: OptionSpec = {
  name: "timeout",
  value: "SECONDS",
  help: "Give up waiting after SECONDS (default 1800)",
};
const GRACE: OptionSpec = {
  name: "grace",
  value: "SECONDS",
  help: "How long BEFORE_SUMMARIZE is tolerated before giving up (default 30)",
};
const WAIT_OPTIONS = [INTERVAL, TIMEOUT, GRACE];

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec[] = [
  {
    name: "base-url",
    value: "URL",
    help: "API host (default: $NCLOUD_MI_BASE_URL, else https://mi.apigw.ntruss.com)",
  },
  {
    name: "insecure-http",
    help: "Allow an http:// base URL that is not this machine (keys travel in clear)",
  },
  {
    name: "request-timeout",
    value: "SECONDS",
    help: "Time limit of each HTTP attempt (default 30)",
  },
  {
    name: "deadline",
    value: "SECONDS",
    help: "Time limit of each call, its retries included (default: none)",
  },
  {
    name: "retries",
    value: "N",
    help: "Retries after a network error, a timeout or HTTP 429, 500, 502, 503 or 504 (default 2)",
  },
  {
    name: "dry-run",
    help: "Print the signed request as a curl command and send nothing",
  },
  {
    name: "debug",
    help: "Log each request, retry and poll to stderr, and show the whole error",
  },
  { name: "help", short: "h", help: "Show this help" },
  { name: "version", short: "v", help: "Print the version of ncp-mi" },
];

/** A command: what the help says about it, and its own options. */
export interface CommandSpec {
  /** One line, for the overall help. */
  summary: string;
  /** A paragraph, for the command's help. */
  description: string;
  options: OptionSpec[];
  /** Shell commands; a long one spans lines, each but the last ending in a backslash. */
  examples: string[];
}

const IDS = "--workspace my-ws --project 1234 --asset 5678";

/** A command's name. */
export type CommandName = "summarize" | "request" | "cancel" | "status" | "summaries" | "wait";

/** The commands, in the order the help lists them. */
export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  summarize: {
    summary: "Request scene summaries, wait for them and print them",
    description:
      "The whole job in one command: requests a scene summarisation of the asset, shows its " +
      "progress on stderr (a bar on a terminal, plain lines otherwise), then prints the " +
      "summaries or writes them to --output. If a summarisation is already in progress, it " +
      "says so and waits for that one instead, unless --no-wait-existing is given (exit 6). " +
      "Ctrl-C stops waiting (exit 130) and leaves the summarisation running on the server; " +
      "the message says how to cancel it. Exit codes as for wait.",
    options: [
      ...ASSET_IDS,
      SCENES,
      LOCALE,
      FORMAT,
      OUTPUT,
      ...WAIT_OPTIONS,
      {
        name: "no-wait-existing",
        help: "Fail (exit 6) instead of waiting for a summarisation already in progress (always so with --index)",
      },
    ],
    examples: [
      `ncp-mi summarize ${IDS} \\\n  --format vtt -o chapters.vtt`,
      `ncp-mi summarize ${IDS} \\\n  --scenes 3,7 --locale en --format markdown`,
    ],
  },
  request: {
    summary: "Request a scene summarisation and return at once",
    description:
      "Asks the API to summarise the scenes of the asset (all of them, or --scenes), and " +
      "prints the `ncp-mi wait` command that follows it (--json: the API's `result` object). " +
      "Then `ncp-mi summaries` prints the summaries.",
    options: [...ASSET_IDS, SCENES, LOCALE, JSON_OPTION],
    examples: [`ncp-mi request ${IDS}`, `ncp-mi request ${IDS} --scenes 3,7`],
  },
  cancel: {
    summary: "Cancel a scene summarisation in progress",
    description:
      "Asks the API to cancel the summarisation in progress on the asset (with --index, the " +
      "index-based request --summary).",
    options: SUMMARY_IDS,
    examples: [`ncp-mi cancel ${IDS}`],
  },
  status: {
    summary: "Show the status of a scene summarisation",
    description:
      "Prints the status of the asset's scene summarisation (with --index, of the " +
      "index-based request --summary): what it means, how many scenes are analysed, and " +
      "when it was requested and completed. Exits 0 whatever the status; use `ncp-mi wait` " +
      "to turn the outcome into an exit code.",
    options: [...SUMMARY_IDS, JSON_OPTION, OUTPUT],
    examples: [`ncp-mi status ${IDS}`, `ncp-mi status ${IDS} \\\n  --index 1001 --summary 101`],
  },
  summaries: {
    summary: "Print the scene summaries of a completed summarisation",
    description:
      "Prints the per-scene summaries once the summarisation has completed, as a table for " +
      "the terminal, JSON (the `result` object), Markdown, WebVTT chapters or SRT subtitles. " +
      "Before completion the API answers HTTP 409 (exit 1): run `ncp-mi wait` first.",
    options: [...ASSET_IDS, FORMAT, OUTPUT],
    examples: [
      `ncp-mi summaries ${IDS}`,
      `ncp-mi summaries ${IDS} \\\n  --format vtt -o chapters.vtt`,
    ],
  },
  wait: {
    summary: "Wait until a scene summarisation ends",
    description:
      "Polls the status until the summarisation completes, fails or is cancelled, showing " +
      "progress on stderr, then prints the final status, so that `ncp-mi wait … && " +
      "ncp-mi summaries …` fetches the summaries once they are ready. The exit code tells " +
      "the outcome: 0 completed, 3 failed, 4 cancelled, 5 timed out; 1 when the status " +
      "stays BEFORE_SUMMARIZE past --grace (no summarisation was requested) or a request fails.",
    options: [...SUMMARY_IDS, ...WAIT_OPTIONS, JSON_OPTION, OUTPUT],
    examples: [`ncp-mi wait ${IDS}`, `ncp-mi wait ${IDS} \\\n  --interval 10 --timeout 600 --json`],
  },
};

/** Every option of every command, common ones included, by name: what the parser recognises. */
export const ALL_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map(
  [...Object.values(COMMANDS).flatMap((command) => command.options), ...COMMON_OPTIONS].map(
    (spec) => [spec.name, spec],
  ),
);
