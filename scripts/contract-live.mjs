// @ts-check
/**
 * `npm run contract:live`: checks the real Media Intelligence API against openapi.yaml.
 *
 * Each call is made by the SDK's own client, through Prism in proxy mode
 * (`prism proxy openapi.yaml https://mi.apigw.ntruss.com --errors`), which checks the request
 * and the response against the spec. A response that differs from the spec (a missing field,
 * a wrong type, a status value or an HTTP status the spec does not list) is drift.
 *
 * The places openapi.yaml could only infer (`x-source: inferred`, listed in
 * {@link INFERRED_CHECKS}) are checked first, and more strictly: there the HTTP status must
 * be the one the spec infers, not just any documented one. The read-only calls run always;
 * the request and cancel calls, which start real summarisations and cancel each at once (the
 * pages say a cancelled one is not charged), only with `--request`.
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

Calls the operations of openapi.yaml against the real API, through Prism in proxy mode, and
reports, call by call, whether the response matches the spec: the places the spec infers
(x-source: inferred) first, then the documented ones.

Credentials (environment): NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY

Ids (a flag, or its environment variable):
${IDS.map(([flag, variable, what]) => `  --${`${flag} ID`.padEnd(19)} ${variable.padEnd(17)} ${what}`).join("\n")}

Options:
  --request             Also request a scene summary and cancel it at once, on both API
                        generations, to check the POST responses and the 409s. This starts
                        real summarisations (the pages say a cancelled one is not charged).
  --locale L            With --request: request a full analysis in language L, to check
                        \`locale\` (otherwise a one-scene re-analysis checks \`sceneIds\`)
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
 * The places openapi.yaml marks `x-source: inferred`, named as the spec tests name them, and
 * how this script checks each against the real API.
 */
export const INFERRED_CHECKS = /** @type {const} */ ({
  "getAssetSceneSummaryStatus responses 200":
    "the asset-based status answers 200 in the index-based status shape",
  "getAssetSceneSummary responses 200":
    "once a summary has completed, the asset-based result answers 200 in the index-based result shape",
  "components responses SummaryNotCompleted":
    "while a summary is pending or running, the asset-based result answers 409",
  "components responses SummaryInProgress":
    "with --request, or while one is in progress: a request answers 409",
  "requestAssetSceneSummary responses 200":
    "with --request: the asset-based request answers 200 with the {code, message, result?} envelope",
  "components schemas AssetSceneSummaryRequest properties sceneIds":
    "with --request, after a completed summary: a one-scene request shows that scene in the status's targetSceneIds",
  "components schemas AssetSceneSummaryRequest properties locale":
    "with --request --locale L: a full request in that language answers 200",
  "cancelAssetSceneSummary responses 200":
    "with --request: cancelling the summary just requested answers 200 with {code, message}",
  "requestSceneSummaries responses 200":
    "with --request: the index-based request answers 200 with the {code, message, result?} envelope",
  "components schemas IndexSceneSummaryRequestResult properties sceneSummaryId":
    "with --request: that answer's result.sceneSummaryId is an integer, which the index-based cancel accepts",
});

/**
 * What a call that checks an inferred place expects, beyond matching the spec.
 *
 * @typedef {{ place: keyof typeof INFERRED_CHECKS, status: number,
 *   check?: (result: unknown) => string | undefined }} Inference
 */

/**
 * Judges a call that checks an inferred place: as {@link verdict}, and the HTTP status must be
 * the one the spec infers, and the result must pass the inference's own check.
 *
 * @param {import("./prism.mjs").PrismReport | undefined} report
 * @param {{ result: unknown } | { error: unknown }} outcome
 * @param {Inference} inference
 * @returns {Verdict}
 */
export function inferredVerdict(report, outcome, inference) {
  const judged = verdict(report, outcome);
  if (judged.verdict !== "pass" || report === undefined) return judged;
  if (report.status !== inference.status) {
    return {
      verdict: "drift",
      detail: `openapi.yaml infers HTTP ${inference.status} here (${inference.place}); the API answered HTTP ${report.status}`,
    };
  }
  const problem = "result" in outcome ? inference.check?.(outcome.result) : undefined;
  if (problem) return { verdict: "drift", detail: `${inference.place}: ${problem}` };
  return { verdict: "pass", detail: `${judged.detail}; confirms ${inference.place}` };
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
        request: { type: "boolean" },
        locale: { type: "string" },
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
  if (values.locale !== undefined && !values.request) {
    console.error(`--locale needs --request: it is sent with a request.\n\n${USAGE}`);
    return 2;
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
    console.log(`Checking ${upstream} against openapi.yaml through Prism (proxy, --errors):`);
    /** @type {Verdict["verdict"][]} */
    const verdicts = [];
    /** @type {Set<string>} */
    const confirmed = new Set();

    /**
     * Makes one call, judges it and prints the verdict.
     *
     * @template T
     * @param {string} operation
     * @param {() => Promise<T>} call
     * @param {(result: T) => string} describe What to print of a result.
     * @param {Inference} [inference] The inferred place the call checks, if it checks one.
     * @returns {Promise<{ result: T } | { error: unknown }>}
     */
    const check = async (operation, call, describe, inference) => {
      const sent = reports.length;
      /** @type {{ result: T } | { error: unknown }} */
      const outcome = await call().then(
        (result) => ({ result }),
        (error) => ({ error }),
      );
      const report = reports[sent];
      const judged = inference
        ? inferredVerdict(report, outcome, inference)
        : verdict(report, outcome);
      verdicts.push(judged.verdict);
      if (inference && judged.verdict === "pass") confirmed.add(inference.place);
      const status = report ? `HTTP ${report.status}` : "no response";
      const detail =
        "result" in outcome ? `${describe(outcome.result)}; ${judged.detail}` : judged.detail;
      console.log(
        `${judged.verdict.toUpperCase().padEnd(5)}  ${operation.padEnd(26)}  ${status.padEnd(11)}  ${detail.replaceAll("\n", "\n         ")}`,
      );
      return outcome;
    };
    /** @param {import("../src/index.js").SceneSummaryStatus} s */
    const describeStatus = (s) =>
      `${s.status}, ${s.analyzedSceneCount}/${s.totalSceneCount} scenes`;
    /** @param {import("../src/index.js").SceneSummaries} r */
    const describeResult = (r) =>
      `scenes: ${r.sceneSummaries.length}, summarised: ${r.sceneSummaries.filter((s) => s.sceneSummary).length}`;
    const done = () => "done";
    const IN_PROGRESS = ["WAIT_SUMMARIZE", "SUMMARIZING"];

    console.log("Inferred places first (x-source: inferred in openapi.yaml):");
    const status = await check(
      "getAssetSceneSummaryStatus",
      () => client.sceneSummaries.status(ids),
      describeStatus,
      { place: "getAssetSceneSummaryStatus responses 200", status: 200 },
    );
    const state = "result" in status ? status.result.status : undefined;
    const running = state !== undefined && IN_PROGRESS.includes(state);
    const result = await check(
      "getAssetSceneSummary",
      () => client.sceneSummaries.get(ids),
      describeResult,
      state === "SUMMARIZE_COMPLETED"
        ? { place: "getAssetSceneSummary responses 200", status: 200 }
        : running
          ? { place: "components responses SummaryNotCompleted", status: 409 }
          : undefined,
    );
    if (running) {
      // Safe without --request: the spec infers that a request now fails.
      await check("requestAssetSceneSummary", () => client.sceneSummaries.request(ids), done, {
        place: "components responses SummaryInProgress",
        status: 409,
      });
    } else if (values.request) {
      const firstScene = "result" in result ? result.result.sceneSummaries[0]?.scene : undefined;
      /** @type {{ sceneIds?: number[], locale?: string }} */
      const body =
        values.locale !== undefined
          ? { locale: values.locale }
          : firstScene !== undefined
            ? { sceneIds: [firstScene] }
            : {};
      await check(
        "requestAssetSceneSummary",
        () => client.sceneSummaries.request(ids, body),
        (r) => JSON.stringify(r),
        {
          place:
            body.locale !== undefined
              ? "components schemas AssetSceneSummaryRequest properties locale"
              : "requestAssetSceneSummary responses 200",
          status: 200,
        },
      );
      // A request with a locale is a request all the same.
      if (confirmed.has("components schemas AssetSceneSummaryRequest properties locale")) {
        confirmed.add("requestAssetSceneSummary responses 200");
      }
      await check("requestAssetSceneSummary", () => client.sceneSummaries.request(ids), done, {
        place: "components responses SummaryInProgress",
        status: 409,
      });
      await check("getAssetSceneSummary", () => client.sceneSummaries.get(ids), describeResult, {
        place: "components responses SummaryNotCompleted",
        status: 409,
      });
      if (body.sceneIds) {
        const sceneIds = body.sceneIds;
        await check(
          "getAssetSceneSummaryStatus",
          () => client.sceneSummaries.status(ids),
          describeStatus,
          {
            place: "components schemas AssetSceneSummaryRequest properties sceneIds",
            status: 200,
            check: (s) => {
              const target = /** @type {{ targetSceneIds?: unknown }} */ (s).targetSceneIds;
              return JSON.stringify(target) === JSON.stringify(sceneIds)
                ? undefined
                : `requested sceneIds ${JSON.stringify(sceneIds)}, the status targets ${JSON.stringify(target)}`;
            },
          },
        );
      }
      await check("cancelAssetSceneSummary", () => client.sceneSummaries.cancel(ids), done, {
        place: "cancelAssetSceneSummary responses 200",
        status: 200,
      });
      // The index-based generation, on the same asset: request, then cancel what it names.
      const requested = await check(
        "requestSceneSummaries",
        () =>
          client.indexSceneSummaries.request(ids, body.sceneIds ? { sceneIds: body.sceneIds } : {}),
        (r) => JSON.stringify(r),
        { place: "requestSceneSummaries responses 200", status: 200 },
      );
      const place = "components schemas IndexSceneSummaryRequestResult properties sceneSummaryId";
      const sceneSummaryId = "result" in requested ? requested.result.sceneSummaryId : undefined;
      if (Number.isInteger(sceneSummaryId)) {
        const run = { ...ids, sceneSummaryId: String(sceneSummaryId) };
        await check("cancelSceneSummary", () => client.indexSceneSummaries.cancel(run), done, {
          place,
          status: 200,
        });
      } else {
        if ("result" in requested) {
          verdicts.push("drift");
          console.log(
            `DRIFT  ${"requestSceneSummaries".padEnd(26)}  ${"".padEnd(11)}  ${place}: result.sceneSummaryId is ${JSON.stringify(sceneSummaryId)}, not an integer`,
          );
        }
        await check("cancelSceneSummary", () => client.indexSceneSummaries.cancel(ids), done);
      }
    }

    console.log("Documented:");
    await check("getSceneSummaryStatus", () => client.getSceneSummaryStatus(ids), describeStatus);
    await check("getSceneSummaries", () => client.getSceneSummaries(ids), describeResult);

    const unchecked = Object.entries(INFERRED_CHECKS).filter(([place]) => !confirmed.has(place));
    if (unchecked.length > 0) {
      console.log(
        `Inferred places this run did not confirm, and what confirms them:\n${unchecked
          .map(([place, how]) => `  ${place}: ${how}`)
          .join("\n")}`,
      );
    }
    const drifted = verdicts.filter((v) => v === "drift").length;
    const failed = verdicts.filter((v) => v === "error").length;
    if (drifted === 0 && failed === 0) {
      console.log(`All ${verdicts.length} responses match openapi.yaml.`);
      return 0;
    }
    console.log(
      `${drifted} of ${verdicts.length} calls drifted from openapi.yaml; ${failed} could not be checked.`,
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
