import { defineProject } from "vitest/config";

// The contract cases against a second, independent mock: steady (@stdy/cli), beside Prism.
// global-setup.ts installs steady into a cache folder on the first run (~100 MB download).
export default defineProject({
  test: {
    name: "steady",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // The first run downloads steady; later runs start it and Prism in about two seconds.
    hookTimeout: 300_000,
    testTimeout: 20_000,
  },
});
