import { describe, expect, it } from "vitest";
import { displayWidth, graphemes } from "../../../src/export/display-width.js";

describe("displayWidth", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["Hello, world!", 13],
    ["광화문", 6],
    ["진행자가 광화문 광장에서 인사합니다", 35],
    ["日本語", 6],
    ["ｶﾀｶﾅ", 4], // halfwidth katakana
    ["ＡＢ", 4], // fullwidth Latin
    ["“curly” ‘quotes’", 16], // East Asian Ambiguous: 1
    ["café", 4], // precomposed
    ["cafe\u0301", 4], // e + combining acute accent
    ["🎉", 2],
    ["👍🏽", 2], // emoji + skin-tone modifier
    ["👨‍👩‍👧", 2], // ZWJ sequence
    ["🇰🇷", 2], // flag (regional indicators)
    ["❤️", 2], // text-default heart + VS16
    ["❤", 1],
    ["⚠", 1],
    ["a\u200Bb", 2], // zero-width space
    ["\u1112\u1161\u11AB", 2], // conjoining jamo for 한
    ["–", 1],
  ])("%j is %d columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("graphemes", () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  /** The clusters as one pass of the platform's segmenter over the whole text finds them. */
  const whole = (text: string) => Array.from(segmenter.segment(text), ({ segment }) => segment);
  const CLUSTERS = [
    "👨‍👩‍👧",
    "🇰🇷",
    "🇯🇵",
    "e\u0301",
    "한",
    "\u1112\u1161\u11AB",
    "👍🏽",
    "x",
    "❤️",
    "😀",
  ];

  // Texts longer than the windows the text is segmented in, with clusters across their edges.
  it.each(Array.from({ length: 12 }, (_, offset) => offset))(
    "finds the clusters one pass finds, %d letters before a long mixed text",
    (offset) => {
      const text =
        "a".repeat(offset) +
        Array.from({ length: 700 }, (_, i) => CLUSTERS[i % CLUSTERS.length]).join("");
      expect([...graphemes(text)]).toEqual(whole(text));
    },
  );

  it.each([
    ["a run of flags", "🇰🇷".repeat(400)],
    ["a cluster longer than a window", `a${"\u0301".repeat(1000)}b`],
    ["text without combining characters", "plain text 광화문 😀 ".repeat(50)],
  ])("finds the clusters one pass finds in %s", (_, text) => {
    expect([...graphemes(text)]).toEqual(whole(text));
  });
});
