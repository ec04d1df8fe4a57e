/**
 * The secret key must not reach a web page: whoever loads the page can read it. The factories
 * that take the key refuse to run in one unless told otherwise. Worker runtimes (web workers,
 * Cloudflare Workers, Deno, Bun) have no `document`, and are not refused.
 */
import { InvalidInputError } from "./errors.js";

/** Whether this code runs in a web page: a window with a document and a navigator. */
function isWebPage(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return (
    typeof g.window === "object" && g.window?.document !== undefined && g.navigator !== undefined
  );
}

/**
 * Throws in a web page unless `allowed`.
 *
 * @throws InvalidInputError naming `dangerouslyAllowBrowser`.
 */
export function refuseBrowser(allowed: boolean | undefined): void {
  if (allowed === true || !isWebPage()) return;
  throw new InvalidInputError(
    "secretKey",
    "would be readable by every visitor of this web page: sign on a server instead (README, " +
      '"Signing in a browser")',
    "dangerouslyAllowBrowser",
  );
}
