/**
 * A small interleaved benchmark harness. Every round runs every case once
 * (for a calibrated number of iterations), so library and baseline share the
 * same machine state; each case's figure is the median over rounds, and each
 * ratio is the median of the per-round ratios, which cancels most of the
 * drift of a noisy machine.
 * @module
 */

export interface Case {
  readonly name: string;
  /** Runs the operation once; the result is kept so it cannot be optimised away. */
  readonly fn: () => unknown;
  /** How many messages one call handles (for msg/s); 1 by default. */
  readonly messages?: number;
}

export interface Result {
  readonly name: string;
  /** Median ns per call. */
  readonly ns: number;
  /** Median messages per second. */
  readonly msgPerSec: number;
  /** ns per call in every round. */
  readonly samples: number[];
}

let sink: unknown;
/** Keeps the last result alive (read it so the optimiser must compute it). */
export function blackhole(): unknown {
  return sink;
}

function now(): number {
  return Number(process.hrtime.bigint());
}

/** Runs `fn` `n` times and returns ns per call. */
function sample(fn: () => unknown, n: number): number {
  const t0 = now();
  for (let i = 0; i < n; i++) sink = fn();
  return (now() - t0) / n;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Measures `cases` over `rounds` rounds of about `sampleMs` each per case,
 * after a warm-up that lets the JIT settle.
 */
export function run(cases: readonly Case[], rounds: number, sampleMs: number): Result[] {
  const iters: number[] = [];
  for (const c of cases) {
    // Warm up and calibrate: grow n until one sample takes sampleMs / 4.
    let n = 1;
    for (;;) {
      const t = sample(c.fn, n) * n;
      if (t > (sampleMs * 1e6) / 4) break;
      n *= 2;
    }
    sample(c.fn, n);
    iters.push(Math.max(1, Math.round((n * 4 * sampleMs * 1e6) / (sample(c.fn, n) * n * 4))));
  }
  const samples: number[][] = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, i) => {
      samples[i]?.push(sample(c.fn, iters[i] as number));
    });
  }
  return cases.map((c, i) => {
    const s = samples[i] as number[];
    const ns = median(s);
    return { name: c.name, ns, msgPerSec: ((c.messages ?? 1) * 1e9) / ns, samples: s };
  });
}

/** Median over rounds of a/b, from two results of the same run. */
export function ratio(a: Result, b: Result): number {
  return median(a.samples.map((x, i) => x / (b.samples[i] as number)));
}
