#!/usr/bin/env node
/**
 * The `ncp-mi` executable: runs {@link run} with this process's arguments, environment and
 * streams. Every way a run can end is one `ncp-mi:` line on stderr and a documented exit code:
 * Ctrl-C is a clean stop (130), and so is a failed write of the output; a bug that escapes
 * `run`, or a run left pending with nothing more to wait for (a response body that never
 * settles), is an internal error (70) rather than a stack trace or a silent exit 13.
 */
import { ExitCode } from "./exit-codes.js";
import { run } from "./run.js";
import { stdoutWasClosed } from "./stdout-state.js";

const interrupt = new AbortController();
// The first Ctrl-C stops the command cleanly; a second one falls back to Node's default and
// ends the process at once, for when the clean stop is itself stuck.
process.once("SIGINT", () => interrupt.abort());

// A failed write reaches the writer's callback (destination.ts), which reports it; without a
// listener the same error would also crash the process. stderr has nowhere to report to.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

/** Ends the run with an internal error: one line, exit 70. */
function internalError(what: string): void {
  process.stderr.write(`ncp-mi: internal error: ${what}; please report it.\n`);
  process.exitCode = ExitCode.internal;
}

process.on("uncaughtException", (error) => {
  internalError(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit();
});

let settled = false;
// Node empties its event loop and exits (code 13 for a pending top-level await) when nothing
// can settle the run any more: say so instead.
process.once("beforeExit", () => {
  if (!settled) internalError("the command stopped without finishing (a response never ended)");
});

run(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  // Read only by `ncp-mi mcp` and `summarize --assets-from -`: a getter, so that no other
  // command opens stdin.
  get stdin() {
    return process.stdin;
  },
  stdoutClosed: stdoutWasClosed(),
  isTTY: process.stderr.isTTY,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  stderrColumns: process.stderr.isTTY ? process.stderr.columns : undefined,
  signal: interrupt.signal,
}).then((code) => {
  settled = true;
  process.exitCode = code;
});
