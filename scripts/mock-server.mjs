// @ts-check
/**
 * The bundled mock of the Media Intelligence API: a summarisation that progresses, in front of
 * Prism. Every request goes to Prism, which checks it against openapi.yaml (signature headers,
 * parameters, body) and refuses a bad one as it would alone (401, 422, …). For a request it
 * accepts, this layer has chosen which of the spec's responses Prism serves, by `Prefer:
 * code=…, example=…`, from the state of that asset's or index's summarisation, and brings the
 * body up to date (the status and the analysed count of that moment, the request's scene
 * summary id, and the result of the runs that completed: see scripts/mock/video.mjs). So every
 * answer is one the spec documents, and the state moves as the scenario says: see
 * scripts/mock/scenarios.mjs.
 *
 * It serves its own spec and nothing else: only request targets that are a path, always sent
 * to its own Prism, and only requests whose Host header names this machine or an address, so
 * that a web page cannot reach it under a name of its own (DNS rebinding). It listens on
 * loopback unless told otherwise.
 *
 * Used by `npm run mock`, `npm start` and the tests.
 *
 * @example
 * ```js
 * import { startMock } from "./mock-server.mjs";
 * const mock = await startMock({ scenario: "fail", speed: 4 });
 * try {
 *   // point a client at mock.url
 * } finally {
 *   await mock.stop();
 * }
 * ```
 */
import { createServer, request } from "node:http";
import { isIP } from "node:net";
import { matchRoute } from "./mock/routes.mjs";
import { isScenario, SCENARIO_NAMES } from "./mock/scenarios.mjs";
import { Summaries } from "./mock/summaries.mjs";
import { prismReport, startPrism } from "./prism.mjs";

/** @typedef {import("./mock/scenarios.mjs").Scenario} Scenario */

/** The request header that picks a scenario for one asset's or index's new summarisation. */
export const SCENARIO_HEADER = "x-mock-scenario";

/** The largest request body the mock reads; the API's bodies are a few bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Response headers that belong to one connection, not to the answer, and are not copied. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

/**
 * @typedef {object} MockOptions
 * @property {number} [port] Port to listen on; 0 or none picks a free one. A port in use is
 *   refused (the error has `code` `EADDRINUSE`).
 * @property {string} [host] Interface to listen on. Defaults to `127.0.0.1`, loopback. A
 *   name given here is also allowed in the Host header of requests.
 * @property {Scenario} [scenario] How summarisations go unless a request's `X-Mock-Scenario`
 *   header says otherwise. Defaults to `complete`.
 * @property {number} [speed] How much faster than normal the mock's time runs: 2 halves every
 *   duration. Defaults to 1 (`complete` then takes about 3 s).
 * @property {(line: string) => void} [onLog] Called with one line for each request: what it
 *   was, and what the mock answered and why.
 * @property {() => number} [now] The mock's clock, in ms since the epoch. Defaults to
 *   `Date.now`; a test can pass one it moves itself, to see every step of a scenario
 *   whatever the machine's load.
 */

/**
 * @typedef {object} MockServer
 * @property {string} url Base URL, such as `http://127.0.0.1:4010`.
 * @property {Scenario} scenario The default scenario.
 * @property {() => Promise<void>} stop Stops the mock and its Prism. Safe to call more than once.
 * @property {Promise<number | null>} exited Settles with Prism's exit code once the mock has
 *   stopped, for whatever reason (when Prism dies, the mock stops listening too).
 * @property {() => string} prismOutput What Prism has written so far (the last 64 KiB).
 */

/**
 * Starts the mock and resolves once it answers.
 *
 * @param {MockOptions} [options]
 * @returns {Promise<MockServer>}
 * @throws {Error} for a bad option, a port in use (`code` `EADDRINUSE`), or a Prism that
 *   does not start.
 */
export async function startMock(options = {}) {
  const {
    port = 0,
    host = "127.0.0.1",
    scenario = "complete",
    speed = 1,
    onLog,
    now = Date.now,
  } = options;
  if (!isScenario(scenario)) {
    throw new Error(`startMock: unknown scenario ${JSON.stringify(scenario)}; ${oneOf()}.`);
  }
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new Error(`startMock: speed must be a number above 0, got ${speed}.`);
  }
  const summaries = new Summaries({ speed });
  /** @type {Map<string, Promise<void>>} */
  const queues = new Map();
  /** @type {{ url: string } | undefined} */
  let upstream;
  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, host)) {
      onLog?.(`${req.method} ${req.url} → 403 Host ${JSON.stringify(req.headers.host)}`);
      return sendProblem(
        res,
        403,
        "Host not allowed",
        "The mock answers requests for localhost, *.localhost, an IP address or the host it was started on.",
      );
    }
    if (!isPath(req.url)) {
      onLog?.(`${req.method} ${req.url} → 400 not a path`);
      return sendProblem(
        res,
        400,
        "Not a path",
        "The mock answers request targets that are a path, such as /api/v1/…; it forwards nothing elsewhere.",
      );
    }
    if (!upstream) {
      return sendProblem(res, 503, "Mock starting", "Prism is not listening yet; try again.");
    }
    handle(req, res, {
      prismUrl: upstream.url,
      summaries,
      queues,
      scenario,
      now,
      log: onLog ?? (() => {}),
    }).catch((error) => {
      onLog?.(`${req.method} ${req.url} → 502 ${error instanceof Error ? error.message : error}`);
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("The mock could not reach its Prism.\n");
    });
  });
  // Listen before starting Prism: a port in use is refused at once, by the system, whoever
  // holds it (another mock included).
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, exclusive: true }, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  let prism;
  try {
    prism = await startPrism({ mode: "mock", errors: true });
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  upstream = prism;
  const exited = prism.exited.then(async (code) => {
    await closeServer(server);
    return code;
  });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
    scenario,
    stop: async () => {
      await Promise.all([closeServer(server), prism.stop()]);
      await exited;
    },
    exited,
    prismOutput: prism.output,
  };
}

/**
 * Whether a request's Host header names a host the mock may be asked for: localhost and its
 * subdomains, an IP address (which no DNS answer can change), or the host it listens on. A
 * web page that has pointed a name of its own at this machine (DNS rebinding) sends that name.
 *
 * @param {string | undefined} header The Host header; HTTP/1.1 requires one, Node refuses its absence.
 * @param {string} listening The host the mock listens on.
 */
function hostAllowed(header, listening) {
  if (header === undefined) return true;
  let hostname;
  try {
    ({ hostname } = new URL(`http://${header}`));
  } catch {
    return false;
  }
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    isIP(bare) !== 0 ||
    hostname === listening.toLowerCase()
  );
}

/**
 * Whether a request target is a path (`/…`, the origin form), not another host's address
 * (`http://host/…`, `//host/…`, `/\host/…` as a URL parser reads it) nor `*`.
 *
 * @param {string | undefined} target
 */
function isPath(target) {
  return target !== undefined && /^\/(?![/\\])/.test(target);
}

/** The scenario names, for a message. */
function oneOf() {
  return `one of ${SCENARIO_NAMES.join(", ")}`;
}

/** @param {import("node:http").Server} server */
function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve(undefined);
    server.close(() => resolve(undefined));
    server.closeAllConnections();
  });
}

/**
 * @typedef {object} Context
 * @property {string} prismUrl
 * @property {Summaries} summaries
 * @property {Scenario} scenario The default scenario.
 * @property {() => number} now
 * @property {(line: string) => void} log
 * @property {Map<string, Promise<void>>} queues The calls under way, by asset or index: each
 *   waits for the one before, so that a plan and its commit stay together.
 */

/**
 * Answers one request: through Prism, with the state's answer when Prism accepts it.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {Context} context
 */
async function handle(req, res, context) {
  const method = req.method ?? "GET";
  const target = req.url ?? "/";
  const body = await readBody(req);
  if (body === undefined) {
    return sendProblem(
      res,
      413,
      "Request body too large",
      `The mock reads at most ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const chosen = req.headers[SCENARIO_HEADER];
  if (chosen !== undefined && !isScenario(chosen)) {
    context.log(`${method} ${target} → 400 unknown scenario ${JSON.stringify(chosen)}`);
    return sendProblem(res, 400, "Unknown mock scenario", `${SCENARIO_HEADER} must be ${oneOf()}.`);
  }
  const scenario = chosen ?? context.scenario;
  const route = matchRoute(method, new URL(target, "http://mock").pathname);
  if (!route) {
    const answer = await forward(req, body, context.prismUrl, undefined);
    context.log(`${method} ${target} → ${answer.status} (not an operation of the spec)`);
    return send(res, answer.status, answer.headers, answer.body);
  }
  await serialised(context.queues, route.key, async () => {
    const plan = context.summaries.plan(route, scenario, sceneIdsOf(body), context.now());
    const answer = await forward(req, body, context.prismUrl, plan);
    const refusal = await refusedBy(answer, plan.status);
    if (refusal) {
      context.log(`${method} ${target} → ${answer.status} refused by Prism: ${refusal}`);
      return send(res, answer.status, answer.headers, answer.body);
    }
    plan.commit?.();
    const text = plan.rewrite
      ? JSON.stringify(plan.rewrite(JSON.parse(answer.body.toString("utf8"))))
      : answer.body;
    context.log(`${method} ${target} → ${plan.status} ${plan.note} [${scenario}]`);
    send(res, plan.status, answer.headers, text);
  });
}

/**
 * Runs `task` once the tasks queued before it for `key` are done.
 *
 * @param {Map<string, Promise<void>>} byKey
 * @param {string} key
 * @param {() => Promise<void>} task
 */
function serialised(byKey, key, task) {
  const done = (byKey.get(key) ?? Promise.resolve()).then(task);
  const settled = done.catch(() => {});
  byKey.set(key, settled);
  settled.then(() => {
    if (byKey.get(key) === settled) byKey.delete(key);
  });
  return done;
}

/**
 * The `sceneIds` of a request body, when it has a list of them; whether the body is valid
 * is Prism's to say.
 *
 * @param {Buffer} body
 * @returns {{ sceneIds?: number[] }}
 */
function sceneIdsOf(body) {
  try {
    const { sceneIds } = JSON.parse(body.toString("utf8"));
    return Array.isArray(sceneIds) ? { sceneIds } : {};
  } catch {
    return {};
  }
}

/**
 * Why Prism refused the request, or undefined when it served the response it was asked for.
 *
 * @param {Answer} answer
 * @param {number} asked The status asked for.
 */
async function refusedBy(answer, asked) {
  const response = new Response(new Uint8Array(answer.body), {
    status: answer.status,
    headers: Object.entries(answer.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? ""]).map(
        (one) => /** @type {[string, string]} */ ([name, one]),
      ),
    ),
  });
  const { violations, problem } = await prismReport(response);
  const errors = violations.filter((violation) => violation.severity === "Error");
  if (answer.status === asked && !problem && errors.length === 0) return undefined;
  const reasons = [problem?.title, problem?.detail, ...errors.map((error) => error.message)];
  return reasons.filter(Boolean).join("; ") || `status ${answer.status}`;
}

/**
 * Prism's answer.
 *
 * @typedef {object} Answer
 * @property {number} status
 * @property {import("node:http").IncomingHttpHeaders} headers
 * @property {Buffer} body
 */

/**
 * Sends the request to Prism, asking for the plan's response.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {Buffer} body
 * @param {string} prismUrl
 * @param {{ status: number, example: string } | undefined} plan
 * @returns {Promise<Answer>}
 */
function forward(req, body, prismUrl, plan) {
  const headers = { ...req.headers };
  delete headers.host;
  delete headers.connection;
  delete headers.prefer;
  if (plan) headers.prefer = `code=${plan.status}, example=${plan.example}`;
  const { hostname, port } = new URL(prismUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      // Prism's address, and the target as a path that is sent as it came, never read as a URL.
      { hostname, port, path: req.url ?? "/", method: req.method, headers },
      (incoming) => {
        /** @type {Buffer[]} */
        const chunks = [];
        incoming.on("data", (chunk) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 502,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/**
 * Reads a request body, or resolves undefined when it is larger than {@link MAX_BODY_BYTES}.
 *
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<Buffer | undefined>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {string | Buffer} body
 */
function send(res, status, headers, body) {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
  res.writeHead(status, { ...kept, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Answers with a problem of the mock's own (not the API's), as Prism does for its own errors.
 *
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {string} title
 * @param {string} detail
 */
function sendProblem(res, status, title, detail) {
  const body = JSON.stringify({ type: "about:blank", title, status, detail });
  send(res, status, { "content-type": "application/problem+json" }, body);
}
