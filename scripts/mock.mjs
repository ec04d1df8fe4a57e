// @ts-check
/**
 * `npm run mock [-- --port N] [--scenario NAME] [--speed X]`: keeps the bundled mock running
 * (scripts/mock-server.mjs: summarisations that progress, Prism checking every request against
 * openapi.yaml) and prints how to point ncp-mi at it. The port comes from `--port`, else PORT,
 * else 4010; a port in use is refused. Ctrl-C, SIGTERM or SIGHUP stops it and exits 0, and so
 * does its parent's end: it exits when its parent process is gone, or when its stdin, a pipe
 * or socket from the parent, closes, so that a parent killed by PID leaves no mock or Prism
 * behind.
 */
import { existsSync, fstatSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  CLI,
  DEMO_ASSET_OPTIONS,
  DEMO_CREDENTIALS,
  DEMO_INDEX_OPTIONS,
  DEMO_SUMMARIZE,
} from "./demo.mjs";
import { isScenario, SCENARIO_DESCRIPTIONS, SCENARIO_NAMES } from "./mock/scenarios.mjs";
import { startMock } from "./mock-server.mjs";

const DEFAULT_PORT = "4010";
const USAGE = `Usage: npm run mock -- [--port N] [--scenario ${SCENARIO_NAMES.join("|")}] [--speed X]`;
/** How often the parent process is looked for, in ms. */
const PARENT_CHECK_MS = 500;

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`npm run mock: ${message}`);
  process.exit(1);
}

/**
 * The port, scenario and speed asked for, or an exit with a message saying what is wrong.
 *
 * @returns {{ port: number, scenario: import("./mock/scenarios.mjs").Scenario, speed: number }}
 */
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        scenario: { type: "string", default: "complete" },
        speed: { type: "string", default: "1" },
      },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error} ${USAGE}`);
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
  return { port, scenario, speed };
}

const { port, scenario, speed } = readOptions();
const mock = await startMock({ port, scenario, speed, onLog: (line) => console.log(line) }).catch(
  (error) => {
    if (error?.code === "EADDRINUSE")
      fail(`port ${port} is in use; pick another with --port N or PORT=N.`);
    fail(`the mock did not start.\n${error instanceof Error ? error.message : error}`);
  },
);

/**
 * @param {string[]} args
 */
const example = (args) => `  node dist/cli/main.js ${args.join(" ")}`;
console.log(
  [
    `Mock Media Intelligence API on ${mock.url}`,
    `Scenario '${scenario}': ${SCENARIO_DESCRIPTIONS[scenario]}.`,
    "This is the bundled mock (Prism checking each request against openapi.yaml, answering with",
    "its examples), NOT the real NAVER Cloud API: nothing leaves this machine and any keys will",
    "do. Ctrl-C stops it.",
    "",
    "Point ncp-mi at it from another terminal, in this directory:",
    `  export NCLOUD_MI_BASE_URL=${mock.url}`,
    ...Object.entries(DEMO_CREDENTIALS).map(([name, value]) => `  export ${name}=${value}`),
    example(DEMO_SUMMARIZE),
    example(["status", ...DEMO_ASSET_OPTIONS]),
    example(["summaries", ...DEMO_ASSET_OPTIONS, "--format", "vtt"]),
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

/**
 * Calls `onGone` when the process that started this one is gone: its PID no longer exists
 * (Node's `process.ppid` is the parent at start-up, which is what is wanted), our stdin pipe or
 * socket from it closes, or our stdout to it does. A stdin that is a terminal or a file is
 * left alone: only a pipe's end says something about the parent.
 *
 * @param {() => void} onGone
 */
function watchParent(onGone) {
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === "ESRCH") onGone();
    }
  }, PARENT_CHECK_MS).unref();
  const stdin = statOrUndefined(0);
  if (stdin?.isFIFO() || stdin?.isSocket()) {
    process.stdin.on("end", onGone).on("error", onGone).resume();
  }
  process.stdout.on("error", onGone);
}

/**
 * @param {number} fd
 */
function statOrUndefined(fd) {
  try {
    return fstatSync(fd);
  } catch {
    return undefined; // closed
  }
}
