import { describe, expect, it } from "vitest";
import { MediaIntelligenceError } from "../../src/errors.js";
import { backoffDelay, isRetryable, parseRetryAfter } from "../../src/retry.js";

function failure(kind: MediaIntelligenceError["kind"], status?: number) {
  return new MediaIntelligenceError("x", { kind, method: "GET", path: "/", status });
}

describe("isRetryable", () => {
  it.each([429, 500, 502, 503, 504])("retries HTTP %i", (status) => {
    expect(isRetryable(failure("gateway", status))).toBe(true);
    expect(isRetryable(failure("invalid-response", status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 413, 501])("never retries HTTP %i", (status) => {
    expect(isRetryable(failure("gateway", status))).toBe(false);
    expect(isRetryable(failure("api", status))).toBe(false);
  });

  it("retries network failures and timeouts, not an unreadable 200", () => {
    expect(isRetryable(failure("network"))).toBe(true);
    expect(isRetryable(failure("timeout"))).toBe(true);
    expect(isRetryable(failure("invalid-response", 200))).toBe(false);
  });
});

describe("backoffDelay", () => {
  const options = { retryDelayMs: 100, maxRetryDelayMs: 1_000 };

  it("doubles from retryDelayMs, with half of each delay random", () => {
    expect([0, 1, 2].map((n) => backoffDelay(n, { ...options, random: () => 0 }))).toEqual([
      50, 100, 200,
    ]);
    expect([0, 1, 2].map((n) => backoffDelay(n, { ...options, random: () => 0.999999 }))).toEqual([
      100, 200, 400,
    ]);
  });

  it("never exceeds maxRetryDelayMs", () => {
    expect(backoffDelay(10, { ...options, random: () => 0.999999 })).toBe(1_000);
    expect(backoffDelay(10, { ...options, random: () => 0 })).toBe(500);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:00:07 GMT", now)).toBe(7_000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent and unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-1", now)).toBeUndefined();
  });
});
