import { describe, expect, it } from "vitest";
import { toSrt } from "../../../src/export/srt.js";
import {
  PAGE_DESCRIPTION,
  pageExample,
  partialAndStale,
  result,
  scene,
  TRICKY,
} from "./fixtures.js";

/** Every cue block: number line, timing line, exactly one non-empty text line. */
const SRT_BLOCK =
  /^(\d+)\n(\d{2,}):[0-5]\d:[0-5]\d,\d{3} --> (\d{2,}):[0-5]\d:[0-5]\d,\d{3}\n[^\n]+$/;

function blocks(srt: string): string[] {
  expect(srt.endsWith("\n")).toBe(true);
  expect(srt).not.toMatch(/\r/);
  const list = srt.slice(0, -1).split("\n\n");
  list.forEach((block, i) => {
    const match = SRT_BLOCK.exec(block);
    expect(match, `block ${JSON.stringify(block)}`).not.toBeNull();
    expect(match?.[1]).toBe(String(i + 1));
  });
  return list;
}

describe("toSrt", () => {
  it("exports the page example", () => {
    const srt = toSrt(pageExample);
    expect(srt).toBe(`1\n00:00:01,000 --> 00:00:03,000\n${PAGE_DESCRIPTION}\n`);
    blocks(srt);
  });

  it("numbers the exported cues consecutively, skips unanalysed scenes and marks stale ones", () => {
    const srt = toSrt(partialAndStale);
    expect(srt).toBe(
      [
        "1",
        "00:00:00,000 --> 00:00:42,500",
        "The host opens the programme in the studio.",
        "",
        "2",
        "01:00:05,000 --> 01:02:05,250",
        "The guest walks along the Han River at dusk. [stale]",
        "",
      ].join("\n"),
    );
    expect(blocks(srt)).toHaveLength(2);
  });

  it("breaks every --> of the text, so that no line but a timing line holds one", () => {
    const injected = "Intro.\n\n2\n00:00:05,000 --> 00:00:09,000\nInjected cue";
    const srt = toSrt(
      result(scene(1, 0, 1000, injected), scene(2, 1000, 2000, "a-->b ---> c<-->d -->")),
    );
    expect(srt).toBe(
      [
        "1",
        "00:00:00,000 --> 00:00:01,000",
        "Intro. 2 00:00:05,000 -- > 00:00:09,000 Injected cue",
        "",
        "2",
        "00:00:01,000 --> 00:00:02,000",
        "a-- >b --- > c<-- >d -- >",
        "",
      ].join("\n"),
    );
    const lines = srt.split("\n");
    expect(lines.filter((line) => line.includes("-->"))).toEqual(
      lines.filter((line) => /^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$/.test(line)),
    );
    expect(blocks(srt)).toHaveLength(2);
  });

  it("leaves <, > and & as they are, but for the > of -->", () => {
    const srt = toSrt(
      result(
        scene(1, 0, 1000, TRICKY.tags),
        scene(2, 1000, 2000, TRICKY.entity),
        scene(3, 2000, 3000, TRICKY.arrow),
      ),
    );
    expect(srt).toBe(
      [
        "1",
        "00:00:00,000 --> 00:00:01,000",
        'The sign reads <b>OPEN</b> & "welcome" <script>alert(1)</script>',
        "",
        "2",
        "00:00:01,000 --> 00:00:02,000",
        "Fish &amp; chips &lt;3",
        "",
        "3",
        "00:00:02,000 --> 00:00:03,000",
        "Before -- > after",
        "",
      ].join("\n"),
    );
    blocks(srt);
  });

  it("collapses line terminators so no blank line can end a cue early", () => {
    const srt = toSrt(result(scene(1, 0, 1000, TRICKY.crlf), scene(2, 1000, 2000, "\n\n\n")));
    expect(srt).toBe(
      "1\n00:00:00,000 --> 00:00:01,000\nLine one. Line two. Line three. Line four. End\n\n2\n00:00:01,000 --> 00:00:02,000\nScene 2\n",
    );
    expect(blocks(srt)).toHaveLength(2);
  });

  it("keeps Korean, emoji and curly quotes intact", () => {
    const srt = toSrt(result(scene(1, 0, 2000, TRICKY.korean), scene(2, 2000, 4000, TRICKY.emoji)));
    expect(srt).toBe(
      "1\n00:00:00,000 --> 00:00:02,000\n진행자가 광화문 광장에서 인사합니다\n\n2\n00:00:02,000 --> 00:00:04,000\nCheers 🎉👍🏽 and a family 👨‍👩‍👧 “curly” ‘quotes’\n",
    );
  });

  it("formats times past 100 hours and skips zero-length scenes", () => {
    const srt = toSrt(
      result(
        scene(1, 3_600_000, 3_605_000, "One hour in."),
        scene(2, 3_605_000, 3_605_000, "Zero length."),
        scene(3, 360_000_000, 362_105_007, "A hundred hours in."),
      ),
    );
    expect(srt).toBe(
      "1\n01:00:00,000 --> 01:00:05,000\nOne hour in.\n\n2\n100:00:00,000 --> 100:35:05,007\nA hundred hours in.\n",
    );
    blocks(srt);
  });

  it("is empty when no scene is exported", () => {
    expect(toSrt({ indexId: 1, sceneSummaries: [] })).toBe("");
    expect(toSrt({ indexId: 1, sceneSummaries: [{ scene: 1, startMs: 0, endMs: 5 }] })).toBe("");
  });

  it("orders cues by start time", () => {
    expect(toSrt(result(scene(2, 5000, 6000, "B"), scene(1, 0, 5000, "A")))).toBe(
      "1\n00:00:00,000 --> 00:00:05,000\nA\n\n2\n00:00:05,000 --> 00:00:06,000\nB\n",
    );
  });

  it("puts the longer of two cues with the same start first, whatever the input order", () => {
    const parent = scene(1, 0, 50_000, "Chapter.");
    const child = scene(2, 0, 10_000, "Opening.");
    const expected =
      "1\n00:00:00,000 --> 00:00:50,000\nChapter.\n\n2\n00:00:00,000 --> 00:00:10,000\nOpening.\n";
    expect(toSrt(result(child, parent))).toBe(expected);
    expect(toSrt(result(parent, child))).toBe(expected);
  });

  it("rejects invalid times", () => {
    expect(() => toSrt(result(scene(8, 0, -1, "x")))).toThrow(
      "Scene 8: endMs: Invalid timestamp -1: expected a non-negative integer number of milliseconds",
    );
  });
});
