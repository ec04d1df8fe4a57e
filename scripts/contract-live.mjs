// @ts-check
/**
 * `npm run contract:live`: checks the real Media Intelligence API against openapi.yaml.
 *
 * Each operation is called once, by the SDK's own client, through Prism in proxy mode
 * (`prism proxy openapi.yaml https://mi.apigw.ntruss.com --errors`), which checks the request
 * and the response against the spec. A response that differs from the spec (a missing field,
 * a wrong type, a status value or an HTTP status the spec does not list) is drift.
 *
 * Exit status: 0 when every response matches the spec; 1 on drift, or when a call could not
 * be checked (authentication failed, the API could not be reached); 2 on bad usage.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { prismReport, startPrism } from "./prism.mjs";

const DEFAULT_UPSTREAM = "https://mi.apigw.ntruss.com";
const SDK = new URL("../dist/index.js", import.meta.url);

/** The ids the calls need: flag, environment variable, what it is, the client's name for it. */
const IDS = /** @type {const} */ ([
  ["workspace", "MI_WORKSPACE", "workspace name", "workspaceName"],
  ["project", "MI_PROJECT", "project id", "projectId"],
  ["asset", "MI_ASSET", "asset id", "assetId"],
  ["index", "MI_INDEX", "index id", "indexId"],
  ["scene-summary", "MI_SCENE_SUMMARY", "scene summary id", "sceneSummaryId"],
]);

const USAGE = `Usage: npm run contract:live -- [options]

Calls each operation of openapi.yaml once against the real API, through Prism in proxy mode,
and reports, call by call, whether the response matches the spec.

Credentials (environment): NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY

Ids (a flag, or its environment variable):
${IDS.map(([flag, variable, what]) => `  --${`${flag} ID`.padEnd(19)} ${variable.padEnd(17)} ${what}`).join("\n")}

Options:
  --upstream URL        API to check (MI_LIVE_UPSTREAM), default ${DEFAULT_UPSTREAM}
  -h, --help            Show this help

Exit status: 0 every response matches the spec; 1 drift, or a call that could not be checked;
2 bad usage.`;

/**
 * How one call went, as far as the contract is concerned.
 * - `pass`: the response matches the spec.
 * - `drift`: the response, or the client's request, does not match the spec.
 * - `error`: the call says nothing about the contract (authentication failed, the API could
 *   not be reached).
 *
 * @typedef {{ verdict: "pass" | "drift" | "error", detail: string }} Verdict
 */

/**
 * Judges one call made through Prism in proxy mode.
 *
 * @param {import("./prism.mjs").PrismReport | undefined} report Prism's report on the response,
 *   or undefined when no response came back.
 * @param {{ result: unknown } | { error: unknown }} outcome What the client returned or threw.
 * @returns {Verdict}
 */
export function verdict(report, outcome) {
  const error = "error" in outcome ? outcome.error : undefined;
  if (report === undefined) {
    return { verdict: "error", detail: `no response from Prism: ${messageOf(error)}` };
  }
  const { problem } = report;
  // Prism's own problem instead of the API's response: a violation it turned into an error
  // (--errors), a request it refused, or an upstream it could not reach.
  const violations = problem ? (problem.validation ?? []) : report.violations;
  if (violations.length > 0) {
    const side = violations.some((v) => v.location[0] === "response") ? "response" : "request";
    return {
      verdict: "drift",
      detail: `the ${side} does not match openapi.yaml:\n${violations
        .map((v) => `- ${v.severity}: ${v.message}`)
        .join("\n")}`,
    };
  }
  if (problem) {
    const unreachable = !problem.type.startsWith("https://stoplight.io/prism/errors#");
    return unreachable
      ? { verdict: "error", detail: `Prism could not reach the API: ${problem.title}` }
      : { verdict: "drift", detail: `Prism refused the request: ${problem.title}` };
  }
  if (error === undefined) return { verdict: "pass", detail: "matches openapi.yaml" };
  const failure = /** @type {{ kind?: string, status?: number, code?: string }} */ (error);
  if (failure.kind === "gateway" || failure.kind === "api") {
    if (failure.status === 401 || failure.status === 403) {
      return {
        verdict: "error",
        detail: `authentication failed, so the response could not be checked: ${messageOf(error)}`,
      };
    }
    return { verdict: "pass", detail: `a documented error, code ${failure.code}` };
  }
  if (failure.kind === "invalid-response") {
    return {
      verdict: "drift",
      detail: `Prism let through a response the client cannot read: ${messageOf(error)}`,
    };
  }
  return { verdict: "error", detail: messageOf(error) };
}

/**
 * Runs the check.
 *
 * @param {string[]} args Command-line arguments.
 * @param {Record<string, string | undefined>} env Environment.
 * @returns {Promise<number>} The exit status.
 */
export async function main(args, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        workspace: { type: "string" },
        project: { type: "string" },
        asset: { type: "string" },
        index: { type: "string" },
        "scene-summary": { type: "string" },
        upstream: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${messageOf(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const missing = [];
  const accessKey = env.NCLOUD_ACCESS_KEY;
  const secretKey = env.NCLOUD_SECRET_KEY;
  if (!accessKey) missing.push("NCLOUD_ACCESS_KEY (your access key id)");
  if (!secretKey) missing.push("NCLOUD_SECRET_KEY (your secret key)");
  const ids = /** @type {import("../src/index.js").SceneSummaryIds} */ ({});
  for (const [flag, variable, what, field] of IDS) {
    const value = values[flag] ?? env[variable];
    if (value) ids[field] = String(value);
    else missing.push(`--${flag} or ${variable} (${what})`);
  }
  // (The key checks repeat for the type checker's sake: `missing` already says it.)
  if (missing.length > 0 || !accessKey || !secretKey) {
    console.error(
      `contract:live needs credentials and ids to call the real API. Missing:\n${missing
        .map((m) => `  ${m}`)
        .join("\n")}\n\nRun with --help for usage.`,
    );
    return 2;
  }
  if (!existsSync(fileURLToPath(SDK))) {
    console.error("contract:live calls the built SDK, and dist/ is missing: run `npm run build`.");
    return 2;
  }
  const upstream = String(values.upstream ?? (env.MI_LIVE_UPSTREAM || DEFAULT_UPSTREAM));

  /** @type {typeof import("../src/index.js")} */
  const sdk = await import(SDK.href);
  let prism;
  try {
    prism = await startPrism({ mode: "proxy", upstream, errors: true });
  } catch (error) {
    console.error(messageOf(error));
    return 1;
  }
  try {
    /** @type {import("./prism.mjs").PrismReport[]} */
    const reports = [];
    const client = sdk.createMediaIntelligenceClient({
      accessKey,
      secretKey,
      baseUrl: prism.url,
      // One attempt per call, so that the verdict is about one response.
      retries: 0,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        reports.push(await prismReport(response));
        return response;
      },
    });
    /** @type {[string, () => Promise<string>][]} */
    const calls = [
      [
        "getSceneSummaryStatus",
        async () => {
          const s = await client.getSceneSummaryStatus(ids);
          return `${s.status}, ${s.analyzedSceneCount}/${s.totalSceneCount} scenes`;
        },
      ],
      [
        "getSceneSummaries",
        async () => {
          const r = await client.getSceneSummaries(ids);
          const summarised = r.sceneSummaries.filter((s) => s.sceneSummary).length;
          return `scenes: ${r.sceneSummaries.length}, summarised: ${summarised}`;
        },
      ],
    ];

    console.log(`Checking ${upstream} against openapi.yaml through Prism (proxy, --errors):`);
    const verdicts = [];
    for (const [operation, call] of calls) {
      const sent = reports.length;
      /** @type {{ result: string } | { error: unknown }} */
      const outcome = await call().then(
        (result) => ({ result }),
        (error) => ({ error }),
      );
      const report = reports[sent];
      const judged = verdict(report, outcome);
      verdicts.push(judged.verdict);
      const status = report ? `HTTP ${report.status}` : "no response";
      const detail = "result" in outcome ? `${outcome.result}; ${judged.detail}` : judged.detail;
      console.log(
        `${judged.verdict.toUpperCase().padEnd(5)}  ${operation.padEnd(21)}  ${status.padEnd(11)}  ${detail.replaceAll("\n", "\n         ")}`,
      );
    }
    const drifted = verdicts.filter((v) => v === "drift").length;
    const unchecked = verdicts.filter((v) => v === "error").length;
    if (drifted === 0 && unchecked === 0) {
      console.log(`All ${verdicts.length} responses match openapi.yaml.`);
      return 0;
    }
    console.log(
      `${drifted} of ${verdicts.length} calls drifted from openapi.yaml; ${unchecked} could not be checked.`,
    );
    return 1;
  } finally {
    await prism.stop();
  }
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
