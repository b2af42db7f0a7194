/**
 * Every `@example` in src/ is run, and what it prints is checked against the
 * expected-output comments next to its console.log calls.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLogs, EXAMPLES_DIR, expectationsOf, runExample } from "./helpers/examples.js";

const src = join(__dirname, "..", "src");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function examplesIn(file: string): { symbol: string; code: string }[] {
  const text = readFileSync(file, "utf8");
  const out: { symbol: string; code: string }[] = [];
  const doc =
    /\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|class|let|interface|type)?\s*([A-Za-z0-9_$]*)/g;
  for (const m of text.matchAll(doc)) {
    const body = (m[1] ?? "")
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n");
    for (const ex of body.matchAll(/@example\s*```ts\n([\s\S]*?)```/g))
      out.push({ symbol: m[2] ?? "", code: ex[1] ?? "" });
  }
  return out;
}

const examples = walk(src).flatMap((file) => examplesIn(file).map((e) => ({ ...e, file })));
afterAll(() => rmSync(EXAMPLES_DIR, { recursive: true, force: true }));

describe("documentation examples", () => {
  it("exist", () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  examples.forEach((ex, n) => {
    it(`${relative(src, ex.file)} ${ex.symbol} #${n}`, async () => {
      checkLogs(await runExample(ex.code, `doc${n}`), expectationsOf(ex.code));
    });
  });
});
