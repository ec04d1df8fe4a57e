import { describe, expect, it } from "vitest";
import { MediaIntelligenceError } from "../../src/errors.js";
import {
  backoffDelay,
  isAmbiguous,
  isRetryable,
  parseRetryAfter,
  retryDelay,
} from "../../src/retry.js";

function failure(
  kind: MediaIntelligenceError["kind"],
  status?: number,
  extra: { code?: string; retryAfterMs?: number } = {},
) {
  const cause = extra.code
    ? new TypeError("fetch failed", { cause: { code: extra.code } })
    : undefined;
  return new MediaIntelligenceError("x", {
    kind,
    method: "GET",
    path: "/",
    status,
    cause,
    retryAfterMs: extra.retryAfterMs,
  });
}

describe("isRetryable for POST: only what certainly did not take effect", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"])(
    "retries a connection never made (%s)",
    (code) => {
      expect(isRetryable(failure("network", undefined, { code }), "POST")).toBe(true);
      expect(isAmbiguous(failure("network", undefined, { code }))).toBe(false);
    },
  );

  it("does not retry a reset or a timeout, which are ambiguous", () => {
    for (const error of [
      failure("network", undefined, { code: "ECONNRESET" }),
      failure("timeout"),
    ]) {
      expect(isRetryable(error, "POST")).toBe(false);
      expect(isAmbiguous(error)).toBe(true);
    }
  });

  it("retries 503, API Gateway's own 429, any 429 with Retry-After; 500, 502, 504 are ambiguous", () => {
    expect(isRetryable(failure("gateway", 503), "POST")).toBe(true);
    // The gateway refuses a request over the quota before the service sees it.
    expect(isRetryable(failure("gateway", 429), "POST")).toBe(true);
    expect(isRetryable(failure("api", 429), "POST")).toBe(false);
    expect(isRetryable(failure("invalid-response", 429), "POST")).toBe(false);
    expect(isRetryable(failure("api", 429, { retryAfterMs: 1000 }), "POST")).toBe(true);
    for (const status of [500, 502, 504]) {
      expect(isRetryable(failure("gateway", status), "POST")).toBe(false);
      expect(isAmbiguous(failure("gateway", status))).toBe(true);
    }
  });
});

describe("retryDelay", () => {
  const options = { retryDelayMs: 100, maxRetryDelayMs: 1_000, random: () => 0 };
  it("keeps the backoff as a floor under a shorter Retry-After, honours a longer one", () => {
    expect(retryDelay(failure("gateway", 429, { retryAfterMs: 0 }), 0, options)).toBe(50);
    expect(retryDelay(failure("gateway", 429, { retryAfterMs: 700 }), 0, options)).toBe(700);
  });
});

describe("isRetryable for GET and DELETE", () => {
  it.each([429, 500, 502, 503, 504])("retries HTTP %i", (status) => {
    expect(isRetryable(failure("gateway", status), "GET")).toBe(true);
    expect(isRetryable(failure("invalid-response", status), "DELETE")).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 413, 501])("never retries HTTP %i", (status) => {
    expect(isRetryable(failure("gateway", status), "GET")).toBe(false);
    expect(isRetryable(failure("api", status), "GET")).toBe(false);
  });

  it("retries network failures and timeouts, not an unreadable 200", () => {
    expect(isRetryable(failure("network"), "GET")).toBe(true);
    expect(isRetryable(failure("timeout"), "GET")).toBe(true);
    expect(isRetryable(failure("invalid-response", 200), "GET")).toBe(false);
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
