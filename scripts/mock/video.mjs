// @ts-check
/**
 * The video the mock summarises: its scenes, with their times and summaries, and the result
 * that the summarisations completed on it give. The first scene is the pages' example.
 */
import { serviceTime } from "./time.mjs";

/**
 * One scene of the video.
 *
 * @typedef {object} Scene
 * @property {number} scene The scene number, from 1.
 * @property {number} startMs
 * @property {number} endMs
 * @property {string} description Its summary, once analysed.
 */

/** @type {readonly Scene[]} */
export const SCENES = [
  {
    scene: 1,
    startMs: 1_000,
    endMs: 3_000,
    description:
      'The host greets the camera from Gwanghwamun Square in Seoul and introduces today’s interview topic. The host says, "Today, we’ll be hearing stories about citizens’ daily lives." and heads out onto the street.',
  },
  {
    scene: 2,
    startMs: 3_000,
    endMs: 42_500,
    description:
      'A street vendor in Jongno sets up her stall before dawn. She says, "The first customers come before the buses do." The keywords are market, morning and vendor.',
  },
  {
    scene: 3,
    startMs: 42_500,
    endMs: 95_000,
    description:
      "The host rides the subway to Yeouido with an office worker. They compare the longest commutes they have had, and laugh about a missed stop.",
  },
  {
    scene: 4,
    startMs: 95_000,
    endMs: 160_250,
    description:
      'A cook at a small restaurant shows how she makes kimchi stew. She says, "My mother taught me to taste it twice." Steam rises as the lunch crowd arrives.',
  },
  {
    scene: 5,
    startMs: 160_250,
    endMs: 231_000,
    description:
      "Students study in a library near the university. One of them explains why she prefers paper books, holding up a worn dictionary.",
  },
  {
    scene: 6,
    startMs: 231_000,
    endMs: 298_500,
    description:
      'A bus driver talks about the regulars on his route. He says, "I know who is late by where they sit." The bus turns onto the river road.',
  },
  {
    scene: 7,
    startMs: 298_500,
    endMs: 365_000,
    description:
      "Children play in a fountain in the square while their grandparents watch from a bench. The host asks what has changed in the neighbourhood.",
  },
  {
    scene: 8,
    startMs: 365_000,
    endMs: 452_750,
    description:
      'A delivery rider waits for an order outside a convenience store. He says, "Rainy days are the busiest." The keywords are delivery, weather and work.',
  },
  {
    scene: 9,
    startMs: 452_750,
    endMs: 530_000,
    description:
      "Neighbours gather on a rooftop garden at sunset. They share vegetables they have grown and talk about the summer's harvest.",
  },
  {
    scene: 10,
    startMs: 530_000,
    endMs: 611_000,
    description:
      'The host returns to Gwanghwamun Square as the lights come on. The host says, "Every day here is made of stories like these." and thanks the viewers.',
  },
];

/**
 * Whether `sceneIds` is a list of scenes of the video, none twice: what a partial
 * re-analysis may name.
 *
 * @param {number[]} sceneIds
 */
export function areScenes(sceneIds) {
  const numbers = new Set(SCENES.map(({ scene }) => scene));
  return (
    sceneIds.length > 0 &&
    new Set(sceneIds).size === sceneIds.length &&
    sceneIds.every((id) => numbers.has(id))
  );
}

/**
 * One summarisation that completed.
 *
 * @typedef {object} CompletedRun
 * @property {number[] | null} targetSceneIds Its scenes; null for every scene.
 * @property {number} endedAt When it completed, in ms since the epoch.
 */

/**
 * The `result` of *Get scene summary result* after `runs`: every scene of the video, each
 * analysed when the last run that covered it completed, and the last run's time and scenes as
 * `sceneSummaryInfo`; undefined before any run completed.
 *
 * @param {readonly CompletedRun[]} runs The completed runs, oldest first.
 * @param {number} indexId The index the result is of.
 */
export function resultOf(runs, indexId) {
  const last = runs.at(-1);
  if (!last) return undefined;
  /** @type {Map<number, number>} */
  const analysedAt = new Map();
  for (const { targetSceneIds, endedAt } of runs) {
    for (const scene of targetSceneIds ?? SCENES.map((one) => one.scene)) {
      analysedAt.set(scene, endedAt);
    }
  }
  return {
    indexId,
    sceneSummaryInfo: {
      lastAnalyzedAt: serviceTime(last.endedAt),
      analyzedSceneIds: last.targetSceneIds?.map(String) ?? null,
    },
    sceneSummaries: SCENES.map(({ scene, startMs, endMs, description }) => {
      const at = analysedAt.get(scene);
      return {
        scene,
        startMs,
        endMs,
        ...(at !== undefined && {
          sceneSummary: {
            description,
            metadataChangedAfterSummary: false,
            analyzedAt: serviceTime(at),
          },
        }),
      };
    }),
  };
}
