/**
 * Every `@example` in src/ is run, and what it prints is checked against the
 * `// expected` comments written next to its console.log calls. A comment on
 * the same line gives the printed arguments (strings quoted); comment lines
 * right after a console.log give raw multi-line text.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const root = join(__dirname, "..");
const src = join(root, "src");
const outDir = join(__dirname, ".examples");

interface Example {
  file: string;
  symbol: string;
  code: string;
  expected: (string | null)[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function examplesIn(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const out: Example[] = [];
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|class|let|interface|type)?\s*([A-Za-z0-9_$]*)/g)) {
    const body = (m[1] ?? "").split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    const joined = body.join("\n");
    for (const ex of joined.matchAll(/@example\s*```ts\n([\s\S]*?)```/g)) {
      const code = ex[1] ?? "";
      const lines = code.split("\n");
      const expected: (string | null)[] = [];
      lines.forEach((line, i) => {
        if (!line.includes("console.log(")) return;
        const inline = line.match(/console\.log\(.*\);?\s*\/\/ (.*)$/);
        if (inline) {
          expected.push(`inline:${inline[1]}`);
          return;
        }
        const block: string[] = [];
        for (let j = i + 1; j < lines.length && /^\s*\/\/ ?/.test(lines[j] ?? ""); j++) {
          block.push((lines[j] ?? "").replace(/^\s*\/\/ ?/, ""));
        }
        expected.push(block.length ? `block:${block.join("\n")}` : null);
      });
      out.push({ file, symbol: m[2] ?? "", code, expected });
    }
  }
  return out;
}

function show(v: unknown, top: boolean): string {
  if (typeof v === "string") return top ? JSON.stringify(v) : JSON.stringify(v);
  if (v instanceof Uint8Array) return `Uint8Array(${v.length}) [ ${Array.from(v).join(", ")} ]`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, false)).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => `${k}: ${show(x, false)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return String(v);
}

const norm = (s: string) => s.replace(/\s+/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]").trim();

const examples = walk(src).flatMap(examplesIn);
mkdirSync(outDir, { recursive: true });
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("documentation examples", () => {
  it("exist", () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  examples.forEach((ex, n) => {
    it(`${relative(src, ex.file)} ${ex.symbol} #${n}`, async () => {
      const file = join(outDir, `ex${n}.ts`);
      const code = ex.code.replace(/from "dhcp-leasequery(\/[a-z-]+)?"/g, (_all, sub: string | undefined) => {
        const target = sub ? join(src, sub.slice(1), "index.ts") : join(src, "index.ts");
        return `from ${JSON.stringify(target)}`;
      });
      writeFileSync(file, `${code}\nexport {};\n`);
      const logs: unknown[][] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        logs.push(args);
      });
      try {
        await import(file);
      } finally {
        spy.mockRestore();
      }
      expect(logs.length, "console.log calls").toBe(ex.expected.length);
      ex.expected.forEach((exp, i) => {
        if (exp === null) return;
        const args = logs[i] ?? [];
        if (exp.startsWith("block:")) {
          expect(args.map(String).join(" ")).toBe(exp.slice(6));
        } else {
          expect(norm(args.map((a) => show(a, true)).join(" "))).toBe(norm(exp.slice(7)));
        }
      });
    });
  });
});
