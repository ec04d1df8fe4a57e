/**
 * Starts the Prism mock every contract test file talks to, and stops it after the run.
 * The spec is openapi.yaml, or the file named by CONTRACT_SPEC: that lets the suite run
 * against a deliberately changed copy, to see that it notices the change.
 */
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { DEFAULT_SPEC, startPrism } from "../../scripts/prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the shared Prism mock. */
    prismUrl: string;
    /** Absolute path of the spec that Prism serves and the tests read. */
    specPath: string;
  }
}

export default async function setup(project: TestProject) {
  const specPath = process.env.CONTRACT_SPEC ? resolve(process.env.CONTRACT_SPEC) : DEFAULT_SPEC;
  const prism = await startPrism({ mode: "mock", spec: specPath, errors: true });
  project.provide("prismUrl", prism.url);
  project.provide("specPath", specPath);
  return () => prism.stop();
}
