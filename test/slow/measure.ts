import { Reader } from "../../src/wire/reader.js";

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Measuring helpers of the slow suite: allocation counting, work counting
 * and heap growth. Nothing here reads a clock: every figure is a count of
 * what the library asked the platform for, the same on any machine and
 * under any load. Timings are the benchmark's (`npm run bench -- --only
 * scaling`, bench/scaling.ts).
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

/**
 * What a run asked of the platform, counted by {@link countWork}. Each
 * figure is exact and depends only on the library's code and its input.
 */
export interface Work {
  /** Bytes allocated through `Uint8Array`, `ArrayBuffer` and `Array` (8 per slot). */
  allocated: number;
  /** Allocations through those constructors. */
  allocations: number;
  /** Bytes copied by typed-array `set` and `slice`. */
  copied: number;
  /**
   * Array elements visited or appended: by `Array.prototype` methods that
   * walk an array (`map`, `forEach`, `slice`, `concat`, `indexOf`, ...),
   * by `push`/`unshift` (elements added), and by iteration (`for...of`,
   * spreads, `Array.from`), one per step.
   */
  elements: number;
  /** Calls of the bounds-checked reader's methods (src/wire/reader.ts). */
  readerCalls: number;
  /** Bytes handed to `TextDecoder.prototype.decode`. */
  decodedText: number;
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

/** Methods that walk the whole array they are called on (`this.length` elements). */
const WALKING = [
  "concat",
  "copyWithin",
  "every",
  "fill",
  "filter",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "flat",
  "flatMap",
  "forEach",
  "includes",
  "indexOf",
  "join",
  "lastIndexOf",
  "map",
  "reduce",
  "reduceRight",
  "reverse",
  "slice",
  "some",
  "sort",
  "splice",
  "toReversed",
  "toSorted",
  "toSpliced",
  "with",
] as const;

/**
 * Runs `fn` with the platform's array, typed-array and text-decoding
 * entry points wrapped to count what the library does with them: bytes
 * allocated and copied, array elements walked, reader calls (see
 * {@link Work}). A quadratic step built from these (joining by repeated
 * concatenation, growing an array by spreading it, a `map` or `indexOf`
 * per element, re-reading the input from its start) makes some count grow
 * with the square of the input. A loop indexing bytes directly is not
 * counted; the benchmark's scaling section times those.
 *
 * Everything is restored before it returns, also when `fn` throws.
 */
export function countWork(fn: () => void): Work {
  const w: Work = { allocated: 0, allocations: 0, copied: 0, elements: 0, readerCalls: 0, decodedText: 0 };
  // Counting is on only while `fn` runs, not while the wrappers are set up or removed.
  let on = false;
  const restore: (() => void)[] = [];
  const wrap = (target: object, key: PropertyKey, count: (self: unknown, args: unknown[]) => void): void => {
    const original = Reflect.get(target, key) as AnyFn | undefined;
    if (typeof original !== "function") return;
    Object.defineProperty(target, key, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        if (on) count(this, args);
        return original.apply(this, args);
      },
    });
    restore.push(() => Object.defineProperty(target, key, { configurable: true, writable: true, value: original }));
  };
  const lengthOf = (x: unknown): number =>
    x !== null && typeof x === "object" && typeof (x as { length?: unknown }).length === "number"
      ? (x as { length: number }).length
      : 0;
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
  for (const key of WALKING) {
    wrap(Array.prototype, key, (self) => {
      w.elements += lengthOf(self);
    });
  }
  wrap(Array.prototype, "push", (_self, args) => {
    w.elements += args.length;
  });
  wrap(Array.prototype, "unshift", (self, args) => {
    w.elements += lengthOf(self) + args.length;
  });
  wrap(typedArrayProto, "set", (_self, args) => {
    w.copied += lengthOf(args[0]);
  });
  wrap(typedArrayProto, "slice", (self, args) => {
    const n = lengthOf(self);
    const rel = (x: unknown, d: number) => {
      const v = x === undefined ? d : Math.trunc(Number(x));
      return v < 0 ? Math.max(0, n + v) : Math.min(n, v);
    };
    w.copied += Math.max(0, rel(args[1], n) - rel(args[0], 0));
  });
  for (const [proto, key] of [
    [Array.prototype, Symbol.iterator],
    [typedArrayProto, Symbol.iterator],
  ] as const) {
    const original = Reflect.get(proto, key) as AnyFn;
    const iterating = function (this: unknown) {
      const it = original.call(this) as Iterator<unknown>;
      return {
        next() {
          if (on) w.elements++;
          return it.next();
        },
        [Symbol.iterator]() {
          return this;
        },
      };
    };
    Object.defineProperty(proto, key, { configurable: true, writable: true, value: iterating });
    restore.push(() => Object.defineProperty(proto, key, { configurable: true, writable: true, value: original }));
  }
  for (const key of Object.getOwnPropertyNames(Reader.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Reader.prototype, key);
    if (key === "constructor" || d === undefined || typeof d.value !== "function") continue;
    wrap(Reader.prototype, key, () => {
      w.readerCalls++;
    });
  }
  wrap(TextDecoder.prototype, "decode", (_self, args) => {
    const x = args[0];
    w.decodedText += ArrayBuffer.isView(x) ? x.byteLength : x instanceof ArrayBuffer ? x.byteLength : 0;
  });
  try {
    const a = countAllocations(() => {
      on = true;
      try {
        fn();
      } finally {
        on = false;
      }
    });
    w.allocated = a.total;
    w.allocations = a.count;
  } finally {
    for (let i = restore.length - 1; i >= 0; i--) (restore[i] as () => void)();
  }
  return w;
}

/** The counts of {@link Work}, by name. */
export const WORK_KEYS = ["allocated", "allocations", "copied", "elements", "readerCalls", "decodedText"] as const;

/** One size of a linearity check and what one run at it counted. */
export interface WorkAt {
  readonly size: number;
  readonly work: Work;
}

/**
 * The counts of `run` on inputs of each size (made by `make` before
 * counting; the library's first run is not special, as nothing is timed).
 */
export function workAt<I>(sizes: readonly number[], make: (size: number) => I, run: (input: I) => void): WorkAt[] {
  return sizes.map((size) => {
    const input = make(size);
    return { size, work: countWork(() => run(input)) };
  });
}

/**
 * How far each count is from linear: for each count, its value per unit
 * of input at the largest size divided by that at the smallest, after
 * allowing `slack` units of fixed cost. 1 or less when the count is linear
 * (a fixed cost makes it less), about `largest / smallest` size when it is
 * quadratic. A count that is zero at the smallest size and above `slack`
 * at the largest is infinitely far.
 */
export function perUnitGrowth(rows: readonly WorkAt[], slack: number): Record<keyof Work, number> {
  const first = rows[0] as WorkAt;
  const last = rows[rows.length - 1] as WorkAt;
  const scale = last.size / first.size;
  const out = {} as Record<keyof Work, number>;
  for (const k of WORK_KEYS) {
    const a = first.work[k];
    const b = last.work[k];
    out[k] = b <= slack ? 0 : a === 0 ? Number.POSITIVE_INFINITY : (b - slack) / (scale * a);
  }
  return out;
}

/** A line for the test output: each size's counts. */
export function describeWork(name: string, unit: string, rows: readonly WorkAt[]): string {
  const cells = rows.map(
    (r) =>
      `${r.size} ${unit}: ${WORK_KEYS.filter((k) => r.work[k] > 0)
        .map((k) => `${k} ${r.work[k]}`)
        .join(" ")}`,
  );
  return `${name}: ${cells.join("; ")}`;
}

/** Heap plus ArrayBuffer memory after a full collection (needs --expose-gc). */
export function retainedBytes(): number {
  if (gc === undefined) throw new Error("the slow suite runs with --expose-gc (test/slow/vitest.config.ts)");
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
