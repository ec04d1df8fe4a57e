import { describe, expect, it } from "vitest";
import * as exportsModule from "../../../src/export/index.js";
import * as packageEntry from "../../../src/index.js";

describe("src/export/index.ts", () => {
  it("exports only what the package exports: nothing dead", () => {
    const unused = Object.keys(exportsModule).filter((name) => !Object.hasOwn(packageEntry, name));
    expect(unused).toEqual([]);
  });
});
