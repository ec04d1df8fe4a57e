/** The commands: each makes its calls through the client and prints the outcome on stdout. */
import type { MediaIntelligenceClient } from "../client.js";
import type { SceneSummaryIds } from "../ids.js";
import type { SceneSummaryStatus } from "../types.js";
import type { Invocation } from "./command-line.js";
import type { CliEnvironment } from "./io.js";
import { formatStatus, formatSummaries, toJson } from "./output.js";
import { createProgressReporter } from "./progress.js";

/**
 * Runs a checked command. Resolves when it succeeded; rejects with the error that ended it,
 * for run.ts to report and turn into an exit code.
 */
export async function runCommand(
  invocation: Invocation,
  client: MediaIntelligenceClient,
  io: CliEnvironment,
): Promise<void> {
  const { signal } = io;
  switch (invocation.command) {
    case "status": {
      const result = await client.getSceneSummaryStatus(sceneSummaryIds(invocation), { signal });
      io.stdout.write(invocation.json ? toJson(result) : formatStatus(result));
      return;
    }
    case "summaries": {
      const result = await client.getSceneSummaries(invocation.ids, { signal });
      io.stdout.write(formatSummaries(result, invocation.format, io.columns));
      return;
    }
    case "wait":
      return wait(invocation, client, io);
  }
}

async function wait(
  invocation: Invocation,
  client: MediaIntelligenceClient,
  io: CliEnvironment,
): Promise<void> {
  const tty = io.isTTY === true;
  // https://no-color.org: set and not empty means no colour.
  const color = tty && !io.env.NO_COLOR;
  const progress = createProgressReporter(io.stderr, { tty, color });
  let result: SceneSummaryStatus;
  try {
    result = await client.waitForSceneSummary(sceneSummaryIds(invocation), {
      // A given --interval is kept as is, rather than growing like the default.
      intervalMs: invocation.intervalMs,
      maxIntervalMs: invocation.intervalMs,
      timeoutMs: invocation.timeoutMs,
      notRequestedGraceMs: invocation.graceMs,
      signal: io.signal,
      onProgress: progress.update,
    });
  } finally {
    progress.end();
  }
  io.stdout.write(invocation.json ? toJson(result) : formatStatus(result));
}

function sceneSummaryIds(invocation: Invocation): SceneSummaryIds {
  // --summary is required by the commands that call this; parseCommandLine has checked it.
  return { ...invocation.ids, sceneSummaryId: invocation.ids.sceneSummaryId ?? "" };
}
