/**
 * Bad command lines and bad ids: exit 2, one line on stderr naming the problem, nothing on
 * stdout, and not a single request reaches the gateway.
 */
import { describe, expect, it } from "vitest";
import { ok, statusResult } from "../support/gateway.js";
import { INDEX_OPTIONS, runCli, SUMMARY_OPTIONS } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

/** A password in a base URL: it must never be printed. */
const PASSWORD = "pw-must-not-leak";

/** SUMMARY_OPTIONS with one option's value replaced. */
function withValue(option: string, value: string): string[] {
  const args = [...SUMMARY_OPTIONS];
  args[args.indexOf(option) + 1] = value;
  return args;
}

describe("bad input exits 2 and sends nothing", () => {
  it.each([
    {
      name: "an unknown command",
      args: ["stats", ...SUMMARY_OPTIONS],
      says: "unknown command 'stats'",
    },
    {
      name: "an unknown option",
      args: ["status", ...SUMMARY_OPTIONS, "--frmat", "json"],
      says: "unknown option '--frmat'",
    },
    {
      name: "an option of another command",
      args: ["summaries", ...INDEX_OPTIONS, "--interval", "1"],
      says: "unknown option '--interval'",
    },
    {
      name: "an option before the command",
      args: ["--debug", "status", ...SUMMARY_OPTIONS],
      says: "the command comes first",
    },
    {
      name: "a missing required option",
      args: ["status", ...INDEX_OPTIONS],
      says: "missing required option --summary",
    },
    {
      name: "several missing options",
      args: ["wait", "--workspace", "w"],
      says: "missing required options --project, --asset, --index, --summary",
    },
    {
      name: "an option without its value",
      args: ["status", ...SUMMARY_OPTIONS, "--base-url"],
      says: "'--base-url' needs a value",
    },
    {
      name: "an option taking the next option as its value",
      args: ["status", "--workspace", ...SUMMARY_OPTIONS.slice(2)],
      says: "'--workspace' needs a value",
    },
    {
      name: "a value for a switch",
      args: ["status", ...SUMMARY_OPTIONS, "--json=yes"],
      says: "'--json' takes no value",
    },
    {
      name: "a positional argument",
      args: ["status", ...SUMMARY_OPTIONS, "extra"],
      says: "unexpected argument 'extra'",
    },
    {
      name: "--retries -1",
      args: ["status", ...SUMMARY_OPTIONS, "--retries", "-1"],
      says: "'--retries' needs a value",
    },
    {
      name: "--retries=-1",
      args: ["status", ...SUMMARY_OPTIONS, "--retries=-1"],
      says: "--retries must be a whole number ≥ 0, got '-1'",
    },
    {
      name: "--retries 1.5",
      args: ["status", ...SUMMARY_OPTIONS, "--retries", "1.5"],
      says: "--retries must be a whole number",
    },
    {
      name: "--interval 0",
      args: ["wait", ...SUMMARY_OPTIONS, "--interval", "0"],
      says: "--interval must be a positive number of seconds",
    },
    {
      name: "--timeout abc",
      args: ["wait", ...SUMMARY_OPTIONS, "--timeout", "abc"],
      says: "--timeout must be a positive number of seconds, such as 5 or 0.5, got 'abc'",
    },
    {
      name: "--request-timeout 1e3",
      args: ["status", ...SUMMARY_OPTIONS, "--request-timeout", "1e3"],
      says: "--request-timeout must be a positive number",
    },
    {
      name: "an unknown format",
      args: ["summaries", ...INDEX_OPTIONS, "--format", "html"],
      says: "unknown format 'html'",
    },
    {
      name: "an empty id",
      args: ["status", ...withValue("--workspace", "")],
      says: "bad --workspace: workspaceName must not be empty",
    },
    {
      name: "the id '.'",
      args: ["status", ...withValue("--project", ".")],
      says: 'bad --project: projectId must not be "."',
    },
    {
      name: "the id '..'",
      args: ["summaries", ...withValue("--asset", "..").slice(0, 8)],
      says: 'bad --asset: assetId must not be ".."',
    },
    {
      name: "a newline in an id",
      args: ["status", ...withValue("--index", "10\n01")],
      says: "bad --index: indexId must not contain control characters (U+000A at index 2)",
    },
    {
      name: "an escape in an id",
      args: ["wait", ...withValue("--summary", "1\x1b[2J")],
      says: "bad --summary: sceneSummaryId must not contain control characters (U+001B",
    },
    {
      name: "a relative base URL",
      args: ["status", ...SUMMARY_OPTIONS, "--base-url", "mi.example"],
      says: "bad --base-url",
    },
  ])("$name", async ({ args, says }) => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(args, { baseUrl: gateway.url });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(says);
    expect(stderr).toMatch(/^ncp-mi: [^\n]*\n$/); // one line, no stack trace
    expect(stderr).not.toContain("\x1b"); // the bad id's escape is not echoed raw
    expect(gateway.seen).toEqual([]);
  });

  it("a usage error points to the command's help", async () => {
    const { stderr } = await runCli(["summaries", "--format", "vtt"]);
    expect(stderr).toContain("Run 'ncp-mi summaries --help' for usage.");
  });

  it("so does a bad id, which the SDK rejects", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stderr } = await runCli(["wait", ...withValue("--summary", "")], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "ncp-mi: bad --summary: sceneSummaryId must not be empty. Run 'ncp-mi wait --help' for usage.\n",
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
      runCli(["status", ...SUMMARY_OPTIONS, "--base-url", url(gateway.url)]),
      runCli(["status", ...SUMMARY_OPTIONS], { baseUrl: url(gateway.url) }),
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

  it("a --request-timeout past what timers can hold (2^31 - 1 ms): exit 2, nothing sent", async () => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const { code, stdout, stderr } = await runCli(
      ["status", ...SUMMARY_OPTIONS, "--request-timeout", "3000000"],
      { baseUrl: gateway.url },
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^ncp-mi: bad --request-timeout: [^\n]*\n$/);
    expect(gateway.seen).toEqual([]);
  });

  it.each([
    { missing: ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"] },
    { missing: ["NCLOUD_SECRET_KEY"] },
    { missing: ["NCLOUD_ACCESS_KEY"] },
  ])("missing $missing: exit 2, naming the variables", async ({ missing }) => {
    const gateway = await startGateway([ok(statusResult("SUMMARIZING", 3, 10))]);
    const env = Object.fromEntries(missing.map((name) => [name, undefined]));
    const { code, stdout, stderr } = await runCli(["status", ...SUMMARY_OPTIONS], {
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
    const { code, stderr } = await runCli(["status", ...SUMMARY_OPTIONS], {
      baseUrl: gateway.url,
      env: { NCLOUD_SECRET_KEY: "" },
    });
    expect(code).toBe(2);
    expect(stderr).toContain("missing credentials: NCLOUD_SECRET_KEY is not set;");
    expect(gateway.seen).toEqual([]);
  });
});
