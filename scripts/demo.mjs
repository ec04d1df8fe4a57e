/**
 * What `npm start` and `npm run mock` use to show ncp-mi against the bundled mock: fake
 * credentials, the ids of openapi.yaml's examples, and the built CLI's path. Kept in one place
 * so that the commands `npm run mock` suggests are the ones `npm start` has just run.
 */
import { fileURLToPath } from "node:url";

/** The built CLI (`npm run build`). */
export const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

/**
 * Obviously fake keys. The mock checks only that the signature headers are there, so any
 * values do, and real keys never need to be sent to a mock.
 */
export const DEMO_CREDENTIALS = {
  NCLOUD_ACCESS_KEY: "DEMO_ACCESS_KEY",
  NCLOUD_SECRET_KEY: "demo-secret-key-not-real",
};

/** The ids of the spec's examples, as ncp-mi options. */
export const DEMO_INDEX_OPTIONS = [
  "--workspace",
  "my-workspace",
  "--project",
  "1234",
  "--asset",
  "5678",
  "--index",
  "1001",
];

/** `--summary` and the example's scene summary id. */
export const DEMO_SUMMARY_OPTIONS = ["--summary", "101"];
