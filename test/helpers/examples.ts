/**
 * Runs documentation examples and checks what they print. Expected output
 * is written as comments: on the console.log line itself (the printed
 * arguments, strings quoted, objects as `{ k: v }`), or as comment lines
 * right after it (raw multi-line text).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, vi } from "vitest";

const src = join(__dirname, "..", "..", "src");
export const EXAMPLES_DIR = join(__dirname, "..", ".examples");

/** Expected output per console.log call: inline args, a raw block, or unchecked. */
export type Expectation = { inline: string } | { block: string } | null;

export function expectationsOf(code: string): Expectation[] {
  const lines = code.split("\n");
  const out: Expectation[] = [];
  lines.forEach((line, i) => {
    if (!line.includes("console.log(")) return;
    const inline = line.match(/console\.log\(.*\);?\s*\/\/ (.*)$/);
    if (inline) {
      out.push({ inline: inline[1] ?? "" });
      return;
    }
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && /^\s*\/\/ ?/.test(lines[j] ?? ""); j++) {
      block.push((lines[j] ?? "").replace(/^\s*\/\/ ?/, ""));
    }
    out.push(block.length ? { block: block.join("\n") } : null);
  });
  return out;
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof Uint8Array) return `Uint8Array(${v.length}) [ ${Array.from(v).join(", ")} ]`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return String(v);
}

const norm = (s: string) => s.replace(/\s+/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]").trim();

/** Writes the example as a module importing the source tree, runs it, returns its console.log calls. */
export async function runExample(code: string, name: string): Promise<unknown[][]> {
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  const file = join(EXAMPLES_DIR, `${name}.ts`);
  const rewritten = code.replace(/from "dhcp-leasequery(\/[a-z-]+)?"/g, (_all, sub: string | undefined) => {
    const target = sub ? join(src, sub.slice(1), "index.ts") : join(src, "index.ts");
    return `from ${JSON.stringify(target)}`;
  });
  writeFileSync(file, `${rewritten}\nexport {};\n`);
  const logs: unknown[][] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logs.push(args);
  });
  try {
    await import(file);
  } finally {
    spy.mockRestore();
  }
  return logs;
}

/** Asserts the logs match the expectations, one per console.log call. */
export function checkLogs(logs: unknown[][], expected: Expectation[]): void {
  expect(logs.length, "console.log calls").toBe(expected.length);
  expected.forEach((exp, i) => {
    if (exp === null) return;
    const args = logs[i] ?? [];
    if ("block" in exp) expect(args.map(String).join(" ")).toBe(exp.block);
    else expect(norm(args.map(show).join(" "))).toBe(norm(exp.inline));
  });
}
