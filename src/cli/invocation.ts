/**
 * A checked command line, ready to run: the option values read by parse.ts, turned into ids,
 * durations (ms), counts and switches, with the rules that tie options together (`--summary`
 * goes with `--index`, `--locale` does not).
 */
import { quote } from "../errors.js";
import { MAX_REQUESTS_PER_SECOND } from "../options.js";
import type { CommandName } from "./commands/index.js";
import { parseCount, parsePositive, parseScenes, parseSeconds } from "./options.js";
import type { OptionValues } from "./parse.js";
import { UsageError } from "./usage-error.js";

/** The ids as given; `indexId` selects the index-based API. */
export interface CliIds {
  workspaceName: string;
  projectId: string;
  /** `--asset`: required by every command but `doctor`. */
  assetId: string;
  /** `--index`: the index-based (deprecated) API. */
  indexId?: string;
  /** `--summary`: given with `--index`, for status, wait and cancel. */
  sceneSummaryId?: string;
}

/** A checked command line. Durations are in ms; absent means the SDK's default. */
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
  /** `--max-response-bytes`. */
  maxResponseBytes?: number | undefined;
  /** `--strict`. */
  strict: boolean;
  /** `--dry-run`. */
  dryRun: boolean;
  /** `--debug`. */
  debug: boolean;
  /** `--json`. */
  json: boolean;
  /** `--format`, as given: each command reads it against the formats it prints. */
  format?: string | undefined;
  /** `-o`/`--output`; `-` means stdout. */
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
  /** `--assets-from`: the catalogue's list of asset ids, a file or `-` (stdin). */
  assetsFrom?: string | undefined;
  /** `--out-dir`: where a catalogue's exports and journal go. */
  outDir?: string | undefined;
  /** `--concurrency`. */
  concurrency?: number | undefined;
  /** `--max-rps`; with `--assets-from`, {@link CATALOGUE_MAX_RPS} unless given. */
  maxRequestsPerSecond?: number | undefined;
  /** `--retry-failed`. */
  retryFailed: boolean;
}

/** Requests a second a catalogue sends unless `--max-rps` says otherwise. */
const CATALOGUE_MAX_RPS = 10;
/** The most `--concurrency` allows. */
const MAX_CONCURRENCY = 1000;

/** Options that only a catalogue (`--assets-from`) takes, and those it does not. */
const CATALOGUE_ONLY = ["out-dir", "concurrency", "max-rps", "retry-failed"];
const NOT_FOR_CATALOGUE = ["output", "index", "summary", "scenes", "no-wait-existing", "dry-run"];

/** Turns a command's option values into an {@link Invocation}. */
export function toInvocation(command: CommandName, values: OptionValues): Invocation {
  const text = (name: string): string | undefined => {
    const value = values.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const flag = (name: string): boolean => values.get(name) === true;
  const read = <T>(name: string, parse: (value: string) => T): T | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(error.message, command);
      throw error;
    }
  };
  checkCatalogueOptions(command, values);
  const assetsFrom = text("assets-from");
  const ids = checkIdChoice(command, {
    workspaceName: text("workspace") ?? "",
    projectId: text("project") ?? "",
    assetId: text("asset") ?? "",
    ...(text("index") === undefined ? {} : { indexId: text("index") }),
    ...(text("summary") === undefined ? {} : { sceneSummaryId: text("summary") }),
  });
  const locale = text("locale");
  if (locale !== undefined && ids.indexId !== undefined) {
    throw new UsageError("--locale is for the asset-based API: leave out --index.", command);
  }
  if (locale !== undefined && text("scenes") !== undefined) {
    throw new UsageError(
      "--locale is allowed only on a full analysis, not with --scenes: a re-analysis of some scenes keeps the language of the full one.",
      command,
    );
  }
  const output = text("output");
  return {
    command,
    ids,
    baseUrl: text("base-url"),
    insecureHttp: flag("insecure-http"),
    requestTimeoutMs: read("request-timeout", (v) => parseSeconds("request-timeout", v)),
    deadlineMs: read("deadline", (v) => parseSeconds("deadline", v)),
    retries: read("retries", (v) => parseCount("retries", v)),
    maxResponseBytes: read("max-response-bytes", (v) => parseCount("max-response-bytes", v, 1)),
    strict: flag("strict"),
    dryRun: flag("dry-run"),
    debug: flag("debug"),
    json: flag("json"),
    format: text("format"),
    output: output === "-" ? undefined : output,
    sceneIds: read("scenes", parseScenes),
    locale,
    // Polling faster than once a second is refused, not quietly slowed down.
    intervalMs: read("interval", (v) => parseSeconds("interval", v, 1)),
    timeoutMs: read("timeout", (v) => parseSeconds("timeout", v)),
    graceMs: read("grace", (v) => parseSeconds("grace", v)),
    waitForExisting: !flag("no-wait-existing"),
    assetsFrom,
    outDir: text("out-dir"),
    concurrency: read("concurrency", (v) => parseCount("concurrency", v, 1, MAX_CONCURRENCY)),
    maxRequestsPerSecond:
      read("max-rps", (v) => parsePositive("max-rps", v, MAX_REQUESTS_PER_SECOND)) ??
      (assetsFrom === undefined ? undefined : CATALOGUE_MAX_RPS),
    retryFailed: flag("retry-failed"),
  };
}

/**
 * `summarize` takes one asset (`--asset`) or a catalogue (`--assets-from`, with `--out-dir`),
 * not both; each form refuses the other's options.
 */
function checkCatalogueOptions(command: CommandName, values: OptionValues): void {
  if (command !== "summarize") return;
  const given = (name: string) => values.has(name);
  if (!given("assets-from")) {
    if (!given("asset")) {
      throw new UsageError(
        "missing required option --asset (or --assets-from FILE for a catalogue).",
        command,
      );
    }
    const only = CATALOGUE_ONLY.find(given);
    if (only) throw new UsageError(`--${only} goes with --assets-from (a catalogue).`, command);
    return;
  }
  if (given("asset")) {
    throw new UsageError(
      "--asset and --assets-from both given: --asset summarises one asset, --assets-from a catalogue; give one.",
      command,
    );
  }
  const not = NOT_FOR_CATALOGUE.find(given);
  if (not) {
    throw new UsageError(
      not === "output"
        ? "-o/--output is for one asset: a catalogue writes one file an asset into --out-dir."
        : `--${not} is for one asset (--asset), not a catalogue (--assets-from).`,
      command,
    );
  }
  if (!given("out-dir")) {
    throw new UsageError(
      "missing --out-dir DIR: a catalogue writes one file an asset there, and its journal.",
      command,
    );
  }
}

/**
 * The ids, after checking that `--summary` goes with `--index`, and that the index-based
 * status, wait and cancel have it.
 */
function checkIdChoice(command: CommandName, ids: CliIds): CliIds {
  const { indexId, sceneSummaryId } = ids;
  if (indexId === undefined) {
    if (sceneSummaryId !== undefined) {
      throw new UsageError(
        "--summary belongs to the index-based API: give --index too, or leave out --summary " +
          "to use the asset-based API.",
        command,
      );
    }
    return ids;
  }
  const needsSummary = command === "status" || command === "wait" || command === "cancel";
  if (needsSummary && sceneSummaryId === undefined) {
    throw new UsageError(
      `missing --summary: the index-based ${command} needs the scene summary request ID ` +
        "(or leave out --index to use the asset-based API).",
      command,
    );
  }
  if (command === "doctor") {
    throw new UsageError(
      `doctor checks the asset-based API only: leave out --index (given ${quote(indexId)}).`,
      command,
    );
  }
  return ids;
}
