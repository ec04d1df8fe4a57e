/**
 * Ends a vitest run with one plain line, `N passed, N failed` (and `, N skipped` when any
 * were), which CI logs and tools that read a run's last line understand without knowing
 * vitest's own summary format.
 */
import type { Reporter, TestModule } from "vitest/node";

/** The reporter; listed after vitest's default one in vitest.config.ts. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) counts[test.result().state]++;
    }
    const skipped = counts.skipped + counts.pending;
    console.log(
      `${counts.passed} passed, ${counts.failed} failed${skipped ? `, ${skipped} skipped` : ""}`,
    );
  }
}
