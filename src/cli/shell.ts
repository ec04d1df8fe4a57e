/** ncp-mi command lines to suggest to the user, quoted so that they can be pasted into a shell. */
import { quote } from "../errors.js";
import type { CliIds } from "./invocation.js";

/** `text` as one POSIX shell word: as is when safe, else in single quotes (`'` as `'\''`). */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * `ncp-mi <command>` with the ids' options, for "follow it with …" and "to cancel it: …".
 * A long id is shortened with `…`: the line is a hint, and must stay one.
 */
export function commandFor(command: string, ids: CliIds): string {
  const options: Array<[string, string | undefined]> = [
    ["--workspace", ids.workspaceName],
    ["--project", ids.projectId],
    ["--asset", ids.assetId],
    ["--index", ids.indexId],
    ["--summary", ids.sceneSummaryId],
  ];
  const words = options.flatMap(([name, value]) =>
    value === undefined ? [] : [name, shellQuote(quote(value))],
  );
  return ["ncp-mi", command, ...words].join(" ");
}
