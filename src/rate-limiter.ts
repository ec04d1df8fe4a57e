/**
 * The client's request rate: one limiter per client, which every attempt of every call waits
 * for before it is sent, so that many calls on one client (a catalogue, or a service's
 * concurrent requests) share the gateway's quota instead of each finding it on its own.
 *
 * In the manner of the AWS SDK v3's adaptive retry mode:
 *
 * - Unbounded until told otherwise: with no `maxPerSecond`, nothing waits until the gateway
 *   first answers 429. With one, requests are spaced evenly at that rate.
 * - A 429 cuts the rate for everyone, to `BETA` times the rate the gateway let through over
 *   the last second (its quota, as far as this client can tell), then lets it grow back along
 *   a cubic curve (CUBIC, RFC 9438): slowly near that rate, faster away from it.
 * - A burst of refusals is one cut, not fifty: a 429 to a request let go before the last cut
 *   was sent at a rate already cut, and one within a second of the cut may answer for what
 *   the gateway counted before it (quotas count per second); neither cuts again.
 * - Growth past the rate last refused needs demand: the rate stays within twice what was sent
 *   in the last second, so that a quiet spell does not end in a burst at an untried rate.
 * - A `Retry-After` (on a 429 or 503) pauses every request until it has passed, up to
 *   `maxPauseMs`; a retry whose own backoff outlasts the pause is not held by it again.
 *
 * Requests wait in one queue, first come first served, let go one at a time at the current
 * rate, so that a cut or a pause holds every waiter at once. A request let go before a cut and
 * still waiting for a connection goes back to the head of the queue when it has one
 * ({@link RateLimiter.admit}), so that what was queued behind the connections is paced too.
 */
import type { ThrottleInfo } from "./hooks.js";

/** What the limiter is told after each answered attempt. */
export interface Answer {
  /** The HTTP status. */
  status: number;
  /** What `Retry-After` asked for, in ms, when the answer had one. */
  retryAfterMs?: number | undefined;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** The most requests a second, ever; `Infinity` for no bound until a 429. */
  maxPerSecond: number;
  /** The longest pause a `Retry-After` imposes on every request, in ms. */
  maxPauseMs: number;
  /** A monotonic clock, in ms. */
  now: () => number;
  /** Waits `ms`, rejecting with the signal's reason if it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called when a 429 cuts the rate or a `Retry-After` pauses every request. */
  onThrottle?: ((info: ThrottleInfo) => void) | undefined;
}

/** What {@link createRateLimiter} returns. */
export interface RateLimiter {
  /**
   * Waits until a request may go: `notBeforeMs` from now (a retry's backoff), then in its
   * turn, after any pause, at the current rate. Resolves with a ticket for
   * {@link RateLimiter.admit}; rejects with the signal's reason if it aborts first.
   */
  acquire(signal?: AbortSignal, notBeforeMs?: number): Promise<number>;
  /**
   * Called just before the request is sent, which may be a while after `acquire` (it waited
   * for a connection): resolves with `ticket` at once if the rate has not been cut nor a pause
   * begun since, else waits for a new turn, first in line, and resolves with its ticket.
   * Counts the request as sent. The ticket it resolves with goes to {@link RateLimiter.observe}.
   */
  admit(ticket: number, signal?: AbortSignal): Promise<number>;
  /** Learns from the answer to a request admitted with `ticket`. */
  observe(ticket: number, answer: Answer): void;
  /** The rate requests are held to now, in requests a second (`Infinity` for none). */
  rate(): number;
}

/** The share of the rate kept after a 429 (CUBIC's β; the AWS SDK's too). */
export const BETA = 0.7;
/** CUBIC's C, in requests a second per second cubed (the AWS SDK's scale constant). */
const SCALE = 0.4;
/** The slowest rate a 429 can cut to, in requests a second (the AWS SDK's minimum fill rate). */
export const MIN_RATE = 0.5;
/** How long after a cut a 429 does not cut again, in ms: quotas count per second. */
const QUIET_AFTER_CUT_MS = 1000;
/** Rates are measured over the last second, in buckets of this many ms. */
const BUCKET_MS = 100;
const BUCKETS = 10;

/** A request waiting for its turn. */
interface Waiter {
  /** When its backoff ended: a pause that ends before it is over for this request. */
  readyAt: number;
  grant(ticket: number): void;
  signal: AbortSignal | undefined;
}

/** Counts events (requests sent, answers let through) over the last second. */
function createMeter() {
  const counts = new Array<number>(BUCKETS).fill(0);
  let lastBucket = Number.NEGATIVE_INFINITY;
  /** Moves to the bucket of `time`, emptying those passed; returns its index. */
  const advance = (time: number): number => {
    const bucket = Math.floor(time / BUCKET_MS);
    const passed = Math.min(bucket - lastBucket, BUCKETS);
    for (let i = 1; i <= passed; i++) counts[(bucket - passed + i + BUCKETS) % BUCKETS] = 0;
    if (bucket > lastBucket) lastBucket = bucket;
    return ((bucket % BUCKETS) + BUCKETS) % BUCKETS;
  };
  return {
    count(time: number): void {
      const index = advance(time);
      counts[index] = (counts[index] ?? 0) + 1;
    },
    /** Requests a second over the last second. */
    rate(time: number): number {
      advance(time);
      return counts.reduce((sum, count) => sum + count, 0) / ((BUCKETS * BUCKET_MS) / 1000);
    },
  };
}

/** Creates a client's {@link RateLimiter}. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { maxPerSecond, maxPauseMs, now, sleep, onThrottle } = options;
  /** Requests sent, and answers the gateway let through (all but 429s). */
  const sent = createMeter();
  const letThrough = createMeter();
  const queue: Waiter[] = [];
  /** Whether a 429 has been seen: the rate adapts from then on. */
  let adaptive = false;
  /** The rate at the last cut (CUBIC's W_max), when it came, and how long until it is back. */
  let refusedRate = Number.POSITIVE_INFINITY;
  let cutAt = 0;
  let recoveryS = 0;
  /**
   * Bumped by every cut and pause. A ticket is the epoch a request was let go in: one from
   * before the last cut or pause is out of date.
   */
  let epoch = 0;
  /** When the next request may go at the current rate. */
  let nextSlot = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  /** Whether the queue is being worked through. */
  let dispatching = false;
  /** Ends the dispatcher's sleep early: the turn is to be worked out again. */
  let wake: AbortController | undefined;

  function rateAt(time: number): number {
    if (!adaptive) return maxPerSecond;
    const t = (time - cutAt) / 1000;
    const cubic = SCALE * (t - recoveryS) ** 3 + refusedRate;
    const demand = Math.max(2 * sent.rate(time), BETA * refusedRate);
    return Math.min(maxPerSecond, Math.max(MIN_RATE, Math.min(cubic, demand)));
  }

  /** When `waiter` may go, from `time`: after a pause its backoff did not outlast, in its slot. */
  function dueTime(waiter: Waiter, time: number, rate: number): number {
    const paused = waiter.readyAt >= pausedUntil ? time : Math.max(time, pausedUntil);
    return rate === Number.POSITIVE_INFINITY ? paused : Math.max(paused, nextSlot);
  }

  /** Lets `waiter` go at `at`, taking the slot. */
  function letGo(waiter: Waiter, at: number, rate: number): void {
    if (rate !== Number.POSITIVE_INFINITY) nextSlot = at + 1000 / rate;
    waiter.grant(epoch);
  }

  /** Works through the queue, one waiter at a time; one loop at most runs. */
  async function dispatch(): Promise<void> {
    dispatching = true;
    try {
      while (queue.length > 0) {
        const head = queue[0] as Waiter;
        const time = now();
        const rate = rateAt(time);
        const due = dueTime(head, time, rate);
        // Timers count whole milliseconds; the schedule keeps its fractions.
        const waitMs = Math.round(due - time);
        if (waitMs > 0) {
          const seen = epoch;
          wake = new AbortController();
          await sleep(waitMs, wake.signal).catch(() => {});
          wake = undefined;
          // Cut or paused meanwhile, or the head gave up or lost its place: work it out again.
          if (epoch !== seen || queue[0] !== head) continue;
        }
        queue.shift();
        letGo(head, Math.max(due, now()), rate);
      }
    } finally {
      dispatching = false;
    }
  }

  /** Waits in the queue (first in line for `front`), unless it is empty and the turn is now. */
  function waitTurn(readyAt: number, signal: AbortSignal | undefined, front: boolean) {
    const time = now();
    if (queue.length === 0) {
      const rate = rateAt(time);
      const due = dueTime({ readyAt, grant: () => {}, signal }, time, rate);
      if (due <= time) {
        if (rate !== Number.POSITIVE_INFINITY) nextSlot = Math.max(due, time) + 1000 / rate;
        return Promise.resolve(epoch);
      }
    }
    return new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index !== -1) queue.splice(index, 1);
        // No timer is left running for a waiter that is gone.
        if (index === 0) wake?.abort();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        readyAt,
        signal,
        grant: (ticket) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(ticket);
        },
      };
      if (front) queue.unshift(waiter);
      else queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      if (!dispatching) void dispatch();
      else if (front) wake?.abort();
    });
  }

  return {
    async acquire(signal, notBeforeMs = 0) {
      if (signal?.aborted) throw signal.reason;
      const readyAt = now() + notBeforeMs;
      if (notBeforeMs > 0) await sleep(notBeforeMs, signal);
      return waitTurn(readyAt, signal, false);
    },
    async admit(ticket, signal) {
      if (signal?.aborted) throw signal.reason;
      const current = ticket === epoch ? ticket : await waitTurn(now(), signal, true);
      sent.count(now());
      return current;
    },
    observe(ticket, answer) {
      const time = now();
      let changed = false;
      if (answer.status !== 429) letThrough.count(time);
      else if (ticket === epoch && !(adaptive && time - cutAt < QUIET_AFTER_CUT_MS)) {
        const quota = letThrough.rate(time);
        refusedRate = Math.max(
          MIN_RATE,
          adaptive ? Math.min(rateAt(time), quota) : Math.min(maxPerSecond, quota),
        );
        adaptive = true;
        cutAt = time;
        recoveryS = Math.cbrt((refusedRate * (1 - BETA)) / SCALE);
        changed = true;
      }
      const pauseMs = Math.min(answer.retryAfterMs ?? 0, maxPauseMs);
      if ((answer.status === 429 || answer.status === 503) && time + pauseMs > pausedUntil) {
        pausedUntil = time + pauseMs;
        changed ||= pauseMs > 0;
      }
      if (!changed) return;
      epoch++;
      // The first request after a cut (or the pause) goes at once; the rest follow at the new rate.
      nextSlot = time;
      wake?.abort();
      onThrottle?.({ ratePerSecond: rateAt(time), pauseMs });
    },
    rate: () => rateAt(now()),
  };
}
