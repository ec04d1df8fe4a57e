/** What the tools share: the ids as the SDK takes them, and the summaries in a format. */
import { toMarkdown, toSrt, toWebVtt } from "../../../export/index.js";
import type { AssetIds } from "../../../ids.js";
import type { SceneSummaries } from "../../../types.js";
import { toJson } from "../../output.js";
import type { Format, ToolArguments } from "../arguments.js";

/** The asset-based ids of a call. */
export function assetIds(args: ToolArguments): AssetIds {
  return { workspaceName: args.workspace, projectId: args.project, assetId: args.asset };
}

/** Scene summaries in `format`; the Markdown's title names the asset. */
export function formatSummaries(result: SceneSummaries, format: Format, asset: string): string {
  switch (format) {
    case "markdown":
      return toMarkdown(result, { title: `asset ${asset}` });
    case "vtt":
      return toWebVtt(result);
    case "srt":
      return toSrt(result);
    case "json":
      return toJson(result);
  }
}
