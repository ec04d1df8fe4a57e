/**
 * `--dry-run` on every command: the signed request printed as a curl command, nothing sent,
 * and the printed request accepted as it stands by a gateway that checks signatures
 * (test/support/gateway.ts): its method, URL, headers and body replayed with fetch.
 */
import { describe, expect, it } from "vitest";
import { ok, statusResult, TEST_ACCESS_KEY } from "../support/gateway.js";
import {
  EXAMPLE_ASSET_CANCEL_TARGET,
  EXAMPLE_ASSET_STATUS_TARGET,
  EXAMPLE_ASSET_SUMMARY_TARGET,
  EXAMPLE_RESULT_TARGET,
  EXAMPLE_RUN_TARGET,
  EXAMPLE_STATUS_TARGET,
} from "../support/ids.js";
import { ASSET_OPTIONS, INDEX_OPTIONS, runCli, SUMMARY_OPTIONS } from "./support/cli.js";
import { useGateway } from "./support/scenario.js";

const startGateway = useGateway();

/** The words of a POSIX shell command line made of plain and single-quoted words. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const character = line[i] as string;
    if (character === "\\" && line[i + 1] === "\n") {
      i++; // a line continuation
    } else if (character === "'") {
      const end = line.indexOf("'", i + 1);
      expect(end, `unterminated quote in ${line}`).toBeGreaterThan(i);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (character === "\\") {
      word = (word ?? "") + (line[i + 1] ?? "");
      i++;
    } else if (/\s/.test(character)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + character;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The request a curl command line makes, from the options ncp-mi prints. */
function parseCurl(line: string) {
  const [curl, ...words] = shellWords(line);
  expect(curl).toBe("curl");
  let method = "GET";
  let url = "";
  let body: string | undefined;
  const headers: Array<[string, string]> = [];
  // The URL is taken exactly as signed: no globbing, no squashing of /./ and /../.
  expect(words.slice(2, 4)).toEqual(["--globoff", "--path-as-is"]);
  words.splice(2, 2);
  for (let i = 0; i < words.length; i += 2) {
    const value = words[i + 1] as string;
    switch (words[i]) {
      case "--request":
        method = value;
        break;
      case "--url":
        url = value;
        break;
      case "--header": {
        const colon = value.indexOf(": ");
        headers.push([value.slice(0, colon), value.slice(colon + 2)]);
        break;
      }
      case "--data-raw":
        body = value;
        break;
      default:
        throw new Error(`unexpected curl option ${words[i]}`);
    }
  }
  return { method, url, headers, body };
}

describe("--dry-run", () => {
  it.each([
    { args: ["summarize", ...ASSET_OPTIONS], method: "POST", target: EXAMPLE_ASSET_SUMMARY_TARGET },
    { args: ["request", ...ASSET_OPTIONS], method: "POST", target: EXAMPLE_ASSET_SUMMARY_TARGET },
    { args: ["cancel", ...ASSET_OPTIONS], method: "POST", target: EXAMPLE_ASSET_CANCEL_TARGET },
    { args: ["status", ...ASSET_OPTIONS], method: "GET", target: EXAMPLE_ASSET_STATUS_TARGET },
    { args: ["wait", ...ASSET_OPTIONS], method: "GET", target: EXAMPLE_ASSET_STATUS_TARGET },
    { args: ["summaries", ...ASSET_OPTIONS], method: "GET", target: EXAMPLE_ASSET_SUMMARY_TARGET },
    { args: ["request", ...INDEX_OPTIONS], method: "POST", target: EXAMPLE_RESULT_TARGET },
    { args: ["cancel", ...SUMMARY_OPTIONS], method: "DELETE", target: EXAMPLE_RUN_TARGET },
    { args: ["status", ...SUMMARY_OPTIONS], method: "GET", target: EXAMPLE_STATUS_TARGET },
    { args: ["summaries", ...INDEX_OPTIONS], method: "GET", target: EXAMPLE_RESULT_TARGET },
  ])(
    "$args.0: $method $target, sends nothing, and the curl line is accepted",
    async ({ args, method, target }) => {
      const gateway = await startGateway([ok(statusResult("SUMMARIZING"))]);
      const { code, stdout, stderr } = await runCli([...args, "--dry-run"], {
        baseUrl: gateway.url,
      });
      expect(code).toBe(0);
      expect(stderr).toContain("ncp-mi: dry run: nothing was sent.");
      expect(gateway.seen).toEqual([]);

      const request = parseCurl(stdout);
      expect(request.method).toBe(method);
      expect(request.url).toBe(gateway.url + target);
      const names = request.headers.map(([name]) => name);
      expect(names).toEqual(
        expect.arrayContaining([
          "x-ncp-apigw-timestamp",
          "x-ncp-iam-access-key",
          "x-ncp-apigw-signature-v2",
        ]),
      );
      expect(request.headers).toContainEqual(["x-ncp-iam-access-key", TEST_ACCESS_KEY]);

      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      await response.body?.cancel();
      expect(gateway.seen).toHaveLength(1);
      expect(gateway.seen[0]).toMatchObject({ method, target, authenticated: true });
    },
  );

  it.each([
    [["--scenes", "3,7"], { sceneIds: [3, 7] }],
    [["--locale", "en"], { locale: "en" }],
  ])("prints the request body: %j as JSON", async (options, body) => {
    const gateway = await startGateway([ok({})]);
    const { code, stdout } = await runCli(["request", ...ASSET_OPTIONS, ...options, "--dry-run"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(0);
    const request = parseCurl(stdout);
    expect(JSON.parse(request.body ?? "")).toEqual(body);
    expect(request.headers).toContainEqual(["content-type", "application/json"]);
  });

  it("a bad id is still refused: exit 2, nothing printed on stdout", async () => {
    const gateway = await startGateway([ok({})]);
    const args = [...ASSET_OPTIONS];
    args[args.indexOf("--project") + 1] = "..";
    const { code, stdout, stderr } = await runCli(["status", ...args, "--dry-run"], {
      baseUrl: gateway.url,
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^ncp-mi: bad --project: /);
  });
});
