// @ts-check
/**
 * `npm run mock [-- --port N] [--host H] [--scenario NAME] [--speed X]`: keeps the bundled
 * mock running (scripts/mock-server.mjs: summarisations that progress, Prism checking every
 * request against openapi.yaml) and prints how to point ncp-mi at it. The port comes from
 * `--port`, else PORT, else 4010; a port in use is refused. It listens on loopback unless
 * `--host` says otherwise. Ctrl-C, SIGTERM or SIGHUP stops it and exits 0, and so does its
 * parent's end (scripts/mock/parent.mjs), so that a parent killed by PID, `npm run mock`'s
 * npm included, leaves no mock or Prism behind. `--help` prints the usage.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  CLI,
  DEMO_ASSET_OPTIONS,
  DEMO_CREDENTIALS,
  DEMO_INDEX_OPTIONS,
  DEMO_SUMMARIZE,
} from "./demo.mjs";
import { watchParent } from "./mock/parent.mjs";
import { isScenario, SCENARIO_DESCRIPTIONS, SCENARIO_NAMES } from "./mock/scenarios.mjs";
import { startMock } from "./mock-server.mjs";

const DEFAULT_PORT = "4010";
const DEFAULT_HOST = "127.0.0.1";
const USAGE = `Usage: npm run mock -- [--port N] [--host H] [--scenario ${SCENARIO_NAMES.join("|")}] [--speed X]`;
const HELP = [
  USAGE,
  "",
  "Runs the bundled mock of the Media Intelligence API (Prism checking each request against",
  "openapi.yaml, summarisations that progress) until Ctrl-C.",
  "",
  `  --port N         Port to listen on (default: PORT, else ${DEFAULT_PORT}); one in use is refused.`,
  `  --host H         Interface to listen on (default ${DEFAULT_HOST}, loopback only).`,
  "  --scenario NAME  How a summarisation requested goes (default complete):",
  ...SCENARIO_NAMES.map((name) => `                     ${name}: ${SCENARIO_DESCRIPTIONS[name]}`),
  "  --speed X        How much faster than real time the mock runs (default 1).",
  "  -h, --help       Print this help.",
  "",
].join("\n");

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`npm run mock: ${message}`);
  process.exit(1);
}

/**
 * The port, host, scenario and speed asked for; or the help printed and an exit 0; or an exit
 * with a message saying what is wrong.
 *
 * @returns {{ port: number, host: string, scenario: import("./mock/scenarios.mjs").Scenario, speed: number }}
 */
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string", default: DEFAULT_HOST },
        scenario: { type: "string", default: "complete" },
        speed: { type: "string", default: "1" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error} ${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const portText = values.port ?? process.env.PORT ?? DEFAULT_PORT;
  const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= 65_535))
    fail(`the port must be a number from 1 to 65535, got '${portText}'.`);
  const { scenario } = values;
  if (!isScenario(scenario))
    fail(`unknown scenario '${scenario}': pick one of ${SCENARIO_NAMES.join(", ")}.`);
  const speed = Number(values.speed);
  if (!(Number.isFinite(speed) && speed > 0))
    fail(`--speed must be a number above 0, got '${values.speed}'.`);
  return { port, host: values.host, scenario, speed };
}

const { port, host, scenario, speed } = readOptions();
const mock = await startMock({
  port,
  host,
  scenario,
  speed,
  onLog: (line) => console.log(line),
}).catch((error) => {
  if (error?.code === "EADDRINUSE")
    fail(`port ${port} is in use; pick another with --port N or PORT=N.`);
  fail(`the mock did not start.\n${error instanceof Error ? error.message : error}`);
});

/**
 * @param {string[]} args
 */
const example = (args) => `  node dist/cli/main.js ${args.join(" ")}`;
console.log(
  [
    `Mock Media Intelligence API on ${mock.url}`,
    `Scenario '${scenario}': ${SCENARIO_DESCRIPTIONS[scenario]}.`,
    "This is the bundled mock (Prism checking each request against openapi.yaml, answering as",
    "it documents, about a made-up video of ten scenes), NOT the real NAVER Cloud API: nothing",
    "leaves this machine and any keys will do. Ctrl-C stops it.",
    "",
    "Point ncp-mi at it from another terminal, in this directory:",
    `  export NCLOUD_MI_BASE_URL=${mock.url}`,
    ...Object.entries(DEMO_CREDENTIALS).map(([name, value]) => `  export ${name}=${value}`),
    example(DEMO_SUMMARIZE),
    example(["status", ...DEMO_ASSET_OPTIONS]),
    example(["summaries", ...DEMO_ASSET_OPTIONS, "--format", "vtt"]),
    "A catalogue (each asset has its own summarisation, so any IDs will do):",
    "  printf 'a1\\na2\\na3\\n' | \\",
    example([
      "summarize",
      "--workspace",
      "my-workspace",
      "--project",
      "1234",
      "--assets-from",
      "-",
      "--out-dir",
      "chapters",
      "--interval",
      "1",
    ]),
    "The index-based (deprecated) API: the same commands with --index 1001, such as",
    example(["request", ...DEMO_INDEX_OPTIONS]),
    ...(existsSync(CLI) ? [] : ["(dist/ is not built yet: run `npm run build` first.)"]),
    "",
    `Other scenarios: npm run mock -- --scenario ${SCENARIO_NAMES.filter((name) => name !== scenario).join("|")},`,
    "or per request the header X-Mock-Scenario: NAME. Each asset and index has its own state.",
    "",
    "Requests appear below as they arrive.",
  ].join("\n"),
);

let stopping = false;
/** Stops the mock and exits 0; the first call wins. */
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await mock.stop();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, shutdown);
watchParent(shutdown);

const code = await mock.exited;
if (!stopping) {
  fail(`Prism stopped unexpectedly (exit code ${code}).\n${mock.prismOutput().slice(-2_000)}`);
}
