import { defineProject } from "vitest/config";

// The contract tests: the real client against Prism, which serves and checks openapi.yaml.
// One Prism mock is shared by every file (global-setup.ts); proxy.test.ts runs its own Prism
// in proxy mode.
export default defineProject({
  test: {
    name: "contract",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // Starting a Prism takes about 1.5 s, more on a busy machine; calls to it take ms.
    hookTimeout: 30_000,
  },
});
