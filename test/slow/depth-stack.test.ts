/**
 * The documented maxDepth ceiling (MAX_DECODE_DEPTH) is safe: scan,
 * decode, encode, inspectMessage, formatMessage and validate all handle a
 * message nested that deep in a process whose stack is 400 KB, 40% of
 * Node's default 984 KB, so a caller may already have used 60% of the
 * stack. The control run with a far smaller stack shows that the flag
 * takes effect (the same work then overflows).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_DECODE_DEPTH } from "../../src/index.js";

const CHILD = join(__dirname, "depth-stack-child.ts");

function runWithStack(kb: number) {
  return spawnSync(process.execPath, [`--stack-size=${kb}`, "--import", "tsx", CHILD], {
    encoding: "utf8",
    cwd: join(__dirname, "..", ".."),
    timeout: 120_000,
  });
}

describe("nesting at MAX_DECODE_DEPTH within a reduced stack", () => {
  it("is 128", () => {
    expect(MAX_DECODE_DEPTH).toBe(128);
  });

  it("every recursive entry point works with a 400 KB stack", () => {
    const r = runWithStack(400);
    expect(r.stderr).not.toMatch(/Maximum call stack/);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    // scan ok, byte-exact re-encode, a tree, and a line of text per node at least one per level.
    for (const line of lines.slice(0, 2)) {
      const [, ok, same, tree, textLines] = line.split(" ");
      expect([ok, same, tree]).toEqual(["true", "true", "true"]);
      expect(Number(textLines)).toBeGreaterThan(MAX_DECODE_DEPTH);
    }
    expect(lines[2]).toBe("ok");
  }, 130_000);

  it("control: the same work overflows a 100 KB stack", () => {
    const r = runWithStack(100);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Maximum call stack size exceeded/);
  }, 130_000);
});
