/** `ncp-mi summarize`: the whole job in one command: request, wait with progress, print. */
import { printableLine } from "../../text.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { formatSummaries } from "../output.js";
import { summarizeCatalogue } from "./catalogue.js";
import { generationOf, waitOptions } from "./shared.js";

/**
 * Requests a summarisation (or follows the one running), waits for it, and delivers the
 * summaries; with `--assets-from`, does so for a catalogue.
 */
export async function summarize(context: CommandContext): Promise<number> {
  if (context.invocation.assetsFrom !== undefined) return summarizeCatalogue(context);
  const { invocation, state, progress } = context;
  const { ids } = invocation;
  const options = {
    ...waitOptions(context),
    ...(invocation.sceneIds && { sceneIds: invocation.sceneIds }),
    ...(invocation.locale !== undefined && { locale: invocation.locale }),
    // The index-based API cannot follow a summarisation without its request ID: with --index,
    // one already in progress always ends the run (exit 6).
    waitForExisting: ids.indexId === undefined && invocation.waitForExisting,
    onRequested: (result: { sceneSummaryId?: unknown }) => {
      state.summarisationRunning = true;
      // The index-based run is named by its request ID: the commands that follow it need it.
      const id = result.sceneSummaryId;
      if (ids.indexId !== undefined && (typeof id === "number" || typeof id === "string")) {
        state.requestId = String(id);
        progress.line(
          `summarize: requested a scene summarisation (request ID ${printableLine(state.requestId)}).`,
        );
      } else {
        progress.line("summarize: requested a scene summarisation.");
      }
    },
    onExisting: () => {
      state.summarisationRunning = true;
      progress.line(
        "summarize: a scene summarisation is already in progress: waiting for it instead " +
          "of requesting another (--no-wait-existing stops instead).",
      );
    },
  };
  try {
    const result = await generationOf(context).summarize(options);
    progress.end();
    await context.deliver(formatSummaries(result, context));
  } finally {
    progress.end();
  }
  return ExitCode.ok;
}
