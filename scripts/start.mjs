// @ts-check
/**
 * `npm start`: the main job of ncp-mi, with nothing to set up. Starts the bundled mock
 * (scripts/mock-server.mjs, scenario `complete`) on a free port, runs the built CLI's
 * `summarize` against it with fake demo keys (request, progress from WAIT_SUMMARIZE through
 * SUMMARIZING to SUMMARIZE_COMPLETED, then the chapters), stops the mock, and exits with the
 * CLI's exit code. `npm start` builds first (`npm run -s build && node scripts/start.mjs`).
 */
import { spawn } from "node:child_process";
import { CLI, DEMO_CREDENTIALS, DEMO_SUMMARIZE } from "./demo.mjs";
import { startMock } from "./mock-server.mjs";

/**
 * Runs the CLI with `args` against `baseUrl`, its output going straight to ours.
 *
 * @param {string[]} args
 * @param {string} baseUrl
 * @returns {Promise<number | null>} The exit code; null when a signal ended it.
 */
function runCli(args, baseUrl) {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: "inherit",
    env: { ...process.env, ...DEMO_CREDENTIALS, NCLOUD_MI_BASE_URL: baseUrl },
  });
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      console.error(`npm start: could not run ${CLI}: ${error.message}`);
      resolve(1);
    });
  });
}

console.log("Starting the bundled mock: Prism checking each request against openapi.yaml,");
console.log("with a summarisation that completes in about 3 seconds.");
let mock;
try {
  mock = await startMock({ scenario: "complete" });
} catch (error) {
  console.error(
    `npm start: the mock did not start.\n${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}
// Ctrl-C reaches the CLI too, which says what it leaves running; then stop the mock.
process.once("SIGINT", () => mock.stop().then(() => process.exit(130)));

console.log(
  [
    `Mock running on ${mock.url}.`,
    "This is NOT the real NAVER Cloud API: nothing leaves this machine, the keys are",
    "fake demo values, and the chapters are those of a made-up video of ten scenes.",
    "",
    `$ ncp-mi ${DEMO_SUMMARIZE.join(" ")}`,
  ].join("\n"),
);
const code = await runCli(DEMO_SUMMARIZE, mock.url);
await mock.stop();
if (code !== 0) {
  console.error(`npm start: ncp-mi summarize exited with ${code ?? "a signal"}.`);
  console.log("\nMock stopped.");
} else {
  console.log(
    [
      "\nMock stopped. Next:",
      "  npm run mock                         keep a mock running and point ncp-mi at it",
      "  npm run mock -- --scenario fail      see how a failure looks (also cancel, in-progress, slow)",
      "  node dist/cli/main.js --help",
    ].join("\n"),
  );
}
process.exitCode = code ?? 1;
