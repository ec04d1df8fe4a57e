/**
 * What a network failure means, in words a user can act on. fetch reports every failure as
 * `TypeError: fetch failed`; the reason is down its `cause` chain, as a system code
 * (ECONNREFUSED) or, for a port fetch will not connect to, only as the message "bad port".
 */
import { rootCause } from "../network-error.js";

/** Codes that mean the base URL may be wrong: worth a "Check --base-url". */
const ADDRESS_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** Whether a network failure may come from a wrong base URL: a refused or unknown address. */
export function mayBeWrongAddress(error: unknown): boolean {
  const { code, message } = rootCause(error);
  return message === "bad port" || (code !== undefined && ADDRESS_CODES.has(code));
}

/**
 * Why a connection to `host` failed, as a clause: "nothing listens on 127.0.0.1:4010
 * (ECONNREFUSED)".
 *
 * @param error - The network error, whose cause chain holds fetch's reason.
 * @param host - Host and port, as in the base URL.
 * @param protocol - `https:` or `http:`, from the base URL.
 */
export function networkReason(error: unknown, host: string, protocol: string): string {
  const { code, message = "" } = rootCause(error);
  const port = host.match(/:(\d+)$/)?.[1];
  if (message === "bad port") {
    return (
      `fetch refuses to connect to port ${port ?? "(default)"}: it is on the list of ports ` +
      "browsers and fetch block for safety (such as 6000 or 10080); use another port"
    );
  }
  switch (code) {
    case "ECONNREFUSED":
      return `nothing listens on ${host} (ECONNREFUSED): the connection was refused`;
    case "ENOTFOUND":
      return `the host name of ${host} does not resolve (ENOTFOUND)`;
    case "EAI_AGAIN":
      return `the name server did not answer for ${host} (EAI_AGAIN); try again`;
    case "ECONNRESET":
      return `${host} closed the connection before answering (ECONNRESET)`;
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return `could not connect to ${host} in time (${code})`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `there is no route to ${host} (${code})`;
    case "UND_ERR_SOCKET":
      return `${host} closed the connection in the middle of the response (UND_ERR_SOCKET)`;
    case "Z_DATA_ERROR":
    case "Z_BUF_ERROR":
      return `${host} sent a compressed body that does not decompress (${code})`;
  }
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number/i.test(message)) {
    return (
      `${host} does not speak TLS (${code ?? "wrong version number"}): it looks like a ` +
      "plain-HTTP server; use http:// instead of https://"
    );
  }
  if (code !== undefined && /CERT|SELF_SIGNED|ALTNAME/.test(code)) {
    return `the TLS certificate of ${host} is not trusted (${code})`;
  }
  if (protocol === "https:" && /ssl|tls/i.test(message)) {
    return `the TLS handshake with ${host} failed (${code ?? message})`;
  }
  return `the connection to ${host} failed (${code ?? (message || "no details")})`;
}
