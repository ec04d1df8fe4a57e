/**
 * Every option `ncp-mi` knows, declared once: its name, its value's placeholder, its help line,
 * and how its value is read. The command table (commands/index.ts) picks each command's
 * options from here; the parser (parse.ts) and the help (help.ts) read the same declarations,
 * so the three cannot disagree.
 */
import { quote } from "../errors.js";
import { closest } from "./suggest.js";
import { UsageError } from "./usage-error.js";

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

/** The formats of `--format` for scene summaries. */
/** The formats of `--format` for scene summaries. */
export const SUMMARY_FORMATS = ["table", "json", "markdown", "vtt", "srt"] as const;
/** One of {@link SUMMARY_FORMATS}. */
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];
/** The formats of `--format` for the exports of `summarize --assets-from`, one file an asset. */
export const EXPORT_FORMATS = ["vtt", "srt", "markdown", "json"] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats of `--format` for a status or a request's answer. */
export const STATUS_FORMATS = ["text", "json"] as const;

/** The formats `-o FILE` may imply by its extension, when `--format` is not given. */
const FORMATS_BY_EXTENSION: Readonly<Record<string, readonly string[]>> = {
  ".vtt": ["vtt"],
  ".srt": ["srt"],
  ".md": ["markdown"],
  ".json": ["json"],
  ".txt": ["table", "text"],
};

/** `--workspace NAME`: the workspace, on every command. */
export const WORKSPACE: OptionSpec = {
  name: "workspace",
  value: "NAME",
  help: "Workspace name",
  required: true,
};
/** `--project ID`: the project, on every command. */
export const PROJECT: OptionSpec = {
  name: "project",
  value: "ID",
  help: "Project ID",
  required: true,
};
/** `--asset ID`: the media asset, on every command but a catalogue's. */
export const ASSET: OptionSpec = {
  name: "asset",
  value: "ID",
  help: "Media asset ID",
  required: true,
};
/** `--index ID`: the deprecated index-based API, on this index. */
export const INDEX: OptionSpec = {
  name: "index",
  value: "ID",
  help: "Use the index-based API (deprecated, removed in January 2027) on this index",
};
/** `--summary ID`: an index-based run, by its request ID. */
export const SUMMARY: OptionSpec = {
  name: "summary",
  value: "ID",
  help: "Scene summary request ID (index-based API, with --index)",
};
/** `--json`: the same as `--format json`. */
export const JSON_OPTION: OptionSpec = {
  name: "json",
  help: "Print JSON (the API's `result` object); the same as --format json",
};
/** `--format` of the commands that print a status or a request's answer. */
export const STATUS_FORMAT: OptionSpec = {
  name: "format",
  value: "FORMAT",
  help: `Output format: ${STATUS_FORMATS.join(" or ")} (default text; -o FILE.json implies json)`,
};
/** `--format` of the commands that print scene summaries. */
export const SUMMARY_FORMAT: OptionSpec = {
  name: "format",
  value: "FORMAT",
  help: `Output format: ${SUMMARY_FORMATS.join(", ")}, in any case (default table, or what -o FILE's extension says)`,
};
/** `-o FILE`: where the output goes, written whole or not at all. */
export const OUTPUT: OptionSpec = {
  name: "output",
  short: "o",
  value: "FILE",
  help: "Write the output to FILE, whole or not at all ('-' is stdout)",
};
/** `--scenes LIST`: a re-analysis of these scenes only. */
export const SCENES: OptionSpec = {
  name: "scenes",
  value: "LIST",
  help: "Summarise only these scenes, such as 3,7 (default: all)",
};
/** `--locale LOCALE`: the language of a full analysis's summaries. */
export const LOCALE: OptionSpec = {
  name: "locale",
  value: "LOCALE",
  help: "Language of the summaries, such as ko or en (asset-based API only)",
};
/** `--interval SECONDS`: the first delay between polls. */
export const INTERVAL: OptionSpec = {
  name: "interval",
  value: "SECONDS",
  help: "Poll every SECONDS, at least 1 (default: 5, growing by half each poll up to 30)",
};
/** `--timeout SECONDS`: how long a wait may take in all. */
export const TIMEOUT: OptionSpec = {
  name: "timeout",
  value: "SECONDS",
  help: "Give up waiting after SECONDS (default 1800)",
};
/** `--grace SECONDS`: how long a status that shows no request of ours is waited past. */
export const GRACE: OptionSpec = {
  name: "grace",
  value: "SECONDS",
  help: "How long a status showing no request (BEFORE_SUMMARIZE, or the run before ours) is waited past (default 30)",
};
/** `--no-wait-existing`: fail instead of following a summarisation in progress. */
export const NO_WAIT_EXISTING: OptionSpec = {
  name: "no-wait-existing",
  help: "Fail (exit 6) instead of waiting for a summarisation already in progress (always so with --index)",
};

/** `--assets-from FILE`: a catalogue's list of asset IDs, instead of `--asset`. */
export const ASSETS_FROM: OptionSpec = {
  name: "assets-from",
  value: "FILE",
  help: "Summarise a catalogue: one asset ID a line of FILE ('-' is stdin; # comments), instead of --asset",
};
/** `--out-dir DIR`: where a catalogue's exports and journal go. */
export const OUT_DIR: OptionSpec = {
  name: "out-dir",
  value: "DIR",
  help: "With --assets-from: write DIR/ASSET.EXT for each asset, and the journal a rerun resumes from",
};
/** `--concurrency N`: how many assets of a catalogue are worked on at once. */
export const CONCURRENCY: OptionSpec = {
  name: "concurrency",
  value: "N",
  help: "With --assets-from: work on N assets at a time (default 10)",
};
/** `--max-rps N`: the client's `maxRequestsPerSecond` for a catalogue. */
export const MAX_RPS: OptionSpec = {
  name: "max-rps",
  value: "N",
  help: "With --assets-from: send at most N requests a second, such as 5 or 0.5 (default 10; slower after a 429)",
};
/** `--retry-failed`: request again what a catalogue's journal says failed. */
export const RETRY_FAILED: OptionSpec = {
  name: "retry-failed",
  help: "With --assets-from: request again the assets the journal says failed, were cancelled, or never showed in the status",
};

/** Options every command takes. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
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
    name: "max-response-bytes",
    value: "BYTES",
    help: "Largest response body accepted, decompressed (default 67108864: 64 MiB)",
  },
  {
    name: "strict",
    help: "Refuse any answer that departs from openapi.yaml (also NCP_MI_STRICT=1); for CI",
  },
  {
    name: "dry-run",
    help: "Print the signed request as a curl command and send nothing",
  },
  {
    name: "debug",
    help: "Log each request, response, retry and poll to stderr, and show the whole error",
  },
  { name: "help", short: "h", help: "Show this help" },
  { name: "version", short: "v", help: "Print the version of ncp-mi" },
];

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
/** Timers hold at most 2^31 - 1 ms; a longer one would fire at once. */
const MAX_SECONDS = 2_147_483;

/**
 * Reads a positive, possibly fractional number of seconds as milliseconds.
 *
 * @param minimum - The least number of seconds allowed, if more than zero.
 * @throws UsageError naming `--name`.
 */
export function parseSeconds(name: string, value: string, minimum?: number): number {
  const seconds = DECIMAL.test(value) ? Number(value) : Number.NaN;
  // At least a millisecond: a smaller value would reach the SDK as 0 ms.
  const least = Math.max(minimum ?? 0.001, 0.001);
  if (!(seconds > 0) || seconds > MAX_SECONDS) {
    throw new UsageError(
      `--${name} must be a positive number of seconds up to ${MAX_SECONDS}, such as ` +
        `${least >= 1 ? `${least} or ${least * 5}` : "5 or 0.5"}, got '${quote(value)}'.`,
    );
  }
  if (minimum === undefined && Math.round(seconds * 1000) < 1) {
    throw new UsageError(
      `--${name} must be at least a millisecond (0.001), got '${quote(value)}'.`,
    );
  }
  if (minimum !== undefined && seconds < minimum) {
    throw new UsageError(
      `--${name} must be at least ${minimum} second${minimum === 1 ? "" : "s"}, got '${quote(value)}': ` +
        "polling faster only spends the rate limit.",
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * Reads a positive, possibly fractional number (a rate), at most `maximum`.
 *
 * @throws UsageError naming `--name`.
 */
export function parsePositive(name: string, value: string, maximum: number): number {
  const number = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!(number > 0) || number > maximum) {
    throw new UsageError(
      `--${name} must be a positive number up to ${maximum}, such as 5 or 0.5, got '${quote(value)}'.`,
    );
  }
  return number;
}

/**
 * Reads a whole number, at least `minimum` and at most `maximum`.
 *
 * @throws UsageError naming `--name`.
 */
export function parseCount(
  name: string,
  value: string,
  minimum = 0,
  maximum = Number.MAX_SAFE_INTEGER,
): number {
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < minimum) {
    throw new UsageError(`--${name} must be a whole number ≥ ${minimum}, got '${quote(value)}'.`);
  }
  if (count > maximum) {
    throw new UsageError(`--${name} must be at most ${maximum}, got '${quote(value)}'.`);
  }
  return count;
}

/** `--scenes 3,7`: scene numbers, comma-separated, each a whole number. */
export function parseScenes(value: string): number[] {
  const scenes = value
    .split(",")
    .map((part) => part.trim())
    .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  if (!scenes.every(Number.isSafeInteger)) {
    throw new UsageError(
      `--scenes must be scene numbers separated by commas, such as 3,7, got '${quote(value)}'.`,
    );
  }
  return scenes;
}

/**
 * Reads `--format` against the formats a command prints, in any case.
 *
 * @throws UsageError for a format it does not print, with a "did you mean".
 */
export function parseFormat<F extends string>(value: string, formats: readonly F[]): F {
  const format = value.toLowerCase();
  if ((formats as readonly string[]).includes(format)) return format as F;
  const guess = closest(format, formats);
  throw new UsageError(
    `unknown format '${quote(value)}'` +
      (guess ? `; did you mean '${guess}'?` : `; the formats are ${formats.join(", ")}.`),
  );
}

/**
 * The format to print in: `--format` (or `--json`), else what `-o FILE`'s extension says, else
 * the first of `formats`. An extension that contradicts the format asked for is refused, so
 * that `-o chapters.vtt --format srt` does not write SRT into a `.vtt` file.
 *
 * @throws UsageError for an unknown format, or one the extension contradicts.
 */
export function chooseFormat<F extends string>(
  formats: readonly F[],
  given: { format?: string | undefined; json: boolean; output?: string | undefined },
): F {
  const asked = given.format === undefined ? undefined : parseFormat(given.format, formats);
  if (given.json && asked !== undefined && asked !== "json") {
    throw new UsageError(`--json and --format ${asked} ask for two formats; give one.`);
  }
  const explicit = given.json ? ("json" as F) : asked;
  const extension = given.output?.toLowerCase().match(/\.[a-z0-9]+$/)?.[0];
  const implied = FORMATS_BY_EXTENSION[extension ?? ""]?.find((f): f is F =>
    (formats as readonly string[]).includes(f),
  );
  if (explicit === undefined) return implied ?? (formats[0] as F);
  if (implied !== undefined && implied !== explicit) {
    throw new UsageError(
      `-o ${quote(given.output ?? "")} says ${implied}, but the format asked for is ${explicit}: ` +
        "give a file name that matches, or leave out --format.",
    );
  }
  return explicit;
}
