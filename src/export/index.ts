/**
 * Export a scene summary result (`SceneSummaries`) to WebVTT chapters, SRT, Markdown or a
 * plain-text terminal table. Pure functions: no I/O, no colour.
 *
 * @packageDocumentation
 */

export { displayWidth } from "./display-width.js";
export { escapeMarkdownInline, toMarkdown } from "./markdown.js";
export { toSrt } from "./srt.js";
export { DEFAULT_TABLE_WIDTH, type TableOptions, toTable } from "./table.js";
export {
  formatSrtTimestamp,
  formatTimestamp,
  formatVttTimestamp,
  type TimestampSeparator,
} from "./timestamp.js";
export { escapeWebVttText, toWebVtt } from "./webvtt.js";
