/**
 * `--dry-run`: the client signs its request as usual and hands it to a `fetch` that records
 * it and sends nothing; ncp-mi then prints it as a curl command. The secret key is never in
 * it: only the signature made with it, and the access key, as the gateway receives them.
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

/** Creates a {@link DryRun}: its `fetch` records the first request and fails every call. */
export function createDryRun(): DryRun {
  let first: RecordedRequest | undefined;
  return {
    fetch: async (url, init) => {
      first ??= {
        method: init.method ?? "GET",
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
    `--url ${shellQuote(request.url)}`,
    ...request.headers.map(([name, value]) => `--header ${shellQuote(`${name}: ${value}`)}`),
    ...(request.body === undefined ? [] : [`--data-raw ${shellQuote(request.body)}`]),
  ];
  return `${parts.join(" \\\n  ")}\n`;
}
