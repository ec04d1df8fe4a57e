/** Builds dist/ for the MCP tests when it is stale (see test/support/build-dist.ts). */
import { CLI } from "../../scripts/demo.mjs";
import { buildDistIfStale } from "../support/build-dist.js";

export default function setup() {
  buildDistIfStale(CLI, "MCP");
}
