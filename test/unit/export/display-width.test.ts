import { describe, expect, it } from "vitest";
import { displayWidth } from "../../../src/export/display-width.js";

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
