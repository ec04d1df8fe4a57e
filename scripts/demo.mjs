// @ts-check
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

/** The asset ids of the spec's examples, as ncp-mi options: the asset-based API. */
export const DEMO_ASSET_OPTIONS = [
  "--workspace",
  "my-workspace",
  "--project",
  "1234",
  "--asset",
  "5678",
];

/** {@link DEMO_ASSET_OPTIONS} and the example's index: the index-based (deprecated) API. */
export const DEMO_INDEX_OPTIONS = [...DEMO_ASSET_OPTIONS, "--index", "1001"];

/**
 * The main job, as `npm start` runs it and `npm run mock` suggests it. `--interval 1` polls
 * every second (the default starts at 5), so that the progress of the mock's 3-second
 * summarisation shows.
 */
export const DEMO_SUMMARIZE = [
  "summarize",
  ...DEMO_ASSET_OPTIONS,
  "--format",
  "table",
  "--interval",
  "1",
];

/** `--summary` and the example's scene summary id. */
export const DEMO_SUMMARY_OPTIONS = ["--summary", "101"];
