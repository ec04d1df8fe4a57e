/**
 * `--dry-run`: the client signs its request as usual and hands it to a `fetch` that records
 * it and sends nothing; ncp-mi then prints it as a curl command. The secret key is never in
 * it: only the signature made with it, and the access key, as the gateway receives them.
 *
 * A command that changes something (request, cancel, summarize) may read the status first;
 * that read is answered here, without sending, as if nothing had been requested, so that the
 * request shown is the one that would change something.
 */
import type { FetchLike } from "../transport.js";
import { shellQuote } from "./shell.js";

/** A request as the client handed it to `fetch`. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Header names in lower case, in the order given. */
  headers: Array<[string, string]>;
  body?: string | undefined;
}

/** What `fetch` throws in a dry run: the call stops there, having sent nothing. */
class NotSent extends Error {
  override readonly name = "NotSent";
}

/** A recording `fetch`, and what it recorded. */
export interface DryRun {
  fetch: FetchLike;
  /** The first request the client tried to send, if it got that far. */
  recorded(): RecordedRequest | undefined;
}

/** What a status read before a request is answered with in a dry run: nothing requested yet. */
const NOTHING_REQUESTED = { code: "0", message: "success", result: { status: "BEFORE_SUMMARIZE" } };

/**
 * Creates a {@link DryRun}: its `fetch` records the first request it is to show and fails
 * every call from there on.
 *
 * @param show - `changes`: the first request that is not a GET (a GET before it is answered
 *   with {@link NOTHING_REQUESTED}); `reads`: the first request.
 */
export function createDryRun(show: "changes" | "reads"): DryRun {
  let first: RecordedRequest | undefined;
  return {
    fetch: async (url, init) => {
      const method = init.method ?? "GET";
      if (!first && show === "changes" && method === "GET") return Response.json(NOTHING_REQUESTED);
      first ??= {
        method,
        url,
        headers: [...new Headers(init.headers)],
        body: bodyText(init.body),
      };
      throw new NotSent("--dry-run: not sent");
    },
    recorded: () => first,
  };
}

function bodyText(body: RequestInit["body"]): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return String(body);
}

/**
 * The request as a curl command, one option per line: method, URL, headers and body exactly
 * as the client would have sent them.
 */
export function toCurl(request: RecordedRequest): string {
  const parts = [
    "curl",
    `--request ${request.method}`,
    // The URL exactly as signed, one request: no `[1-3]` or `{a,b}` globbing (--globoff),
    // no squashing of `/./` or `/../` (--path-as-is).
    "--globoff",
    "--path-as-is",
    `--url ${shellQuote(request.url)}`,
    ...request.headers.map(([name, value]) => `--header ${shellQuote(`${name}: ${value}`)}`),
    ...(request.body === undefined ? [] : [`--data-raw ${shellQuote(request.body)}`]),
  ];
  return `${parts.join(" \\\n  ")}\n`;
}
