/**
 * Where and as whom to connect: credentials and the API host, from options or the
 * environment. Shared by the typed client and the spec-level openapi-fetch client.
 */
import { InvalidInputError, quote } from "./errors.js";

/** The real API host. */
export const DEFAULT_BASE_URL = "https://mi.apigw.ntruss.com";

/** Credentials and host. Each falls back to an environment variable where one exists. */
export interface ConnectionOptions {
  /** Access key ID. Defaults to the `NCLOUD_ACCESS_KEY` environment variable. */
  accessKey?: string | undefined;
  /** Secret key. Defaults to the `NCLOUD_SECRET_KEY` environment variable. Never exposed. */
  secretKey?: string | undefined;
  /** API host. Defaults to `NCLOUD_MI_BASE_URL`, else `https://mi.apigw.ntruss.com`. */
  baseUrl?: string | undefined;
  /**
   * Allows an `http://` base URL that is not a loopback address. Off by default: over plain
   * HTTP the access key and a replayable signature travel in clear.
   */
  allowInsecureHttp?: boolean | undefined;
}

/** Resolved {@link ConnectionOptions}: both keys present, the host normalised without a trailing slash. */
export interface Connection {
  accessKey: string;
  secretKey: string;
  baseUrl: string;
}

/**
 * Resolves credentials and host from the options, then the environment.
 *
 * @param env - Environment variables; defaults to `process.env` where there is one.
 * @throws InvalidInputError for a missing key (naming its environment variable) or a bad host.
 */
export function resolveConnection(
  options: ConnectionOptions,
  env: Record<string, string | undefined> = readEnvironment(),
): Connection {
  // Variables are read only for what the options leave out: Deno refuses any read without
  // --allow-env, even of a variable that is not needed.
  const variable = (name: string) => readVariable(env, name);
  return {
    accessKey: credential(
      options.accessKey ?? variable("NCLOUD_ACCESS_KEY"),
      options.accessKey === undefined,
      "accessKey",
      "NCLOUD_ACCESS_KEY",
    ),
    secretKey: credential(
      options.secretKey ?? variable("NCLOUD_SECRET_KEY"),
      options.secretKey === undefined,
      "secretKey",
      "NCLOUD_SECRET_KEY",
    ),
    baseUrl: baseUrlOf(options, variable),
  };
}

/** The environment variables, where the runtime has them (`process.env`); else none. */
export function readEnvironment(): Record<string, string | undefined> {
  return (
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}
  );
}

/** One variable, or undefined where the runtime refuses to tell (Deno without --allow-env). */
export function readVariable(
  env: Record<string, string | undefined>,
  name: string,
): string | undefined {
  try {
    return env[name];
  } catch {
    return undefined;
  }
}

/**
 * A credential, checked. An error names where it came from: the option, or the environment
 * variable when the option was left out.
 */
function credential(
  value: string | undefined,
  fromEnv: boolean,
  option: string,
  variable: string,
): string {
  if (typeof value !== "string" || value === "") {
    throw new InvalidInputError(
      option,
      `is missing: pass \`${option}\` or set the ${variable} environment variable`,
    );
  }
  if (value.trim() !== value) {
    throw new InvalidInputError(
      fromEnv ? variable : option,
      "starts or ends with white space; remove it (keys have none)",
    );
  }
  return value;
}

/** The base URL, from the option, else `NCLOUD_MI_BASE_URL`, else the real API's. */
function baseUrlOf(
  options: ConnectionOptions,
  variable: (name: string) => string | undefined,
): string {
  const allowInsecureHttp = options.allowInsecureHttp === true;
  if (options.baseUrl !== undefined) {
    return normaliseBaseUrl(options.baseUrl, allowInsecureHttp, "baseUrl");
  }
  const fromEnv = variable("NCLOUD_MI_BASE_URL");
  return fromEnv
    ? normaliseBaseUrl(fromEnv, allowInsecureHttp, "NCLOUD_MI_BASE_URL")
    : DEFAULT_BASE_URL;
}

/**
 * The host as an absolute URL without trailing slash, normalised once here (WHATWG URL
 * serialisation: lower-case scheme and host, no default port), because requests are signed
 * over exactly the URL string that is sent. Query, fragment and credentials are refused: an
 * empty `?` or `#` would swallow the API path, and fetch refuses URLs with credentials.
 */
function normaliseBaseUrl(value: string, allowInsecureHttp: boolean, field: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // `localhost:4010` parses, as a URL of scheme `localhost:`: a missing scheme all the same.
  if (!url || !/^[a-z][a-z\d+.-]*:\/\//i.test(value)) {
    const shown = redactUserinfo(value);
    const guess = /^(localhost|127\.|\[::1\])/.test(shown) ? `http://${shown}` : `https://${shown}`;
    throw new InvalidInputError(
      field,
      `must be an absolute http(s) URL, with its scheme, such as ${quote(guess)}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidInputError(field, `must be an http(s) URL, not ${quote(url.protocol)}`);
  }
  if (value.includes("?") || value.includes("#")) {
    throw new InvalidInputError(field, "must not have a query or a fragment");
  }
  if (url.username || url.password) {
    throw new InvalidInputError(field, "must not contain a user name or password");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new InvalidInputError(
      field,
      `${quote(url.origin)} is plain HTTP: the access key and a replayable signature would travel in clear; use https://`,
      "allowInsecureHttp",
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * `text` with the user name and password of a URL in it replaced by `***`: a base URL given
 * with credentials must not have them echoed in a message.
 */
export function redactUserinfo(text: string): string {
  return text.replace(
    /^([a-z][a-z\d+.-]*:\/\/)?[^/?#@]*@/i,
    (_, scheme: string | undefined) => `${scheme ?? ""}***@`,
  );
}

/** Whether `hostname` (as the URL parser gives it) names this machine. */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
