import { defineProject } from "vitest/config";

// Fault and load tests: the real client against test/support/gateway.ts on loopback sockets.
export default defineProject({
  test: { name: "resilience", include: ["**/*.test.ts"] },
});
