import { defineProject } from "vitest/config";

// End-to-end tests of the built `ncp-mi` (dist/cli/main.js), spawned as a process, against
// test/support/gateway.ts (which checks signatures itself), the Prism mock, and the bundled
// mock of scripts/mock-server.mjs (a summarisation that progresses, per scenario).
// global-setup.ts builds dist/ first when it is missing or older than src/.
export default defineProject({
  test: {
    name: "cli",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // Most of a test is waiting for a child process: run the tests of a file side by side.
    sequence: { concurrent: true },
    // Building takes a few seconds and starting Prism about 1.5 s; each CLI run is ~0.2 s.
    hookTimeout: 60_000,
    testTimeout: 20_000,
  },
});
