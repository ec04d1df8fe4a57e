/**
 * `summaries --format` end to end, with a result that tests the exports' edges: Korean text,
 * characters every format must escape (`-->`, `<b>`, `&`), a scene past the first hour, a
 * scene without a summary and a stale one.
 */
import { describe, expect, it } from "vitest";
import { toTable } from "../../src/export/index.js";
import { ok } from "../support/gateway.js";
import { ASSET_OPTIONS, ESC, runCli } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

const KOREAN = "진행자가 광화문 광장에서 인사한다.";
const TRICKY = 'She types "a --> b" in <b>bold</b> & smiles.';

const RESULT = {
  indexId: 1001,
  sceneSummaryInfo: { lastAnalyzedAt: "2026-04-17T11:05:12", analyzedSceneIds: ["1", "3"] },
  sceneSummaries: [
    {
      scene: 1,
      startMs: 0,
      endMs: 42_500,
      sceneSummary: {
        description: `${KOREAN} ${TRICKY}`,
        metadataChangedAfterSummary: false,
        analyzedAt: "2026-04-17T11:02:40",
      },
    },
    { scene: 2, startMs: 42_500, endMs: 3_605_000 },
    {
      scene: 3,
      startMs: 3_605_000,
      endMs: 3_725_250,
      sceneSummary: {
        description: "The guest walks along the Han River.",
        metadataChangedAfterSummary: true,
        analyzedAt: "2026-04-17T11:05:12",
      },
    },
  ],
};

async function summaries(...options: string[]) {
  const gateway = await startGateway([ok(RESULT)]);
  const run = await runCli(["summaries", ...ASSET_OPTIONS, ...options], { baseUrl: gateway.url });
  expect(run.code).toBe(0);
  expect(run.stderr).toBe("");
  expect(run.stdout).not.toContain(ESC);
  expect(gateway.seen.map((request) => request.authenticated)).toEqual([true]);
  return run.stdout;
}

describe("summaries --format", () => {
  it("table is the default: every scene, wrapped, unescaped plain text", async () => {
    const [table, explicit] = await Promise.all([summaries(), summaries("--format", "table")]);
    expect(table).toBe(explicit);
    // Not a terminal: the export's default width.
    expect(table).toBe(toTable(RESULT));
    expect(table).toMatch(/^Scene +Start - End +Status +Summary\n/);
    expect(table).toContain("진행자가 광화문");
    expect(table).toMatch(/\n +2 +00:00:42\.500 - 01:00:05\.000 +not analysed\n/);
    expect(table).toMatch(/\n +3 +01:00:05\.000 - 01:02:05\.250 +stale +The guest walks/);
    // A table is not markup: the text is shown as it is.
    expect(table.replace(/\n +/g, " ")).toContain(TRICKY);
  });

  it("json is the result object, two-space indented", async () => {
    const json = await summaries("--format", "json");
    expect(json).toBe(`${JSON.stringify(RESULT, null, 2)}\n`);
  });

  it("markdown escapes the text and lists every scene", async () => {
    const markdown = await summaries("--format", "markdown");
    // The asset-based API names no index: the title names the asset.
    expect(markdown).toMatch(/^# Scene summaries: asset 5678\n/);
    expect(markdown).toContain(
      `| 1 | 00:00:00.000 – 00:00:42.500 | ${KOREAN} She types "a --&gt; b" in &lt;b&gt;bold&lt;/b&gt; &amp; smiles. |`,
    );
    expect(markdown).toContain("| 2 | 00:00:42.500 – 01:00:05.000 | _not analysed_ |");
    expect(markdown).toContain("| 3 | 01:00:05.000 – 01:02:05.250 | **⚠ stale");
    expect(markdown).not.toContain("<b>");
  });

  it("vtt: chapters of the analysed scenes, escaped, past the hour", async () => {
    const vtt = await summaries("--format", "vtt");
    expect(vtt).toBe(
      [
        "WEBVTT",
        "",
        "scene-1",
        "00:00:00.000 --> 00:00:42.500",
        `${KOREAN} She types "a --&gt; b" in &lt;b&gt;bold&lt;/b&gt; &amp; smiles.`,
        "",
        "scene-3",
        "01:00:05.000 --> 01:02:05.250",
        "The guest walks along the Han River. [stale]",
        "",
      ].join("\n"),
    );
  });

  it("srt: numbered cues of the analysed scenes, past the hour", async () => {
    const srt = await summaries("--format", "srt");
    expect(srt).toBe(
      [
        "1",
        "00:00:00,000 --> 00:00:42,500",
        `${KOREAN} ${TRICKY.replace("-->", "-- >")}`,
        "",
        "2",
        "01:00:05,000 --> 01:02:05,250",
        "The guest walks along the Han River. [stale]",
        "",
      ].join("\n"),
    );
  });

  it("json escapes DEL, the C1 controls, the separators and the bidi controls, as JSON.stringify does C0", async () => {
    const hostile = {
      indexId: 7,
      sceneSummaries: [
        {
          scene: 1,
          startMs: 0,
          endMs: 1000,
          sceneSummary: {
            description:
              "CSI\u009b2J, NEL\u0085, DEL\u007f, ESC\u001b[31m, LS\u2028, RLO invoice_\u202efdp.exe, RLI\u2067, é kept",
            metadataChangedAfterSummary: false,
            analyzedAt: "2026-04-17T11:02:40",
          },
        },
      ],
    };
    const gateway = await startGateway([ok(hostile)]);
    const { code, stdout } = await runCli(["summaries", ...ASSET_OPTIONS, "--format", "json"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    // No control character but the newlines of the layout.
    expect(stdout.replaceAll("\n", "")).not.toMatch(/\p{Cc}/u);
    expect(stdout).toContain(
      '"description": "CSI\\u009b2J, NEL\\u0085, DEL\\u007f, ESC\\u001b[31m, LS\\u2028, RLO invoice_\\u202efdp.exe, RLI\\u2067, é kept"',
    );
    expect(stdout).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(stdout)).toEqual(hostile);
  });

  it("an empty result is fine in every format", async () => {
    const empty = { indexId: 7, sceneSummaries: [] };
    const gateway = await startGateway([ok(empty)]);
    for (const format of ["table", "json", "markdown", "vtt", "srt"]) {
      const { code, stdout } = await runCli(["summaries", ...ASSET_OPTIONS, "--format", format], {
        baseUrl: gateway.url,
      });
      expect(code, format).toBe(0);
      if (format === "table") expect(stdout).toContain("(no scenes)");
      if (format === "vtt") expect(stdout).toBe("WEBVTT\n");
    }
  });

  it("a result the spec does not allow is an error (1), not a crash", async () => {
    const broken = {
      ...RESULT,
      sceneSummaries: [{ scene: 1, startMs: -5, endMs: 10, sceneSummary: null }],
    };
    const gateway = await startGateway([ok(broken)]);
    const { code, stdout, stderr } = await runCli(["summaries", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    // The response check (openapi.yaml) refuses it, naming the field.
    expect(stderr).toMatch(/^ncp-mi: [^\n]*sceneSummaries\[0\]\.startMs[^\n]*\n$/);
  });
});
