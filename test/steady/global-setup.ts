/**
 * Installs steady (first run only, into a cache folder) and starts it and a Prism mock on the
 * same openapi.yaml, for the comparison in steady.test.ts; stops both after the run.
 */
import type { TestProject } from "vitest/node";
import { DEFAULT_SPEC, startPrism } from "../../scripts/prism.mjs";
import { installSteady, STEADY_VERSION, startSteady } from "./support/steady.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the steady mock. */
    steadyUrl: string;
    /** The pinned steady version. */
    steadyVersion: string;
    /** Base URL of the Prism mock started beside it. */
    prismUrl: string;
    /** Absolute path of the spec both serve. */
    specPath: string;
  }
}

export default async function setup(project: TestProject) {
  const binary = await installSteady();
  const [steady, prism] = await Promise.all([
    startSteady(binary, DEFAULT_SPEC),
    startPrism({ mode: "mock", spec: DEFAULT_SPEC, errors: true }),
  ]);
  project.provide("steadyUrl", steady.url);
  project.provide("steadyVersion", STEADY_VERSION);
  project.provide("prismUrl", prism.url);
  project.provide("specPath", DEFAULT_SPEC);
  return async () => {
    await Promise.all([steady.stop(), prism.stop()]);
  };
}
