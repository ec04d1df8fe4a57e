/**
 * ncp-mi against a gateway that departs from openapi.yaml as a live service plausibly does:
 * lax by default (the job completes, the departures are one note line each on stderr, named
 * by the spec's JSON paths), strict with --strict or NCP_MI_STRICT=1 (exit 1, not 2, naming
 * openapi.yaml, nothing on stdout); and `ncp-mi doctor` against it, against a wrong secret,
 * and against the bundled mock.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ok,
  type Reply,
  type SeenRequest,
  statusResult,
  TEST_SECRET_KEY,
} from "../support/gateway.js";
import { useMock } from "../support/mock.js";
import { ID } from "../support/operations.js";
import { ASSET_OPTIONS, runCli } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();
const mockUrl = useMock();

/** A summarisation that completes on the third status read, in a service that departs. */
function departingService(): (request: SeenRequest, count: number) => Reply {
  let reads = 0;
  let requested = false;
  return ({ method, target }) => {
    if (method === "POST") {
      requested = true;
      return { status: 200, body: { code: "0", message: "success", requestId: "r-1" } };
    }
    if (target.endsWith("/status")) {
      if (!requested) {
        return ok(
          statusResult("BEFORE_SUMMARIZE", 0, 0, { sceneSummaryId: null, requestedTime: null }),
        );
      }
      reads++;
      const status =
        reads < 2 ? "SUMMARIZE_QUEUED" : reads < 3 ? "SUMMARIZING" : "SUMMARIZE_COMPLETED";
      return ok(
        statusResult(status, reads, 3, {
          sceneSummaryId: "101",
          requestedTime: "2026-12-07T11:00:00+09:00",
        }),
      );
    }
    return ok({
      indexId: null,
      sceneSummaries: [
        {
          scene: 1,
          startMs: 0,
          endMs: 4_000,
          tone: "calm",
          sceneSummary: { description: "Opening." },
        },
        { scene: 2, startMs: 4_000, endMs: 9_000, tone: "tense", sceneSummary: null },
      ],
    });
  };
}

const SUMMARIZE = ["summarize", ...ASSET_OPTIONS, "--interval", "1"];

describe("summarize against a service that departs from openapi.yaml", () => {
  it("lax: completes, writes the chapters, and names each departure once on stderr", async () => {
    const gateway = await startGateway(departingService());
    const folder = await mkdtemp(join(tmpdir(), "ncp-mi-drift-"));
    const { code, stdout, stderr } = await runCli([...SUMMARIZE, "-o", "chapters.vtt"], {
      baseUrl: gateway.url,
      cwd: folder,
    });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
    expect(await readFile(join(folder, "chapters.vtt"), "utf8")).toBe(
      "WEBVTT\n\nscene-1\n00:00:00.000 --> 00:00:04.000\nOpening.\n",
    );
    const notes = stderr.split("\n").filter((line) => line.startsWith("ncp-mi: note:"));
    const paths = notes.map((line) => /at (\$\S*) \(/.exec(line)?.[1]);
    expect(paths.sort()).toEqual(
      [
        "$.requestId",
        "$.result.indexId",
        "$.result.requestedTime",
        "$.result.sceneSummaries[*].tone",
        "$.result.sceneSummaryId",
        "$.result.status",
      ].sort(),
    );
    // The spec's names, never rewritten with the CLI's (sceneSummaryId is not --summary).
    expect(stderr).toContain(
      "at $.result.sceneSummaryId (expected: must be integer or null; received: string)",
    );
    expect(stderr).not.toContain("--summary");
    expect(stderr).not.toContain("101");
  });

  it.each([
    ["--strict", [...SUMMARIZE, "--strict"], {}],
    ["NCP_MI_STRICT=1", SUMMARIZE, { NCP_MI_STRICT: "1" }],
  ])(
    "%s: fails (exit 1, not 2), naming openapi.yaml, with nothing on stdout",
    async (_, args, env) => {
      const gateway = await startGateway(departingService());
      const { code, stdout, stderr } = await runCli(args, { baseUrl: gateway.url, env });
      expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
      // The first departure is the request's answer, with its undeclared requestId.
      expect(stderr).toMatch(
        /^ncp-mi: POST \S+\/scene-summary answered HTTP 200 with a body that openapi\.yaml does not allow: at \$\.requestId, no such property \(openapi\.yaml does not declare it\), got string\. \(strict: any departure from openapi\.yaml is an error\)\n$/m,
      );
      expect(gateway.seen.filter((r) => r.method === "POST")).toHaveLength(1);
    },
  );

  it("a never-requested asset's status, with a null id and no time, is readable", async () => {
    const gateway = await startGateway(departingService());
    const text = await runCli(["status", ...ASSET_OPTIONS], { baseUrl: gateway.url });
    expect(text).toEqual({
      code: 0,
      stdout:
        "Status:     BEFORE_SUMMARIZE: no scene summarisation has been performed yet\n" +
        "Scenes:     0 of 0 analysed (all scenes)\n" +
        "Requested:  -\n" +
        "Completed:  -\n",
      stderr: "",
    });
    const json = await runCli(["status", ...ASSET_OPTIONS, "--format", "json"], {
      baseUrl: gateway.url,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ sceneSummaryId: null, requestedTime: null });
  });
});

describe("ncp-mi doctor", () => {
  it("against the departing service: reachable, keys accepted, every departure listed, exit 0", async () => {
    const gateway = await startGateway(departingService());
    const { code, stdout, stderr } = await runCli(["doctor", ...ASSET_OPTIONS, "--json"], {
      baseUrl: gateway.url,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      tool: "ncp-mi doctor",
      baseUrl: gateway.url,
      accessKey: expect.stringMatching(/^\*+_KEY$/),
      outcome: "ok",
    });
    expect(
      report.checks.map((c: { name: string; outcome: string }) => [c.name, c.outcome]),
    ).toEqual([
      ["connection", "ok"],
      ["clock", "ok"],
      ["credentials", "ok"],
      ["status", "ok"],
      ["result", "skip"],
    ]);
    // A never-requested asset: nothing departs; the read made no change.
    expect(report.departures).toEqual([]);
    expect(gateway.seen.map((r) => r.method)).toEqual(["GET"]);
  });

  it("lists the departures of a completed asset's status and result, kinds only", async () => {
    const departing = ok(
      statusResult("SUMMARIZE_COMPLETED", 3, 3, { sceneSummaryId: "110", statusMessage: 7 }),
    );
    const result = ok({
      indexId: "1001",
      sceneSummaries: [{ scene: 1, startMs: 0, endMs: 1, secret: "s3cr3t" }],
    });
    const gateway = await startGateway(({ target }) =>
      target.endsWith("/status") ? departing : result,
    );
    const { code, stdout } = await runCli(["doctor", ...ASSET_OPTIONS], { baseUrl: gateway.url });
    expect(code).toBe(0);
    expect(stdout).toContain("ok    result       asset 5678: 1 scenes");
    expect(stdout).toContain(
      `${ID.assetStatus} $.result.sceneSummaryId: expected must be integer or null; received string`,
    );
    expect(stdout).toContain(
      `${ID.assetStatus} $.result.statusMessage: expected must be string or null; received integer`,
    );
    expect(stdout).toContain(
      `${ID.assetResult} $.result.indexId: expected must be integer; received string`,
    );
    expect(stdout).toContain(
      `${ID.assetResult} $.result.sceneSummaries[*].secret: expected no such property`,
    );
    expect(stdout).not.toContain("s3cr3t");
    // --strict turns departures into a failure, for CI, and still lists them all.
    const strict = await runCli(["doctor", ...ASSET_OPTIONS, "--strict", "--json"], {
      baseUrl: gateway.url,
    });
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout);
    expect(report.outcome).toBe("fail");
    expect(report.checks.map((c: { outcome: string }) => c.outcome)).not.toContain("fail");
    expect(report.departures).toHaveLength(4);
  });

  it("prints server text in its report without a character a terminal would obey", async () => {
    const gateway = await startGateway([
      ok(statusResult("\u001b]0;PWNED\u0007\u001b[2J\u202eNEW", 1, 10)),
    ]);
    const { code, stdout } = await runCli(["doctor", ...ASSET_OPTIONS], { baseUrl: gateway.url });
    expect(code).toBe(0);
    expect(stdout).toContain("PWNED");
    expect(stdout.replaceAll("\n", "")).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
  });

  it("with a wrong secret: says authentication failed, exits 1 (not 2), never prints the secret", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING"))]);
    const wrong = "wrong-secret-must-not-print";
    const { code, stdout, stderr } = await runCli(
      ["doctor", "--workspace", "w", "--project", "1"],
      {
        baseUrl: gateway.url,
        env: { NCLOUD_SECRET_KEY: wrong },
      },
    );
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toMatch(
      /fail {2}credentials {2}authentication failed: the gateway refused the signature/,
    );
    expect(stdout).toContain("check NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY");
    expect(`${stdout}${stderr}`).not.toContain(wrong);
    expect(stdout).not.toContain(TEST_SECRET_KEY);
  });

  it("with nothing listening: says why, exits 1", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING"))]);
    await gateway.close();
    const { code, stdout } = await runCli(
      ["doctor", "--workspace", "w", "--project", "1", "--retries", "0"],
      {
        baseUrl: gateway.url,
      },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /fail {2}connection {3}no answer from 127\.0\.0\.1:\d+: nothing listens/,
    );
  });

  it("against the bundled mock, with and without an asset", async () => {
    const baseUrl = await mockUrl("complete");
    const [probe, asset] = await Promise.all([
      runCli(["doctor", "--workspace", "w", "--project", "1"], { baseUrl }),
      runCli(["doctor", ...ASSET_OPTIONS], { baseUrl }),
    ]);
    for (const run of [probe, asset]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/ok {4}credentials {2}the gateway accepted the signature/);
      expect(run.stdout).toContain("No departure from openapi.yaml in what was read.");
    }
    expect(asset.stdout).toContain("ok    status       asset 5678:");
  });
});
