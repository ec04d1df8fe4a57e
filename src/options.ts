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

/** `value` if it is a positive, finite number, `fallback` if undefined; else throws naming `name`. */
export function optionalDuration(
  value: number | undefined,
  fallback: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(
      name,
      `${name} must be a positive number of milliseconds, got ${value}.`,
    );
  }
  return value;
}
