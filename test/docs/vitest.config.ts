import { defineProject } from "vitest/config";

// The API reference page (docs/index.html), built by scripts/build-docs.mjs and driven in
// Debian's Chromium with the network blocked. Building takes ~2 s and launching the browser a
// few more on a small machine; each test is a few clicks on the page.
export default defineProject({
  test: {
    name: "docs",
    include: ["**/*.test.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
