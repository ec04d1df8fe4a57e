/**
 * A checked command line, ready to run: the option values read by parse.ts, turned into ids,
 * durations (ms), counts and switches, with the rules that tie options together (`--summary`
 * goes with `--index`, `--locale` does not).
 */
import { quote } from "../errors.js";
import type { CommandName } from "./commands/index.js";
import { parseCount, parseScenes, parseSeconds } from "./options.js";
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
}

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
  };
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
