/**
 * `npm start`: a first look at ncp-mi with nothing to set up. Starts the bundled mock (Prism,
 * answering from openapi.yaml's examples) on a free port, runs the built CLI's `status` and
 * `summaries` against it with fake demo keys, stops the mock, and exits 0, or non-zero when
 * a step fails. `npm start` builds first (`npm run -s build && node scripts/start.mjs`).
 */
import { spawn } from "node:child_process";
import { CLI, DEMO_CREDENTIALS, DEMO_INDEX_OPTIONS, DEMO_SUMMARY_OPTIONS } from "./demo.mjs";
import { startPrism } from "./prism.mjs";

const STEPS = [
  ["status", ...DEMO_INDEX_OPTIONS, ...DEMO_SUMMARY_OPTIONS],
  ["summaries", ...DEMO_INDEX_OPTIONS],
];

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

console.log("Starting the bundled mock: Prism, answering with the examples in openapi.yaml.");
let prism;
try {
  prism = await startPrism({ mode: "mock" });
} catch (error) {
  console.error(
    `npm start: the mock did not start.\n${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}
// Prism runs in a process group of its own, so Ctrl-C does not reach it: stop it ourselves.
process.once("SIGINT", () => prism.stop().then(() => process.exit(130)));

console.log(
  [
    `Mock running on ${prism.url}.`,
    "This is NOT the real NAVER Cloud API: nothing leaves this machine, the keys are",
    "fake demo values, and every answer is an example from the spec.",
  ].join("\n"),
);
let failed = 0;
for (const args of STEPS) {
  console.log(`\n$ ncp-mi ${args.join(" ")}`);
  const code = await runCli(args, prism.url);
  if (code !== 0) {
    console.error(`npm start: ncp-mi ${args[0]} exited with ${code ?? "a signal"}.`);
    failed = 1;
    break;
  }
}
await prism.stop();
console.log(
  failed
    ? "\nMock stopped."
    : [
        "\nMock stopped. Next:",
        "  npm run mock      keep a mock running and point ncp-mi at it",
        "  node dist/cli/main.js --help",
      ].join("\n"),
);
process.exitCode = failed;
