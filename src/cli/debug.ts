/**
 * `--debug`: a line on stderr for each request attempt, retry and poll, from the client's
 * hooks. The hooks are never given a header, the signature or the secret key, so neither is
 * this log.
 */
import type { MediaIntelligenceClientOptions } from "../client.js";
import { quote } from "../errors.js";
import { printableLine } from "../text.js";
import type { Output } from "./io.js";
import { formatSeconds } from "./messages.js";

/** The client's hooks. */
type Hooks = NonNullable<MediaIntelligenceClientOptions["hooks"]>;

/** Server text in a log line: printable, and short. */
function printable(text: unknown): string {
  return printableLine(quote(String(text)));
}

/** Hooks that log to `stderr`, each line starting with `debug:`. */
export function debugHooks(stderr: Output): Hooks {
  const log = (line: string) => stderr.write(`debug: ${line}\n`);
  return {
    onRequest: ({ method, path, host, attempt, elapsedMs }) =>
      log(`${method} ${host}${quote(path)}, attempt ${attempt}, at ${formatSeconds(elapsedMs)}`),
    onRetry: ({ method, path, attempt, delayMs, reason, status }) =>
      log(
        `retrying ${method} ${quote(path)} in ${formatSeconds(delayMs)} after attempt ${attempt}: ` +
          `${printable(reason)}${status === undefined ? "" : ` (HTTP ${status})`}`,
      ),
    onPoll: ({ status, analyzedSceneCount, totalSceneCount, polls, elapsedMs, nextDelayMs }) =>
      log(
        `poll ${polls}: ${printable(status)}, ${analyzedSceneCount}/${totalSceneCount} scenes, ` +
          `at ${formatSeconds(elapsedMs)}` +
          (nextDelayMs === undefined ? "" : `, next in ${formatSeconds(nextDelayMs)}`),
      ),
  };
}
