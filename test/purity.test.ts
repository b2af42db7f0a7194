/**
 * The library must run unchanged in browsers, workers, Deno and Bun: src/
 * uses only Uint8Array, DataView and TextEncoder/TextDecoder, and the main
 * entry never pulls in fast-check.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(__dirname, "..", "src");
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });

// Code only: comments, JSDoc examples and error texts may mention anything.
// Import specifiers are kept so that `from "node:..."` is still seen.
const code = (file: string) =>
  readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/(?<!from\s)"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/`(?:[^`\\]|\\.)*`/g, "``");

describe("src/ purity", () => {
  for (const file of walk(src)) {
    const rel = relative(src, file);
    it(`${rel} uses no Node-only APIs`, () => {
      const text = code(file);
      expect(text).not.toMatch(/from\s+["']node:/);
      expect(text).not.toMatch(/\bBuffer\b/);
      expect(text).not.toMatch(/\bprocess\./);
      expect(text).not.toMatch(/\brequire\(/);
      expect(text).not.toMatch(/\b(setTimeout|setInterval)\(/);
      expect(text).not.toMatch(/\beval\(|new Function\(/);
      if (!rel.startsWith("arbitrary")) expect(text).not.toMatch(/from\s+["']fast-check["']/);
    });
  }
});
