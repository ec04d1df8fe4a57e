// @ts-check
/**
 * Starts Prism (`@stoplight/prism-cli`) on openapi.yaml, as a mock or as a validating proxy,
 * waits until it listens, and stops it again, its whole process group included; and reads what
 * Prism says about a response it served ({@link prismReport}). Shared by the contract tests,
 * `scripts/contract-live.mjs` and the `npm start`/`npm run mock` scripts.
 *
 * @example
 * ```js
 * import { startPrism } from "./prism.mjs";
 * const prism = await startPrism({ mode: "mock" });
 * try {
 *   await fetch(`${prism.url}/api/v1/…`);
 * } finally {
 *   await prism.stop();
 * }
 * ```
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository's openapi.yaml. */
export const DEFAULT_SPEC = fileURLToPath(new URL("../openapi.yaml", import.meta.url));

/** How long Prism gets to start listening. It usually takes about 1.5 s. */
const DEFAULT_START_TIMEOUT_MS = 20_000;
/** How long a stopped Prism gets to exit on SIGTERM before it is killed. */
const STOP_GRACE_MS = 3_000;
/** Prism's output kept for {@link PrismServer.output}: the end is what explains a failure. */
const OUTPUT_LIMIT = 64 * 1024;
/** Attempts when the free port we picked is taken by someone else before Prism binds it. */
const PORT_ATTEMPTS = 3;
/**
 * What Prism prints, followed by its URL, once its server is listening. Waiting for this line
 * from our own child, rather than probing the port, cannot mistake another server on the port
 * for ours, and puts no failed probe request in Prism's log.
 */
const LISTENING = "Prism is listening on";
/** The preload that ends Prism when this process ends: see {@link launch}. */
const EXIT_WITH_PARENT = pathToFileURL(
  fileURLToPath(new URL("./mock/exit-with-parent.mjs", import.meta.url)),
).href;

/**
 * @typedef {object} PrismOptions
 * @property {"mock" | "proxy"} [mode] `mock` answers from the spec's examples (default);
 *   `proxy` forwards to `upstream` and checks each request and response against the spec.
 * @property {string} [upstream] The server a proxy forwards to, such as
 *   `https://mi.apigw.ntruss.com`. Required for `proxy`, refused for `mock`.
 * @property {string} [spec] Path of the OpenAPI document. Defaults to the repository's
 *   openapi.yaml.
 * @property {string} [host] Interface to listen on. Defaults to `127.0.0.1`.
 * @property {number} [port] Port to listen on. Defaults to a free port.
 * @property {boolean} [errors] Answer a request or response that violates the spec with an
 *   error (Prism's `--errors`) instead of only reporting it in the `sl-violations` header.
 *   Defaults to `true`.
 * @property {number} [startTimeoutMs] How long Prism gets to start listening, in ms. Default 20,000.
 * @property {(text: string) => void} [onOutput] Called with each chunk Prism writes to stdout
 *   or stderr, to show its log as it comes.
 */

/**
 * @typedef {object} PrismServer
 * @property {string} url Base URL, such as `http://127.0.0.1:41234`.
 * @property {() => Promise<void>} stop Stops Prism and every process it started. Safe to
 *   call more than once.
 * @property {() => string} output What Prism has written to stdout and stderr so far (the
 *   last 64 KiB).
 * @property {Promise<number | null>} exited Settles with the exit code when Prism exits, for
 *   whatever reason.
 */

/**
 * Starts Prism and resolves once it listens for HTTP requests.
 *
 * @param {PrismOptions} [options]
 * @returns {Promise<PrismServer>}
 * @throws {Error} when the options are inconsistent, or when Prism exits or does not listen
 *   within `startTimeoutMs`; the message then includes Prism's output.
 */
export async function startPrism(options = {}) {
  const { mode = "mock", upstream } = options;
  if (mode !== "mock" && mode !== "proxy") {
    throw new Error(`startPrism: mode must be "mock" or "proxy", got ${JSON.stringify(mode)}.`);
  }
  if (mode === "proxy" && !upstream) {
    throw new Error("startPrism: proxy mode needs an `upstream` URL to forward to.");
  }
  if (mode === "mock" && upstream) {
    throw new Error("startPrism: `upstream` is only for proxy mode.");
  }
  if (options.port !== undefined) return launch(options, options.port);
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort(options.host ?? "127.0.0.1"));
    } catch (error) {
      // Between closing our probe socket and Prism binding the port, another process may
      // take it. That is rare, and worth one more try rather than a red build.
      const taken = error instanceof PrismStartError && /EADDRINUSE/.test(error.output);
      if (!taken || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/** Prism did not start; `output` is what it wrote. */
class PrismStartError extends Error {
  /**
   * @param {string} message
   * @param {string} output
   */
  constructor(message, output) {
    super(`${message}\n--- Prism output ---\n${output.trim() || "(none)"}`);
    this.name = "PrismStartError";
    this.output = output;
  }
}

/**
 * @param {PrismOptions} options
 * @param {number} port
 * @returns {Promise<PrismServer>}
 */
async function launch(options, port) {
  const {
    mode = "mock",
    upstream,
    spec = DEFAULT_SPEC,
    host = "127.0.0.1",
    errors = true,
    startTimeoutMs = DEFAULT_START_TIMEOUT_MS,
    onOutput,
  } = options;
  // Prism runs with a watchdog preloaded that ends it when its stdin, a pipe from this
  // process, closes: so it cannot outlive this process, however this process ends (SIGKILL
  // included, when no exit handler runs).
  const args = ["--import", EXIT_WITH_PARENT, prismEntry(), mode, spec];
  if (upstream) args.push(upstream);
  args.push("--host", host, "--port", String(port), `--errors=${errors}`);

  // Detached: Prism gets a process group of its own, so that stop() can end it together
  // with anything it forks, and Ctrl-C in a terminal reaches us, not Prism directly.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let output = "";
  let listening = false;
  /** @type {() => void} */
  let onListening = () => {};
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-OUTPUT_LIMIT);
    if (!listening && output.includes(`${LISTENING} ${url}`)) {
      listening = true;
      onListening();
    }
    onOutput?.(text);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      collect(Buffer.from(`${error.message}\n`));
      resolve(null);
    });
  });
  let running = true;
  exited.then(() => {
    running = false;
    process.off("exit", killOnExit);
  });

  // If this process ends without calling stop() (an uncaught error, process.exit), Prism
  // must not outlive it.
  const killOnExit = () => signalGroup(child.pid, "SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    if (!running) return;
    signalGroup(child.pid, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const ready = await new Promise((resolve) => {
    if (listening) resolve("listening");
    onListening = () => resolve("listening");
    exited.then(() => resolve("exited"));
    setTimeout(() => resolve("timeout"), startTimeoutMs).unref();
  });
  if (ready !== "listening") {
    await stop();
    const why =
      ready === "exited"
        ? `Prism exited before it listened (${mode} of ${spec} on ${url}).`
        : `Prism did not listen on ${url} within ${startTimeoutMs} ms (${mode} of ${spec}).`;
    throw new PrismStartError(why, output);
  }
  return { url, stop, output: () => output, exited };
}

/**
 * A port that is free now, found by letting the system pick one for a moment.
 *
 * @param {string} host
 * @returns {Promise<number>}
 */
function freePort(host) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Sends a signal to a process group, ignoring a group that is already gone.
 *
 * @param {number | undefined} pid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pid, signal) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already exited.
  }
}

/** Prism's CLI script, run with this Node rather than through a shell shim. */
function prismEntry() {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("@stoplight/prism-cli/package.json");
  return join(dirname(packageJson), require(packageJson).bin.prism);
}

/**
 * One finding of Prism's validation, as it reports them in the `sl-violations` header and in
 * the `validation` list of its problem responses.
 *
 * @typedef {object} Violation
 * @property {string[]} location Where, such as `["response", "body", "result", "status"]`.
 * @property {string} severity `Error`, `Warning`, `Info` or `Hint`.
 * @property {string | number} [code] The JSON Schema keyword or HTTP status at fault.
 * @property {string} message What is wrong, naming the field.
 */

/**
 * An RFC 9457 problem that Prism itself answered with, instead of the mocked or upstream
 * response: a violation (`…#VIOLATIONS`), a refused request (`…#UNAUTHORIZED`,
 * `…#UNPROCESSABLE_ENTITY`), an unknown route, or an upstream it could not reach.
 *
 * @typedef {object} PrismProblem
 * @property {string} type
 * @property {string} title
 * @property {number} status
 * @property {string} [detail]
 * @property {Violation[]} [validation]
 */

/**
 * What Prism said about one response it served.
 *
 * @typedef {object} PrismReport
 * @property {number} status HTTP status of the response.
 * @property {Violation[]} violations From the `sl-violations` header: set when the request or
 *   the response does not match the spec, including warnings (such as an undocumented
 *   status) that `--errors` lets through.
 * @property {PrismProblem | undefined} problem Set when the body is Prism's own problem
 *   (`application/problem+json`), not the API's: the real API and the spec's examples answer
 *   `application/json`.
 */

/**
 * Reads Prism's report on a response, leaving the response itself unread.
 *
 * @param {Response} response A response that came through Prism.
 * @returns {Promise<PrismReport>}
 */
export async function prismReport(response) {
  const header = response.headers.get("sl-violations");
  /** @type {Violation[]} */
  const violations = header ? JSON.parse(header) : [];
  const type = response.headers.get("Content-Type") ?? "";
  /** @type {PrismProblem | undefined} */
  let problem;
  if (type.startsWith("application/problem+json")) {
    problem = JSON.parse(await response.clone().text());
  }
  return { status: response.status, violations, problem };
}
