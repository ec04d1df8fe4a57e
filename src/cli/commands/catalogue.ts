/**
 * `ncp-mi summarize --assets-from FILE --out-dir DIR`: a catalogue, through the client's
 * `summarizeMany`, so within its rate limit (`--max-rps`, slower after a 429). Everything that
 * can be checked is checked before anything is sent: the list and its IDs, the files' names,
 * the folder, the journal (and that no other run holds it). Each completed asset's export is
 * written whole to DIR/ASSET.EXT before the journal says so; at the end, one line per asset on
 * stdout (or `--json`); exit 0 when every asset completed, 7 when not. Ctrl-C leaves the
 * summarisations running, and the same command resumes.
 */
import { join } from "node:path";
import type { AssetOutcome } from "../../batch/many.js";
import { AbortError, InvalidInputError } from "../../errors.js";
import { toMarkdown, toSrt, toWebVtt } from "../../export/index.js";
import { type FileJournal, openFileJournal } from "../../file-journal.js";
import { checkId } from "../../ids.js";
import type { SceneSummaries } from "../../types.js";
import {
  checkExportNames,
  exportName,
  hasExport,
  JOURNAL_NAME,
  prepareFolder,
  writeExport,
} from "../catalogue/files.js";
import { readAssetList } from "../catalogue/list.js";
import { createCatalogueProgress } from "../catalogue/progress.js";
import { jsonSummary, outcomeLines, type Settled, settledOf } from "../catalogue/summary.js";
import { type CommandContext, isStrict } from "../context.js";
import { OutputError, reason } from "../destination.js";
import { ExitCode } from "../exit-codes.js";
import { baseUrlSource, describeError } from "../messages.js";
import type { ExportFormat } from "../options.js";
import { toJson } from "../output.js";
import { waitOptions } from "./shared.js";

/** An asset's summaries in the export format. */
function exportText(summaries: SceneSummaries, format: ExportFormat, assetId: string): string {
  switch (format) {
    case "vtt":
      return toWebVtt(summaries);
    case "srt":
      return toSrt(summaries);
    case "markdown":
      return toMarkdown(summaries, { title: `asset ${assetId}` });
    case "json":
      return toJson(summaries);
  }
}

/** Opens the journal in the folder, its problems worded for the command line (exit 2). */
async function openJournal(folder: string, outDir: string): Promise<FileJournal> {
  try {
    return await openFileJournal(join(folder, JOURNAL_NAME));
  } catch (error) {
    const why = error instanceof InvalidInputError ? error.reason : reason(error);
    throw new OutputError(`cannot use the journal of --out-dir ${outDir}: ${why}.`, true);
  }
}

/** Summarises the catalogue of `--assets-from` into `--out-dir`. */
export async function summarizeCatalogue(context: CommandContext): Promise<number> {
  const { invocation, io, state, client } = context;
  // As --asset's are, the list's IDs are checked as it is read.
  checkId(invocation.ids.workspaceName, "workspaceName");
  checkId(invocation.ids.projectId, "projectId");
  const outDir = invocation.outDir ?? ".";
  const format = context.format as ExportFormat;
  const list = await readAssetList(invocation.assetsFrom ?? "-", io);
  checkExportNames(list.ids, format);
  const folder = await prepareFolder(outDir, io);
  const journal = await openJournal(folder, outDir);
  if (journal.repaired > 0) {
    context.note(
      `the journal's last line was cut short (a crash while it was written) and was dropped; that step is taken again.`,
    );
  }
  if (list.repeated > 0) {
    context.note(
      `${list.repeated} repeated asset ID${list.repeated === 1 ? "" : "s"} counted once.`,
    );
  }
  const waiting = new Set<string>();
  state.catalogue = { running: () => waiting.size };
  const progress = createCatalogueProgress(context.progress, io.isTTY === true);
  const { workspaceName, projectId } = invocation.ids;
  const messages = {
    invocation,
    baseUrlSource: baseUrlSource(invocation, io.env),
    baseUrl: client.baseUrl,
    strict: isStrict(invocation, io),
  };
  /** What the summary will say of an asset, kept as it settles; its summaries are let go. */
  const settle = (asset: string, outcome: AssetOutcome): Settled =>
    settledOf(asset, outcome, {
      file:
        outcome.outcome === "completed" || outcome.outcome === "already-done"
          ? join(outDir, outcome.ref ?? "")
          : undefined,
      message:
        outcome.outcome === "error"
          ? describeError(outcome.error, {
              ...messages,
              invocation: { ...invocation, ids: { ...invocation.ids, assetId: asset } },
            })
          : undefined,
    });
  const outcomes = new Map<string, Settled>();
  const { signal, intervalMs, maxIntervalMs, maxWaitMs, notRequestedGraceMs } =
    waitOptions(context);
  try {
    for await (const outcome of client.sceneSummaries.summarizeMany(
      list.ids.map((assetId) => ({ workspaceName, projectId, assetId })),
      {
        signal,
        intervalMs,
        maxIntervalMs,
        maxWaitMs,
        notRequestedGraceMs,
        concurrency: invocation.concurrency,
        locale: invocation.locale,
        retryFailed: invocation.retryFailed,
        journal,
        store: async (ids, summaries) => {
          const assetId = String(ids.assetId);
          try {
            return await writeExport(
              folder,
              assetId,
              format,
              exportText(summaries, format, assetId),
            );
          } catch (error) {
            const path = join(outDir, exportName(assetId, format));
            throw new OutputError(`cannot write ${path}: ${reason(error)}.`);
          }
        },
        isStored: (ids, ref) => hasExport(folder, String(ids.assetId), format, ref),
        onProgress: (update) => {
          const assetId = String(update.ids.assetId);
          if (update.state === "waiting") waiting.add(assetId);
          else waiting.delete(assetId);
          progress.update(update);
        },
      },
    )) {
      const asset = String(outcome.ids.assetId);
      outcomes.set(asset, settle(asset, outcome));
    }
  } catch (error) {
    // The journal could not be written (a full disk, say): nothing more was sent.
    const code = (error as { code?: unknown })?.code;
    if (error instanceof AbortError || signal?.aborted || typeof code !== "string") throw error;
    throw new OutputError(`cannot write the journal in --out-dir ${outDir}: ${reason(error)}.`);
  } finally {
    progress.end();
    await journal.close();
  }
  const settled = list.ids.map((asset) => outcomes.get(asset) as Settled);
  await context.deliver(
    invocation.json
      ? jsonSummary(settled, { outDir, format, repeated: list.repeated })
      : outcomeLines(settled),
  );
  const done = settled.filter(
    ({ outcome }) => outcome === "completed" || outcome === "already-done",
  ).length;
  context.note(
    `${done} of ${settled.length} asset${settled.length === 1 ? "" : "s"} done` +
      (done === settled.length
        ? "."
        : "; run the same command again to take the others up where they stopped (--retry-failed to request failed ones again)."),
  );
  return done === settled.length ? ExitCode.ok : ExitCode.incomplete;
}
