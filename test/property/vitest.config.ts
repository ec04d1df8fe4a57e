import { defineProject } from "vitest/config";

// Property-based contract tests (fast-check): bodies generated from openapi.yaml's schemas,
// valid and mutated, through the generated validators and the exporters. Seeded: a failure
// prints its seed; FC_SEED=<seed> replays it, FC_NUM_RUNS=<n> changes the runs per property.
export default defineProject({
  test: {
    name: "property",
    include: ["**/*.test.ts"],
    // A few hundred runs per property take well under a second each; a loaded machine is slower.
    testTimeout: 60_000,
  },
});
