import { EncodeError } from "../errors.js";

/**
 * A cursor over an output buffer whose size was computed beforehand.
 * Values were validated by the size pass, so writes do not re-check ranges.
 * @internal
 */
export class Writer {
  /** The output; a scratch writer replaces it by a larger copy as it grows. */
  b: Uint8Array;
  pos: number;

  constructor(b: Uint8Array, pos = 0) {
    this.b = b;
    this.pos = pos;
  }

  u8(v: number): void {
    this.b[this.pos++] = v;
  }

  u16(v: number): void {
    const b = this.b;
    const p = this.pos;
    b[p] = v >>> 8;
    b[p + 1] = v;
    this.pos = p + 2;
  }

  u24(v: number): void {
    const b = this.b;
    const p = this.pos;
    b[p] = v >>> 16;
    b[p + 1] = v >>> 8;
    b[p + 2] = v;
    this.pos = p + 3;
  }

  u32(v: number): void {
    const b = this.b;
    const p = this.pos;
    b[p] = v >>> 24;
    b[p + 1] = v >>> 16;
    b[p + 2] = v >>> 8;
    b[p + 3] = v;
    this.pos = p + 4;
  }

  bytes(v: Uint8Array): void {
    this.b.set(v, this.pos);
    this.pos += v.length;
  }
}

/**
 * Throws an {@link EncodeError} unless `v` is an integer in `[0, max]`.
 * @internal
 */
export function checkUint(v: unknown, max: number, bits: number): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new EncodeError(
      typeof v === "number" ? "out-of-range" : "invalid-value",
      `expected an unsigned ${bits}-bit integer, got ${describe(v)}`,
    );
  }
}

/**
 * Throws an {@link EncodeError} unless `v` is a Uint8Array (a Node Buffer is one).
 * @internal
 */
export function checkBytes(v: unknown): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) {
    throw new EncodeError("invalid-value", `expected a Uint8Array, got ${describe(v)}`);
  }
}

/** A short description of a value for error messages. @internal */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Uint8Array) return `${v.length} byte(s)`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "object") return "an object";
  return String(v);
}
