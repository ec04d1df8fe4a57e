/**
 * The files of the throwaway project that installs the packed tarball: the way a user's
 * project would use the package, from ESM, from CommonJS and from strict TypeScript.
 *
 * They are kept here as text, not as files in the repository, because the repository's own
 * typecheck would otherwise try to resolve `ncloud-media-intelligence` against a build that
 * may not exist yet.
 */

/** A published signature v2 test vector (test/unit/signature.test.ts): signing this request must give this value. */
const VECTOR = {
  method: "GET",
  url: "/api/v1/workspaces/my-workspace/projects/1234/assets/5678/indexes/1001/scene-summaries/101/status",
  timestamp: 1700000000000,
  accessKey: "ACCESS_KEY_ID",
  secretKey: "ncp-secret-example",
  signature: "6iQk53DX98XgQUVP9kBZxHQx0ACwNP9HM9TY8P3BRVA=",
};

const SIGNATURE_INPUT = JSON.stringify({
  method: VECTOR.method,
  url: VECTOR.url,
  timestamp: VECTOR.timestamp,
  accessKey: VECTOR.accessKey,
  secretKey: VECTOR.secretKey,
});

/**
 * ESM: signs the vector with `makeSignatureV2`, then makes the same call through the client
 * (the package as installed from the registry) against a stub `fetch` that
 * records the signature header.
 */
const IMPORT_MJS = `import { createMediaIntelligenceClient, makeSignatureV2 } from "ncloud-media-intelligence";

const expected = ${JSON.stringify(VECTOR.signature)};
const signature = await makeSignatureV2(${SIGNATURE_INPUT});
if (signature !== expected) throw new Error(\`makeSignatureV2 gave \${signature}, expected \${expected}\`);

let sent;
const client = createMediaIntelligenceClient({
  accessKey: ${JSON.stringify(VECTOR.accessKey)},
  secretKey: ${JSON.stringify(VECTOR.secretKey)},
  baseUrl: "https://mi.example.test",
  clock: () => ${VECTOR.timestamp},
  retries: 0,
  fetch: async (url, init) => {
    sent = new Headers(init.headers).get("x-ncp-apigw-signature-v2");
    return Response.json({
      code: "0",
      message: "success",
      result: {
        status: "SUMMARIZING", statusMessage: null, sceneSummaryId: 101, targetSceneIds: null,
        analyzedSceneCount: 3, totalSceneCount: 10, requestedTime: "2026-04-17T10:30:00",
        completedTime: null,
      },
    });
  },
});
const status = await client.getSceneSummaryStatus({
  workspaceName: "my-workspace", projectId: "1234", assetId: "5678", indexId: "1001", sceneSummaryId: "101",
});
if (sent !== expected) throw new Error(\`the client signed \${sent}, expected \${expected}\`);
if (status.status !== "SUMMARIZING") throw new Error(\`status \${status.status}, expected SUMMARIZING\`);
console.log(signature);
`;

/** CommonJS: `require()` of the ESM package, which Node 20.19+ supports. */
const REQUIRE_CJS = `const { makeSignatureV2 } = require("ncloud-media-intelligence");

makeSignatureV2(${SIGNATURE_INPUT}).then((signature) => {
  if (signature !== ${JSON.stringify(VECTOR.signature)}) {
    throw new Error(\`makeSignatureV2 gave \${signature}\`);
  }
  console.log(signature);
});
`;

/**
 * Strict TypeScript, ESM. Each `@ts-expect-error` must meet an error: if the package's types
 * degraded to `any`, the directive would be unused and the typecheck would fail.
 */
const CONSUMER_MTS = `import {
  createMediaIntelligenceClient,
  type ErrorKind,
  InvalidInputError,
  isKnownStatus,
  MediaIntelligenceError,
  type SceneSummaries,
  type SceneSummaryStatus,
} from "ncloud-media-intelligence";

type Status =
  | "BEFORE_SUMMARIZE"
  | "WAIT_SUMMARIZE"
  | "SUMMARIZING"
  | "SUMMARIZE_COMPLETED"
  | "SUMMARIZE_FAIL"
  | "SUMMARIZE_CANCELED";

const client = createMediaIntelligenceClient({ accessKey: "AK", secretKey: "SK", retries: 1 });
const index = { workspaceName: "my-workspace", projectId: "1234", assetId: "5678", indexId: "1001" };

function explain(kind: ErrorKind): string {
  switch (kind) {
    case "gateway":
    case "api":
      return "the server said no";
    case "network":
    case "timeout":
    case "deadline":
      return "no answer";
    case "invalid-response":
    case "too-large":
      return "an answer the client cannot read";
    case "redirect":
      return "sent elsewhere";
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

export async function describeIndex(): Promise<string> {
  try {
    const status: SceneSummaryStatus = await client.getSceneSummaryStatus({ ...index, sceneSummaryId: "101" });
    // A status may be one the pages do not name: narrowed, it is one of the six.
    // @ts-expect-error: not narrowed yet.
    const unnarrowed: Status = status.status;
    const value: Status | "unknown" = isKnownStatus(status.status) ? status.status : "unknown";
    const wrong: SceneSummaryStatus["status"] = "DONE";
    const summaries: SceneSummaries = await client.getSceneSummaries(index);
    const first = summaries.sceneSummaries[0];
    const description: string | undefined = first?.sceneSummary?.description;
    return \`\${unnarrowed} \${value} \${wrong} \${description ?? "no scene yet"}\`;
  } catch (error) {
    if (error instanceof MediaIntelligenceError) {
      const status: number | undefined = error.status;
      return \`\${explain(error.kind)} (\${status ?? "no status"}, \${error.attempts} attempts)\`;
    }
    if (error instanceof InvalidInputError) return error.field;
    throw error;
  }
}

// @ts-expect-error: the index ids are incomplete.
void client.getSceneSummaries({ workspaceName: "my-workspace" });
// @ts-expect-error: not an error kind.
void explain("unknown");
`;

/** Strict TypeScript, CommonJS: TypeScript 5.8+ types require(esm) under nodenext. */
const CONSUMER_CTS = `import { makeSignatureV2 } from "ncloud-media-intelligence";

export const signature: Promise<string> = makeSignatureV2(${SIGNATURE_INPUT});
`;

/** Settings of both TypeScript consumers: strict, with Node's own module resolution. */
const STRICT = {
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2022",
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  // The package's declarations are checked too; TypeScript's own lib files are not.
  skipLibCheck: false,
  skipDefaultLibCheck: true,
  noEmit: true,
};
const TYPESCRIPT_FILES = ["consumer.mts", "consumer.cts"];

/** A browser or edge project: DOM types, no `@types/node` (the package must not need it). */
const TSCONFIG_WEB = {
  compilerOptions: { ...STRICT, lib: ["es2022", "dom"], types: [] },
  files: TYPESCRIPT_FILES,
};

/** A Node project: `@types/node` and no DOM types, as in the usual Node tsconfig bases. */
const TSCONFIG_NODE = {
  compilerOptions: { ...STRICT, lib: ["es2022"], types: ["node"] },
  files: TYPESCRIPT_FILES,
};

/** The signature that import.mjs and require.cjs must print. */
export const EXPECTED_SIGNATURE = VECTOR.signature;

/** File name → contents of the consumer project. */
export const CONSUMER_FILES = {
  "package.json": `${JSON.stringify({ name: "ncp-mi-consumer", private: true }, null, 2)}\n`,
  "import.mjs": IMPORT_MJS,
  "require.cjs": REQUIRE_CJS,
  "consumer.mts": CONSUMER_MTS,
  "consumer.cts": CONSUMER_CTS,
  "tsconfig.web.json": `${JSON.stringify(TSCONFIG_WEB, null, 2)}\n`,
  "tsconfig.node.json": `${JSON.stringify(TSCONFIG_NODE, null, 2)}\n`,
};
