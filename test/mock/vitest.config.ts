import { defineProject } from "vitest/config";

// The bundled mock (scripts/mock-server.mjs, scripts/mock.mjs) over real HTTP and as a
// process: each scenario's progression, the validity of every body it answers against
// openapi.yaml, and how `npm run mock` starts and ends. Starting Prism takes about 1.5 s.
export default defineProject({
  test: {
    name: "mock",
    include: ["**/*.test.ts"],
    // Most of a test is waiting for the mock's clock or a process: run them side by side.
    sequence: { concurrent: true },
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
