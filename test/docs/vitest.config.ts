import { defineProject } from "vitest/config";

// The API reference page (site/index.html), built once by global-setup.ts (~3 s) and driven in
// Debian's Chromium with the network blocked: what it loads and how it answers clicks
// (docs.test.ts), and how it is laid out at a desktop and a phone width (layout.test.ts).
export default defineProject({
  test: {
    name: "docs",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
