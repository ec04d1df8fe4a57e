// @ts-check
/**
 * The mock's state: the summarisations of each asset and index, and what each call answers
 * given them. A call's answer is a {@link Plan}: which of the spec's responses Prism is to
 * serve (status code and example name), how to bring its body up to date with the state, and
 * what the call changes once Prism has accepted the request.
 */
import { isRunning, newJob, startsRunning, statusAt } from "./scenarios.mjs";
import { serviceTime } from "./time.mjs";
import { areScenes, resultOf } from "./video.mjs";

/** @typedef {import("./scenarios.mjs").Scenario} Scenario */
/** @typedef {import("./scenarios.mjs").Job} Job */
/** @typedef {import("./routes.mjs").Route} Route */

/**
 * What the mock answers to one call.
 *
 * @typedef {object} Plan
 * @property {number} status The HTTP status, one the spec documents for the operation.
 * @property {string} example The name of the spec's example Prism serves.
 * @property {(body: any) => any} [rewrite] Brings the example's parsed body up to date.
 * @property {() => void} [commit] Changes the state; run only when Prism accepted the request.
 * @property {string} note What happened, for the mock's log.
 */

/** The first `sceneSummaryId` of an asset or index: the spec's examples use 101. */
const FIRST_ID = 101;
/** The index an asset-based result is of: the asset's latest, the demo's `--index 1001`. */
const ASSET_INDEX_ID = 1001;

/**
 * The summarisations of every asset and index the mock has been asked about.
 */
export class Summaries {
  /** @type {Map<string, Job[]>} The summarisations of each asset and index, oldest first. */
  #jobs = new Map();
  #speed;

  /** @param {{ speed: number }} options How many mock milliseconds pass in a real one. */
  constructor({ speed }) {
    this.#speed = speed;
  }

  /**
   * What to answer to `route` now, under `scenario`.
   *
   * @param {Route} route
   * @param {Scenario} scenario
   * @param {{ sceneIds?: number[] }} body The request body, for `request`; `{}` otherwise.
   * @param {number} now ms since the epoch
   * @returns {Plan}
   */
  plan(route, scenario, body, now) {
    const jobs = this.#jobsOf(route.key, scenario, now);
    const job = jobs.at(-1);
    const idMatches =
      route.sceneSummaryId === undefined || route.sceneSummaryId === String(job?.sceneSummaryId);
    if (!idMatches && (route.operation === "status" || route.operation === "cancel")) {
      return { status: 404, example: "sceneSummaryNotFound", note: "no such scene summary id" };
    }
    const current = job && statusAt(job, now);
    switch (route.operation) {
      case "request": {
        if (current && isRunning(current.status)) {
          return { status: 409, example: "alreadyInProgress", note: `already ${current.status}` };
        }
        // The pages: selected scenes can be re-analysed only once a full analysis completed.
        if (body.sceneIds && !completedRuns(jobs, now).some((run) => run.targetSceneIds === null)) {
          return { status: 400, example: "invalidRequest", note: "sceneIds before a full run" };
        }
        if (body.sceneIds && !areScenes(body.sceneIds)) {
          return { status: 400, example: "invalidRequest", note: "sceneIds the video lacks" };
        }
        const next = newJob({
          scenario,
          kind: "requested",
          sceneSummaryId: job ? job.sceneSummaryId + 1 : FIRST_ID,
          sceneIds: body.sceneIds,
          now,
          speed: this.#speed,
        });
        return {
          status: 200,
          example: "accepted",
          ...(route.generation === "index" && {
            rewrite: (accepted) => ({
              ...accepted,
              result: { sceneSummaryId: next.sceneSummaryId },
            }),
          }),
          commit: () => jobs.push(next),
          note: `requested, sceneSummaryId ${next.sceneSummaryId}`,
        };
      }
      case "status": {
        if (!job || !current) {
          // Only asset-based status comes here without a job: an index-based one named an id
          // that does not exist, and was answered 404 above.
          return { status: 200, example: "beforeSummarize", note: "BEFORE_SUMMARIZE" };
        }
        const result = {
          status: current.status,
          statusMessage: current.statusMessage,
          sceneSummaryId: job.sceneSummaryId,
          targetSceneIds: job.targetSceneIds,
          analyzedSceneCount: current.analyzedSceneCount,
          totalSceneCount: job.totalSceneCount,
          requestedTime: serviceTime(job.startedAt),
          completedTime:
            current.status === "SUMMARIZE_COMPLETED" && current.endedAt !== undefined
              ? serviceTime(current.endedAt)
              : null,
        };
        return {
          status: 200,
          example: "summarizing",
          rewrite: (example) => ({ ...example, result: { ...example.result, ...result } }),
          note: `${current.status} ${current.analyzedSceneCount}/${job.totalSceneCount}`,
        };
      }
      case "get": {
        if (current && isRunning(current.status)) {
          return { status: 409, example: "summarizing", note: `not complete: ${current.status}` };
        }
        const result = resultOf(completedRuns(jobs, now), indexIdOf(route));
        if (!result) {
          return { status: 404, example: "sceneSummaryNotFound", note: "no completed summary" };
        }
        return {
          status: 200,
          example: "completed",
          rewrite: (example) => ({ ...example, result }),
          note: `the result, ${result.sceneSummaries.length} scenes`,
        };
      }
      case "cancel": {
        if (!job || !current || !isRunning(current.status)) {
          return { status: 400, example: "invalidRequest", note: "nothing running to cancel" };
        }
        return {
          status: 200,
          example: "canceled",
          commit: () => {
            job.canceledAt = now;
          },
          note: `canceled at ${current.analyzedSceneCount}/${job.totalSceneCount}`,
        };
      }
    }
  }

  /**
   * The jobs of `key`, oldest first: under a scenario that starts with one running, an asset
   * or index first asked about gets it then, as if it had been requested elsewhere before.
   *
   * @param {string} key
   * @param {Scenario} scenario
   * @param {number} now
   */
  #jobsOf(key, scenario, now) {
    let jobs = this.#jobs.get(key);
    if (!jobs) {
      jobs = startsRunning(scenario)
        ? [newJob({ scenario, kind: "running", sceneSummaryId: FIRST_ID, now, speed: this.#speed })]
        : [];
      this.#jobs.set(key, jobs);
    }
    return jobs;
  }
}

/**
 * The jobs that had completed at `now`, oldest first.
 *
 * @param {readonly Job[]} jobs
 * @param {number} now
 * @returns {import("./video.mjs").CompletedRun[]}
 */
function completedRuns(jobs, now) {
  return jobs.flatMap((job) => {
    const { status, endedAt } = statusAt(job, now);
    return status === "SUMMARIZE_COMPLETED" && endedAt !== undefined
      ? [{ targetSceneIds: job.targetSceneIds, endedAt }]
      : [];
  });
}

/**
 * The index a result is of: the path's, when it is a number (index-based); the asset's
 * latest otherwise.
 *
 * @param {Route} route
 */
function indexIdOf(route) {
  const id = Number(route.indexId);
  return route.indexId !== undefined && /^\d+$/.test(route.indexId) && Number.isSafeInteger(id)
    ? id
    : ASSET_INDEX_ID;
}
