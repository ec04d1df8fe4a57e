import { describe, expect, it } from "vitest";
import { escapeWebVttText, toWebVtt } from "../../../src/export/webvtt.js";
import {
  PAGE_DESCRIPTION,
  pageExample,
  partialAndStale,
  result,
  scene,
  TRICKY,
} from "./fixtures.js";
import { checkWebVttChapters, parseWebVttChapters } from "./webvtt-structure.js";

describe("toWebVtt", () => {
  it("exports the page example", () => {
    const vtt = toWebVtt(pageExample);
    expect(vtt).toBe(`WEBVTT\n\nscene-1\n00:00:01.000 --> 00:00:03.000\n${PAGE_DESCRIPTION}\n`);
    expect(parseWebVttChapters(vtt)).toEqual([
      { id: "scene-1", startMs: 1000, endMs: 3000, text: [PAGE_DESCRIPTION] },
    ]);
  });

  it("skips unanalysed scenes, marks stale ones and handles scenes past one hour", () => {
    const vtt = toWebVtt(partialAndStale);
    expect(vtt).toBe(
      [
        "WEBVTT",
        "",
        "scene-1",
        "00:00:00.000 --> 00:00:42.500",
        "The host opens the programme in the studio.",
        "",
        "scene-3",
        "01:00:05.000 --> 01:02:05.250",
        "The guest walks along the Han River at dusk. [stale]",
        "",
      ].join("\n"),
    );
    parseWebVttChapters(vtt);
  });

  it("escapes &, < and > so the text holds no tag, entity or -->", () => {
    const vtt = toWebVtt(
      result(
        scene(1, 0, 1000, TRICKY.arrow),
        scene(2, 1000, 2000, TRICKY.tags),
        scene(3, 2000, 3000, TRICKY.entity),
        scene(4, 3000, 4000, "-->"),
        scene(5, 4000, 5000, "a-->b --> c<-->d"),
      ),
    );
    expect(vtt).toBe(
      [
        "WEBVTT",
        "",
        "scene-1",
        "00:00:00.000 --> 00:00:01.000",
        "Before --&gt; after",
        "",
        "scene-2",
        "00:00:01.000 --> 00:00:02.000",
        'The sign reads &lt;b&gt;OPEN&lt;/b&gt; &amp; "welcome" &lt;script&gt;alert(1)&lt;/script&gt;',
        "",
        "scene-3",
        "00:00:02.000 --> 00:00:03.000",
        "Fish &amp;amp; chips &amp;lt;3",
        "",
        "scene-4",
        "00:00:03.000 --> 00:00:04.000",
        "--&gt;",
        "",
        "scene-5",
        "00:00:04.000 --> 00:00:05.000",
        "a--&gt;b --&gt; c&lt;--&gt;d",
        "",
      ].join("\n"),
    );
    const cues = parseWebVttChapters(vtt);
    expect(cues).toHaveLength(5);
    // Exactly one "-->" per cue: the timing line's.
    expect(vtt.split("-->")).toHaveLength(5 + 1);
  });

  it("keeps Korean, emoji and curly quotes intact", () => {
    const vtt = toWebVtt(
      result(scene(1, 0, 2000, TRICKY.korean), scene(2, 2000, 4000, TRICKY.emoji)),
    );
    expect(vtt).toBe(
      [
        "WEBVTT",
        "",
        "scene-1",
        "00:00:00.000 --> 00:00:02.000",
        "진행자가 광화문 광장에서 인사합니다",
        "",
        "scene-2",
        "00:00:02.000 --> 00:00:04.000",
        "Cheers 🎉👍🏽 and a family 👨‍👩‍👧 “curly” ‘quotes’",
        "",
      ].join("\n"),
    );
    parseWebVttChapters(vtt);
  });

  it("collapses CR, LF, CRLF and blank lines inside a description to single spaces", () => {
    const vtt = toWebVtt(
      result(
        scene(1, 0, 1000, TRICKY.crlf),
        scene(2, 1000, 2000, "\r\n\r\nLeading and trailing breaks\r\n\r\n"),
      ),
    );
    expect(vtt).toBe(
      [
        "WEBVTT",
        "",
        "scene-1",
        "00:00:00.000 --> 00:00:01.000",
        "Line one. Line two. Line three. Line four. End",
        "",
        "scene-2",
        "00:00:01.000 --> 00:00:02.000",
        "Leading and trailing breaks",
        "",
      ].join("\n"),
    );
    expect(parseWebVttChapters(vtt).map((cue) => cue.text)).toEqual([
      ["Line one. Line two. Line three. Line four. End"],
      ["Leading and trailing breaks"],
    ]);
  });

  it("titles a scene with a blank description 'Scene N'", () => {
    const vtt = toWebVtt(result(scene(4, 0, 1000, " \r\n\t "), scene(5, 1000, 2000, "", true)));
    expect(vtt).toBe(
      "WEBVTT\n\nscene-4\n00:00:00.000 --> 00:00:01.000\nScene 4\n\nscene-5\n00:00:01.000 --> 00:00:02.000\nScene 5 [stale]\n",
    );
    parseWebVttChapters(vtt);
  });

  it("formats scenes past 100 hours", () => {
    const vtt = toWebVtt(result(scene(9, 359_999_000, 362_105_007, "Late.")));
    expect(vtt).toBe("WEBVTT\n\nscene-9\n99:59:59.000 --> 100:35:05.007\nLate.\n");
    expect(parseWebVttChapters(vtt)[0]).toMatchObject({ startMs: 359_999_000, endMs: 362_105_007 });
  });

  it("skips zero-length scenes (a cue's end must be after its start)", () => {
    const vtt = toWebVtt(
      result(
        scene(1, 0, 1000, "Kept."),
        scene(2, 1000, 1000, "Zero length."),
        scene(3, 1000, 2000, "Kept too."),
      ),
    );
    expect(vtt).toBe(
      "WEBVTT\n\nscene-1\n00:00:00.000 --> 00:00:01.000\nKept.\n\nscene-3\n00:00:01.000 --> 00:00:02.000\nKept too.\n",
    );
    parseWebVttChapters(vtt);
  });

  it("is just the signature line for an empty result or one with no analysed scene", () => {
    expect(toWebVtt({ indexId: 1, sceneSummaries: [] })).toBe("WEBVTT\n");
    expect(toWebVtt({ indexId: 1, sceneSummaries: [{ scene: 1, startMs: 0, endMs: 1000 }] })).toBe(
      "WEBVTT\n",
    );
    expect(parseWebVttChapters(toWebVtt({ indexId: 1, sceneSummaries: [] }))).toEqual([]);
  });

  it("orders cues by start time and keeps identifiers unique", () => {
    const vtt = toWebVtt(
      result(
        scene(2, 5000, 9000, "Second."),
        scene(1, 0, 5000, "First."),
        scene(1, 9000, 9500, "Again."),
      ),
    );
    expect(vtt).toBe(
      [
        "WEBVTT",
        "",
        "scene-1",
        "00:00:00.000 --> 00:00:05.000",
        "First.",
        "",
        "scene-2",
        "00:00:05.000 --> 00:00:09.000",
        "Second.",
        "",
        "00:00:09.000 --> 00:00:09.500",
        "Again.",
        "",
      ].join("\n"),
    );
    parseWebVttChapters(vtt);
  });

  it("puts the longer of two cues with the same start first, whatever the input order", () => {
    const parent = scene(1, 0, 50_000, "Chapter.");
    const child = scene(2, 0, 10_000, "Opening.");
    const expected = [
      "WEBVTT",
      "",
      "scene-1",
      "00:00:00.000 --> 00:00:50.000",
      "Chapter.",
      "",
      "scene-2",
      "00:00:00.000 --> 00:00:10.000",
      "Opening.",
      "",
    ].join("\n");
    expect(toWebVtt(result(child, parent))).toBe(expected);
    expect(toWebVtt(result(parent, child))).toBe(expected);
  });

  it("rejects invalid times with a RangeError naming the scene and the value", () => {
    expect(() => toWebVtt(result(scene(3, -5, 1000, "x")))).toThrow(
      "Scene 3: startMs: Invalid timestamp -5: expected a non-negative integer number of milliseconds",
    );
    expect(() => toWebVtt(result(scene(4, 0, 1000.5, "x")))).toThrow(
      "Scene 4: endMs: Invalid timestamp 1000.5",
    );
    expect(() => toWebVtt(result(scene(5, Number.NaN, 1000, "x")))).toThrow(RangeError);
    // Also when the input has to be sorted first.
    expect(() =>
      toWebVtt(
        result(scene(2, 5000, 6000, "b"), scene(1, 0, 1000, "a"), scene(6, 0, Infinity, "c")),
      ),
    ).toThrow("Scene 6: endMs: Invalid timestamp Infinity");
    // Unanalysed scenes are not exported, so their times are not checked.
    expect(toWebVtt(result({ scene: 7, startMs: -1, endMs: -1 }))).toBe("WEBVTT\n");
  });

  it("exports 100,000 scenes as 100,000 valid cues", () => {
    const scenes = Array.from({ length: 100_000 }, (_, i) =>
      scene(i + 1, i * 4000, i * 4000 + 4000, `Scene <${i}> & more`, i % 10 === 0),
    );
    const vtt = toWebVtt({ ...result(), sceneSummaries: scenes });
    const cues = parseWebVttChapters(vtt);
    expect(cues).toHaveLength(100_000);
    expect(cues[99_999]).toEqual({
      id: "scene-100000",
      startMs: 399_996_000,
      endMs: 400_000_000,
      text: ["Scene &lt;99999&gt; &amp; more"],
    });
  }, 30_000);
});

describe("escapeWebVttText", () => {
  it("escapes exactly &, < and >", () => {
    expect(escapeWebVttText(`<i>"a" & 'b' --> c</i>`)).toBe(
      `&lt;i&gt;"a" &amp; 'b' --&gt; c&lt;/i&gt;`,
    );
    expect(escapeWebVttText("광화문 🎉")).toBe("광화문 🎉");
  });
});

describe("the structure check used above", () => {
  it.each([
    ["WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\na --> b\n", "--> in text"],
    ["WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n<b>a</b>\n", "< in text"],
    ["WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nfish & chips\n", "bare & in text"],
    ["WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\na\n\nb\n", "no valid timing line"],
    ["WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n", "no cue text"],
    ["WEBVTT\n\n1\n00:00:01.000 --> 00:00:01.000\na\n", "end not after start"],
    ["WEBVTT\n\n1\n0:00:00.000 --> 00:00:01.000\na\n", "no valid timing line"],
    ["WEBVTT\n\n1\n00:00:00,000 --> 00:00:01,000\na\n", "no valid timing line"],
    ["WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\na", "no final newline"],
    ["WEBVTT\n1\n00:00:00.000 --> 00:00:01.000\na\n", "no blank line after the signature"],
  ])("rejects %j (%s)", (vtt, problem) => {
    expect(checkWebVttChapters(vtt).problems.join("; ")).toContain(problem);
  });
});

describe("control characters from the server", () => {
  it("never reach WebVTT, SRT or Markdown, so a printed export cannot drive the terminal", async () => {
    const { toSrt } = await import("../../../src/export/srt.js");
    const { toMarkdown } = await import("../../../src/export/markdown.js");
    const hostile = result(
      scene(1, 0, 1000, "Red \u001b[31malert\u001b[0m\tand a bell\u0007 here"),
    );
    // Anything but the line feeds that separate lines and cues.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
    const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
    for (const output of [toWebVtt(hostile), toSrt(hostile), toMarkdown(hostile)]) {
      expect(output).not.toMatch(control);
    }
    expect(toWebVtt(hostile)).toContain("Red [31malert [0m and a bell here");
    expect(toSrt(hostile)).toContain("Red [31malert [0m and a bell here");
  });
});
