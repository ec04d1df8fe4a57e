/** `--help` (overall and per command), `help <command>`, `--version`, and no arguments. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

const EXIT_CODES = ["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "70 ", "130"];
const COMMANDS = ["summarize", "request", "cancel", "status", "summaries", "wait"];

describe("help", () => {
  it("--help lists the commands, common options, environment and every exit code", async () => {
    const { code, stdout, stderr } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    for (const text of [...COMMANDS, "--base-url", "--request-timeout", "--deadline"]) {
      expect(stdout).toContain(text);
    }
    for (const text of ["--retries", "--debug", "--dry-run", "--insecure-http", "-v, --version"]) {
      expect(stdout).toContain(text);
    }
    for (const text of ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "U+00A0 and U+3000"]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain("NCLOUD_MI_BASE_URL");
    expect(stdout).toContain("NO_COLOR");
    const exitCodes = stdout.slice(stdout.indexOf("Exit codes:"));
    for (const exitCode of EXIT_CODES) expect(exitCodes).toMatch(new RegExp(`^  ${exitCode}`, "m"));
    expect(exitCodes).toContain("BEFORE_SUMMARIZE"); // SceneSummaryNotRequestedError is 1
  });

  it("a command without a dry run does not offer --dry-run among the options", async () => {
    const [doctor, request] = await Promise.all([
      runCli(["doctor", "--help"]),
      runCli(["request", "--help"]),
    ]);
    const options = (help: string) => help.slice(0, help.indexOf("Exit codes:"));
    expect(options(doctor.stdout)).not.toContain("--dry-run");
    expect(options(request.stdout)).toContain("--dry-run");
  });

  it("-h is --help", async () => {
    const [short, long] = await Promise.all([runCli(["-h"]), runCli(["--help"])]);
    expect(short).toEqual(long);
  });

  it.each([
    { command: "summarize", options: ["--scenes LIST", "--locale LOCALE", "-o, --output FILE"] },
    { command: "request", options: ["--scenes LIST", "--locale LOCALE", "--json"] },
    { command: "cancel", options: ["--summary ID"] },
    { command: "status", options: ["--summary ID", "--json"] },
    { command: "summaries", options: ["--format FORMAT", "table, json, markdown, vtt, srt"] },
    {
      command: "wait",
      options: ["--summary ID", "--interval SECONDS", "--timeout SECONDS", "--grace SECONDS"],
    },
  ])(
    "$command --help and help $command show its options and the exit codes",
    async ({ command, options }) => {
      const [flag, topic] = await Promise.all([
        runCli([command, "--help"]),
        runCli(["help", command]),
      ]);
      expect(flag.code).toBe(0);
      expect(flag).toEqual(topic);
      expect(flag.stdout).toMatch(new RegExp(`^Usage: ncp-mi ${command} --workspace NAME`));
      for (const option of [...options, "--project ID", "--asset ID", "--index ID", "--base-url"]) {
        expect(flag.stdout).toContain(option);
      }
      expect(flag.stdout).toContain("Exit codes:");
      expect(flag.stdout).toContain("Examples:");
    },
  );

  it("every help page has the same common options, environment and exit codes", async () => {
    const pages = await Promise.all(
      [["--help"], ...COMMANDS.map((command) => ["help", command])].map((args) => runCli(args)),
    );
    // From the common options to the examples of a command, or to the end of the overall help.
    const common = (page: string) => {
      const examples = page.indexOf("Examples:");
      return page
        .slice(page.indexOf("Options of every command:"), examples === -1 ? undefined : examples)
        .trimEnd();
    };
    const [overall, ...commands] = pages.map(({ stdout }) => common(stdout));
    expect(overall).toMatch(
      /^Options of every command:\n.*\nIds:\n.*\nEnvironment:\n.*\nExit codes:\n/s,
    );
    for (const page of commands) expect(page).toBe(overall);
  });

  it("--json says what each command prints: a result of the API, or doctor's report", async () => {
    const json = async (command: string) =>
      (await runCli(["help", command])).stdout
        .split("\n")
        .find((line) => line.trimStart().startsWith("--json"));
    expect(await json("status")).toContain("Print JSON (the API's `result` object)");
    expect(await json("doctor")).toContain("Print the report as JSON");
  });

  it("--help wins over missing options and needs no credentials", async () => {
    const { code, stdout } = await runCli(["wait", "--help"], {
      env: { NCLOUD_ACCESS_KEY: undefined, NCLOUD_SECRET_KEY: undefined },
    });
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: ncp-mi wait");
  });

  it("every help line fits 80 columns, examples included", async () => {
    const runs = await Promise.all(
      [["--help"], ...COMMANDS.map((command) => ["help", command])].map((args) => runCli(args)),
    );
    for (const { stdout } of runs) {
      for (const line of stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it("--version prints package.json's version", async () => {
    const { code, stdout, stderr } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${VERSION}\n`);
    expect(stderr).toBe("");
  });

  it("no arguments: the overall help on stderr, exit 2", async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Usage:");
  });
});
