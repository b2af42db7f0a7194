/**
 * The work of decoding grows linearly with the input, for the shapes a
 * hostile peer would pick (test/slow/cases.ts). Work is counted, not
 * timed: bytes allocated and copied, array elements walked or appended,
 * reader calls and bytes of text decoded (measure.ts, countWork), at sizes
 * n and 8n. Each count per unit of input at 8n must be at most what it is
 * at n, with a little room: a linear count gives 1 or less, a quadratic
 * one 8. The counts are exact, so the verdict is the same on any machine
 * under any load. How long the same cases take is the benchmark's
 * (`npm run bench -- --only scaling`).
 */
import { describe, expect, it } from "vitest";
import { LINEAR_CASES } from "./cases.js";
import { countWork, describeWork, perUnitGrowth, WORK_KEYS, type WorkAt, workAt } from "./measure.js";

/** Largest per-unit growth of any count from n to 8n: linear is at most 1; quadratic is 8. */
const LINEAR = 1.25;
/** Fixed work a count may add at 8n beyond linear (an error object, a result array). */
const SLACK = 64;

function expectLinear(name: string, unit: string, rows: WorkAt[]): void {
  const line = describeWork(name, unit, rows);
  console.info(line);
  const growth = perUnitGrowth(rows, SLACK);
  for (const k of WORK_KEYS) expect(growth[k], `${k}, ${line}`).toBeLessThanOrEqual(LINEAR);
}

describe("decode work is linear in the input", () => {
  for (const c of LINEAR_CASES) {
    const sizes = [c.sizes[0] as number, c.sizes[c.sizes.length - 1] as number];
    it(`${c.name}: ${sizes[0]} to ${sizes[1]} ${c.unit}`, () => {
      expectLinear(c.name, c.unit, workAt(sizes, c.make, c.run));
    });
  }
});

describe("the counts see a quadratic step", () => {
  const pieces = (n: number) => Array.from({ length: n }, (_, i) => Uint8Array.of(i & 0xff, 1, 2));
  const sizes = [500, 4000];

  it("a join by repeated concatenation", () => {
    const join = (parts: Uint8Array[]) => {
      let out = new Uint8Array(0);
      for (const p of parts) {
        const next = new Uint8Array(out.length + p.length);
        next.set(out);
        next.set(p, out.length);
        out = next;
      }
      return out;
    };
    const g = perUnitGrowth(workAt(sizes, pieces, join), SLACK);
    expect(g.copied).toBeGreaterThan(7);
    expect(g.allocated).toBeGreaterThan(7);
  });

  it("an array grown by spreading it", () => {
    const grow = (parts: Uint8Array[]) => {
      let lens: number[] = [];
      for (let i = 0; i < parts.length; i++) lens = [...lens, (parts[i] as Uint8Array).length];
      return lens;
    };
    expect(perUnitGrowth(workAt(sizes, pieces, grow), SLACK).elements).toBeGreaterThan(7);
  });

  it("a map over the instances per instance", () => {
    const offsets = (parts: Uint8Array[]) => parts.map((_, i) => parts.slice(0, i).map((p) => p.length));
    expect(perUnitGrowth(workAt(sizes, pieces, offsets), SLACK).elements).toBeGreaterThan(7);
  });

  it("counting stops when the run ends, and counts nothing of its own", () => {
    const w = countWork(() => {});
    for (const k of WORK_KEYS) expect(w[k], k).toBe(0);
    const a: number[] = [];
    a.push(1, 2, 3);
    expect([...a]).toEqual([1, 2, 3]);
    expect(countWork(() => a.push(4)).elements).toBe(1);
  });
});
