/**
 * Launches the system's Chromium for browser tests, through playwright-core. Test tools cannot
 * download a browser on these machines, so the executable comes from Debian's `chromium`
 * package (`.ci/run` installs it) or from CHROMIUM_PATH (GitHub's runners have Chrome).
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where the browser is looked for. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Starts headless Chromium with the flags this sandbox needs (no sandbox as root, and no
 * background networking, which the closed network would refuse).
 *
 * @throws Error naming the fix when the browser is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
