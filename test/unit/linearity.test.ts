/**
 * Every text path stays linear in its input: the exports (WebVTT, SRT, Markdown, the table),
 * printableLine, display widths and the status shown for people (its reason), each fed the
 * inputs that made one of them quadratic. Nothing is timed against a budget: each case
 * compares the time of an input 8 times larger with that of the 1× input. Linear work grows about 8 times (a sort, a
 * little more); quadratic work grows about 64 times. The bound sits far from both, so that a
 * busy machine does not fail a linear path and a quadratic one cannot pass.
 */
import { describe, expect, it } from "vitest";
import { formatStatus } from "../../src/cli/output.js";
import { displayWidth } from "../../src/export/display-width.js";
import { toMarkdown, toSrt, toTable, toWebVtt } from "../../src/export/index.js";
import { printableLine } from "../../src/text.js";
import type { SceneSummaries, SceneSummaryStatus } from "../../src/types.js";
import { statusResult } from "../support/gateway.js";
import { result, scene } from "./export/fixtures.js";

/** The input sizes compared: 1× and this many times larger. */
const FACTOR = 8;
/** The growth above which a path is taken for quadratic (linear: ~8, quadratic: ~64). */
const MAX_GROWTH = 24;
/** How long one measurement repeats its call, at least, so that the clock's grain is small. */
const MIN_SAMPLE_MS = 15;
/** Measurements of each size; the fastest counts, as the one least disturbed by the machine. */
const SAMPLES = 5;
/**
 * Comparisons made before a path is taken for quadratic: a linear path slowed by a busy
 * machine passes on another try, a quadratic one fails every time.
 */
const ATTEMPTS = 3;

/** The time of one call of `fn`, in ms, from calls repeated for {@link MIN_SAMPLE_MS}. */
function timePerCall(fn: () => unknown): number {
  let calls = 0;
  let elapsed = 0;
  const start = performance.now();
  do {
    fn();
    calls += 1;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_SAMPLE_MS);
  return elapsed / calls;
}

/**
 * How many times longer `run` takes on the larger input than on the smaller: the fastest of
 * {@link SAMPLES} measurements of each, taken in turn so that a busy moment slows both.
 */
function growth<T>(small: T, large: T, run: (input: T) => unknown): number {
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let sample = 0; sample < SAMPLES; sample++) {
    largeMs = Math.min(
      largeMs,
      timePerCall(() => run(large)),
    );
    smallMs = Math.min(
      smallMs,
      timePerCall(() => run(small)),
    );
  }
  return largeMs / smallMs;
}

/**
 * Expects `run` to take less than {@link MAX_GROWTH} times longer on `make(size * FACTOR)`
 * than on `make(size)`, in one of {@link ATTEMPTS} comparisons.
 *
 * @param size - The 1× size: large enough that a quadratic path's square term dominates.
 */
function expectLinear<T>(size: number, make: (size: number) => T, run: (input: T) => unknown) {
  const small = make(size);
  const large = make(size * FACTOR);
  run(large); // warm up: compiled code, caches
  let smallest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && smallest >= MAX_GROWTH; attempt++) {
    smallest = Math.min(smallest, growth(small, large, run));
  }
  expect(smallest).toBeLessThan(MAX_GROWTH);
}

/** A result of one analysed scene described by `description`. */
const described = (description: string): SceneSummaries => result(scene(1, 0, 1000, description));

/** A result of `count` short scenes. */
const scenes = (count: number): SceneSummaries =>
  result(
    ...Array.from({ length: count }, (_, i) =>
      scene(i + 1, i * 1000, (i + 1) * 1000, `Scene ${i + 1} <b>&</b> --> | *`),
    ),
  );

/** Descriptions that made a text path quadratic, by length. */
const HOSTILE: Record<string, (length: number) => string> = {
  "spaces, a letter, then a control character": (length) => `${" ".repeat(length)}x\u0001`,
  "spaces, a letter, then a bidi override": (length) => `${" ".repeat(length)}x\u202e`,
  "one long ASCII word": (length) => "a".repeat(length),
  "a long row of dashes": (length) => "-".repeat(length),
  "one long word of combining marks": (length) => "e\u0301".repeat(length / 2),
  "one long Hangul word": (length) => "한".repeat(length),
};

const EXPORTS: Record<string, (input: SceneSummaries) => string> = {
  WebVTT: toWebVtt,
  SRT: toSrt,
  Markdown: toMarkdown,
  table: (input) => toTable(input, { width: 80 }),
};

/** A failed status whose reason is `statusMessage`. */
const failed = (statusMessage: string) =>
  statusResult("SUMMARIZE_FAIL", 4, 10, { statusMessage }) as SceneSummaryStatus;

describe.sequential("linear time (1× against 8× inputs, no time budget)", () => {
  describe.each(Object.entries(EXPORTS))("%s", (_, format) => {
    it.each(Object.entries(HOSTILE))("a description of %s", (_, hostile) => {
      expectLinear(4_000, (length) => described(hostile(length)), format);
    });

    it("many scenes", () => {
      expectLinear(500, scenes, format);
    });
  });

  it.each(Object.entries(HOSTILE))("printableLine of %s", (_, hostile) => {
    expectLinear(4_000, hostile, printableLine);
  });

  it.each(Object.entries(HOSTILE))("a status reason of %s", (_, hostile) => {
    expectLinear(4_000, (length) => failed(hostile(length)), formatStatus);
  });

  it.each(Object.entries(HOSTILE))("the display width of %s", (_, hostile) => {
    expectLinear(4_000, hostile, displayWidth);
  });

  it("the measure can fail: quadratic work grows past the bound", () => {
    const quadratic = (length: number) => {
      let sum = 0;
      for (let i = 0; i < length; i++) for (let j = 0; j < length; j++) sum += i ^ j;
      return sum;
    };
    expect(growth(300, 300 * FACTOR, quadratic)).toBeGreaterThan(MAX_GROWTH);
  });
});
