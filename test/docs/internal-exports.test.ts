/**
 * The main entry exports no value whose declaration is tagged @internal
 * (typedoc leaves those out of the API docs, so they must not be API).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";

const src = join(__dirname, "..", "..", "src");
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });

/** Names of exported values whose own JSDoc block says @internal. */
function internalValues(): Set<string> {
  const out = new Set<string>();
  const decl = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*export (?:const|function|class|let) (\w+)/g;
  for (const file of walk(src)) {
    for (const m of readFileSync(file, "utf8").matchAll(decl)) {
      if ((m[1] as string).includes("@internal")) out.add(m[2] as string);
    }
  }
  return out;
}

describe("the main entry", () => {
  it("exports no @internal value", () => {
    const internal = internalValues();
    expect(internal.has("inspectValue")).toBe(true); // the scan finds tagged declarations
    const leaked = Object.keys(api).filter((k) => internal.has(k));
    expect(leaked).toEqual([]);
  });
});
