/**
 * The tools' message for a request that was accepted but has not shown in the status by the
 * end of the grace period (src/cli/mcp/messages.ts): it names the status still shown, says
 * not to request again, and which tool to call later.
 */
import { describe, expect, it } from "vitest";
import { describeToolError } from "../../../src/cli/mcp/messages.js";
import { SceneSummaryNotRegisteredError } from "../../../src/errors.js";
import type { SceneSummaryStatus } from "../../../src/types.js";
import { statusResult } from "../../support/gateway.js";

function notRegistered(status: SceneSummaryStatus): string {
  return describeToolError(new SceneSummaryNotRegisteredError(status, 30_000));
}

describe("describeToolError: SceneSummaryNotRegisteredError", () => {
  it("names the earlier summarisation's status still shown, and get_scene_summary_status for later", () => {
    const stale = statusResult("SUMMARIZE_COMPLETED", 10, 10) as SceneSummaryStatus;
    expect(notRegistered(stale)).toBe(
      "The summarisation was requested and accepted, but the status still shows the one from " +
        "before the request (SUMMARIZE_COMPLETED, 10/10 scenes): it has not registered yet. " +
        "Do not request again; check later with get_scene_summary_status.",
    );
  });

  it("BEFORE_SUMMARIZE: no earlier one is implied; the same advice, naming that status", () => {
    const before = statusResult("BEFORE_SUMMARIZE", 0, 10) as SceneSummaryStatus;
    expect(notRegistered(before)).toBe(
      "The summarisation was requested and accepted, but the status still shows none " +
        "(BEFORE_SUMMARIZE, 0/10 scenes): it has not registered yet. " +
        "Do not request again; check later with get_scene_summary_status.",
    );
  });
});
