import { describe, expect, it } from "vitest";
import { displayWidth } from "../../../src/export/display-width.js";
import { toTable } from "../../../src/export/table.js";
import { pageExample, partialAndStale, result, scene, TRICKY } from "./fixtures.js";

function lines(table: string): string[] {
  expect(table.endsWith("\n")).toBe(true);
  return table.slice(0, -1).split("\n");
}

describe("toTable", () => {
  it("exports the page example, wrapped to 100 columns by default", () => {
    const table = toTable(pageExample);
    expect(lines(table)).toEqual([
      "Scene  Start - End                  Status  Summary",
      "-----  ---------------------------  ------  --------------------------------------------------------",
      "    1  00:00:01.000 - 00:00:03.000          The host greets the camera from Gwanghwamun Square in",
      "                                            Seoul and introduces today’s interview topic. The host",
      '                                            says, "Today, we’ll be hearing stories about citizens’',
      '                                            daily lives." and heads out onto the street.',
    ]);
    for (const line of lines(table)) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });

  it("marks unanalysed and stale scenes in the status column", () => {
    expect(lines(toTable(partialAndStale, { width: 80 }))).toEqual([
      "Scene  Start - End                  Status        Summary",
      "-----  ---------------------------  ------------  ------------------------------",
      "    1  00:00:00.000 - 00:00:42.500                The host opens the programme",
      "                                                  in the studio.",
      "    2  00:00:42.500 - 01:00:05.000  not analysed",
      "    3  01:00:05.000 - 01:02:05.250  stale         The guest walks along the Han",
      "                                                  River at dusk.",
    ]);
  });

  it("measures Korean as two columns per syllable when wrapping", () => {
    const table = toTable(result(scene(1, 0, 1000, `${TRICKY.korean} ${TRICKY.korean}`)), {
      width: 70,
    });
    expect(lines(table)).toEqual([
      "Scene  Start - End                  Status  Summary",
      "-----  ---------------------------  ------  --------------------------",
      "    1  00:00:00.000 - 00:00:01.000          진행자가 광화문 광장에서",
      "                                            인사합니다 진행자가 광화문",
      "                                            광장에서 인사합니다",
    ]);
    for (const line of lines(table)) expect(displayWidth(line)).toBeLessThanOrEqual(70);
  });

  it("breaks words wider than the column between characters", () => {
    const table = toTable(
      result(
        scene(1, 0, 1000, "광화문광장에서인사합니다광화문 https://example.com/a/long/url/path"),
      ),
      { width: 64 },
    );
    expect(lines(table).slice(2)).toEqual([
      "    1  00:00:00.000 - 00:00:01.000          광화문광장에서인사합",
      "                                            니다광화문",
      "                                            https://example.com/",
      "                                            a/long/url/path",
    ]);
    for (const line of lines(table)) expect(displayWidth(line)).toBeLessThanOrEqual(64);
  });

  it("keeps every line within the width for a range of widths", () => {
    const data = result(
      scene(1, 0, 1000, `${TRICKY.korean} ${TRICKY.emoji} ${TRICKY.tags}`),
      scene(2, 1000, 2000, TRICKY.crlf, true),
      { scene: 3, startMs: 2000, endMs: 3000 },
    );
    for (const width of [70, 71, 72, 80, 99, 100, 120, 200]) {
      const table = toTable(data, { width });
      for (const line of lines(table)) {
        expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
        expect(line).toBe(line.trimEnd());
      }
    }
  });

  it("replaces line terminators, tabs and escape characters by spaces", () => {
    const table = toTable(
      result(scene(12, 3_605_000, 362_105_007, "x\u001b[31mred\ttab\r\n\r\nline\u0007", true)),
    );
    expect(lines(table)).toEqual([
      "Scene  Start - End                   Status  Summary",
      "-----  ----------------------------  ------  -------------------------------------------------------",
      "   12  01:00:05.000 - 100:35:05.007  stale   x [31mred tab line",
    ]);
    for (const line of lines(table)) expect(line).not.toMatch(/\p{Cc}/u);
  });

  it("lists zero-length scenes and keeps Korean, emoji and curly quotes intact", () => {
    expect(lines(toTable(result(scene(1, 5, 5, TRICKY.emoji))))[2]).toBe(
      "    1  00:00:00.005 - 00:00:00.005          Cheers 🎉👍🏽 and a family 👨‍👩‍👧 “curly” ‘quotes’",
    );
  });

  it("prints the header and (no scenes) for an empty result", () => {
    expect(toTable({ indexId: 1, sceneSummaries: [] }, { width: 60 })).toBe(
      [
        "Scene  Start - End  Status  Summary",
        "-----  -----------  ------  --------------------------------",
        "(no scenes)",
        "",
      ].join("\n"),
    );
  });

  it("does not go below a 20-column summary on very narrow widths", () => {
    const table = toTable(pageExample, { width: 10 });
    expect(lines(table)[1]).toBe(
      "-----  ---------------------------  ------  --------------------",
    );
  });

  it("rejects invalid times with a RangeError naming the scene, the field and the value", () => {
    expect(() => toTable(result(scene(3, -5, 1000, "x")))).toThrow(
      "Scene 3: startMs: Invalid timestamp -5: expected a non-negative integer number of milliseconds",
    );
    expect(() => toTable(result({ scene: 4, startMs: 0, endMs: 1.5 }))).toThrow(
      "Scene 4: endMs: Invalid timestamp 1.5",
    );
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects width %s", (width) => {
    expect(() => toTable(pageExample, { width })).toThrow(
      `Invalid table width ${String(width)}: expected a positive integer`,
    );
  });
});
