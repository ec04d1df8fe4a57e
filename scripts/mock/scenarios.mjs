// @ts-check
/**
 * The mock's scenarios: how a scene summarisation it runs moves through its statuses over
 * time. Pure functions of a job and a clock, so that each step can be tested without waiting.
 */
import { SCENES } from "./video.mjs";

/**
 * A scenario's name: `complete` (the default), `fail`, `cancel`, `in-progress` or `slow`.
 *
 * @typedef {"complete" | "fail" | "cancel" | "in-progress" | "slow"} Scenario
 */

/**
 * How one summarisation runs, in mock milliseconds (divided by the mock's speed).
 *
 * @typedef {object} Timeline
 * @property {number} waitMs How long it stays `WAIT_SUMMARIZE`.
 * @property {number} runMs How long it is `SUMMARIZING` after that.
 * @property {number} from Share of the scenes analysed when it starts `SUMMARIZING` (0 to 1).
 * @property {number} to Share of the scenes analysed when it ends (0 to 1).
 * @property {"SUMMARIZE_COMPLETED" | "SUMMARIZE_FAIL" | "SUMMARIZE_CANCELED"} endsAs
 */

/** @type {Timeline} */
const COMPLETES = { waitMs: 600, runMs: 2_400, from: 0, to: 1, endsAs: "SUMMARIZE_COMPLETED" };

/**
 * Each scenario's timeline for a summarisation requested through the mock, and, for
 * `in-progress`, the one already running when an asset or index is first asked about.
 *
 * @type {Record<Scenario, { requested: Timeline, running?: Timeline }>}
 */
const SCENARIOS = {
  complete: { requested: COMPLETES },
  fail: {
    requested: { waitMs: 600, runMs: 1_400, from: 0, to: 0.4, endsAs: "SUMMARIZE_FAIL" },
  },
  cancel: {
    requested: { waitMs: 600, runMs: 1_400, from: 0, to: 0.3, endsAs: "SUMMARIZE_CANCELED" },
  },
  // The run already going lasts long enough that a request sent after reading its status, and
  // a status read after that, on a loaded machine and at the tests' speed of 4, still find it
  // running (4 s).
  "in-progress": {
    requested: COMPLETES,
    running: { waitMs: 0, runMs: 16_000, from: 0.3, to: 1, endsAs: "SUMMARIZE_COMPLETED" },
  },
  slow: {
    requested: { waitMs: 1_000, runMs: 60_000, from: 0, to: 1, endsAs: "SUMMARIZE_COMPLETED" },
  },
};

/** A timeline's length as the descriptions say it: `3 s`, `1 min`. */
const seconds = (/** @type {Timeline} */ timeline) => {
  const total = Math.round((timeline.waitMs + timeline.runMs) / 1000);
  return total < 60 ? `${total} s` : `${Math.round(total / 60)} min`;
};

/** What each scenario does, in a line, for `npm run mock`: its times from its timeline. */
export const SCENARIO_DESCRIPTIONS = /** @type {Record<Scenario, string>} */ ({
  complete: `a summarisation requested goes WAIT_SUMMARIZE, SUMMARIZING, SUMMARIZE_COMPLETED in about ${seconds(SCENARIOS.complete.requested)}`,
  fail: `a summarisation requested ends SUMMARIZE_FAIL after about ${seconds(SCENARIOS.fail.requested)}`,
  cancel: `a summarisation requested ends SUMMARIZE_CANCELED after about ${seconds(SCENARIOS.cancel.requested)}, as if cancelled elsewhere`,
  "in-progress": `each asset and index has a summarisation SUMMARIZING already (a request gets 409); it completes about ${seconds(/** @type {Timeline} */ (SCENARIOS["in-progress"].running))} after it is first asked about`,
  slow: `a summarisation requested takes about ${seconds(SCENARIOS.slow.requested)} to complete`,
});

/** The scenario names, in the order help lists them. */
export const SCENARIO_NAMES = /** @type {Scenario[]} */ (Object.keys(SCENARIOS));

/**
 * Whether `name` is a scenario.
 *
 * @param {unknown} name
 * @returns {name is Scenario}
 */
export function isScenario(name) {
  return typeof name === "string" && Object.hasOwn(SCENARIOS, name);
}

/** What the statusMessage of a failed summarisation says: the spec's failure example. */
export const FAIL_MESSAGE = "Scene summarization failed due to an internal error.";

/**
 * One summarisation, as the mock keeps it.
 *
 * @typedef {object} Job
 * @property {number} sceneSummaryId
 * @property {number[] | null} targetSceneIds The `sceneIds` requested; null for every scene.
 * @property {number} totalSceneCount
 * @property {Timeline} timeline
 * @property {number} startedAt When it was requested, in ms since the epoch.
 * @property {number} speed How many mock milliseconds pass in one real one.
 * @property {number} [canceledAt] When a cancel call stopped it, in ms since the epoch.
 */

/**
 * A job requested now under `scenario`, or already running (`in-progress` when an asset is
 * first asked about).
 *
 * @param {{ scenario: Scenario, kind: "requested" | "running", sceneSummaryId: number,
 *   sceneIds?: number[], now: number, speed: number }} options
 * @returns {Job}
 */
export function newJob({ scenario, kind, sceneSummaryId, sceneIds, now, speed }) {
  const timelines = SCENARIOS[scenario];
  const timeline = kind === "running" ? timelines.running : timelines.requested;
  if (!timeline) throw new Error(`Scenario ${scenario} has no job running from the start.`);
  return {
    sceneSummaryId,
    targetSceneIds: sceneIds ?? null,
    totalSceneCount: sceneIds?.length ?? SCENES.length,
    timeline,
    startedAt: now,
    speed,
  };
}

/**
 * Whether an asset or index first asked about under `scenario` already has a job running.
 *
 * @param {Scenario} scenario
 */
export function startsRunning(scenario) {
  return SCENARIOS[scenario].running !== undefined;
}

/**
 * A job's status at `now`, as the status endpoints' `result` has it.
 *
 * @typedef {object} JobStatus
 * @property {"WAIT_SUMMARIZE" | "SUMMARIZING" | Timeline["endsAs"]} status
 * @property {string | null} statusMessage
 * @property {number} analyzedSceneCount
 * @property {number} [endedAt] When it ended, in ms since the epoch, once it has.
 */

/**
 * Where `job` stands at `now`.
 *
 * @param {Job} job
 * @param {number} now ms since the epoch
 * @returns {JobStatus}
 */
export function statusAt(job, now) {
  const { timeline, speed, startedAt, canceledAt, totalSceneCount } = job;
  const at = canceledAt === undefined ? now : Math.min(now, canceledAt);
  const elapsed = (at - startedAt) * speed;
  const endMs = timeline.waitMs + timeline.runMs;
  const share = (/** @type {number} */ ms) =>
    timeline.from +
    ((timeline.to - timeline.from) * Math.max(0, ms - timeline.waitMs)) / timeline.runMs;
  const analyzed = (/** @type {number} */ ms) => Math.floor(totalSceneCount * share(ms));
  if (canceledAt !== undefined) {
    // A cancel call is taken only while the job runs, so it stopped the job before its end.
    return {
      status: "SUMMARIZE_CANCELED",
      statusMessage: null,
      analyzedSceneCount: analyzed(elapsed),
      endedAt: canceledAt,
    };
  }
  if (elapsed >= endMs) {
    const endedAt = startedAt + endMs / speed;
    const count = timeline.endsAs === "SUMMARIZE_COMPLETED" ? totalSceneCount : analyzed(endMs);
    const statusMessage = timeline.endsAs === "SUMMARIZE_FAIL" ? FAIL_MESSAGE : null;
    return { status: timeline.endsAs, statusMessage, analyzedSceneCount: count, endedAt };
  }
  if (elapsed < timeline.waitMs) {
    return { status: "WAIT_SUMMARIZE", statusMessage: null, analyzedSceneCount: 0 };
  }
  return { status: "SUMMARIZING", statusMessage: null, analyzedSceneCount: analyzed(elapsed) };
}

/**
 * Whether a job at this status is still pending or running.
 *
 * @param {JobStatus["status"]} status
 */
export function isRunning(status) {
  return status === "WAIT_SUMMARIZE" || status === "SUMMARIZING";
}
