/**
 * `npm run mock [-- --port N]`: keeps the bundled mock running (Prism, answering from
 * openapi.yaml's examples) and prints how to point ncp-mi at it. The port comes from
 * `--port`, else PORT, else 4010. Ctrl-C (SIGINT) or SIGTERM stops Prism and exits 0.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { CLI, DEMO_CREDENTIALS, DEMO_INDEX_OPTIONS, DEMO_SUMMARY_OPTIONS } from "./demo.mjs";
import { startPrism } from "./prism.mjs";

const DEFAULT_PORT = "4010";

/** @param {string} message */
function fail(message) {
  console.error(`npm run mock: ${message}`);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({ options: { port: { type: "string" } } }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : error} Usage: npm run mock -- [--port N]`);
}
const portText = values.port ?? process.env.PORT ?? DEFAULT_PORT;
const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
if (!(port >= 1 && port <= 65_535))
  fail(`the port must be a number from 1 to 65535, got '${portText}'.`);

let ready = false;
let prism;
try {
  prism = await startPrism({
    mode: "mock",
    port,
    // Prism's start-up lists every route; after that its lines are the requests, worth showing.
    onOutput: (text) => {
      if (ready) process.stderr.write(text);
    },
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (/EADDRINUSE/.test(message))
    fail(`port ${port} is in use; pick another with --port N or PORT=N.`);
  fail(`the mock did not start.\n${message}`);
}
ready = true;

/**
 * @param {string} name
 * @param {string[]} options
 */
const exampleCommand = (name, ...options) =>
  `  node dist/cli/main.js ${name} ${[...DEMO_INDEX_OPTIONS, ...options].join(" ")}`;
console.log(
  [
    `Mock Media Intelligence API on ${prism.url}`,
    "This is the bundled mock (Prism, answering with the examples in openapi.yaml), NOT the real",
    "NAVER Cloud API: nothing leaves this machine and any keys will do. Ctrl-C stops it.",
    "",
    "Point ncp-mi at it from another terminal, in this directory:",
    `  export NCLOUD_MI_BASE_URL=${prism.url}`,
    ...Object.entries(DEMO_CREDENTIALS).map(([name, value]) => `  export ${name}=${value}`),
    exampleCommand("status", ...DEMO_SUMMARY_OPTIONS),
    exampleCommand("summaries", "--format", "vtt"),
    ...(existsSync(CLI) ? [] : ["(dist/ is not built yet: run `npm run build` first.)"]),
    "",
    "Requests appear below as they arrive.",
  ].join("\n"),
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    stopping = true;
    await prism.stop();
    process.exit(0);
  });
}
const code = await prism.exited;
// Its output since start-up has been shown as it came.
if (!stopping) fail(`Prism stopped unexpectedly (exit code ${code}).`);
