/**
 * `ncp-mi doctor`: for a user with real keys, what the live service says to this machine and
 * how its answers compare with openapi.yaml. One signed read (the asset's status, or that of
 * an asset that does not exist when none is named) tells whether the host answers, over TLS,
 * whether the gateway accepts the keys, and how far this machine's clock is from the gateway's;
 * for an asset, every departure of its status (and of its result, once complete) from the spec
 * is listed, as JSON paths and kinds, never values: summaries can be private. `--json` makes a
 * report to attach to a bug report. It sends no request that changes anything.
 */

import { seconds } from "../../duration.js";
import { MediaIntelligenceError } from "../../errors.js";
import { specVersion } from "../../generated/operations.js";
import type { DriftInfo } from "../../hooks.js";
import { MAX_CLOCK_SKEW_MS } from "../../skew.js";
import { printableLine } from "../../text.js";
import type { SceneSummaryStatus } from "../../types.js";
import { type CommandContext, ISSUES_URL, isStrict } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { networkReason } from "../network-reason.js";
import { toJson } from "../output.js";
import { maskKey, readVersion } from "../version.js";
import { assetIds } from "./shared.js";

/** The asset a doctor without `--asset` reads: one that no project has, so nothing is read. */
const PROBE_ASSET = "ncp-mi-doctor-probe";

/** How a check came out. */
export type Outcome = "ok" | "warn" | "fail" | "skip";

/** One check of the report. */
export interface Check {
  name: "connection" | "clock" | "credentials" | "status" | "result";
  outcome: Outcome;
  /** What was found, in a sentence. */
  detail: string;
}

/** What `doctor --json` prints: a report to attach to a bug report. It holds no secret. */
export interface DoctorReport {
  tool: "ncp-mi doctor";
  version: string;
  spec: string;
  checkedAt: string;
  baseUrl: string;
  /** The access key ID, all but its last four characters hidden. */
  accessKey: string;
  checks: Check[];
  departures: DriftInfo[];
  /** `fail` when a check failed (or, with `--strict`, a departure was found); else `ok`. */
  outcome: "ok" | "fail";
}

/** What the last answer of the gateway said. */
interface Answer {
  status: number;
  /** Its `Date` header, when it had one. */
  date: string | null;
  /** When it arrived, on this machine's clock (ms since the epoch). */
  receivedAt: number;
}

/** Runs the checks and delivers the report; exits 1 when a check failed. */
export async function doctor(context: CommandContext): Promise<number> {
  const { invocation, io } = context;
  const departures: DriftInfo[] = [];
  let answer: Answer | undefined;
  // Lax, so that every departure is listed; with --strict, a departure fails the outcome.
  const client = context.clientWith({
    strict: false,
    onDrift: (info) => departures.push(info),
    observe: (response) => {
      answer = {
        status: response.status,
        date: response.headers.get("Date"),
        receivedAt: Date.now(),
      };
    },
  });
  const named = invocation.ids.assetId !== "";
  const ids = assetIds({
    ...invocation.ids,
    assetId: named ? invocation.ids.assetId : PROBE_ASSET,
  });
  const started = performance.now();
  const read = await client.sceneSummaries.status(ids, { signal: io.signal }).then(
    (status) => ({ status }),
    (error: unknown) => ({ error }),
  );
  const checks: Check[] = [
    connection(
      context,
      answer,
      "error" in read ? read.error : undefined,
      performance.now() - started,
    ),
  ];
  if (answer) {
    checks.push(clock(answer), credentials(answer, context));
    if (named && checks.every((c) => c.outcome !== "fail")) {
      checks.push(...(await assetChecks(context, client, ids, read)));
    }
  }
  const failed = checks.some((c) => c.outcome === "fail");
  const report: DoctorReport = {
    tool: "ncp-mi doctor",
    version: await readVersion(),
    spec: specVersion,
    checkedAt: new Date().toISOString(),
    baseUrl: context.client.baseUrl,
    accessKey: maskKey(context.accessKey),
    checks,
    departures: departures.map((d) => ({ ...d })),
    outcome: failed || (isStrict(invocation, io) && departures.length > 0) ? "fail" : "ok",
  };
  await context.deliver(context.format === "json" ? toJson(report) : describeReport(report));
  return report.outcome === "ok" ? ExitCode.ok : ExitCode.failed;
}

function connection(
  context: CommandContext,
  answer: Answer | undefined,
  error: unknown,
  elapsedMs: number,
): Check {
  const url = new URL(context.client.baseUrl);
  if (!answer) {
    const reason =
      error instanceof MediaIntelligenceError && error.kind === "network"
        ? networkReason(error, url.host, url.protocol)
        : error instanceof Error
          ? error.message
          : String(error);
    return { name: "connection", outcome: "fail", detail: `no answer from ${url.host}: ${reason}` };
  }
  const tls = url.protocol === "https:" ? "over TLS, its certificate trusted" : "over plain HTTP";
  return {
    name: "connection",
    outcome: "ok",
    detail: `${url.host} answered ${tls}, in ${seconds(Math.round(elapsedMs))}`,
  };
}

function clock({ date, receivedAt }: Answer): Check {
  const server = Date.parse(date ?? "");
  if (Number.isNaN(server)) {
    return {
      name: "clock",
      outcome: "warn",
      detail: "the gateway's answer had no Date to compare with",
    };
  }
  // Date has whole seconds: a skew under a second or two is none.
  const skew = server - receivedAt;
  const whole = Math.abs(Math.round(skew / 1000)) * 1000;
  const off =
    whole < 2000
      ? "this machine's clock agrees with the gateway's, to the second or so"
      : `this machine's clock is ${seconds(whole)} ${skew > 0 ? "behind" : "ahead of"} the gateway's`;
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    return {
      name: "clock",
      outcome: "warn",
      detail: `${off}: more than the 5 minutes the gateway allows. ncp-mi corrects for it, other clients will not: set the clock (NTP)`,
    };
  }
  return { name: "clock", outcome: "ok", detail: `${off}, within the gateway's 5 minutes` };
}

function credentials({ status }: Answer, context: CommandContext): Check {
  const key = maskKey(context.accessKey);
  if (status === 401) {
    return {
      name: "credentials",
      outcome: "fail",
      detail: `authentication failed: the gateway refused the signature of access key ${key} (HTTP 401): check NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY`,
    };
  }
  if (status === 403) {
    return {
      name: "credentials",
      outcome: "fail",
      detail: `the gateway accepted access key ${key} but refused it this API (HTTP 403): grant it Media Intelligence`,
    };
  }
  return {
    name: "credentials",
    outcome: "ok",
    detail: `the gateway accepted the signature of access key ${key} (it answered HTTP ${status})`,
  };
}

/** The checks of a named asset: its status, and its result once complete. */
async function assetChecks(
  context: CommandContext,
  client: CommandContext["client"],
  ids: ReturnType<typeof assetIds>,
  read: { status: SceneSummaryStatus } | { error: unknown },
): Promise<Check[]> {
  if ("error" in read) {
    const { error } = read;
    const detail =
      error instanceof MediaIntelligenceError && error.status === 404
        ? `asset ${ids.assetId} was not found in project ${ids.projectId} of workspace ${ids.workspaceName} (HTTP 404)`
        : error instanceof Error
          ? error.message
          : String(error);
    return [{ name: "status", outcome: "fail", detail }];
  }
  const { status } = read;
  const checks: Check[] = [
    { name: "status", outcome: "ok", detail: `asset ${ids.assetId}: ${String(status.status)}` },
  ];
  if (status.status !== "SUMMARIZE_COMPLETED") {
    checks.push({ name: "result", outcome: "skip", detail: "the summarisation has not completed" });
    return checks;
  }
  try {
    const result = await client.sceneSummaries.get(ids, { signal: context.io.signal });
    const scenes = Array.isArray(result.sceneSummaries) ? result.sceneSummaries.length : 0;
    checks.push({
      name: "result",
      outcome: "ok",
      detail: `asset ${ids.assetId}: ${scenes} scenes`,
    });
  } catch (error) {
    checks.push({
      name: "result",
      outcome: "fail",
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  return checks;
}

/** The report for people. */
function describeReport(report: DoctorReport): string {
  // Details hold server text (a status, an error message): printed on one line, with no
  // character a terminal would obey.
  const lines = [
    `ncp-mi doctor ${report.version} (openapi.yaml ${report.spec}): ${printableLine(report.baseUrl)}`,
  ];
  for (const { name, outcome, detail } of report.checks) {
    lines.push(`  ${outcome.padEnd(4)}  ${name.padEnd(11)}  ${printableLine(detail)}`);
  }
  if (report.departures.length === 0) {
    lines.push("No departure from openapi.yaml in what was read.");
  } else {
    lines.push(
      `Departures from openapi.yaml (${report.departures.length}; kinds only, never values):`,
    );
    for (const d of report.departures) {
      lines.push(`  ${d.operationId} ${d.path}: expected ${d.expected}; received ${d.received}`);
    }
    lines.push(
      `Please report them: run again with --json > doctor.json and attach it at ${ISSUES_URL}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
