/**
 * The driver's random source: seeded, so that `--seed` replays a run's
 * choice of mutations exactly (coverage timing aside).
 */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }

  /** A uniform 32-bit unsigned integer (mulberry32). */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n); 0 when n <= 0. */
  below(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }

  /** True with probability 1/n. */
  oneIn(n: number): boolean {
    return this.below(n) === 0;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.below(items.length)] as T;
  }

  /** Small numbers more often than large ones: mostly 1-8, sometimes up to `max`. */
  smallLength(max: number): number {
    if (max <= 1) return Math.max(0, max);
    return this.oneIn(4) ? 1 + this.below(max) : 1 + this.below(Math.min(8, max));
  }
}
