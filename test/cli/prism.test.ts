/** The built CLI against the Prism mock of openapi.yaml: the spec's examples, end to end. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrism } from "../../scripts/prism.mjs";
import { ASSET_OPTIONS, runCli } from "./support/cli.js";

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism({ mode: "mock" });
});
afterAll(() => prism?.stop());

/** Runs the CLI against Prism with the test credentials. */
function againstPrism(args: string[]) {
  return runCli(args, { baseUrl: prism.url });
}

describe("against the Prism mock", () => {
  it("status: the spec's first asset-based example (BEFORE_SUMMARIZE, 0 of 10)", async () => {
    const { code, stdout, stderr } = await againstPrism(["status", ...ASSET_OPTIONS]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(
      "Status:     BEFORE_SUMMARIZE: no scene summarisation has been performed yet\n",
    );
    expect(stdout).toContain("Scenes:     0 of 10 analysed (all scenes)\n");
  });

  it("status --json: the example's result object", async () => {
    const { code, stdout } = await againstPrism(["status", ...ASSET_OPTIONS, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      status: "BEFORE_SUMMARIZE",
      analyzedSceneCount: 0,
      totalSceneCount: 10,
    });
  });

  it.each(["table", "json", "markdown", "vtt", "srt"])("summaries --format %s", async (format) => {
    const { code, stdout, stderr } = await againstPrism([
      "summaries",
      ...ASSET_OPTIONS,
      "--format",
      format,
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("Gwanghwamun Square");
    if (format === "vtt") expect(stdout).toContain("00:00:01.000 --> 00:00:03.000");
    if (format === "srt") expect(stdout).toContain("00:00:01,000 --> 00:00:03,000");
  });

  it("wait: the mock never completes, so --timeout ends it with 5", async () => {
    const { code, stderr } = await againstPrism([
      "wait",
      ...ASSET_OPTIONS,
      "--interval",
      "1",
      "--timeout",
      "1.5",
    ]);
    expect(code).toBe(5);
    expect(stderr).toContain("wait: BEFORE_SUMMARIZE, 0/10 scenes analysed");
  });

  it("an id the spec rejects is caught before Prism sees it", async () => {
    const args = [...ASSET_OPTIONS];
    args[args.indexOf("--project") + 1] = "..";
    const { code, stderr } = await againstPrism(["status", ...args]);
    expect(code).toBe(2);
    expect(prism.output()).not.toContain("/projects/../");
    expect(stderr).toContain("bad --project");
  });
});
