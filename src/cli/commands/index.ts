/**
 * The commands of `ncp-mi`, declared: what the help says of each, its options, the formats it
 * prints in, what `--dry-run` shows, and the handler that runs it and returns the exit code.
 * The parser (parse.ts), the help (help.ts) and the run (run.ts) all read this table.
 */
import type { CommandContext } from "../context.js";
import type { Invocation } from "../invocation.js";
import {
  ASSET,
  ASSETS_FROM,
  CONCURRENCY,
  chooseFormat,
  EXPORT_FORMATS,
  GRACE,
  INDEX,
  INTERVAL,
  JSON_OPTION,
  LOCALE,
  MAX_RPS,
  NO_WAIT_EXISTING,
  type OptionSpec,
  OUT_DIR,
  OUTPUT,
  PROJECT,
  parseFormat,
  RETRY_FAILED,
  SCENES,
  STATUS_FORMAT,
  STATUS_FORMATS,
  SUMMARY,
  SUMMARY_FORMAT,
  SUMMARY_FORMATS,
  TIMEOUT,
  WORKSPACE,
} from "../options.js";
import { cancel } from "./cancel.js";
import { doctor } from "./doctor.js";
import { mcp } from "./mcp.js";
import { request } from "./request.js";
import { status } from "./status.js";
import { summaries } from "./summaries.js";
import { summarize } from "./summarize.js";
import { wait } from "./wait.js";

/** A command: what the help says about it, its options, and how it runs. */
export interface CommandSpec {
  /** One line, for the overall help. */
  summary: string;
  /** A paragraph, for the command's help. */
  description: string;
  options: readonly OptionSpec[];
  /** Shell commands; a long one spans lines, each but the last ending in a backslash. */
  examples: readonly string[];
  /** The formats it prints in (`--format`, `--json`, `-o FILE.ext`), the default first. */
  formats?: readonly string[];
  /**
   * What `--dry-run` prints: the first request that `changes` something (the status read
   * before it is answered without sending), or the first request the command `reads` with.
   * Absent: the command has no dry run.
   */
  dryRun?: "changes" | "reads";
  /** Why the command has no `--dry-run`, for the message that refuses one. Default: it changes nothing. */
  noDryRun?: string;
  /**
   * The usage lines, when the command has several forms: each form's words (option syntaxes,
   * `[…]` when optional). Absent: one form, made from `options`.
   */
  usage?: readonly (readonly string[])[];
  /**
   * Chooses the format from the command line, when `formats` and the usual rules (`--format`,
   * `--json`, `-o FILE.ext`) do not say it for every form of the command.
   */
  chooseFormat?: (invocation: Invocation) => string | undefined;
  /** Runs the command; resolves with its exit code, or rejects with the error that ended it. */
  run(context: CommandContext): Promise<number>;
}

const IDS = "--workspace my-ws --project 1234 --asset 5678";
const WAIT_USAGE = ["[--interval SECONDS]", "[--timeout SECONDS]", "[--grace SECONDS]"];
const ASSET_IDS = [WORKSPACE, PROJECT, ASSET, INDEX];
const SUMMARY_IDS = [...ASSET_IDS, SUMMARY];
const WAIT_OPTIONS = [INTERVAL, TIMEOUT, GRACE];

/** The commands, in the order the help lists them. */
export const COMMANDS = {
  summarize: {
    summary: "Request, wait for and print scene summaries (an asset, a catalogue)",
    description:
      "The whole job in one command: requests a scene summarisation of the asset, shows its " +
      "progress on stderr (a bar on a terminal, plain lines otherwise), then prints the " +
      "summaries or writes them to --output. If a summarisation is already in progress, it " +
      "says so and waits for that one instead, unless --no-wait-existing is given (exit 6). " +
      "Ctrl-C stops waiting (exit 130) and leaves the summarisation running on the server; " +
      "the message says how to cancel it. Exit codes as for wait. " +
      "With --assets-from FILE and --out-dir DIR, a catalogue: every asset of FILE (one ID a " +
      "line; blank lines and # comments are skipped, a repeated ID counts once, every ID is " +
      "checked before anything is sent) is summarised, --concurrency at a time and at most " +
      "--max-rps requests a second, slower after a 429; each one's export is written to " +
      "DIR/ASSET.EXT (--format vtt, srt, markdown or json; default vtt), whole or not at all, " +
      "and every step is recorded in DIR/ncp-mi-journal.jsonl. Progress is a bar with counts " +
      "on a terminal, a line per change otherwise; at the end, one line per asset on stdout " +
      "(--json: a summary). Exit 0 when every asset completed, 7 when not. Ctrl-C (or a " +
      "crash) leaves the summarisations running: run the same command again to resume; " +
      "nothing requested is requested again.",
    options: [
      WORKSPACE,
      PROJECT,
      { ...ASSET, required: false },
      INDEX,
      SCENES,
      LOCALE,
      SUMMARY_FORMAT,
      JSON_OPTION,
      OUTPUT,
      ...WAIT_OPTIONS,
      NO_WAIT_EXISTING,
      ASSETS_FROM,
      OUT_DIR,
      CONCURRENCY,
      MAX_RPS,
      RETRY_FAILED,
    ],
    usage: [
      [
        "--workspace NAME",
        "--project ID",
        "--asset ID",
        "[--index ID]",
        "[--scenes LIST]",
        "[--locale LOCALE]",
        "[--format FORMAT]",
        "[--json]",
        "[--output FILE]",
        ...WAIT_USAGE,
        "[--no-wait-existing]",
      ],
      [
        "--workspace NAME",
        "--project ID",
        "--assets-from FILE",
        "--out-dir DIR",
        "[--format vtt|srt|markdown|json]",
        "[--concurrency N]",
        "[--max-rps N]",
        "[--retry-failed]",
        "[--json]",
        "[--locale LOCALE]",
        ...WAIT_USAGE,
      ],
    ],
    examples: [
      `ncp-mi summarize ${IDS} \\\n  -o chapters.vtt`,
      `ncp-mi summarize ${IDS} \\\n  --scenes 3,7 --locale en --format markdown`,
      "ncp-mi summarize --workspace my-ws --project 1234 \\\n  --assets-from assets.txt --out-dir chapters/ --format srt",
    ],
    formats: SUMMARY_FORMATS,
    chooseFormat: (invocation) =>
      invocation.assetsFrom === undefined
        ? chooseFormat(SUMMARY_FORMATS, invocation)
        : invocation.format === undefined
          ? EXPORT_FORMATS[0]
          : parseFormat(invocation.format, EXPORT_FORMATS),
    dryRun: "changes",
    run: summarize,
  },
  request: {
    summary: "Request a scene summarisation and return at once",
    description:
      "Asks the API to summarise the scenes of the asset (all of them, or --scenes), and " +
      "prints the `ncp-mi wait` command that follows it (--json: the API's `result` object). " +
      "Then `ncp-mi summaries` prints the summaries.",
    options: [...ASSET_IDS, SCENES, LOCALE, JSON_OPTION, STATUS_FORMAT, OUTPUT],
    examples: [`ncp-mi request ${IDS}`, `ncp-mi request ${IDS} --scenes 3,7`],
    formats: STATUS_FORMATS,
    dryRun: "changes",
    run: request,
  },
  cancel: {
    summary: "Cancel a scene summarisation in progress",
    description:
      "Asks the API to cancel the summarisation in progress on the asset (with --index, the " +
      "index-based request --summary). With nothing running, says there is nothing to cancel (exit 1).",
    options: SUMMARY_IDS,
    examples: [`ncp-mi cancel ${IDS}`],
    dryRun: "changes",
    run: cancel,
  },
  status: {
    summary: "Show the status of a scene summarisation",
    description:
      "Prints the status of the asset's scene summarisation (with --index, of the " +
      "index-based request --summary): what it means, how many scenes are analysed, and " +
      "when it was requested and completed. Exits 0 whatever the status; use `ncp-mi wait` " +
      "to turn the outcome into an exit code.",
    options: [...SUMMARY_IDS, JSON_OPTION, STATUS_FORMAT, OUTPUT],
    examples: [`ncp-mi status ${IDS}`, `ncp-mi status ${IDS} \\\n  --index 1001 --summary 101`],
    formats: STATUS_FORMATS,
    dryRun: "reads",
    run: status,
  },
  summaries: {
    summary: "Print the scene summaries of a completed summarisation",
    description:
      "Prints the per-scene summaries once the summarisation has completed, as a table for " +
      "the terminal, JSON (the `result` object), Markdown, WebVTT chapters or SRT subtitles; " +
      "-o FILE picks the format from its extension (.vtt .srt .md .json .txt). " +
      "Before completion the API answers HTTP 409 (exit 1): run `ncp-mi wait` first.",
    options: [...ASSET_IDS, SUMMARY_FORMAT, JSON_OPTION, OUTPUT],
    examples: [`ncp-mi summaries ${IDS}`, `ncp-mi summaries ${IDS} \\\n  -o chapters.vtt`],
    formats: SUMMARY_FORMATS,
    dryRun: "reads",
    run: summaries,
  },
  wait: {
    summary: "Wait until a scene summarisation ends",
    description:
      "Polls the status until the summarisation completes, fails or is cancelled, showing " +
      "progress on stderr, then prints the final status, so that `ncp-mi wait … && " +
      "ncp-mi summaries …` fetches the summaries once they are ready. The exit code tells " +
      "the outcome: 0 completed, 3 failed, 4 cancelled, 5 timed out; 1 when the status " +
      "stays BEFORE_SUMMARIZE past --grace (no summarisation was requested) or a request fails.",
    options: [...SUMMARY_IDS, ...WAIT_OPTIONS, JSON_OPTION, STATUS_FORMAT, OUTPUT],
    examples: [`ncp-mi wait ${IDS}`, `ncp-mi wait ${IDS} \\\n  --interval 10 --timeout 600 --json`],
    formats: STATUS_FORMATS,
    dryRun: "reads",
    run: wait,
  },
  doctor: {
    summary: "Check the host, the keys, the clock and answers against the spec",
    description:
      "For a user with real keys: one signed read tells whether the API host answers (over " +
      "TLS), whether the gateway accepts the keys, and how far this machine's clock is from " +
      "the gateway's. With --asset, every departure of the asset's status (and of its result, " +
      "once complete) from openapi.yaml is listed, as JSON paths and kinds, never values. " +
      "Exits 0 when the host answers and the keys work, whatever the departures (with " +
      "--strict, a departure exits 1 too); 1 otherwise, saying which check failed. " +
      "--json prints a report to attach to a bug report. Nothing is changed on the server.",
    options: [
      WORKSPACE,
      PROJECT,
      { ...ASSET, required: false },
      { ...JSON_OPTION, help: "Print the report as JSON; the same as --format json" },
      STATUS_FORMAT,
      OUTPUT,
    ],
    examples: [
      "ncp-mi doctor --workspace my-ws --project 1234",
      `ncp-mi doctor ${IDS} --json > doctor.json`,
    ],
    formats: STATUS_FORMATS,
    run: doctor,
  },
  mcp: {
    summary: "Serve the scene-summary tools to AI agents (an MCP server on stdio)",
    description:
      "Starts a Model Context Protocol server on stdin and stdout, for an MCP client (the " +
      "host of an AI agent) to start and talk to. Its tools request, follow, fetch and cancel " +
      "the scene summaries of an asset: summarize_video, request_scene_summary, " +
      "get_scene_summary_status, get_scene_summaries and cancel_scene_summary. The keys come " +
      "from NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY, never from a tool's arguments; the log " +
      "goes to stderr. It serves until the client closes stdin (exit 0). It needs the MCP SDK, " +
      "an optional peer dependency: npm install @modelcontextprotocol/sdk@1.32.2 (without it, " +
      "it says so and exits 1).",
    options: [INTERVAL, GRACE],
    examples: ["ncp-mi mcp", "ncp-mi mcp --base-url http://127.0.0.1:4010 --interval 1"],
    noDryRun: "each tool call sends its own requests; --debug logs them",
    run: mcp,
  },
} as const satisfies Record<string, CommandSpec>;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** Whether `name` is a command. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
