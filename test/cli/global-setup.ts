/** Builds dist/ for the CLI tests when it is stale (see test/support/build-dist.ts). */
import { buildDistIfStale } from "../support/build-dist.js";
import { CLI } from "./support/cli.js";

export default function setup() {
  buildDistIfStale(CLI, "CLI");
}
