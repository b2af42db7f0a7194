/**
 * End to end: the DHCPv4 Active and Bulk sessions through the framer, with
 * a dropped connection and a catch-up (or a DataMissing and a Bulk
 * recovery) in the middle; no binding change lost or delivered twice (see
 * e2e-harness.ts).
 */
import { describe, expect, it } from "vitest";
import { type Run, runExchange } from "./e2e-harness.js";

function check(total: number, run: Run): void {
  expect(run.made.length).toBe(total);
  expect(new Set(run.got).size).toBe(run.got.length);
  expect([...run.got].sort()).toEqual([...run.made].sort());
}

describe("DHCPv4 Active and Bulk Leasequery end to end", () => {
  it("moves 100,000 binding changes across a dropped connection and a catch-up", { timeout: 60_000 }, () => {
    const run = runExchange(100_000, 7);
    check(100_000, run);
    expect(run.catchUpComplete).toBe(1);
    expect(run.dataMissing).toBe(0);
  });

  it("recovers the gap with a Bulk query after DataMissing, 100,000 changes", { timeout: 60_000 }, () => {
    const run = runExchange(100_000, 8, 1000);
    check(100_000, run);
    expect(run.dataMissing).toBe(1);
    expect(run.catchUpComplete).toBe(0);
    expect(run.recovered).toBeGreaterThan(10_000);
  });

  for (const seed of [1, 2, 3]) {
    it(`moves 3,000 changes, other chunkings (seed ${seed})`, () => {
      check(3000, runExchange(3000, seed));
      check(3000, runExchange(3000, seed, 100));
    });
  }
});
