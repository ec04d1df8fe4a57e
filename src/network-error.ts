/**
 * Reading a network failure. fetch reports every failure as `TypeError: fetch failed`; the
 * reason is down its `cause` chain, as a system code (`ECONNREFUSED`, `ECONNRESET`) or, for a
 * port fetch will not connect to, only as the message "bad port". The retry policy and the
 * CLI's words both read it here.
 */

/** What a failure's `cause` chain says: its first code, and its innermost message. */
export interface RootCause {
  code?: string;
  message?: string;
}

/** The first string `code` and the innermost message down an error's `cause` chain (8 deep at most). */
export function rootCause(error: unknown): RootCause {
  let code: string | undefined;
  let message: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Object; depth++) {
    const { code: currentCode, message: currentMessage } = current as {
      code?: unknown;
      message?: unknown;
    };
    if (code === undefined && typeof currentCode === "string") code = currentCode;
    if (typeof currentMessage === "string") message = currentMessage;
    current = (current as { cause?: unknown }).cause;
  }
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

/** The error code of a network failure, such as `ECONNRESET`, if it has one. */
export function networkCode(error: unknown): string | undefined {
  return rootCause(error).code;
}
