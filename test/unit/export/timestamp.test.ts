import { describe, expect, it } from "vitest";
import {
  formatSrtTimestamp,
  formatTimestamp,
  formatVttTimestamp,
} from "../../../src/export/timestamp.js";

describe("formatTimestamp", () => {
  it.each([
    [0, "00:00:00.000"],
    [1, "00:00:00.001"],
    [1000, "00:00:01.000"],
    [3000, "00:00:03.000"],
    [42_500, "00:00:42.500"],
    [59_999, "00:00:59.999"],
    [60_000, "00:01:00.000"],
    [3_599_999, "00:59:59.999"],
    [3_600_000, "01:00:00.000"],
    [3_605_000, "01:00:05.000"],
    [3_725_250, "01:02:05.250"],
    [36_000_000, "10:00:00.000"],
    [86_400_000, "24:00:00.000"],
    [359_999_999, "99:59:59.999"],
    [360_000_000, "100:00:00.000"],
    [362_105_007, "100:35:05.007"],
    [3_600_000_000, "1000:00:00.000"],
  ])("formats %d ms as %s", (ms, expected) => {
    expect(formatTimestamp(ms)).toBe(expected);
    expect(formatVttTimestamp(ms)).toBe(expected);
    expect(formatTimestamp(ms, ",")).toBe(expected.replace(".", ","));
    expect(formatSrtTimestamp(ms)).toBe(expected.replace(".", ","));
  });

  it("treats -0 as 0", () => {
    expect(formatTimestamp(-0)).toBe("00:00:00.000");
  });

  it.each([
    [-1, "-1"],
    [1.5, "1.5"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
    [2 ** 53, "9007199254740992"],
  ])("rejects %s with a RangeError naming the value", (ms, shown) => {
    expect(() => formatTimestamp(ms)).toThrow(RangeError);
    expect(() => formatTimestamp(ms)).toThrow(
      `Invalid timestamp ${shown}: expected a non-negative integer number of milliseconds`,
    );
    expect(() => formatSrtTimestamp(ms)).toThrow(RangeError);
  });

  it("rejects a non-number at run time", () => {
    expect(() => formatTimestamp("1000" as unknown as number)).toThrow(
      'Invalid timestamp "1000" (string): expected a non-negative integer number of milliseconds',
    );
    expect(() => formatTimestamp(undefined as unknown as number)).toThrow(RangeError);
  });
});
