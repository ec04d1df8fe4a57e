import { expect } from "vitest";

/** A WebVTT timestamp with hours (which the exporter always writes), per the WebVTT spec. */
const TIMESTAMP = String.raw`(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})`;
/** A cue timings line without settings: `start --> end`, whitespace around the arrow. */
const TIMING_LINE = new RegExp(`^${TIMESTAMP}[ \\t]+-->[ \\t]+${TIMESTAMP}$`);
/** `&` not starting one of the escapes the exporter writes. */
const BARE_AMPERSAND = /&(?!amp;|lt;|gt;)/;

function toMs(h = "", m = "", s = "", ms = ""): number {
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}

export interface ParsedCue {
  id: string | undefined;
  startMs: number;
  endMs: number;
  text: string[];
}

/**
 * Checks the structure of a WebVTT file of chapter cues as the exporter writes them and
 * returns the cues and the problems found (plain checks, so that it is fast on 100,000
 * cues): `WEBVTT` signature line; a blank line after it; blocks separated by exactly one
 * blank line; each block = optional identifier line (no `-->`), a timing line matching
 * the spec's timestamp syntax, at least one non-empty text line with no `-->`, no `<` and
 * no bare `&`; end after start; starts in non-decreasing order; unique identifiers; a
 * final newline; no CR.
 */
export function checkWebVttChapters(vtt: string): { cues: ParsedCue[]; problems: string[] } {
  const problems: string[] = [];
  const cues: ParsedCue[] = [];
  if (!vtt.endsWith("\n")) problems.push("no final newline");
  if (vtt.includes("\r")) problems.push("contains CR");
  const [signature, ...rest] = vtt.slice(0, -1).split("\n");
  if (signature !== "WEBVTT") problems.push(`signature line ${JSON.stringify(signature)}`);
  if (rest.length === 0) return { cues, problems };
  const body = rest.join("\n");
  if (!body.startsWith("\n")) problems.push("no blank line after the signature");
  const ids = new Set<string>();
  let previousStart = 0;
  for (const block of body.slice(1).split("\n\n")) {
    const where = JSON.stringify(block);
    const lines = block.split("\n");
    if (lines.includes("")) problems.push(`extra blank line: ${where}`);
    let id: string | undefined;
    if (!lines[0]?.includes("-->")) {
      id = lines.shift() ?? "";
      if (ids.has(id)) problems.push(`duplicate identifier ${id}`);
      ids.add(id);
    }
    const timing = TIMING_LINE.exec(lines.shift() ?? "");
    if (!timing) {
      problems.push(`no valid timing line: ${where}`);
      continue;
    }
    const startMs = toMs(timing[1], timing[2], timing[3], timing[4]);
    const endMs = toMs(timing[5], timing[6], timing[7], timing[8]);
    if (endMs <= startMs) problems.push(`end not after start: ${where}`);
    if (startMs < previousStart) problems.push(`out of order: ${where}`);
    previousStart = startMs;
    if (lines.length === 0) problems.push(`no cue text: ${where}`);
    for (const line of lines) {
      if (line.trim() === "") problems.push(`blank text line: ${where}`);
      if (line.includes("-->")) problems.push(`--> in text: ${where}`);
      if (line.includes("<")) problems.push(`< in text: ${where}`);
      if (BARE_AMPERSAND.test(line)) problems.push(`bare & in text: ${where}`);
    }
    cues.push({ id, startMs, endMs, text: lines });
  }
  return { cues, problems };
}

/** Asserts that {@link checkWebVttChapters} finds no problem and returns the cues. */
export function parseWebVttChapters(vtt: string): ParsedCue[] {
  const { cues, problems } = checkWebVttChapters(vtt);
  expect(problems).toEqual([]);
  return cues;
}
