/**
 * The rate limiter as the client uses it, on a virtual clock: one per client, waited for by
 * every attempt of every call, so that `maxRequestsPerSecond` spaces concurrent calls, a 429
 * to one call slows the others, and a Retry-After pauses them all.
 */
import { describe, expect, it } from "vitest";
import {
  createMediaIntelligenceClient,
  type MediaIntelligenceClientOptions,
} from "../../src/index.js";
import { statusResult, TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { virtualTime } from "../support/virtual-time.js";

const STATUS = { code: "0", message: "success", result: statusResult("SUMMARIZING", 3, 10) };
const THROTTLED = { error: { errorCode: "400", message: "Quota Exceeded" } };
const asset = (i: number) => ({ workspaceName: "ws", projectId: "1", assetId: `a${i}` });

/** A client on virtual time whose fetch answers as `answer` says, recording when. */
function setup(answer: (count: number) => Response, options: MediaIntelligenceClientOptions = {}) {
  const time = virtualTime();
  const sent: number[] = [];
  const throttles: number[] = [];
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: "https://mi.example.test",
    random: () => 0.5,
    monotonicClock: time.now,
    sleep: time.sleep,
    fetch: async () => {
      sent.push(time.now());
      return answer(sent.length);
    },
    hooks: { onThrottle: (info) => throttles.push(info.ratePerSecond) },
    ...options,
  });
  return { client, time, sent, throttles };
}

describe("one rate limiter per client", () => {
  it("maxRequestsPerSecond spaces the requests of concurrent calls", async () => {
    const { client, time, sent } = setup(() => Response.json(STATUS), {
      maxRequestsPerSecond: 4,
    });
    const calls = Array.from({ length: 6 }, (_, i) => client.sceneSummaries.status(asset(i)));
    await time.advance(2_000);
    await Promise.all(calls);
    expect(sent).toEqual([0, 250, 500, 750, 1000, 1250]);
  });

  it("is unbounded by default: concurrent calls all go at once", async () => {
    const { client, time, sent } = setup(() => Response.json(STATUS));
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.sceneSummaries.status(asset(i))));
    expect(sent).toHaveLength(50);
    expect(new Set(sent)).toEqual(new Set([0]));
    expect(time.pending()).toBe(0);
  });

  it("a 429 to one call slows every call of the client down", async () => {
    // Ten calls a second are let through for a second, then one is refused.
    const { client, time, sent, throttles } = setup((count) =>
      count === 11 ? Response.json(THROTTLED, { status: 429 }) : Response.json(STATUS),
    );
    for (let i = 0; i < 10; i++) {
      await time.advance(i === 0 ? 50 : 100);
      await client.sceneSummaries.status(asset(i));
    }
    const refused = client.sceneSummaries.status(asset(10));
    await time.settle();
    expect(throttles).toEqual([expect.closeTo(7, 6)]); // 0.7 times the 10 a second let through
    const before = sent.length;
    const others = Array.from({ length: 3 }, (_, i) => client.sceneSummaries.status(asset(20 + i)));
    await time.advance(2_000);
    await Promise.all([refused, ...others]);
    // The three others, then the refused call's retry after its backoff, spaced at 7 a
    // second, growing back slowly (CUBIC): about 1/7 s apart, not all at once.
    const gaps = sent.slice(before + 1).map((at, i) => at - (sent[before + i] ?? 0));
    expect(gaps).toHaveLength(3);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(120);
      expect(gap).toBeLessThanOrEqual(143);
    }
  });

  it("a Retry-After pauses every call until it has passed", async () => {
    const { client, time, sent } = setup((count) =>
      count === 1
        ? Response.json(THROTTLED, { status: 429, headers: { "Retry-After": "3" } })
        : Response.json(STATUS),
    );
    const first = client.sceneSummaries.status(asset(0));
    await time.settle();
    const others = Array.from({ length: 3 }, (_, i) => client.sceneSummaries.status(asset(i + 1)));
    await time.advance(2_999);
    expect(sent).toEqual([0]);
    await time.advance(10_000);
    await Promise.all([first, ...others]);
    expect(sent.slice(1).every((at) => at >= 3_000)).toBe(true);
    expect(sent).toHaveLength(5);
  });

  it("a Retry-After holds back the call waiting for the connection the refused one held", async () => {
    // One connection: the second call waits for it while the first is answered 429. It is
    // let go only once the limiter has learnt of the pause.
    const { client, time, sent } = setup(
      (count) =>
        count === 1
          ? Response.json(THROTTLED, { status: 429, headers: { "Retry-After": "3" } })
          : Response.json(STATUS),
      { maxConnections: 1, retries: 0 },
    );
    const first = client.sceneSummaries.status(asset(0)).catch((e: unknown) => e);
    const second = client.sceneSummaries.status(asset(1));
    await time.advance(10_000);
    await Promise.all([first, second]);
    expect(sent).toEqual([0, 3_000]);
  });

  it("a hook that throws on a 429 does not keep the limiter from learning of it", async () => {
    const { client, time, sent } = setup(
      (count) =>
        count === 1
          ? Response.json(THROTTLED, { status: 429, headers: { "Retry-After": "3" } })
          : Response.json(STATUS),
      {
        retries: 0,
        hooks: {
          onResponse: () => {
            throw new Error("the hook broke");
          },
        },
      },
    );
    await expect(client.sceneSummaries.status(asset(0))).rejects.toThrow("the hook broke");
    const next = client.sceneSummaries.status(asset(1)).catch(() => undefined);
    await time.advance(10_000);
    await next;
    expect(sent).toEqual([0, 3_000]);
  });
});
