import { defineProject } from "vitest/config";

// How the package behaves outside Node's test process: bundled for the browser and run in
// Debian's Chromium, and the spec-diff script run on throwaway git repositories. Launching the
// browser takes a few seconds on a small machine; each spec-diff run about half a second.
export default defineProject({
  test: {
    name: "package",
    include: ["**/*.test.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
