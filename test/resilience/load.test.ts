/**
 * 1,000 concurrent calls against a gateway that verifies every signature: all succeed and
 * nothing is left unhandled. Bounded: one batch, loopback only.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMediaIntelligenceClient } from "../../src/index.js";
import {
  type Gateway,
  ok,
  startGateway,
  statusResult,
  TEST_ACCESS_KEY,
  TEST_SECRET_KEY,
} from "../support/gateway.js";

const CALLS = 1_000;
let gateway: Gateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  gateway = await startGateway({ handler: () => ok(statusResult("SUMMARIZING", 3, 10)) });
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await gateway.close();
});

it(`${CALLS} concurrent calls all succeed, each signed correctly`, {
  timeout: 60_000,
}, async () => {
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: gateway.url,
    retries: 0, // every call must succeed on its own
  });
  const results = await Promise.allSettled(
    Array.from({ length: CALLS }, (_, i) =>
      client.getSceneSummaryStatus({
        workspaceName: `workspace ${i % 7}`,
        projectId: String(i),
        assetId: "자산",
        indexId: "1001",
        sceneSummaryId: `${i}/${i}`,
      }),
    ),
  );
  const failures = results.filter((r) => r.status === "rejected");
  expect(failures).toEqual([]);
  expect(gateway.seen).toHaveLength(CALLS);
  expect(gateway.seen.every((r) => r.authenticated)).toBe(true);
  // Give any stray rejection a turn of the event loop to surface.
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(unhandled).toEqual([]);
});
