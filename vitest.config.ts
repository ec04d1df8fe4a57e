import { defineConfig } from "vitest/config";

// Unit tests here; each other area (contract, docs, cli, …) has its own project config beside
// its tests, so that its setup (a Prism process, a browser, a build) stays with it.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // Most test files wait on sockets, child processes and a browser rather than on the CPU:
    // more files at once than cores (the default is one less than the cores).
    maxWorkers: 4,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      "test/*/vitest.config.ts",
    ],
  },
});
