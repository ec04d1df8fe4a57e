/** `ncp-mi cancel`: cancel the summarisation in progress. */
import { MediaIntelligenceError } from "../../errors.js";
import { isRunningStatus } from "../../types.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { CommandFailure } from "../usage-error.js";
import { generationOf } from "./shared.js";

/** HTTP statuses with which the service may refuse to cancel what is not running. */
const REFUSALS = new Set([400, 404, 409]);

/**
 * Cancels; when the service refuses, reads the status to say why: with nothing running, there
 * is nothing to cancel, which is worth saying in those words.
 */
export async function cancel(context: CommandContext): Promise<number> {
  const generation = generationOf(context);
  const call = { signal: context.io.signal };
  try {
    await generation.cancel(call);
  } catch (error) {
    if (!(error instanceof MediaIntelligenceError && REFUSALS.has(error.status ?? 0))) throw error;
    const current = await generation.status(call).catch(() => undefined);
    if (current && !isRunningStatus(current.status)) {
      throw new CommandFailure(
        `nothing to cancel: no scene summarisation is running (the status is ${String(current.status)}).`,
      );
    }
    throw error;
  }
  await context.deliver("Cancelled the scene summarisation.\n");
  return ExitCode.ok;
}
