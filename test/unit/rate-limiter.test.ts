/**
 * The client's rate limiter on a virtual clock: unbounded until a 429, then cut to what the
 * gateway let through and grown back along CUBIC's curve, one cut per burst of refusals, a
 * Retry-After pausing everyone (a retry's own backoff not held twice), first come first served.
 */
import { describe, expect, it } from "vitest";
import {
  type Answer,
  BETA,
  createRateLimiter,
  MIN_RATE,
  type RateLimiter,
} from "../../src/rate-limiter.js";
import { virtualTime } from "../support/virtual-time.js";

const OK: Answer = { status: 200 };
const REFUSED: Answer = { status: 429 };

function setup(maxPerSecond = Number.POSITIVE_INFINITY) {
  const time = virtualTime();
  const throttles: Array<{ ratePerSecond: number; pauseMs: number }> = [];
  const limiter = createRateLimiter({
    maxPerSecond,
    maxPauseMs: 20_000,
    now: time.now,
    sleep: time.sleep,
    onThrottle: (info) => throttles.push(info),
  });
  return { time, limiter, throttles };
}

/** Acquires and admits a request, and resolves with its ticket once it may be sent. */
async function send(limiter: RateLimiter, signal?: AbortSignal, notBeforeMs = 0) {
  return limiter.admit(await limiter.acquire(signal, notBeforeMs), signal);
}

/** One request every 10 ms for a second, each let through: 100 a second. */
async function steadyTraffic(time: ReturnType<typeof virtualTime>, limiter: RateLimiter) {
  let ticket = 0;
  for (let i = 0; i < 100; i++) {
    await time.advance(i === 0 ? 5 : 10);
    ticket = await send(limiter);
    limiter.observe(ticket, OK);
  }
  return ticket;
}

/** Workers that send one request after another until stopped: demand for the limiter. */
function demand(limiter: RateLimiter) {
  const controllers: AbortController[] = [];
  return {
    worker: async () => {
      const controller = new AbortController();
      controllers.push(controller);
      for (;;) limiter.observe(await send(limiter, controller.signal), OK);
    },
    stop: () => {
      for (const controller of controllers) controller.abort();
    },
  };
}

/** Starts `count` sends at once; resolves with the virtual time each was let go at, in order. */
function sendAll(time: ReturnType<typeof virtualTime>, limiter: RateLimiter, count: number) {
  const granted: Array<[number, number]> = [];
  const all = Array.from({ length: count }, (_, i) =>
    send(limiter).then(() => granted.push([i, time.now()])),
  );
  return { granted, all: Promise.all(all) };
}

describe("before any 429", () => {
  it("lets everything go at once without a bound", async () => {
    const { time, limiter } = setup();
    const { granted, all } = sendAll(time, limiter, 1000);
    await all;
    expect(granted).toHaveLength(1000);
    expect(granted.every(([, at]) => at === 0)).toBe(true);
    expect(time.pending()).toBe(0);
    expect(limiter.rate()).toBe(Number.POSITIVE_INFINITY);
  });

  it("spaces requests evenly at maxPerSecond, first come first served", async () => {
    const { time, limiter } = setup(10);
    const { granted, all } = sendAll(time, limiter, 5);
    await time.advance(1000);
    await all;
    expect(granted).toEqual([
      [0, 0],
      [1, 100],
      [2, 200],
      [3, 300],
      [4, 400],
    ]);
  });

  it("a 503 without Retry-After changes nothing", async () => {
    const { limiter, throttles } = setup();
    limiter.observe(await send(limiter), { status: 503 });
    expect(throttles).toEqual([]);
    expect(limiter.rate()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("a 429", () => {
  it("cuts the rate for everyone to BETA times what the gateway let through", async () => {
    const { time, limiter, throttles } = setup();
    const ticket = await steadyTraffic(time, limiter);
    limiter.observe(ticket, REFUSED);
    expect(throttles).toEqual([{ ratePerSecond: 100 * BETA, pauseMs: 0 }]);
    const start = time.now();
    const { granted, all } = sendAll(time, limiter, 4);
    await time.advance(1000);
    await all;
    const interval = 1000 / (100 * BETA);
    expect(granted.map(([, at]) => at - start)).toEqual(
      [0, 1, 2, 3].map((i) => expect.closeTo(i * interval, 0)),
    );
  });

  it("a burst of refusals is one cut: those let go before it, and any within a second", async () => {
    const { time, limiter, throttles } = setup();
    const before = await steadyTraffic(time, limiter);
    // Fifty requests let go before the cut, all refused.
    for (let i = 0; i < 50; i++) limiter.observe(before, REFUSED);
    expect(throttles).toHaveLength(1);
    // A request let go after the cut, refused within the second: no new cut.
    await time.advance(500);
    const after = await send(limiter);
    limiter.observe(after, REFUSED);
    expect(throttles).toHaveLength(1);
    // A refusal of a request let go before the cut, answered a second and more after it:
    // still no new cut.
    await time.advance(600);
    limiter.observe(before, REFUSED);
    expect(throttles).toHaveLength(1);
    // A refusal of one let go since, a second on: a new cut, below the rate then in force.
    const later = await send(limiter);
    limiter.observe(later, REFUSED);
    expect(throttles).toHaveLength(2);
    expect(throttles[1]?.ratePerSecond).toBeLessThan(throttles[0]?.ratePerSecond ?? 0);
  });

  it("never cuts below the minimum rate, even when nothing was let through", async () => {
    const { limiter, throttles } = setup();
    limiter.observe(await send(limiter), REFUSED);
    expect(throttles).toEqual([{ ratePerSecond: MIN_RATE, pauseMs: 0 }]);
  });

  it("grows back along CUBIC's curve while there is demand, past the rate refused", async () => {
    const { time, limiter } = setup();
    limiter.observe(await steadyTraffic(time, limiter), REFUSED);
    const { stop, worker } = demand(limiter);
    const workers = Array.from({ length: 20 }, () => worker().catch(() => {}));
    // W_max 100, C 0.4, beta 0.7: back at 100 after K = cbrt(100 * 0.3 / 0.4) s.
    const recoveryS = Math.cbrt((100 * (1 - BETA)) / 0.4);
    const cubic = (t: number) => 0.4 * (t - recoveryS) ** 3 + 100;
    const cutAt = time.now();
    const rates: number[] = [];
    for (const t of [1, recoveryS, 8]) {
      await time.advance(cutAt + t * 1000 - time.now());
      rates.push(limiter.rate());
    }
    stop();
    await Promise.all(workers);
    expect(rates[0]).toBeCloseTo(cubic(1), 0);
    expect(rates[1]).toBeCloseTo(100, 0);
    expect(rates[2]).toBeCloseTo(cubic(8), 0);
    expect(rates[2]).toBeGreaterThan(120);
  });

  it("does not grow past the rate refused without demand", async () => {
    const { time, limiter } = setup();
    limiter.observe(await steadyTraffic(time, limiter), REFUSED);
    await time.advance(10_000); // cubic(10 s) is about 178 requests a second
    expect(limiter.rate()).toBe(100 * BETA);
  });

  it("never lets the rate past maxPerSecond", async () => {
    const { time, limiter } = setup(20);
    let ticket = 0;
    for (let i = 0; i < 20; i++) {
      await time.advance(50);
      ticket = await send(limiter);
      limiter.observe(ticket, OK);
    }
    limiter.observe(ticket, REFUSED);
    const { stop, worker } = demand(limiter);
    const workers = Array.from({ length: 5 }, () => worker().catch(() => {}));
    await time.advance(30_000); // cubic(30 s) is far above 20
    const rate = limiter.rate();
    stop();
    await Promise.all(workers);
    expect(rate).toBe(20);
  });

  it("lets the first in line go at once, then the rest at the new rate", async () => {
    const { time, limiter } = setup(1);
    const ticket = await send(limiter);
    limiter.observe(ticket, OK);
    const { granted, all } = sendAll(time, limiter, 2);
    await time.advance(100);
    limiter.observe(ticket, REFUSED); // 1 a second let through: cut to 0.7
    await time.advance(2_000);
    await all;
    expect(granted).toEqual([
      [0, 100],
      [1, expect.closeTo(100 + 1000 / 0.7, 0)],
    ]);
  });

  it("sends a request let go before the cut, and still waiting to be sent, first in line", async () => {
    const { time, limiter } = setup();
    const ticket = await steadyTraffic(time, limiter);
    const early = await limiter.acquire(); // let go, then waits for a connection
    limiter.observe(ticket, REFUSED);
    const order: string[] = [];
    const first = send(limiter).then(() => order.push("first after the cut"));
    const queued = send(limiter).then(() => order.push("queued"));
    const stale = limiter.admit(early).then(() => order.push("let go before the cut"));
    await time.advance(1000);
    await Promise.all([first, queued, stale]);
    expect(order).toEqual(["first after the cut", "let go before the cut", "queued"]);
  });
});

describe("Retry-After", () => {
  it("pauses every request until it has passed", async () => {
    const { time, limiter, throttles } = setup();
    limiter.observe(await send(limiter), { status: 503, retryAfterMs: 2_000 });
    expect(throttles).toEqual([{ ratePerSecond: Number.POSITIVE_INFINITY, pauseMs: 2_000 }]);
    const { granted, all } = sendAll(time, limiter, 3);
    await time.advance(1_999);
    expect(granted).toEqual([]);
    await time.advance(1);
    await all;
    expect(granted.map(([, at]) => at)).toEqual([2_000, 2_000, 2_000]);
  });

  it("is capped at maxPauseMs", async () => {
    const { time, limiter } = setup();
    limiter.observe(await send(limiter), { status: 429, retryAfterMs: 3_600_000 });
    const done = send(limiter);
    await time.advance(20_000);
    await expect(done).resolves.toBeTypeOf("number");
  });

  it("does not hold a retry whose own backoff lasts past it a second time", async () => {
    const slept: number[] = [];
    const limiter = createRateLimiter({
      maxPerSecond: Number.POSITIVE_INFINITY,
      maxPauseMs: 20_000,
      now: () => 0, // a sleep that only records: the clock stands still
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    limiter.observe(await send(limiter), { status: 429, retryAfterMs: 2_000 });
    await send(limiter, undefined, 2_000);
    expect(slept).toEqual([2_000]);
  });
});

describe("giving up", () => {
  it("a waiter whose signal aborts rejects with its reason and leaves no timer", async () => {
    const { time, limiter } = setup(1);
    await send(limiter);
    const controller = new AbortController();
    const waiting = send(limiter, controller.signal);
    await time.settle();
    expect(time.pending()).toBe(1);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await time.settle();
    expect(time.pending()).toBe(0);
  });

  it("an aborted signal rejects at once", async () => {
    const { limiter } = setup();
    const reason = new Error("already");
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
