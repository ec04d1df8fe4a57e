import type { SceneSummaries, SceneSummaryItem } from "../../../src/types.js";

export type { SceneSummaries, SceneSummaryItem };

/** The page's example (`completed` in openapi.yaml), verbatim. */
export const PAGE_DESCRIPTION =
  'The host greets the camera from Gwanghwamun Square in Seoul and introduces today’s interview topic. The host says, "Today, we’ll be hearing stories about citizens’ daily lives." and heads out onto the street.';

export const pageExample: SceneSummaries = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: null },
  sceneSummaries: [
    {
      scene: 1,
      startMs: 1000,
      endMs: 3000,
      sceneSummary: {
        description: PAGE_DESCRIPTION,
        metadataChangedAfterSummary: false,
        analyzedAt: "2026-04-17T10:30:00",
      },
    },
  ],
};

/** `partialAndStale` in openapi.yaml: scene 2 not analysed, scene 3 stale and past one hour. */
export const partialAndStale: SceneSummaries = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T11:05:12", analyzedSceneIds: ["1", "3"] },
  sceneSummaries: [
    {
      scene: 1,
      startMs: 0,
      endMs: 42500,
      sceneSummary: {
        description: "The host opens the programme in the studio.",
        metadataChangedAfterSummary: false,
        analyzedAt: "2026-04-17T11:02:40",
      },
    },
    { scene: 2, startMs: 42500, endMs: 3605000 },
    {
      scene: 3,
      startMs: 3605000,
      endMs: 3725250,
      sceneSummary: {
        description: "The guest walks along the Han River at dusk.",
        metadataChangedAfterSummary: true,
        analyzedAt: "2026-04-17T11:05:12",
      },
    },
  ],
};

/** A scene with a summary. */
export function scene(
  number: number,
  startMs: number,
  endMs: number,
  description: string,
  stale = false,
): SceneSummaryItem {
  return {
    scene: number,
    startMs,
    endMs,
    sceneSummary: {
      description,
      metadataChangedAfterSummary: stale,
      analyzedAt: "2026-04-17T10:30:00",
    },
  };
}

/** A result with full-analysis info and the given scenes. */
export function result(...sceneSummaries: SceneSummaryItem[]): SceneSummaries {
  return {
    indexId: 7,
    sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: null },
    sceneSummaries,
  };
}

/** Descriptions that try to break each format. */
export const TRICKY = {
  arrow: "Before --> after",
  tags: 'The sign reads <b>OPEN</b> & "welcome" <script>alert(1)</script>',
  entity: "Fish &amp; chips &lt;3",
  korean: "진행자가 광화문 광장에서 인사합니다",
  emoji: "Cheers 🎉👍🏽 and a family 👨‍👩‍👧 “curly” ‘quotes’",
  crlf: "Line one.\r\n\r\nLine two.\rLine three.\n\n\nLine four.  \r\n  End",
} as const;
