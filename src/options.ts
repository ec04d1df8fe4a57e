/** Checks of numeric options, shared by the client and the waiter. */
import { InvalidInputError } from "./errors.js";

/** `value` if it is a whole number ≥ 0, `fallback` if undefined; else throws naming `name`. */
export function optionalCount(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidInputError(name, `${name} must be a whole number ≥ 0, got ${value}.`);
  }
  return value;
}

/**
 * Timers hold at most 2^31 - 1 ms (about 24.8 days); a longer one fires after 1 ms, which
 * would turn a generous timeout into an immediate one.
 */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * `value` if it is a positive number of milliseconds a timer can hold, `fallback` if
 * undefined; else throws naming `name`.
 */
export function optionalDuration(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new InvalidInputError(
      name,
      `${name} must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got ${value}.`,
    );
  }
  return value;
}

/** `value` if it is a whole number ≥ 1, `fallback` if undefined; else throws naming `name`. */
export function optionalPositiveCount(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidInputError(name, `${name} must be a whole number ≥ 1, got ${value}.`);
  }
  return value;
}
