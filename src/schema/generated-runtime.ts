/**
 * The few helpers the generated codecs (src/v6/codecs.generated.ts and
 * src/v4/codecs.generated.ts, written by scripts/generate-codecs.ts and
 * scripts/generate-v4-codecs.ts) call on their rare paths: the errors a
 * short or malformed input gets, built exactly as the reference interpreter
 * (the combinators of ./codec.ts and ./option.ts) builds them, so that both
 * report the same code, offset, path and message.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import type { Reader } from "../wire/reader.js";
import { checkBytes, checkUint, describe, type Writer } from "../wire/writer.js";
import { ensureCapacity, prefix } from "./codec.js";

/**
 * The error of a fixed-size field of `n` bytes at `at` that the region
 * does not hold, with `segment` as its path (the Reader's own `need`
 * check, for a read the generated code bounds-checked in one go).
 * @internal
 */
export function shortField(r: Reader, at: number, n: number, what: string, segment: string): unknown {
  const left = r.end - at;
  const atInputEnd = r.end === r.inputEnd;
  return new DecodeError(
    atInputEnd ? "truncated" : "length-mismatch",
    at,
    atInputEnd
      ? `${what} needs ${n} byte(s), the input has ${left} left`
      : `${what} needs ${n} byte(s), its enclosing length leaves ${left}`,
  ).prefixPath(segment);
}

/**
 * An option-len that disagrees with the declared layout (`why`, the
 * explanation): thrown, or with `keepMalformedOptions` the option kept raw.
 * @internal
 */
export function badOptionLength<T>(r: Reader, code: number, start: number, end: number, name: string, why: string): T {
  if (!r.opts.keepMalformedOptions) throw new DecodeError("length-mismatch", start + 2, why);
  const len = end - start - 4;
  return keptRaw(code, r.b, start, end, `option-len ${len} does not fit the ${name} layout`);
}

/**
 * A DHCPv4 option or sub-option body whose length does not fit its layout
 * (`why`): thrown at `lenAt`, or with `keepMalformedOptions` kept raw with
 * `why` as its note and r.pos moved past it.
 * @internal
 */
export function lengthDoesNotFit<T>(r: Reader, code: number, len: number, lenAt: number, why: string): T {
  if (!r.opts.keepMalformedOptions) throw new DecodeError("length-mismatch", lenAt, why);
  const start = r.pos;
  r.pos = start + len;
  return { code, data: r.b.subarray(start, start + len), malformed: why } as T;
}

/**
 * Why an option-len of `len` does not fit the layout of `name`: of exactly
 * `fixed` bytes (when not -1), or else of at least `min` bytes plus
 * `step`-byte items. `says` cites the length field.
 * @internal
 */
export function optionLengthWhy(
  name: string,
  len: number,
  fixed: number,
  min: number,
  step: number,
  says = "option-len says",
): string {
  if (fixed >= 0) return `${name} is ${fixed} byte(s), ${says} ${len}`;
  if (len < min) return `${name} needs at least ${min} byte(s), ${says} ${len}`;
  return `${name} is ${min} byte(s) plus ${step}-byte items, ${says} ${len}`;
}

/**
 * A declared option kept as its raw bytes, with why it did not decode.
 * @internal
 */
export function keptRaw<T>(code: number, b: Uint8Array, start: number, end: number, why: string): T {
  return { code, data: b.subarray(start + 4, end), malformed: why } as T;
}

/**
 * The error of bytes left over inside an option after its layout.
 * @internal
 */
export function leftOver(pos: number, end: number, name: string, len: number, word = "option-len"): DecodeError {
  return new DecodeError(
    "length-mismatch",
    pos,
    `${end - pos} byte(s) left over after the ${name} layout (${word} ${len})`,
  );
}

/**
 * The error of a list whose region is not a whole number of `n`-byte items.
 * @internal
 */
export function partialItem(at: number, len: number, n: number, segment: string): unknown {
  return new DecodeError("length-mismatch", at, `${len} byte(s) is not a whole number of ${n}-byte items`).prefixPath(
    segment,
  );
}

/**
 * The EncodeError of a value that is not an unsigned `bits`-bit integer,
 * with `segment` as its path.
 * @internal
 */
export function notUint(v: unknown, bits: 8 | 16 | 24 | 32, segment: string): unknown {
  try {
    checkUint(v, bits === 32 ? 0xffffffff : (1 << bits) - 1, bits);
  } catch (e) {
    return prefix(e, segment);
  }
  return new Error(`internal: ${describe(v)} is a ${bits}-bit integer`);
}

/**
 * The EncodeError of a value that is not IPv6 text.
 * @internal
 */
export function notIPv6(v: unknown, segment: string): unknown {
  return new EncodeError("invalid-value", `not an IPv6 address: ${describe(v)}`).prefixPath(segment);
}

/**
 * The EncodeError of a value that is not IPv4 text.
 * @internal
 */
export function notIPv4(v: unknown, segment: string): unknown {
  return new EncodeError("invalid-value", `not an IPv4 address: ${describe(v)}`).prefixPath(segment);
}

/**
 * The EncodeError of a value that is not a Uint8Array of `n` bytes (any
 * length when `n` is -1).
 * @internal
 */
export function notBytes(v: unknown, n: number, segment: string): unknown {
  try {
    checkBytes(v);
  } catch (e) {
    return prefix(e, segment);
  }
  return new EncodeError("invalid-value", `expected ${n} bytes, got ${v.length}`).prefixPath(segment);
}

/**
 * The EncodeError of a value that is not an object (a struct or union).
 * @internal
 */
export function notObject(v: unknown): EncodeError {
  return new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
}

/**
 * The EncodeError of a value that is not an array (a list).
 * @internal
 */
export function notArray(v: unknown, segment: string): unknown {
  return new EncodeError("invalid-value", `expected an array, got ${describe(v)}`).prefixPath(segment);
}

/**
 * Writes an option's raw option-data at `w.pos`, growing the scratch.
 * @internal
 */
export function writeRaw(w: Writer, data: Uint8Array): void {
  ensureCapacity(w, data.length);
  w.b.set(data, w.pos);
  w.pos += data.length;
}
