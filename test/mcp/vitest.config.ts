import { defineProject } from "vitest/config";

// End-to-end tests of `ncp-mi mcp` (the built dist/cli/main.js), driven by the official MCP
// client over stdio, against the bundled mock of scripts/mock-server.mjs and against
// test/support/gateway.ts (which checks signatures itself). global-setup.ts builds dist/
// first when it is missing or older than src/.
export default defineProject({
  test: {
    name: "mcp",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // Most of a test is waiting for the server and the mock, so the files run their tests side
    // by side (describe.concurrent: vitest reads `sequence.concurrent` from the root config
    // only); each test asks about an asset of its own, so more of them at once than 5.
    maxConcurrency: 16,
    // Starting a mock's Prism takes about 1.5 s and a server about 0.3 s; the longest tool
    // call waits about 2 s on the mock.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
