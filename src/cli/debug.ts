/**
 * `--debug`: a line on stderr for each request attempt, response, retry, poll and slowdown after a 429, from the
 * client's hooks, each with the time since the run began (`at … s`, a clock that only counts
 * up). The hooks are never given a header, the signature or the secret key, so neither is this
 * log.
 */

import { seconds } from "../duration.js";
import { quote } from "../errors.js";
import type { ClientHooks } from "../hooks.js";
// Server text goes to a terminal: printableLine leaves nothing a terminal obeys.
import { printableLine } from "../text.js";

/** Server text in a log line: printable, and short. */
function printable(text: unknown): string {
  return printableLine(quote(String(text)));
}

/**
 * Hooks that log with `line` (one line each, starting with `debug:`).
 *
 * @param now - A monotonic clock, in ms; the run began when the hooks were made.
 */
export function debugHooks(
  line: (text: string) => void,
  now: () => number = () => performance.now(),
): Omit<ClientHooks, "onDrift"> {
  const started = now();
  const at = () => `at ${seconds(now() - started)}`;
  const log = (text: string) => line(`debug: ${text}`);
  return {
    onRequest: ({ method, path, host, attempt }) =>
      log(`${method} ${host}${quote(path)}, attempt ${attempt}, ${at()}`),
    onResponse: ({ method, path, host, attempt, status, durationMs }) =>
      log(
        `HTTP ${status} for ${method} ${host}${quote(path)}, attempt ${attempt}, in ${seconds(durationMs)}, ${at()}`,
      ),
    onRetry: ({ method, path, attempt, delayMs, reason, status }) =>
      log(
        `retrying ${method} ${quote(path)} in ${seconds(delayMs)} after attempt ${attempt}: ` +
          `${printable(reason)}${status === undefined ? "" : ` (HTTP ${status})`}`,
      ),
    onThrottle: ({ ratePerSecond, pauseMs }) =>
      log(
        `throttled: every request now waits its turn at ${Number(ratePerSecond.toFixed(2))} a second` +
          (pauseMs > 0 ? `, after a pause of ${seconds(pauseMs)} (Retry-After)` : "") +
          `, ${at()}`,
      ),
    onPoll: ({ status, analyzedSceneCount, totalSceneCount, polls, nextDelayMs }) =>
      log(
        `poll ${polls}: ${printable(status)}, ${analyzedSceneCount ?? "?"}/${totalSceneCount ?? "?"} scenes, ` +
          at() +
          (nextDelayMs === undefined ? "" : `, next in ${seconds(nextDelayMs)}`),
      ),
  };
}
