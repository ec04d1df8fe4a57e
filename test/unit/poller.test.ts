/** pollUntil on its own: explicit states, growing delays, a maximum wait that aborts the poll under way, and abort. */

import { describe, expect, it } from "vitest";
import { AbortError } from "../../src/errors.js";
import { pollUntil } from "../../src/poller.js";

/** A virtual clock whose sleep advances it, recording each delay. */
function virtualTime() {
  let now = 0;
  const delays: number[] = [];
  return {
    delays,
    now: () => now,
    sleep: async (ms: number) => {
      delays.push(ms);
      now += ms;
    },
  };
}

const base = {
  minDelayMs: 100,
  maxDelayMs: 250,
  backoff: 2,
  maxWaitMs: 10_000,
  timeoutError: () => new Error("timed out"),
};

describe("pollUntil", () => {
  it("retries with delays growing by `backoff` up to `maxDelayMs`, then succeeds", async () => {
    const time = virtualTime();
    let n = 0;
    const value = await pollUntil(
      async () => ++n,
      (v) => (v === 5 ? { state: "success", value: `done after ${v}` } : { state: "retry" }),
      { ...base, ...time },
    );
    expect(value).toBe("done after 5");
    expect(time.delays).toEqual([100, 200, 250, 250]);
  });

  it("rejects with the judge's error on failure", async () => {
    const failure = new Error("failed");
    await expect(
      pollUntil(
        async () => 1,
        () => ({ state: "failure", error: failure }),
        { ...base, ...virtualTime() },
      ),
    ).rejects.toBe(failure);
  });

  it("polls one last time at the deadline, then rejects with timeoutError(last)", async () => {
    const time = virtualTime();
    const error = await pollUntil(
      async () => "still running",
      () => ({ state: "retry" }),
      {
        ...base,
        ...time,
        maxWaitMs: 450,
        timeoutError: (last) => new Error(`timed out, last ${last}`),
      },
    ).catch((e: Error) => e);
    expect((error as Error).message).toBe("timed out, last still running");
    expect(time.delays).toEqual([100, 200, 150]);
  });

  it("aborts the poll under way when maxWaitMs passes", async () => {
    let pollSignal: AbortSignal | undefined;
    const error = await pollUntil(
      (signal) => {
        pollSignal = signal;
        return new Promise((_, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason)),
        );
      },
      () => ({ state: "retry" }),
      { ...base, maxWaitMs: 20, now: Date.now, sleep: async () => {} },
    ).catch((e: Error) => e);
    expect((error as Error).message).toBe("timed out");
    expect(pollSignal?.aborted).toBe(true);
  });

  it("rejects with an AbortError caused by the caller's reason, and removes its listener", async () => {
    const controller = new AbortController();
    let listeners = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof add;
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof remove;
    const reason = new Error("stop");
    const pending = pollUntil(
      async () => {
        controller.abort(reason);
        return 1;
      },
      () => ({ state: "retry" }),
      {
        ...base,
        signal: controller.signal,
        now: Date.now,
        sleep: async (_, s) => s?.throwIfAborted(),
      },
    );
    await expect(pending).rejects.toMatchObject({ name: "AbortError", cause: reason });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(listeners).toBe(0);
  });
});
