/**
 * A catalogue behind a throttling gateway, as a handler for test/support/gateway.ts (which
 * checks every signature): one summarisation per asset, asset-based operations only, and a
 * gateway quota of so many requests a second.
 *
 * - A request let through counts towards the quota (a sliding window of one second); past
 *   it, the gateway's 429 (`Quota Exceeded`), as NCP API Gateway answers it.
 * - A POST starts a run; its status is `SUMMARIZING` for `pollsToFinish` reads (for ever for
 *   an endless asset), then `SUMMARIZE_COMPLETED`, or `SUMMARIZE_FAIL` with the asset's
 *   message for a failing asset, or `SUMMARIZE_CANCELED` for a cancelling one.
 *   A POST while a run is under way gets the API's 409, as the service answers.
 * - Every run has its own `requestedTime`, so that runs can be told apart.
 */
import type { Reply, SeenRequest } from "./gateway.js";

/** Options of {@link createCatalogue}. */
export interface CatalogueOptions {
  /** Requests let through in any one second; the rest get a 429. Default: no quota. */
  perSecond?: number;
  /** The `Retry-After` of a 429, when it has one. */
  retryAfter?: string;
  /** Assets whose summarisation fails, with the `statusMessage` the status gives. */
  failing?: Record<string, string>;
  /** Assets whose summarisation ends `SUMMARIZE_CANCELED`. */
  cancelling?: readonly string[];
  /** Assets whose summarisation never ends. */
  endless?: readonly string[];
  /** Status reads after a POST that still show `SUMMARIZING`. Default 0. */
  pollsToFinish?: number;
  /** The quota's clock, in ms; default `performance.now`. */
  now?: () => number;
  /** Told of each request let through, before it is answered. */
  onRequest?: (request: CatalogueRequest) => void;
}

/** A request the gateway let through. */
export interface CatalogueRequest {
  asset: string;
  operation: "status" | "request" | "get";
}

/** A catalogue's handler and what it has seen. */
export interface Catalogue {
  handler: (request: SeenRequest) => Reply;
  /** Runs started (POSTs accepted) by asset. */
  runs: Map<string, number>;
  /** Requests let through, by asset. */
  requests: Map<string, number>;
  /** Requests let through, by operation. */
  operations: Record<CatalogueRequest["operation"], number>;
  /** Requests refused with a 429, and all requests. */
  refused: () => number;
  total: () => number;
}

const ROUTE =
  /^\/api\/v1\/workspaces\/[^/]+\/projects\/[^/]+\/assets\/([^/]+)\/scene-summary(\/status)?$/;

/** A three-scene result, valid against openapi.yaml. */
export const CATALOGUE_RESULT = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T10:42:17", analyzedSceneIds: null },
  sceneSummaries: [1, 2, 3].map((scene) => ({
    scene,
    startMs: (scene - 1) * 3000,
    endMs: scene * 3000,
    sceneSummary: {
      description: `Scene ${scene}: the host speaks to the camera.`,
      metadataChangedAfterSummary: false,
      analyzedAt: "2026-04-17T10:42:17",
    },
  })),
};

/** Creates a catalogue. */
export function createCatalogue(options: CatalogueOptions = {}): Catalogue {
  const {
    perSecond,
    retryAfter,
    failing = {},
    cancelling = [],
    endless = [],
    pollsToFinish = 0,
    now = () => performance.now(),
  } = options;
  const window: number[] = [];
  const state = new Map<string, { run: number; reads: number }>();
  const runs = new Map<string, number>();
  const requests = new Map<string, number>();
  const operations = { status: 0, request: 0, get: 0 };
  let refused = 0;
  let total = 0;

  function letThrough(): boolean {
    if (perSecond === undefined) return true;
    const time = now();
    while (window.length > 0 && (window[0] as number) <= time - 1000) window.shift();
    if (window.length >= perSecond) return false;
    window.push(time);
    return true;
  }

  function statusOf(asset: string) {
    const current = state.get(asset);
    if (!current) return { status: "BEFORE_SUMMARIZE", requestedTime: null };
    const running = current.reads < pollsToFinish || endless.includes(asset);
    const message = failing[asset];
    const status = running
      ? "SUMMARIZING"
      : cancelling.includes(asset)
        ? "SUMMARIZE_CANCELED"
        : message === undefined
          ? "SUMMARIZE_COMPLETED"
          : "SUMMARIZE_FAIL";
    const requestedTime = `2026-04-17T10:${String(30 + current.run).padStart(2, "0")}:00`;
    return {
      status,
      statusMessage: status === "SUMMARIZE_FAIL" ? message : null,
      sceneSummaryId: 100 + current.run,
      targetSceneIds: null,
      analyzedSceneCount: running ? 1 : 3,
      totalSceneCount: 3,
      requestedTime,
      completedTime: status === "SUMMARIZE_COMPLETED" ? requestedTime : null,
    };
  }

  const envelope = (result: unknown): Reply => ({
    status: 200,
    body: { code: "0", message: "success", result },
  });

  return {
    runs,
    requests,
    operations,
    refused: () => refused,
    total: () => total,
    handler(request) {
      total++;
      if (!letThrough()) {
        refused++;
        return {
          status: 429,
          body: { error: { errorCode: "400", message: "Quota Exceeded" } },
          ...(retryAfter === undefined ? {} : { headers: { "Retry-After": retryAfter } }),
        };
      }
      const match = ROUTE.exec(request.target);
      if (!match) return { status: 404, body: { code: "404", message: "Not Found" } };
      const asset = decodeURIComponent(match[1] as string);
      const operation = match[2] ? "status" : request.method === "POST" ? "request" : "get";
      options.onRequest?.({ asset, operation });
      operations[operation]++;
      requests.set(asset, (requests.get(asset) ?? 0) + 1);
      const current = statusOf(asset);
      const running = current.status === "SUMMARIZING";
      switch (operation) {
        case "status": {
          const run = state.get(asset);
          if (run) run.reads++;
          return envelope(current);
        }
        case "request": {
          if (running)
            return { status: 409, body: { code: "3001", message: "Already in progress" } };
          const run = (runs.get(asset) ?? 0) + 1;
          runs.set(asset, run);
          state.set(asset, { run, reads: 0 });
          return { status: 200, body: { code: "0", message: "success", result: {} } };
        }
        case "get":
          if (running) return { status: 409, body: { code: "3001", message: "Not complete" } };
          return current.status === "SUMMARIZE_COMPLETED"
            ? envelope(CATALOGUE_RESULT)
            : { status: 404, body: { code: "3002", message: "No scene summary" } };
      }
    },
  };
}

/**
 * The catalogue as a `fetch`, for a client in this process (no socket, no signature check):
 * each call is answered by the catalogue's handler.
 */
export function catalogueFetch(catalogue: Catalogue) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const target = new URL(url);
    const reply = catalogue.handler({
      method: init.method ?? "GET",
      target: `${target.pathname}${target.search}`,
      headers: {},
      authenticated: true,
      closed: Promise.resolve(),
    });
    if (!("status" in reply) || !("body" in reply)) throw new Error("unexpected reply");
    return Response.json(reply.body, {
      status: reply.status,
      ...(reply.headers ? { headers: reply.headers } : {}),
    });
  };
}
