/**
 * Layers only point down. From the relative imports of src/ and cli/ (type
 * imports and re-exports included):
 * - no import cycle;
 * - src/v4 does not import src/v6 (DHCPv4 stands on its own; DHCP4o6, which
 *   joins them, sits above both);
 * - src/wire imports only src/wire and src/errors.ts, and src/schema only
 *   those and src/schema: the bottom layers know nothing above them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });

/** The relative module specifiers of a file: static imports, re-exports and dynamic imports. */
function relativeImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)) out.push(m[1] as string);
  return out;
}

/** The project file a specifier names (`./x.js` is `./x.ts`), relative to the root. */
function target(from: string, spec: string): string {
  const abs = resolve(dirname(join(root, from)), spec.replace(/\.js$/, ".ts"));
  return relative(root, abs).split("\\").join("/");
}

const files = [...walk(join(root, "src")), ...walk(join(root, "cli"))].map((f) =>
  relative(root, f).split("\\").join("/"),
);
const edges = new Map<string, string[]>(
  files.map((f) => [f, relativeImports(readFileSync(join(root, f), "utf8")).map((s) => target(f, s))]),
);

/** Strongly connected components of more than one file (or a file importing itself), each sorted. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** What is wrong with the graph, one line each. */
function breaches(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const scc of cycles(graph)) out.push(`cycle: ${scc.join(" ")}`);
  for (const [from, tos] of graph) {
    for (const to of new Set(tos)) {
      if (from.startsWith("src/v4/") && to.startsWith("src/v6/")) out.push(`v4 -> v6: ${from} -> ${to}`);
      const bottom = from.startsWith("src/wire/")
        ? ["src/wire/"]
        : from.startsWith("src/schema/")
          ? ["src/schema/", "src/wire/"]
          : undefined;
      if (bottom !== undefined && to !== "src/errors.ts" && !bottom.some((b) => to.startsWith(b))) {
        out.push(`upward: ${from} -> ${to}`);
      }
    }
  }
  return out.sort();
}

describe("the import graph of src/ and cli/", () => {
  it("finds the imports it is given", () => {
    expect(
      relativeImports(`
        import { a } from "./a.js";
        import type { B } from "../b.js";
        export * from "./c.js";
        export { d } from './d.js';
        const e = await import("./e.js");
        // import { f } from "./f.js";
        /* import { g } from "./g.js"; */
        import fc from "fast-check";
      `),
    ).toEqual(["./a.js", "../b.js", "./c.js", "./d.js", "./e.js"]);
  });

  it("sees a cycle, an upward import and v4 leaning on v6", () => {
    const g = new Map<string, string[]>([
      ["src/a.ts", ["src/b.ts"]],
      ["src/b.ts", ["src/c.ts"]],
      ["src/c.ts", ["src/a.ts"]],
      ["src/wire/x.ts", ["src/errors.ts", "src/v6/y.ts"]],
      ["src/v4/z.ts", ["src/v6/y.ts", "src/schema/s.ts"]],
      ["src/schema/s.ts", ["src/wire/x.ts"]],
      ["src/v6/y.ts", []],
      ["src/errors.ts", []],
    ]);
    expect(breaches(g)).toEqual([
      "cycle: src/a.ts src/b.ts src/c.ts",
      "upward: src/wire/x.ts -> src/v6/y.ts",
      "v4 -> v6: src/v4/z.ts -> src/v6/y.ts",
    ]);
  });

  it("resolves every relative import to a file", () => {
    const missing = [...edges].flatMap(([from, tos]) =>
      tos.filter((to) => !edges.has(to)).map((to) => `${from} -> ${to}`),
    );
    expect(missing).toEqual([]);
  });

  it("has no cycle and no upward import", () => {
    expect(breaches(edges)).toEqual([]);
  });

  it("keeps the option summaries (prose) off the codec path", () => {
    // Only the public barrel and the describing layers may pull them in, so
    // that an application that only decodes or encodes does not ship them.
    const allowed = (from: string) =>
      from === "src/index.ts" ||
      from.startsWith("src/inspect/") ||
      from.startsWith("src/validate/") ||
      from.startsWith("cli/");
    const users = [...edges].filter(([, tos]) => tos.some((to) => /^src\/v[46]\/summaries\.ts$/.test(to)));
    expect(users.map(([from]) => from).filter((from) => !allowed(from))).toEqual([]);
  });
});
