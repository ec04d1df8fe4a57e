/**
 * Many concurrent `summarize` calls on one client against a gateway with a quota (it refuses
 * past so many requests a second, with 429 and no Retry-After): the client's one rate limiter
 * slows all of them down after the first refusals, so that every call completes, each asset
 * is requested once, and requests are refused only while the gateway still counts the first
 * burst. Without it, the refusals run out the
 * retries of most calls. (The 500-call measure is `npm run bench`'s.)
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMediaIntelligenceClient } from "../../src/index.js";
import { type Catalogue, createCatalogue } from "../support/catalogue.js";
import {
  type Gateway,
  startGateway,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";

const CALLS = 40;
const QUOTA = 50;

let gateway: Gateway;
let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = createCatalogue({ perSecond: QUOTA });
  gateway = await startGateway({ handler: catalogue.handler });
});
afterAll(async () => {
  await gateway.close();
});

it(`${CALLS} concurrent summarize calls on one client all complete under a quota of ${QUOTA} a second`, {
  timeout: 30_000,
}, async () => {
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: gateway.url,
    allowInsecureHttp: true,
  });
  const results = await Promise.allSettled(
    Array.from({ length: CALLS }, (_, i) =>
      client.sceneSummaries.summarize(
        { workspaceName: "ws", projectId: "1", assetId: `asset-${i}` },
        { intervalMs: 1_000 },
      ),
    ),
  );
  expect(results.filter((result) => result.status === "rejected")).toEqual([]);
  expect([...catalogue.runs.values()]).toEqual(Array.from({ length: CALLS }, () => 1));
  // A status read, a POST, a poll and the result: four requests an asset, no more.
  expect(catalogue.operations).toEqual({ status: 2 * CALLS, request: CALLS, get: CALLS });
  // Unbounded until the first 429, the client spends the first second's quota at once; from
  // then on it keeps under the quota. (ncp-mi's catalogue is bounded from the start: at most
  // one request in five refused, test/cli/catalogue.test.ts.)
  expect(catalogue.refused()).toBeLessThanOrEqual(catalogue.total() / 3);
});
