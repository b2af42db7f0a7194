/**
 * The scaling section of the benchmark: how the time of each linear case
 * of the slow suite (test/slow/cases.ts: the largest options, 100,000 tiny
 * options, the deepest nesting, a DHCPv4 option split 100,000 ways, frames
 * fed one octet at a time) grows from size n to 2n, 4n and 8n. Run with
 * the rest of `npm run bench`, or alone with `npm run bench -- --only
 * scaling`.
 *
 * The slow suite proves these cases linear by counting their work, which
 * is the same on every machine; these timings show what that means on this
 * one, and catch what counting cannot see (a quadratic loop over bytes, or
 * the engine's cost per element changing with size). They are printed,
 * never asserted.
 * @module
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { LINEAR_CASES, type LinearCase } from "../test/slow/cases.js";
import { type Clock, median } from "./harness.js";

// A full collection before each timing, so that the garbage of one size is
// not collected on the next one's clock.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function clockMs(clock: Clock): () => number {
  if (clock === "wall") return () => performance.now();
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
}

/** One case's median time per call at each size. */
export interface ScalingRow {
  readonly name: string;
  readonly unit: string;
  readonly sizes: readonly number[];
  readonly ms: readonly number[];
  /** Time at the largest size over time at the smallest: the size ratio (8) when linear. */
  readonly growth: number;
  /** Growth divided by the size ratio: about 1 when linear, about 8 when quadratic. */
  readonly perUnit: number;
}

/** Keeps each result alive, so the optimiser must compute it. */
let _sink: unknown;

function measure(c: LinearCase, rounds: number, targetMs: number, now: () => number): ScalingRow {
  const inputs = c.sizes.map((s) => c.make(s));
  const time = (input: unknown, inner: number): number => {
    gc();
    const t0 = now();
    for (let i = 0; i < inner; i++) _sink = c.run(input);
    return (now() - t0) / inner;
  };
  // Warm up on every size so that the optimising compiler has seen them all.
  for (let k = 0; k < 3; k++) for (const input of inputs) time(input, 1);
  // Calls per timing: enough for about targetMs, above the clock's resolution.
  const inner = inputs.map((input) => {
    const once = median([time(input, 1), time(input, 1), time(input, 1)]);
    return Math.max(1, Math.min(1000, Math.ceil(targetMs / Math.max(once, 0.001))));
  });
  // Interleaved rounds (n, 2n, 4n, 8n, then again), so that a spell of load
  // from other processes slows every size alike instead of one of them.
  const samples: number[][] = inputs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    inputs.forEach((input, i) => {
      samples[i]?.push(time(input, inner[i] as number));
    });
  }
  const ms = samples.map(median);
  const growth = (ms[ms.length - 1] as number) / (ms[0] as number);
  const sizeRatio = (c.sizes[c.sizes.length - 1] as number) / (c.sizes[0] as number);
  return { name: c.name, unit: c.unit, sizes: c.sizes, ms, growth, perUnit: growth / sizeRatio };
}

/** Times every linear case at its sizes: medians of `rounds` interleaved rounds of about `targetMs` each. */
export function runScaling(clock: Clock, rounds = 7, targetMs = 20): ScalingRow[] {
  const now = clockMs(clock);
  return LINEAR_CASES.map((c) => measure(c, rounds, targetMs, now));
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));

/** Prints the section: one line per case, times at n, 2n, 4n, 8n, the growth and the per-unit ratio. */
export function printScaling(rows: readonly ScalingRow[], clock: Clock): void {
  console.log(
    `\nScaling (median ms per call at n, 2n, 4n, 8n, ${clock === "cpu" ? "process CPU time" : "wall time"}; growth = time at 8n / time at n, about 8 when linear; per unit = growth / 8):`,
  );
  const label = (r: ScalingRow) =>
    `${r.name}, ${r.sizes[0]}-${r.sizes[r.sizes.length - 1]} ${r.unit}`.slice(0, 88).padEnd(88);
  console.log(
    `  ${"case".padEnd(88)} ${["n", "2n", "4n", "8n"].map((h) => h.padStart(8)).join(" ")}   growth  per unit`,
  );
  for (const r of rows) {
    console.log(
      `  ${label(r)} ${r.ms.map((x) => fmt(x).padStart(8)).join(" ")}   ${r.growth.toFixed(2).padStart(6)}  ${r.perUnit.toFixed(2).padStart(8)}`,
    );
  }
}
