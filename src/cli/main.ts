#!/usr/bin/env node
/**
 * The `ncp-mi` executable: runs {@link run} with this process's arguments, environment and
 * streams, and turns Ctrl-C into a clean stop (exit code 130).
 */
import { run } from "./run.js";

const interrupt = new AbortController();
// The first Ctrl-C stops the command cleanly; a second one falls back to Node's default and
// ends the process at once, for when the clean stop is itself stuck.
process.once("SIGINT", () => interrupt.abort());

// `ncp-mi summaries … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  signal: interrupt.signal,
});
