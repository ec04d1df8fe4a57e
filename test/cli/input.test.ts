/**
 * Bad command lines and bad ids: exit 2, one line on stderr naming the problem, nothing on
 * stdout, and not a single request reaches the gateway.
 */
import { describe, expect, it } from "vitest";
import { ok, statusResult } from "../support/gateway.js";
import {
  ASSET_OPTIONS,
  DEPRECATION_NOTE,
  INDEX_OPTIONS,
  runCli,
  SUMMARY_OPTIONS,
} from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

/** A password in a base URL: it must never be printed. */
const PASSWORD = "pw-must-not-leak";

/** ASSET_OPTIONS with one option's value replaced. */
function withValue(option: string, value: string): string[] {
  const args = [...ASSET_OPTIONS];
  args[args.indexOf(option) + 1] = value;
  return args;
}

describe("bad input exits 2 and sends nothing", () => {
  it.each([
    {
      name: "an unknown command",
      args: ["stats", ...SUMMARY_OPTIONS],
      says: "unknown command 'stats'; did you mean 'status'?",
    },
    {
      name: "an unknown command far from any",
      args: ["frobnicate", ...ASSET_OPTIONS],
      says: "unknown command 'frobnicate'; the commands are summarize, request, cancel, status, summaries, wait, doctor, mcp.",
    },
    {
      name: "an unknown option",
      args: ["summaries", ...ASSET_OPTIONS, "--frmat", "json"],
      says: "unknown option '--frmat'; did you mean '--format'?",
    },
    {
      name: "an unknown option, misspelt further",
      args: ["summarize", ...ASSET_OPTIONS, "--no-wait-exisitng"],
      says: "did you mean '--no-wait-existing'?",
    },
    {
      name: "an option of another command",
      args: ["summaries", ...ASSET_OPTIONS, "--interval", "1"],
      says: "summaries has no option '--interval' (summarize, wait and mcp have one).",
    },
    {
      name: "no command, only options",
      args: ["--debug", ...ASSET_OPTIONS],
      says: "no command given; the commands are summarize,",
    },
    {
      name: "a mistyped --version with no command",
      args: ["--verison"],
      says: "unknown option '--verison'; did you mean '--version'?",
    },
    {
      name: "an unknown option with no command",
      args: ["-x", "--debug"],
      says: "unknown option '-x', and no command given; the commands are summarize,",
    },
    {
      name: "a missing required option",
      args: ["status", "--workspace", "w", "--project", "1"],
      says: "missing required option --asset.",
    },
    {
      name: "several missing options",
      args: ["wait", "--workspace", "w"],
      says: "missing required options --project, --asset",
    },
    {
      name: "--summary without --index",
      args: ["status", ...ASSET_OPTIONS, "--summary", "101"],
      says: "--summary belongs to the index-based API: give --index too",
    },
    {
      name: "the index-based status without --summary",
      args: ["status", ...INDEX_OPTIONS],
      says: "missing --summary: the index-based status needs the scene summary request ID",
    },
    {
      name: "--locale with --index",
      args: ["request", ...INDEX_OPTIONS, "--locale", "en"],
      says: "--locale is for the asset-based API: leave out --index.",
    },
    {
      name: "a time that rounds to 0 ms",
      args: ["status", ...ASSET_OPTIONS, "--request-timeout", "0.0001"],
      says: "--request-timeout must be at least a millisecond (0.001), got '0.0001'.",
    },
    {
      name: "a bad --interval, with examples it allows",
      args: ["wait", ...ASSET_OPTIONS, "--interval", "abc"],
      says: "--interval must be a positive number of seconds up to 2147483, such as 1 or 5, got 'abc'.",
    },
    {
      name: "--locale with --scenes",
      args: ["summarize", ...ASSET_OPTIONS, "--scenes", "3,7", "--locale", "en"],
      says: "--locale is allowed only on a full analysis, not with --scenes",
    },
    {
      name: "a repeated single-value option",
      args: ["summaries", ...ASSET_OPTIONS, "--format", "vtt", "--format", "srt"],
      says: "option --format is given twice ('vtt' and 'srt'); give it once.",
    },
    {
      name: "a repeated id",
      args: ["status", ...ASSET_OPTIONS, "--asset", "9999"],
      says: "option --asset is given twice ('5678' and '9999')",
    },
    {
      name: "an option without its value",
      args: ["status", ...ASSET_OPTIONS, "--base-url"],
      says: "'--base-url' needs a value",
    },
    {
      name: "an option taking the next option as its value",
      args: ["status", "--workspace", ...ASSET_OPTIONS.slice(2)],
      says: "'--workspace' needs a value",
    },
    {
      name: "a value for a switch",
      args: ["status", ...ASSET_OPTIONS, "--json=yes"],
      says: "'--json' takes no value",
    },
    {
      name: "a positional argument",
      args: ["status", ...ASSET_OPTIONS, "extra"],
      says: "unexpected argument 'extra'",
    },
    {
      name: "--retries -1",
      args: ["status", ...ASSET_OPTIONS, "--retries", "-1"],
      says: "'--retries' needs a value",
    },
    {
      name: "--retries=-1",
      args: ["status", ...ASSET_OPTIONS, "--retries=-1"],
      says: "--retries must be a whole number ≥ 0, got '-1'",
    },
    {
      name: "--retries 1.5",
      args: ["status", ...ASSET_OPTIONS, "--retries", "1.5"],
      says: "--retries must be a whole number",
    },
    {
      name: "--interval 0",
      args: ["wait", ...ASSET_OPTIONS, "--interval", "0"],
      says: "--interval must be a positive number of seconds",
    },
    {
      name: "--interval below a second",
      args: ["wait", ...ASSET_OPTIONS, "--interval", "0.001"],
      says: "--interval must be at least 1 second, got '0.001'",
    },
    {
      name: "summarize --interval below a second",
      args: ["summarize", ...ASSET_OPTIONS, "--interval", "0.5"],
      says: "--interval must be at least 1 second, got '0.5'",
    },
    {
      name: "--timeout abc",
      args: ["wait", ...ASSET_OPTIONS, "--timeout", "abc"],
      says: "--timeout must be a positive number of seconds up to 2147483, such as 5 or 0.5, got 'abc'",
    },
    {
      name: "--deadline 0",
      args: ["status", ...ASSET_OPTIONS, "--deadline", "0"],
      says: "--deadline must be a positive number of seconds",
    },
    {
      name: "--request-timeout 1e3",
      args: ["status", ...ASSET_OPTIONS, "--request-timeout", "1e3"],
      says: "--request-timeout must be a positive number",
    },
    {
      name: "a --request-timeout past what timers can hold",
      args: ["status", ...ASSET_OPTIONS, "--request-timeout", "3000000"],
      says: "--request-timeout must be a positive number of seconds up to 2147483",
    },
    {
      name: "an unknown format",
      args: ["summaries", ...ASSET_OPTIONS, "--format", "html"],
      says: "unknown format 'html'; the formats are table, json, markdown, vtt, srt.",
    },
    {
      name: "a misspelt format",
      args: ["summaries", ...ASSET_OPTIONS, "--format", "VTTT"],
      says: "unknown format 'VTTT'; did you mean 'vtt'?",
    },
    {
      name: "bad --scenes",
      args: ["request", ...ASSET_OPTIONS, "--scenes", "3,seven"],
      says: "--scenes must be scene numbers separated by commas, such as 3,7, got '3,seven'",
    },
    {
      name: "an empty id",
      args: ["status", ...withValue("--workspace", "")],
      says: "bad --workspace: --workspace must not be empty",
    },
    {
      name: "an id of ASCII spaces",
      args: ["status", ...withValue("--project", "   ")],
      says: "bad --project: --project must not be blank (only white space)",
    },
    {
      name: "an id of ideographic spaces (U+3000)",
      args: ["status", ...withValue("--asset", "\u3000\u3000")],
      says: "bad --asset: --asset must not be blank (only white space)",
    },
    {
      name: "an id of no-break spaces (U+00A0)",
      args: ["summaries", ...withValue("--workspace", "\u00a0")],
      says: "bad --workspace: --workspace must not be blank (only white space)",
    },
    {
      name: "a padded id, refused rather than trimmed",
      args: ["status", ...withValue("--asset", " 5678 ")],
      says: 'bad --asset: --asset must not start or end with white space, got " 5678 "',
    },
    {
      name: "an id padded with U+3000",
      args: ["status", ...withValue("--asset", "5678\u3000")],
      says: "bad --asset: --asset must not start or end with white space",
    },
    {
      name: "the id '.'",
      args: ["status", ...withValue("--project", ".")],
      says: 'bad --project: --project must not be "."',
    },
    {
      name: "the id '..'",
      args: ["summaries", ...withValue("--asset", "..")],
      says: 'bad --asset: --asset must not be ".."',
    },
    {
      name: "a newline in an id",
      args: ["status", ...withValue("--asset", "56\n78")],
      says: "bad --asset: --asset must not contain control characters (U+000A at index 2)",
    },
    {
      name: "an escape in an id",
      args: ["wait", ...withValue("--workspace", "w\x1b[2J")],
      says: "bad --workspace: --workspace must not contain control characters (U+001B",
    },
    {
      name: "an escape in the index-based --summary",
      args: ["wait", ...INDEX_OPTIONS, "--summary", "1\x1b[2J"],
      says: "bad --summary: --summary must not contain control characters (U+001B",
    },
    {
      name: "a relative base URL",
      args: ["status", ...ASSET_OPTIONS, "--base-url", "mi.example"],
      says: "bad --base-url",
    },
    {
      name: "an empty --locale, which openapi.yaml refuses",
      args: ["request", ...ASSET_OPTIONS, "--locale", ""],
      says: "bad --locale: --locale must not be empty.",
    },
    {
      name: "an empty --locale to summarize",
      args: ["summarize", ...ASSET_OPTIONS, "--locale", ""],
      says: "bad --locale: --locale must not be empty.",
    },
    {
      name: "an empty --locale in a dry run",
      args: ["request", ...ASSET_OPTIONS, "--locale", "", "--dry-run"],
      says: "bad --locale: --locale must not be empty.",
    },
  ])("$name", async ({ args, says }) => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(args, { baseUrl: gateway.url });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(says);
    // One line (after --index's note), no stack trace.
    expect(stderr.replace(DEPRECATION_NOTE, "")).toMatch(/^ncp-mi: [^\n]*\n$/);
    expect(stderr).not.toContain("\x1b"); // the bad id's escape is not echoed raw
    expect(gateway.seen).toEqual([]);
  });

  it("a usage error points to the command's help", async () => {
    const { stderr } = await runCli(["summaries", "--format", "vtt"]);
    expect(stderr).toContain("Run 'ncp-mi summaries --help' for usage.");
  });

  it("so does a bad id, which the SDK rejects", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runCli(["wait", ...withValue("--project", "")], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "ncp-mi: bad --project: --project must not be empty. Run 'ncp-mi wait --help' for usage.\n",
    );
    expect(gateway.seen).toEqual([]);
  });

  it.each([
    { name: "a query", url: (origin: string) => `${origin}?`, says: "query or a fragment" },
    { name: "a fragment", url: (origin: string) => `${origin}/#x`, says: "query or a fragment" },
    {
      name: "a user name and password",
      url: (origin: string) => origin.replace("//", `//user:${PASSWORD}@`),
      says: "user name or password",
    },
  ])("a base URL with $name: exit 2, nothing sent, nothing echoed", async ({ url, says }) => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const [flag, variable] = await Promise.all([
      runCli(["status", ...ASSET_OPTIONS, "--base-url", url(gateway.url)]),
      runCli(["status", ...ASSET_OPTIONS], { baseUrl: url(gateway.url) }),
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(new RegExp(`^ncp-mi: bad --base-url: [^\n]*${says}[^\n]*\n$`));
    expect(variable.code).toBe(2);
    expect(variable.stderr).toMatch(
      new RegExp(`^ncp-mi: bad NCLOUD_MI_BASE_URL: [^\n]*${says}[^\n]*\n$`),
    );
    for (const { stdout, stderr } of [flag, variable]) {
      expect(stdout).toBe("");
      expect(stderr).not.toContain(PASSWORD);
    }
    expect(gateway.seen).toEqual([]);
  });

  it.each([
    { missing: ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"] },
    { missing: ["NCLOUD_SECRET_KEY"] },
    { missing: ["NCLOUD_ACCESS_KEY"] },
  ])("missing $missing: exit 2, naming the variables", async ({ missing }) => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const env = Object.fromEntries(missing.map((name) => [name, undefined]));
    const { code, stdout, stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
      env,
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      `missing credentials: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set;`,
    );
    expect(stderr).toContain(
      "access key from NCLOUD_ACCESS_KEY and the secret key from NCLOUD_SECRET_KEY",
    );
    expect(gateway.seen).toEqual([]);
  });

  it("an empty credential counts as missing", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
      env: { NCLOUD_SECRET_KEY: "" },
    });
    expect(code).toBe(2);
    expect(stderr).toContain("missing credentials: NCLOUD_SECRET_KEY is not set;");
    expect(gateway.seen).toEqual([]);
  });
});

describe("keys with white space around them", () => {
  it.each([
    { variable: "NCLOUD_ACCESS_KEY", value: " TEST_ACCESS_KEY" },
    { variable: "NCLOUD_SECRET_KEY", value: "test-secret-key-never-printed\n" },
  ])("$variable: exit 2, naming the variable, the key not echoed", async ({ variable, value }) => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(["status", ...ASSET_OPTIONS], {
      baseUrl: gateway.url,
      env: { [variable]: value },
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      new RegExp(`^ncp-mi: bad ${variable}: [^\n]*${variable}[^\n]*white space`),
    );
    expect(stderr).not.toContain(value.trim());
    expect(gateway.seen).toEqual([]);
  });
});

describe("parsing as people expect", () => {
  it.each([
    ["-v"],
    ["--version"],
    ["status", "-v"],
    ["summarize", ...ASSET_OPTIONS, "--version"],
    ["-v", "summaries"],
    ["wait", "--frmat", "x", "-v"],
  ])("%j prints the version", async (...args) => {
    const { code, stdout, stderr } = await runCli(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it.each([
    { args: ["status", "--frmat", "x", "--retries", "many", "-h"], page: "Usage: ncp-mi status " },
    { args: ["-h", "summaries", "--format", "html"], page: "Usage: ncp-mi summaries " },
    { args: ["wait", "--workspace", "-h"], page: "Usage: ncp-mi wait " },
    { args: ["stauts", "--help"], page: "Commands:" },
    { args: ["summarize", "-v", "-h"], page: "Usage: ncp-mi summarize " },
  ])("-h wins over other mistakes: $args", async ({ args, page }) => {
    const { code, stdout, stderr } = await runCli(args, {
      env: { NCLOUD_ACCESS_KEY: undefined, NCLOUD_SECRET_KEY: undefined },
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(page);
  });

  it("options of every command may come before the command, and ids before it too", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli([
      "--base-url",
      gateway.url,
      "--retries",
      "0",
      ...ASSET_OPTIONS.slice(0, 2),
      "status",
      ...ASSET_OPTIONS.slice(2),
      "--json",
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(stdout)).toMatchObject({ status: "SUMMARIZING" });
    expect(gateway.seen).toHaveLength(1);
  });

  it("--format is case-insensitive", async () => {
    const result = { indexId: 7, sceneSummaries: [] };
    const gateway = await startGateway([ok(result)]);
    const { code, stdout } = await runCli(["summaries", ...ASSET_OPTIONS, "--format", "VtT"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    expect(stdout).toBe("WEBVTT\n");
  });

  it("a 100 KB id is quoted cut short: the error stays one short line", async () => {
    const huge = "a".repeat(100_000);
    const gateway = await startGateway([
      { status: 404, body: { code: "40400", message: "Gone." } },
    ]);
    const [unknown, sent] = await Promise.all([
      runCli([huge, ...ASSET_OPTIONS]),
      runCli(["status", ...withValue("--asset", huge)], { baseUrl: gateway.url }),
    ]);
    for (const { code, stderr } of [unknown, sent]) {
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/^ncp-mi: [^\n]*…[^\n]*\n$/);
      expect(stderr.length).toBeLessThan(1100);
    }
  });
});
