/** The bundled mock (scripts/mock-server.mjs) for the tests of a file, one per scenario. */
import { afterAll } from "vitest";
import { startMock } from "../../scripts/mock-server.mjs";

/** A scenario of the mock. */
export type Scenario = "complete" | "fail" | "cancel" | "in-progress" | "slow";

/**
 * How much faster than real time the mock runs in tests: `complete` then takes under a
 * second, and a wait (one poll a second at least) two or three polls.
 */
const SPEED = 4;

/**
 * Returns a function that gives the URL of a mock running `scenario`, started on first use
 * (concurrent tests share it: each asks about its own asset) and stopped after the file's tests.
 */
export function useMock(): (scenario: Scenario) => Promise<string> {
  const started = new Map<Scenario, ReturnType<typeof startMock>>();
  afterAll(async () => {
    await Promise.all([...started.values()].map(async (mock) => (await mock).stop()));
  });
  return async (scenario) => {
    let mock = started.get(scenario);
    if (!mock) {
      mock = startMock({ scenario, speed: SPEED });
      started.set(scenario, mock);
    }
    return (await mock).url;
  };
}
