import { describe, expect, it } from "vitest";
import { escapeMarkdownInline, toMarkdown } from "../../../src/export/markdown.js";
import {
  PAGE_DESCRIPTION,
  pageExample,
  partialAndStale,
  result,
  scene,
  TRICKY,
} from "./fixtures.js";

const HEADER = "| Scene | Start – End | Summary |\n| ---: | --- | --- |";

/** Splits a GFM table row into cells the way GFM does: on `|` not escaped by a backslash. */
function cells(row: string): string[] {
  expect(row.startsWith("| ") && row.endsWith(" |"), row).toBe(true);
  const out: string[] = [];
  let cell = "";
  for (let i = 1; i < row.length - 1; i++) {
    const ch = row[i];
    if (ch === "\\") {
      cell += ch + (row[i + 1] ?? "");
      i++;
    } else if (ch === "|") {
      out.push(cell.trim());
      cell = "";
    } else {
      cell += ch;
    }
  }
  out.push(cell.trim());
  return out;
}

describe("toMarkdown", () => {
  it("exports the page example", () => {
    expect(toMarkdown(pageExample)).toBe(
      [
        "# Scene summaries: index 1001",
        "",
        "Last analysed: 2026-04-17T10:30:00 (full analysis).",
        "",
        HEADER,
        `| 1 | 00:00:01.000 – 00:00:03.000 | ${PAGE_DESCRIPTION} |`,
        "",
      ].join("\n"),
    );
  });

  it("lists all scenes, marking unanalysed and stale ones, with times past one hour", () => {
    expect(toMarkdown(partialAndStale)).toBe(
      [
        "# Scene summaries: index 1001",
        "",
        "Last analysed: 2026-04-17T11:05:12 (scenes 1, 3).",
        "",
        HEADER,
        "| 1 | 00:00:00.000 – 00:00:42.500 | The host opens the programme in the studio. |",
        "| 2 | 00:00:42.500 – 01:00:05.000 | _not analysed_ |",
        "| 3 | 01:00:05.000 – 01:02:05.250 | **⚠ stale: metadata changed after summary** — The guest walks along the Han River at dusk. |",
        "",
      ].join("\n"),
    );
  });

  it("escapes pipes, backslashes, HTML, entities and inline markup in cells", () => {
    const md = toMarkdown(
      result(
        scene(1, 0, 1000, "a | b \\| c \\"),
        scene(2, 1000, 2000, TRICKY.tags),
        scene(3, 2000, 3000, TRICKY.entity),
        scene(4, 3000, 4000, "*bold* _em_ `code` [link](javascript:alert(1)) ~~del~~ $x$"),
        scene(5, 4000, 5000, TRICKY.arrow),
      ),
    );
    const rows = md.split("\n").slice(6, 11);
    expect(rows).toEqual([
      "| 1 | 00:00:00.000 – 00:00:01.000 | a \\| b \\\\\\| c \\\\ |",
      '| 2 | 00:00:01.000 – 00:00:02.000 | The sign reads &lt;b&gt;OPEN&lt;/b&gt; &amp; "welcome" &lt;script&gt;alert(1)&lt;/script&gt; |',
      "| 3 | 00:00:02.000 – 00:00:03.000 | Fish &amp;amp; chips &amp;lt;3 |",
      "| 4 | 00:00:03.000 – 00:00:04.000 | \\*bold\\* \\_em\\_ \\`code\\` \\[link\\](javascript:alert(1)) \\~\\~del\\~\\~ \\$x\\$ |",
      "| 5 | 00:00:04.000 – 00:00:05.000 | Before --&gt; after |",
    ]);
    // Each row still has exactly three cells.
    for (const row of rows) expect(cells(row)).toHaveLength(3);
    expect(md).not.toContain("<");
  });

  it("turns CR, LF and CRLF into spaces so a row stays on one line", () => {
    const md = toMarkdown(result(scene(1, 0, 1000, TRICKY.crlf)));
    expect(md.split("\n")[6]).toBe(
      "| 1 | 00:00:00.000 – 00:00:01.000 | Line one. Line two. Line three. Line four. End |",
    );
    expect(md.split("\n")).toHaveLength(8);
    expect(md).not.toMatch(/\r/);
  });

  it("keeps Korean, emoji and curly quotes intact", () => {
    const md = toMarkdown(
      result(scene(1, 0, 2000, TRICKY.korean), scene(2, 2000, 4000, TRICKY.emoji)),
    );
    expect(md.split("\n").slice(6, 8)).toEqual([
      "| 1 | 00:00:00.000 – 00:00:02.000 | 진행자가 광화문 광장에서 인사합니다 |",
      "| 2 | 00:00:02.000 – 00:00:04.000 | Cheers 🎉👍🏽 and a family 👨‍👩‍👧 “curly” ‘quotes’ |",
    ]);
  });

  it("lists zero-length scenes, scenes past 100 hours and stale scenes with a blank summary", () => {
    const md = toMarkdown(
      result(scene(1, 1000, 1000, "Zero."), scene(2, 360_000_000, 362_105_007, "  ", true)),
    );
    expect(md.split("\n").slice(6, 8)).toEqual([
      "| 1 | 00:00:01.000 – 00:00:01.000 | Zero. |",
      "| 2 | 100:00:00.000 – 100:35:05.007 | **⚠ stale: metadata changed after summary** |",
    ]);
  });

  it("handles an empty result and missing or empty summary information", () => {
    expect(toMarkdown({ indexId: 5, sceneSummaries: [] })).toBe(
      `# Scene summaries: index 5\n\nLast analysed: unknown (no summary information).\n\n${HEADER}\n`,
    );
    expect(
      toMarkdown({
        indexId: 5,
        sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: ["2"] },
        sceneSummaries: [],
      }).split("\n")[2],
    ).toBe("Last analysed: 2026-04-17T10:30:00 (scene 2).");
    expect(
      toMarkdown({
        indexId: 5,
        sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:30:00", analyzedSceneIds: [] },
        sceneSummaries: [],
      }).split("\n")[2],
    ).toBe("Last analysed: 2026-04-17T10:30:00 (no scenes).");
  });

  it("escapes the summary information too", () => {
    expect(
      toMarkdown({
        indexId: 5,
        sceneSummaryInfo: { lastAnalyzedAt: "<b>now</b>", analyzedSceneIds: ["1|2", "*3*"] },
        sceneSummaries: [],
      }).split("\n")[2],
    ).toBe("Last analysed: &lt;b&gt;now&lt;/b&gt; (scenes 1\\|2, \\*3\\*).");
  });
});

describe("toMarkdown with invalid times", () => {
  it("throws a RangeError naming the scene, the field and the value", () => {
    expect(() => toMarkdown(result(scene(3, -5, 1000, "x")))).toThrow(
      "Scene 3: startMs: Invalid timestamp -5: expected a non-negative integer number of milliseconds",
    );
    // Unanalysed scenes are listed, so their times are checked too.
    expect(() => toMarkdown(result({ scene: 4, startMs: 0, endMs: 1.5 }))).toThrow(
      "Scene 4: endMs: Invalid timestamp 1.5",
    );
  });
});

describe("escapeMarkdownInline", () => {
  it("escapes the backslash before the pipe so \\| survives", () => {
    expect(escapeMarkdownInline("\\|")).toBe("\\\\\\|");
    expect(escapeMarkdownInline("a\r\nb")).toBe("a b");
    expect(escapeMarkdownInline("광화문 🎉 “x”")).toBe("광화문 🎉 “x”");
  });
});
