import { defineProject } from "vitest/config";

// The packed tarball on every runtime the package claims (README, "Supported runtimes"):
// Node 22, 24 and 26, Bun, Deno, workerd and Chromium. The runtimes are installed from the npm
// registry into a cache folder on the first run (about 930 MB; under a minute on a fast
// network), and reused afterwards; a warm run is the build, `npm pack`, one install and a
// few seconds per runtime.
export default defineProject({
  test: {
    name: "runtimes",
    include: ["**/*.test.ts"],
    hookTimeout: 300_000,
    testTimeout: 300_000,
  },
});
