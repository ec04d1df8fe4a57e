/**
 * Reporting how the service's answers depart from openapi.yaml: each departure through the
 * `onDrift` hook, once per client, operation and place, so that a departure of every scene of
 * every poll is one report, and a service that departs in many places cannot grow the set of
 * places without bound.
 */
import type { DriftInfo } from "./hooks.js";
import { type Departure, placeOf } from "./validate.js";

/** The most places a client reports; past it, one last report says that more were left out. */
const MAX_REPORTED_PLACES = 1000;

/** Creates the reporter of one client: `report(operationId, departures)`. */
export function createDriftReporter(
  onDrift: ((info: DriftInfo) => void) | undefined,
): (operationId: string, departures: readonly Departure[]) => void {
  const seen = new Set<string>();
  let full = false;
  return (operationId, departures) => {
    if (!onDrift || full) return;
    for (const { path, expected, received } of departures) {
      const place = placeOf(path);
      const key = `${operationId} ${place} ${expected}`;
      if (seen.has(key)) continue;
      if (seen.size === MAX_REPORTED_PLACES) {
        full = true;
        onDrift({
          operationId,
          path: "$",
          expected: "no more departures",
          received: "more: not reported",
        });
        return;
      }
      seen.add(key);
      onDrift({ operationId, path: place, expected, received });
    }
  };
}
