// @ts-check
/**
 * The mock's state: the latest summarisation of each asset and index, and what each call
 * answers given it. A call's answer is a {@link Plan}: which of the spec's responses Prism is
 * to serve (status code and example name), how to bring its body up to date with the state,
 * and what the call changes once Prism has accepted the request.
 */
import { isRunning, newJob, startsRunning, statusAt } from "./scenarios.mjs";

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

/**
 * The summarisations of every asset and index the mock has been asked about.
 */
export class Summaries {
  /** @type {Map<string, Job | undefined>} */
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
    const job = this.#job(route.key, scenario, now);
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
          commit: () => this.#jobs.set(route.key, next),
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
          requestedTime: localDateTime(job.startedAt),
          completedTime:
            current.status === "SUMMARIZE_COMPLETED" && current.endedAt !== undefined
              ? localDateTime(current.endedAt)
              : null,
        };
        return {
          status: 200,
          example: "summarizing",
          rewrite: (example) => ({ ...example, result: { ...example.result, ...result } }),
          note: `${current.status} ${current.analyzedSceneCount}/${job.totalSceneCount}`,
        };
      }
      case "get":
        if (current?.status === "SUMMARIZE_COMPLETED") {
          return { status: 200, example: "completed", note: "the result" };
        }
        if (current && isRunning(current.status)) {
          return { status: 409, example: "summarizing", note: `not complete: ${current.status}` };
        }
        return { status: 404, example: "sceneSummaryNotFound", note: "no completed summary" };
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
   * The job of `key`: under a scenario that starts with one running, an asset or index
   * first asked about gets it then, as if it had been requested elsewhere before.
   *
   * @param {string} key
   * @param {Scenario} scenario
   * @param {number} now
   */
  #job(key, scenario, now) {
    if (!this.#jobs.has(key)) {
      const running = startsRunning(scenario)
        ? newJob({ scenario, kind: "running", sceneSummaryId: FIRST_ID, now, speed: this.#speed })
        : undefined;
      this.#jobs.set(key, running);
    }
    return this.#jobs.get(key);
  }
}

/**
 * A time as the API writes it: an ISO 8601 local date-time without offset (UTC here).
 *
 * @param {number} ms since the epoch
 */
function localDateTime(ms) {
  return new Date(ms).toISOString().slice(0, 19);
}
