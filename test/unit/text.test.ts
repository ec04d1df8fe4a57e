/**
 * printableLine: text made one printable line, and the places that show server text through
 * it (the table, the status for people, the progress line, the exports). Its time is tested
 * in linearity.test.ts.
 */
import { describe, expect, it } from "vitest";
import { formatStatus } from "../../src/cli/output.js";
import { createProgressReporter } from "../../src/cli/progress.js";
import { toMarkdown, toSrt, toTable, toWebVtt } from "../../src/export/index.js";
import { printableLine } from "../../src/text.js";
import type { SceneSummaryStatus } from "../../src/types.js";
import { statusResult } from "../support/gateway.js";
import { result, scene } from "./export/fixtures.js";

/** The embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069. */
const BIDI_CONTROLS = [
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];
const ANY_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** A file name that reads as `invoice_exe.pdf` on a terminal that obeys U+202E. */
const SPOOFED = "invoice_\u202efdp.exe";

/** A failed status whose reason is `statusMessage`. */
const failed = (statusMessage: string) =>
  statusResult("SUMMARIZE_FAIL", 4, 10, { statusMessage }) as SceneSummaryStatus;

describe("printableLine", () => {
  it.each([
    ["", ""],
    ["plain text", "plain text"],
    ["  padded  ", "padded"],
    [" GPU quota \r\n\r\n exhausted\t\n", "GPU quota exhausted"],
    ["red \x1b[31mtext\x1b[0m", "red [31mtext [0m"],
    ["C1 \u009b31m here", "C1 31m here"],
    ["DEL\u007fhere", "DEL here"],
    ["line\u2028and\u2029paragraph", "line and paragraph"],
    [SPOOFED, "invoice_ fdp.exe"],
    ["a \u2067b\u2069 c", "a b c"],
    ["spaces   \u202e   around", "spaces around"],
    ["ends with controls \r\n\u202c", "ends with controls"],
  ])("%j is %j", (text, expected) => {
    expect(printableLine(text)).toBe(expected);
  });

  it.each(BIDI_CONTROLS.map((character) => [character.codePointAt(0)?.toString(16)]))(
    "U+%s is replaced",
    (hex) => {
      expect(printableLine(`a${String.fromCodePoint(Number.parseInt(hex ?? "", 16))}b`)).toBe(
        "a b",
      );
    },
  );

  it("keeps letters of any script, emoji and their joiners, and the bidirectional marks", () => {
    const text = "광화문 日本語 👨‍👩‍👧 🇰🇷 مرحبا\u200f שלום\u200e";
    expect(printableLine(text)).toBe(text);
  });
});

describe("bidirectional controls from the server reach no terminal and no export", () => {
  it("the status reason", () => {
    const shown = formatStatus(failed(`Upload ${SPOOFED} again`));
    expect(shown).toContain("Reason:     Upload invoice_ fdp.exe again\n");
    expect(shown).not.toMatch(ANY_BIDI_CONTROL);
  });

  it("a status this version does not know, in the status and the progress line", () => {
    const status = { ...failed(""), status: `SUMMARIZING\u2066X` } as unknown as SceneSummaryStatus;
    expect(formatStatus(status)).not.toMatch(ANY_BIDI_CONTROL);
    let line = "";
    const progress = createProgressReporter(
      { write: (text: string) => (line += text) },
      { tty: false, color: false, label: "wait" },
    );
    progress.update({
      status: status.status,
      analyzedSceneCount: 1,
      totalSceneCount: 2,
      elapsedMs: 0,
      polls: 1,
    });
    expect(line).toBe("wait: SUMMARIZING X, 1/2 scenes analysed, 0.0s elapsed\n");
  });

  it.each([
    ["the table", (text: string) => toTable(result(scene(1, 0, 1000, text)))],
    ["WebVTT", (text: string) => toWebVtt(result(scene(1, 0, 1000, text)))],
    ["SRT", (text: string) => toSrt(result(scene(1, 0, 1000, text)))],
    ["Markdown", (text: string) => toMarkdown(result(scene(1, 0, 1000, text)))],
  ])("%s", (_, exported) => {
    const output = exported(`The file ${SPOOFED} \u2067is\u2069 attached.`);
    expect(output).toMatch(/The file invoice\\?_ fdp\.exe is attached\./);
    expect(output).not.toMatch(ANY_BIDI_CONTROL);
  });
});
