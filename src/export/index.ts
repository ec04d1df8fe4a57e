/**
 * Export a scene summary result (`SceneSummaries`) to WebVTT chapters, SRT, Markdown or a
 * plain-text terminal table. Pure functions: no I/O, no colour.
 *
 * @packageDocumentation
 */

export { type MarkdownOptions, toMarkdown } from "./markdown.js";
export { toSrt } from "./srt.js";
export { DEFAULT_TABLE_WIDTH, type TableOptions, toTable } from "./table.js";
export { toWebVtt } from "./webvtt.js";
