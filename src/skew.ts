/**
 * Clock skew: the gateway refuses a signature whose timestamp is more than five minutes from
 * its own clock. When it answers 401 and its `Date` header shows that this machine's clock is
 * that far off, the offset is learnt, and every later timestamp is corrected by it.
 */

/** The gateway rejects timestamps further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The name of the header that carries the signed timestamp. */
const TIMESTAMP_HEADER = "x-ncp-apigw-timestamp";

/** A clock corrected for the gateway's. */
export interface SkewedClock {
  /** The time to sign with: the local clock plus the learnt offset, in ms since the epoch. */
  now(): number;
  /**
   * Learns from a 401 answer to a request signed at `signedAt` (ms since the epoch) whether
   * the clock is off: true when the answer's `Date` is more than five minutes from it, and the
   * offset has been learnt, so the request is worth signing and sending again.
   */
  learn(response: Response, signedAt: number): boolean;
}

/** A {@link SkewedClock} over `clock` (ms since the epoch), with no offset to begin with. */
export function createSkewedClock(clock: () => number): SkewedClock {
  let offsetMs = 0;
  return {
    now: () => clock() + offsetMs,
    learn(response, signedAt) {
      if (response.status !== 401) return false;
      const serverTime = Date.parse(response.headers.get("Date") ?? "");
      if (Number.isNaN(serverTime) || Number.isNaN(signedAt)) return false;
      if (Math.abs(serverTime - signedAt) <= MAX_CLOCK_SKEW_MS) return false;
      offsetMs = serverTime - clock();
      return true;
    },
  };
}

/** The timestamp a signed request carries, or NaN when it carries none. */
export function signedAt(request: Request): number {
  return Number(request.headers.get(TIMESTAMP_HEADER) ?? Number.NaN);
}
