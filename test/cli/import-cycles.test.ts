/** cli/ has no import cycles: its modules form layers (found.ts and io.ts at the bottom, main.ts at the top). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(__dirname, "..", "..", "cli");

/** Each module's relative imports (type-only ones too), from the code without its comments. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
  return new Map(
    files.map((f) => {
      const code = readFileSync(join(dir, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      const targets = [...code.matchAll(/from\s+"\.\/([^"]+)\.js"/g)].map((m) => `${m[1]}.ts`);
      return [f, targets.filter((t) => files.includes(t))];
    }),
  );
}

/** The cycles of a graph, each from where it was entered. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (f: string, path: string[]): void => {
    const at = path.indexOf(f);
    if (at >= 0) {
      found.push([...path.slice(at), f]);
      return;
    }
    if (done.has(f)) return;
    for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
    done.add(f);
  };
  for (const f of graph.keys()) visit(f, []);
  return found;
}

describe("cli/ imports", () => {
  it("finds a cycle when there is one", () => {
    const g = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(cycles(g)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });

  it("has no cycles", () => {
    const graph = importGraph();
    expect(graph.get("main.ts")).toContain("args.ts");
    expect(cycles(graph)).toEqual([]);
  });
});
