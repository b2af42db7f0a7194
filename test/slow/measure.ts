const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Measuring helpers of the slow suite: allocation counting, heap growth and
 * growth ratios of running time. No test here asserts an absolute time: a
 * ratio between input sizes on the same machine in the same process is what
 * tells linear from quadratic, whatever the machine's speed.
 */

/** What a run allocated through the typed-array and ArrayBuffer constructors. */
export interface Allocations {
  /** The largest single allocation, in bytes. */
  readonly largest: number;
  /** Bytes allocated in all. */
  readonly total: number;
  readonly count: number;
}

function byteLength(args: readonly unknown[], bytesPerElement: number): number {
  const a = args[0];
  if (typeof a === "number") return a * bytesPerElement;
  if (a instanceof ArrayBuffer) return 0; // a view over existing memory
  if (a !== null && typeof a === "object" && "length" in a && typeof (a as { length: unknown }).length === "number") {
    return (a as { length: number }).length * bytesPerElement;
  }
  return 0;
}

/**
 * Runs `fn` with `Uint8Array`, `ArrayBuffer` and `Array` replaced by
 * counting proxies, so that every allocation the library makes with them
 * (they are looked up as globals at each call) is seen with its size.
 * Views (`subarray`) allocate nothing and are not counted.
 */
export function countAllocations(fn: () => void): Allocations {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { Uint8Array: g.Uint8Array, ArrayBuffer: g.ArrayBuffer, Array: g.Array };
  let largest = 0;
  let total = 0;
  let count = 0;
  const note = (n: number) => {
    largest = Math.max(largest, n);
    total += n;
    count++;
  };
  const counting = <T extends object>(target: T, bytesPerElement: number): T =>
    new Proxy(target, {
      construct(t, args, newTarget) {
        note(byteLength(args, bytesPerElement));
        return Reflect.construct(t as never, args, newTarget);
      },
      apply(t, self, args) {
        note(byteLength(args, bytesPerElement));
        return Reflect.apply(t as never, self, args);
      },
    });
  g.Uint8Array = counting(Uint8Array, 1);
  g.ArrayBuffer = counting(ArrayBuffer, 1);
  // An array slot is at least a pointer.
  g.Array = counting(Array, 8);
  try {
    fn();
  } finally {
    g.Uint8Array = saved.Uint8Array;
    g.ArrayBuffer = saved.ArrayBuffer;
    g.Array = saved.Array;
  }
  return { largest, total, count };
}

/** Heap plus ArrayBuffer memory after a full collection (needs --expose-gc). */
export function retainedBytes(): number {
  if (gc === undefined) throw new Error("the slow suite runs with --expose-gc (test/slow/vitest.config.ts)");
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * The median of `reps` timings (ms) of `fn` run `inner` times. Each timing
 * starts after a full collection, so that garbage left by the previous
 * size is not collected on this one's clock.
 */
export function medianMs(fn: () => void, reps: number, inner: number): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    gc?.();
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    times.push((performance.now() - t0) / inner);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** One row of a scaling measurement. */
export interface Scale {
  readonly size: number;
  readonly ms: number;
}

/**
 * Times `run(input)` for inputs of growing size (each made by `make`),
 * after a warm-up, and returns the median timings with the ratio of the
 * cost per unit at the largest size to that at the smallest: about 1 for
 * linear work, about `sizes[last] / sizes[0]` for quadratic.
 *
 * The sizes are measured in interleaved rounds (n, 2n, 4n, 8n, then again),
 * so that a spell of load from other processes on a shared machine slows
 * every size alike instead of skewing one of them.
 */
export function scaling<I>(
  sizes: readonly number[],
  make: (size: number) => I,
  run: (input: I) => void,
  options: { reps?: number; targetMs?: number } = {},
): { rows: Scale[]; perUnitRatio: number } {
  const reps = options.reps ?? 9;
  const targetMs = options.targetMs ?? 20;
  const inputs = sizes.map((s) => make(s));
  // Warm up on every size so that the optimising compiler has seen them all.
  for (let k = 0; k < 3; k++) for (const input of inputs) run(input);
  const inner = inputs.map((input) => {
    const once = medianMs(() => run(input), 3, 1);
    return Math.max(1, Math.min(1000, Math.ceil(targetMs / Math.max(once, 0.001))));
  });
  const samples: number[][] = inputs.map(() => []);
  for (let r = 0; r < reps; r++) {
    inputs.forEach((input, i) => {
      (samples[i] as number[]).push(medianMs(() => run(input), 1, inner[i] as number));
    });
  }
  const rows = samples.map((xs, i) => {
    xs.sort((a, b) => a - b);
    return { size: sizes[i] as number, ms: xs[Math.floor(xs.length / 2)] as number };
  });
  const first = rows[0] as Scale;
  const last = rows[rows.length - 1] as Scale;
  return { rows, perUnitRatio: last.ms / last.size / (first.ms / first.size) };
}

/** A line for the test output, and for test/slow/README.md. */
export function describeScaling(name: string, r: { rows: Scale[]; perUnitRatio: number }, unit: string): string {
  const cells = r.rows.map((x) => `${x.size} ${unit}: ${x.ms.toFixed(3)} ms`).join(", ");
  return `${name}: ${cells}; cost per ${unit} at the largest / smallest size = ${r.perUnitRatio.toFixed(2)}`;
}
