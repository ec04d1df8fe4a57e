// @ts-check
/**
 * Which of openapi.yaml's eight operations a request is, by method and path, and which
 * asset or index it concerns: the key the mock keeps that one's summarisation under.
 */

/** `…/assets/{asset_id}`: the part of every path that names the asset. */
const ASSET = "/api/v1/workspaces/[^/]+/projects/[^/]+/assets/[^/]+";

/**
 * The mock's routes: `key` is the path up to the asset (asset-based) or the index
 * (index-based), `index` the index's id; `id` is the `scene_summary_id` of the index-based
 * status and cancel paths.
 *
 * @type {{ method: string, pattern: RegExp, operation: Operation }[]}
 */
const ROUTES = [
  { method: "POST", pattern: rx(`(?<key>${ASSET})/scene-summary`), operation: "request" },
  { method: "GET", pattern: rx(`(?<key>${ASSET})/scene-summary`), operation: "get" },
  { method: "GET", pattern: rx(`(?<key>${ASSET})/scene-summary/status`), operation: "status" },
  { method: "POST", pattern: rx(`(?<key>${ASSET})/scene-summary/cancel`), operation: "cancel" },
  {
    method: "POST",
    pattern: rx(`(?<key>${ASSET}/indexes/(?<index>[^/]+))/scene-summaries`),
    operation: "request",
  },
  {
    method: "GET",
    pattern: rx(`(?<key>${ASSET}/indexes/(?<index>[^/]+))/scene-summaries`),
    operation: "get",
  },
  {
    method: "GET",
    pattern: rx(`(?<key>${ASSET}/indexes/(?<index>[^/]+))/scene-summaries/(?<id>[^/]+)/status`),
    operation: "status",
  },
  {
    method: "DELETE",
    pattern: rx(`(?<key>${ASSET}/indexes/(?<index>[^/]+))/scene-summaries/(?<id>[^/]+)`),
    operation: "cancel",
  },
];

/** @param {string} source */
function rx(source) {
  return new RegExp(`^${source}$`);
}

/**
 * What a call does to a summarisation, in either API generation.
 *
 * @typedef {"request" | "get" | "status" | "cancel"} Operation
 */

/**
 * A request the mock keeps state for.
 *
 * @typedef {object} Route
 * @property {Operation} operation
 * @property {"asset" | "index"} generation `asset` for the asset-based paths, `index` for
 *   the deprecated index-based ones.
 * @property {string} key The path up to the asset or the index, as sent.
 * @property {string} [indexId] The path's `index_id`, as sent (index-based).
 * @property {string} [sceneSummaryId] The path's `scene_summary_id`, as sent (index-based
 *   status and cancel).
 */

/**
 * The route of a request, or undefined when it is none of the spec's operations (Prism then
 * answers it alone).
 *
 * @param {string} method
 * @param {string} pathname The request target's path, without the query.
 * @returns {Route | undefined}
 */
export function matchRoute(method, pathname) {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const groups = route.pattern.exec(pathname)?.groups;
    if (!groups?.key) continue;
    return {
      operation: route.operation,
      generation: groups.key.includes("/indexes/") ? "index" : "asset",
      key: groups.key,
      ...(groups.index === undefined ? {} : { indexId: groups.index }),
      ...(groups.id === undefined ? {} : { sceneSummaryId: groups.id }),
    };
  }
  return undefined;
}
