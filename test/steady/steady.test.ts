/**
 * The contract cases against two independent mocks of openapi.yaml, Prism and steady: every
 * documented (operation, status, example), asked for through the real client with Prism's
 * `Prefer: code=…, example=…` header, and a few raw requests that break the spec. Where the two
 * mocks disagree is written to test-results/steady-vs-prism.json and printed.
 *
 * What must hold, so that a change in either mock or in the client shows:
 * - every request the client sends is valid for both (Prism: no violation; steady:
 *   `X-Steady-Request-Valid: true`);
 * - steady has no way to select a response, so whatever is asked, it serves its default one (the
 *   first 2xx response's first example), and for that case both mocks give the client the same
 *   outcome;
 * - the raw probes behave as recorded below (each a documented disagreement or agreement).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, inject, test } from "vitest";
import { type PrismReport, prismReport } from "../../scripts/prism.mjs";
import { operationTable } from "../../src/generated/operations.js";
import {
  createMediaIntelligenceClient,
  type FetchLike,
  MediaIntelligenceSdkError,
} from "../../src/index.js";
import type { OperationId } from "../../src/operation.js";
import {
  type DocumentedResponse,
  documentedResponses,
  readSpec,
  responseKey,
} from "../contract/support/spec.js";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "../support/gateway.js";
import { EXAMPLE_IDS as IDS } from "../support/ids.js";
import { OPERATIONS } from "../support/operations.js";

/** What the client made of a response: its result, or the error's identifying fields. */
type Outcome =
  | { result: unknown }
  | { error: { name: string; kind?: unknown; status?: unknown; code?: unknown } };

/** One response a mock served, and what it said about the request. */
interface Served {
  status: number;
  /** steady: `X-Steady-Request-Valid` and the diagnostic codes; Prism: its report. */
  requestValid: boolean;
  diagnostics: string[];
}

interface MockRun {
  outcome: Outcome;
  /** Each response of the operation under test (not the status read before a request). */
  served: Served[];
}

const MOCKS = { prism: inject("prismUrl"), steady: inject("steadyUrl") } as const;
type Mock = keyof typeof MOCKS;

/** What a mock's response says about the request that asked for it. */
async function judge(mock: Mock, response: Response): Promise<Served> {
  if (mock === "prism") {
    const report: PrismReport = await prismReport(response);
    const diagnostics = report.violations.map((v) => `${v.location?.join(".")}: ${v.message}`);
    if (report.problem) diagnostics.push(`problem: ${JSON.stringify(report.problem)}`);
    return { status: response.status, requestValid: diagnostics.length === 0, diagnostics };
  }
  const count = Number(response.headers.get("x-steady-error-count") ?? 0);
  const diagnostics = Array.from({ length: count }, (_, i) => {
    const h = (name: string) => response.headers.get(`x-steady-error-${i + 1}-${name}`);
    return `${h("code")} ${h("path")}: ${h("message")}`;
  });
  const valid = response.headers.get("x-steady-request-valid") === "true";
  return { status: response.status, requestValid: valid, diagnostics };
}

/**
 * Calls an operation through the real client against one mock, with extra headers on the
 * requests of the operation's method (a status read before a request goes as the client sent it).
 */
async function run(
  mock: Mock,
  id: OperationId,
  headers: Record<string, string> = {},
): Promise<MockRun> {
  const served: Served[] = [];
  const fetch: FetchLike = async (input, init) => {
    const sent = new Headers(init.headers);
    const own = init.method === operationTable[id].method;
    if (own) for (const [name, value] of Object.entries(headers)) sent.set(name, value);
    const response = await globalThis.fetch(input, { ...init, headers: sent });
    const judged = await judge(mock, response);
    if (!own) {
      expect(judged.diagnostics).toEqual([]);
      return response;
    }
    served.push(judged);
    return response;
  };
  const client = createMediaIntelligenceClient({
    accessKey: TEST_ACCESS_KEY,
    secretKey: TEST_SECRET_KEY,
    baseUrl: MOCKS[mock],
    // Strict in development: any departure from openapi.yaml fails the test.
    strictResponses: true,
    fetch,
    retries: 0,
    sleep: async () => {},
  });
  const outcome = await OPERATIONS[id].call(client).then(
    (result): Outcome => ({ result }),
    (error: unknown): Outcome => {
      if (!(error instanceof MediaIntelligenceSdkError)) throw error;
      const { name, kind, status, code } = error as MediaIntelligenceSdkError &
        Record<string, unknown>;
      return { error: { name, kind, status, code } };
    },
  );
  return { outcome, served };
}

/** One line of the report. */
function summary({ outcome, served }: MockRun): string {
  const statuses = served.map((s) => s.status).join("+");
  if ("result" in outcome)
    return `HTTP ${statuses}: result ${JSON.stringify(outcome.result)?.slice(0, 60)}`;
  const { kind, code } = outcome.error;
  return `HTTP ${statuses}: ${outcome.error.name} ${String(kind)} ${String(code)}`;
}

const cases = documentedResponses(readSpec(inject("specPath"))).filter(
  (c) => c.example !== undefined,
);

/** Per operation, the response a mock serves when nothing selects one: first 2xx, first example. */
const defaults = new Map<string, DocumentedResponse>();
for (const c of cases) {
  if (/^2\d\d$/.test(c.status) && !defaults.has(c.operationId)) defaults.set(c.operationId, c);
}

interface Row {
  operationId: string;
  status: string;
  example: string | null;
  prism: string;
  steady: string;
  agree: boolean;
}
const rows: Row[] = [];
const probes: { probe: string; prism: number; steady: number; agree: boolean }[] = [];

describe("every documented response, through the client, from Prism and from steady", () => {
  test.each(cases.map((c) => [responseKey(c), c] as const))("%s", async (_, c) => {
    const id = c.operationId as OperationId;
    const prefer = { Prefer: `code=${c.status}, example=${c.example}` };
    const [prism, steady, steadyDefault] = await Promise.all([
      run("prism", id, prefer),
      run("steady", id, prefer),
      run("steady", id),
    ]);
    rows.push({
      operationId: c.operationId,
      status: c.status,
      example: c.example ?? null,
      prism: summary(prism),
      steady: summary(steady),
      agree: JSON.stringify(prism.outcome) === JSON.stringify(steady.outcome),
    });

    // Both judge every request the client sent valid.
    for (const served of [...prism.served, ...steady.served]) {
      expect(served.diagnostics).toEqual([]);
      expect(served.requestValid).toBe(true);
    }
    expect(prism.served[0]?.status).toBe(Number(c.status));
    // steady ignores the Prefer header: it serves its default whatever is asked…
    expect(steady.outcome).toEqual(steadyDefault.outcome);
    // …and for the default case, both mocks agree.
    if (defaults.get(c.operationId) === c) expect(steady.outcome).toEqual(prism.outcome);
  });
});

describe("raw requests that break the spec", () => {
  const base = `/api/v1/workspaces/${IDS.workspaceName}/projects/${IDS.projectId}/assets/${IDS.assetId}`;
  const signed = {
    "x-ncp-apigw-timestamp": String(Date.now()),
    "x-ncp-iam-access-key": TEST_ACCESS_KEY,
    "x-ncp-apigw-signature-v2": "c2lnbmF0dXJl",
    "Content-Type": "application/json",
  };

  /** The HTTP status each mock answers a raw request with. */
  async function statuses(path: string, init: RequestInit) {
    const [prism, steady] = await Promise.all(
      (["prism", "steady"] as const).map(async (mock) => {
        const response = await fetch(`${MOCKS[mock]}${path}`, init);
        await response.body?.cancel();
        return response.status;
      }),
    );
    return { prism: prism as number, steady: steady as number };
  }

  test.each([
    {
      probe: "no signature headers (the spec's security requirement)",
      path: `${base}/scene-summary/status`,
      init: { headers: { "Content-Type": "application/json" } },
      // Prism enforces the security requirement; steady does not check security at all.
      expected: { prism: 401, steady: 200 },
    },
    {
      probe: "request body of the wrong type (sceneIds a string)",
      path: `${base}/scene-summary`,
      init: { method: "POST", headers: signed, body: '{"sceneIds":"2,5"}' },
      // Both refuse it: Prism with the documented 400 response, steady with its own 400.
      expected: { prism: 400, steady: 400 },
    },
    {
      probe: "unknown path",
      path: `${base}/no-such-thing`,
      init: { headers: signed },
      expected: { prism: 404, steady: 404 },
    },
    {
      probe: "undocumented method (PUT on the status path)",
      path: `${base}/scene-summary/status`,
      init: { method: "PUT", headers: signed },
      expected: { prism: 405, steady: 405 },
    },
  ])("$probe", async ({ probe, path, init, expected }) => {
    const observed = await statuses(path, init);
    probes.push({ probe, ...observed, agree: observed.prism === observed.steady });
    expect(observed).toEqual(expected);
  });
});

afterAll(() => {
  const disagreements = rows.filter((r) => !r.agree);
  const report = {
    steady: inject("steadyVersion"),
    cases: rows.length,
    agree: rows.length - disagreements.length,
    responses: rows,
    probes,
  };
  const directory = new URL("../../test-results/", import.meta.url);
  mkdirSync(directory, { recursive: true });
  writeFileSync(new URL("steady-vs-prism.json", directory), `${JSON.stringify(report, null, 2)}\n`);
  // One line here; every case, and the probes, in the JSON report.
  const disagreeingProbes = probes.filter((p) => !p.agree).map((p) => p.probe);
  console.log(
    `steady ${report.steady} vs Prism: ${report.agree}/${rows.length} documented responses agree; probes that disagree: ${disagreeingProbes.join(", ") || "none"} (test-results/steady-vs-prism.json)`,
  );
});
