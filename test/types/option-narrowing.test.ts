/**
 * Runs the TypeScript compiler on option-narrowing.ts: the file compiles,
 * and without its `@ts-expect-error` directives it fails on exactly the
 * lines they mark.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorLines } from "../helpers/type-check.js";

const file = join(__dirname, "option-narrowing.ts");
const source = readFileSync(file, "utf8");

describe("option narrowing (type test)", () => {
  const lines = source.split("\n");
  const isDirective = (l: string): boolean => l.trimStart().startsWith("// @ts-expect-error");
  const marked = lines.flatMap((l, i) => (isDirective(l) ? [i + 2] : []));

  it("compiles, each @ts-expect-error meeting its error", () => {
    expect(marked.length).toBe(18);
    expect(errorLines(file)).toEqual([]);
  }, 120000);

  it("fails on exactly the marked lines without the directives", () => {
    // Blank the directives rather than remove them, so that line numbers stay.
    const bare = lines.map((l) => (isDirective(l) ? "" : l)).join("\n");
    expect([...new Set(errorLines(file, new Map([[file, bare]])))]).toEqual(marked);
  }, 120000);
});
