/**
 * A `fetch` for the client under test (the typed client, or the spec-level openapi-fetch
 * client) that can change a request on its way to Prism (add Prism's `Prefer` header, drop a
 * signature header, bend the URL) and keeps, for each response, what Prism reported about it.
 */
import { type PrismReport, prismReport } from "../../../scripts/prism.mjs";
import type { FetchLike } from "../../../src/index.js";

/** What to change in each request, after the client has signed it. */
export interface RequestChanges {
  /** Headers to add, such as `Prefer: code=404, example=gatewayNotFound`. */
  headers?: Record<string, string>;
  /** A header to remove. */
  drop?: string;
  /** Rewrites the URL. */
  url?: (url: string) => string;
  /** Changes only the requests of this method (the others go to Prism as the client sent them). */
  method?: string;
}

/** One request as sent and Prism's report on its response. */
export interface Exchange {
  method: string;
  url: string;
  headers: Headers;
  report: PrismReport;
}

/** A recording fetch and what it has recorded so far. */
export interface RecordingFetch {
  fetch: FetchLike;
  exchanges: Exchange[];
}

/** Creates a {@link RecordingFetch} that sends through the platform's `fetch`. */
export function recordingFetch(changes: RequestChanges = {}): RecordingFetch {
  const exchanges: Exchange[] = [];
  const fetch: FetchLike = async (input, init) => {
    const method = init.method ?? "GET";
    const change = changes.method === undefined || changes.method === method;
    const url = changes.url && change ? changes.url(input) : input;
    const headers = new Headers(init.headers);
    if (change) {
      for (const [name, value] of Object.entries(changes.headers ?? {})) headers.set(name, value);
      if (changes.drop) headers.delete(changes.drop);
    }
    const response = await globalThis.fetch(url, { ...init, headers });
    exchanges.push({ method, url, headers, report: await prismReport(response) });
    return response;
  };
  return { fetch, exchanges };
}
