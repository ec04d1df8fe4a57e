import { defineConfig } from "vitest/config";

// Unit tests here; each other area (contract, docs, cli, …) has its own project config beside
// its tests, so that its setup (a Prism process, a browser, a build) stays with it.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      "test/*/vitest.config.ts",
    ],
  },
});
