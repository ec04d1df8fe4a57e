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

/** The formats of `summaries --format`. */
export const SUMMARY_FORMATS = ["table", "json", "markdown", "vtt", "srt"] as const;
/** One of {@link SUMMARY_FORMATS}. */
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

const INDEX_ID_OPTIONS: OptionSpec[] = [
  { name: "workspace", value: "NAME", help: "Workspace name", required: true },
  { name: "project", value: "ID", help: "Project ID", required: true },
  { name: "asset", value: "ID", help: "Media asset ID", required: true },
  { name: "index", value: "ID", help: "Index ID", required: true },
];
const SUMMARY_ID_OPTION: OptionSpec = {
  name: "summary",
  value: "ID",
  help: "Scene summary request ID",
  required: true,
};
const JSON_OPTION: OptionSpec = {
  name: "json",
  help: "Print the status `result` object as JSON instead of a summary",
};

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec[] = [
  {
    name: "base-url",
    value: "URL",
    help: "API host (default: $NCLOUD_MI_BASE_URL, else https://mi.apigw.ntruss.com)",
  },
  {
    name: "request-timeout",
    value: "SECONDS",
    help: "Time limit of each HTTP attempt (default 30)",
  },
  {
    name: "retries",
    value: "N",
    help: "Retries after a network error, a timeout or HTTP 429, 500, 502, 503 or 504 (default 2)",
  },
  { name: "debug", help: "Log each request to stderr and show stack traces of errors" },
  { name: "help", short: "h", help: "Show this help" },
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

const IDS_EXAMPLE = "--workspace my-ws --project 1234 --asset 5678 --index 1001";

/** A command's name. */
export type CommandName = "status" | "summaries" | "wait";

/** The commands, in the order the help lists them. */
export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  status: {
    summary: "Show the status of a scene summarisation",
    description:
      "Prints the status of a scene summary request: what it means, how many scenes are " +
      "analysed, and when it was requested and completed. Exits 0 whatever the status; use " +
      "`ncp-mi wait` to turn the outcome into an exit code.",
    options: [...INDEX_ID_OPTIONS, SUMMARY_ID_OPTION, JSON_OPTION],
    examples: [
      `ncp-mi status ${IDS_EXAMPLE} \\\n  --summary 101`,
      `ncp-mi status ${IDS_EXAMPLE} \\\n  --summary 101 --json`,
    ],
  },
  summaries: {
    summary: "Print the scene summaries of an index",
    description:
      "Prints the per-scene summaries of an index whose summarisation has completed, as a " +
      "table for the terminal, JSON (the `result` object), Markdown, WebVTT chapters or SRT " +
      "subtitles. Before completion the API answers with an error (exit 1).",
    options: [
      ...INDEX_ID_OPTIONS,
      {
        name: "format",
        value: "FORMAT",
        help: `Output format: ${SUMMARY_FORMATS.join(", ")} (default table)`,
      },
    ],
    examples: [
      `ncp-mi summaries ${IDS_EXAMPLE}`,
      `ncp-mi summaries ${IDS_EXAMPLE} \\\n  --format vtt > chapters.vtt`,
    ],
  },
  wait: {
    summary: "Wait until a scene summarisation ends",
    description:
      "Polls the status until the summarisation completes, fails or is cancelled, showing " +
      "progress on stderr, then prints the final status, so that `ncp-mi wait … && " +
      "ncp-mi summaries …` fetches the summaries once they are ready. The exit code tells the outcome: " +
      "0 completed, 3 failed, 4 cancelled, 5 timed out; 1 when the status stays " +
      "BEFORE_SUMMARIZE past --grace (no summarisation was requested) or a request fails.",
    options: [
      ...INDEX_ID_OPTIONS,
      SUMMARY_ID_OPTION,
      {
        name: "interval",
        value: "SECONDS",
        help: "Poll every SECONDS (default: 5, growing by half each poll up to 30)",
      },
      { name: "timeout", value: "SECONDS", help: "Give up after SECONDS (default 1800)" },
      {
        name: "grace",
        value: "SECONDS",
        help: "How long BEFORE_SUMMARIZE is tolerated before giving up (default 30)",
      },
      JSON_OPTION,
    ],
    examples: [
      `ncp-mi wait ${IDS_EXAMPLE} \\\n  --summary 101`,
      `ncp-mi wait ${IDS_EXAMPLE} \\\n  --summary 101 --interval 10 --timeout 600 --json`,
    ],
  },
};
