/**
 * The benchmark harness: tinybench, run in interleaved rounds.
 *
 * Each round is one tinybench `Bench` holding every case, run for
 * `sampleMs` per case, so in every round the library and its baseline are
 * measured next to each other under the same machine load. A case's figure
 * is the median over rounds of tinybench's per-round median (p50) latency;
 * a ratio is the median of the per-round ratios of two cases, which cancels
 * most of the drift of a shared, noisy machine.
 *
 * Operations of tens of nanoseconds are below what one timer read per
 * iteration can resolve (a read costs about as much as a `scan` of M2), so
 * each tinybench iteration runs a calibrated batch of calls (about
 * {@link BATCH_NS} of work) and the figures are divided back per call.
 *
 * The clock is the process's CPU time by default (`process.cpuUsage`,
 * user + system, all threads), not wall time: on a shared machine with a
 * load of 10 on 2 cores, wall-clock figures of the same code moved by
 * +-15% between two runs, CPU-time figures by +-3%, and the CPU-time
 * figures are close to what the same code takes on an idle machine. It
 * counts the GC's and the JIT's helper threads too, which an idle
 * multi-core machine would overlap with the work. `clock: "wall"` gives
 * the usual wall-clock figures.
 * @module
 */
import { Bench } from "tinybench";

/** How time is measured: process CPU time, or wall time. */
export type Clock = "cpu" | "wall";

function clockNs(clock: Clock): () => number {
  if (clock === "wall") return () => Number(process.hrtime.bigint());
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
  };
}

export interface Case {
  readonly name: string;
  /** Runs the operation once; the result is kept so it cannot be optimised away. */
  readonly fn: () => unknown;
  /** How many messages one call handles (for msg/s); 1 by default. */
  readonly messages?: number;
}

export interface Result {
  readonly name: string;
  /** Median over rounds of the per-round median ns per call. */
  readonly ns: number;
  /** Messages per second at that median. */
  readonly msgPerSec: number;
  /** The per-round median ns per call. */
  readonly samples: number[];
  /** Calls per tinybench iteration. */
  readonly batch: number;
}

/**
 * Target duration of one tinybench iteration: far above the resolution of
 * the clocks (1 us for CPU time) and the cost of reading them.
 */
const BATCH_NS = 400_000;

let sink: unknown;
/** Keeps the last result alive (read it so the optimiser must compute it). */
export function blackhole(): unknown {
  return sink;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Calls per batch so that one batch takes about BATCH_NS. Doubling the
 * count until a run takes 4 x BATCH_NS warms the JIT up; the count is then
 * set from the fastest of five timed runs of that size: a single timing
 * was often inflated (a GC, the optimising compiler's background threads,
 * which CPU time counts, or the machine's load), and gave batches up to
 * 100 times too small.
 */
function calibrate(fn: () => unknown, now: () => number): number {
  const time = (n: number): number => {
    const t0 = now();
    for (let i = 0; i < n; i++) sink = fn();
    return now() - t0;
  };
  let n = 1;
  while (n < 1 << 24 && time(n) < BATCH_NS * 4) n *= 2;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 5; k++) best = Math.min(best, time(n));
  return Math.max(1, Math.round((n * BATCH_NS) / Math.max(best, 1)));
}

/** Measures `cases` over `rounds` tinybench rounds of about `sampleMs` per case. */
export function run(cases: readonly Case[], rounds: number, sampleMs: number, clock: Clock = "cpu"): Result[] {
  const ns = clockNs(clock);
  const batches = cases.map((c) => calibrate(c.fn, ns));
  const samples: number[][] = cases.map(() => []);
  // Round -1 is a warm-up whose figures only set the batches again: early
  // in the process a call costs several times its steady-state time (the
  // heap still growing, the JIT still compiling, both on threads that CPU
  // time counts), so the first calibration gave some cases batches of 3
  // calls where about 45 take BATCH_NS (encode of M3), and the timer's
  // overhead per iteration made such a case up to 1.15x slower than a copy
  // of it with a full batch, in the same rounds.
  for (let r = -1; r < rounds; r++) {
    const bench = new Bench({
      time: sampleMs,
      // At least 5 iterations: the stream cases take tens of ms per call.
      iterations: 5,
      warmup: true,
      warmupTime: r <= 0 ? sampleMs : sampleMs / 4,
      warmupIterations: 2,
      throws: true,
      timestampProvider: {
        name: clock === "cpu" ? "process.cpuUsage" : "process.hrtime",
        fn: ns,
        fromMs: (ms) => ms * 1e6,
        toMs: (t) => Number(t) / 1e6,
      },
    });
    cases.forEach((c, i) => {
      const n = batches[i] as number;
      const fn = c.fn;
      bench.add(c.name, () => {
        for (let k = 0; k < n; k++) sink = fn();
      });
    });
    bench.runSync();
    bench.tasks.forEach((t, i) => {
      const res = t.result;
      if (res.state !== "completed") throw new Error(`bench task ${t.name} ended ${res.state}`);
      // tinybench reports milliseconds per iteration (one batch).
      const perCall = (res.latency.p50 * 1e6) / (batches[i] as number);
      if (r >= 0) samples[i]?.push(perCall);
      else batches[i] = Math.max(1, Math.round(BATCH_NS / Math.max(perCall, 1)));
    });
  }
  return cases.map((c, i) => {
    const s = samples[i] as number[];
    const ns = median(s);
    return { name: c.name, ns, msgPerSec: ((c.messages ?? 1) * 1e9) / ns, samples: s, batch: batches[i] as number };
  });
}

/** Median over rounds of a/b, from two results of the same run. */
export function ratio(a: Result, b: Result): number {
  return median(a.samples.map((x, i) => x / (b.samples[i] as number)));
}
