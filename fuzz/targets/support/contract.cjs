"use strict";
/**
 * The checks every fuzz target shares. A target reports a broken contract
 * by throwing; Jazzer.js, the in-project driver and the unit test all treat
 * any exception that leaves `fuzz(data)` as a finding.
 */

/** A broken contract. The name lets a reader tell it from a crash of the target code itself. */
class ContractViolation extends Error {
  /**
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ContractViolation";
  }
}

/**
 * @param {unknown} e
 * @returns {string}
 */
function show(e) {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return `non-Error value ${JSON.stringify(e)}`;
  } catch {
    return `non-Error value ${String(e)}`;
  }
}

/**
 * Checks that `e` is a DecodeError whose offset lies within the input
 * (DESIGN.md: decoding any bytes returns a value or throws DecodeError).
 * @param {{ isDecodeError(e: unknown): boolean }} lib
 * @param {unknown} e
 * @param {number} inputLength
 * @param {string} what which call threw, for the report
 */
function checkDecodeError(lib, e, inputLength, what) {
  if (!lib.isDecodeError(e)) {
    throw new ContractViolation(`${what} threw something other than a DecodeError: ${show(e)}`, e);
  }
  const err = /** @type {{ offset: number, code: string, path: string }} */ (e);
  if (!Number.isInteger(err.offset) || err.offset < 0 || err.offset > inputLength) {
    throw new ContractViolation(
      `${what}: DecodeError offset ${err.offset} lies outside the ${inputLength}-byte input`,
      e,
    );
  }
}

/**
 * Runs a decoder: `{ value }` on success, `{ error }` for a DecodeError,
 * and a violation for anything else.
 * @template T
 * @param {{ isDecodeError(e: unknown): boolean }} lib
 * @param {() => T} fn
 * @param {number} inputLength
 * @param {string} what
 * @returns {{ ok: true, value: T } | { ok: false, error: any }}
 */
function attempt(lib, fn, inputLength, what) {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    checkDecodeError(lib, e, inputLength, what);
    return { ok: false, error: e };
  }
}

/**
 * Runs code that must not throw at all (encoding a decoded value,
 * validate, the sessions fed decoded messages).
 * @template T
 * @param {() => T} fn
 * @param {string} what
 * @returns {T}
 */
function mustNotThrow(fn, what) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ContractViolation) throw e;
    throw new ContractViolation(`${what} threw: ${show(e)}`, e);
  }
}

/**
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {number} the first index where they differ, or -1
 */
function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * @param {Uint8Array} got
 * @param {Uint8Array} want
 * @param {string} what
 */
function expectBytes(got, want, what) {
  if (!(got instanceof Uint8Array)) throw new ContractViolation(`${what}: expected bytes, got ${typeof got}`);
  const at = firstDifference(got, want);
  if (at >= 0) {
    throw new ContractViolation(
      `${what}: ${got.length} byte(s) where ${want.length} were expected, first difference at byte ${at} (${hexAround(got, at)} vs ${hexAround(want, at)})`,
    );
  }
}

/**
 * @param {Uint8Array} b
 * @param {number} at
 */
function hexAround(b, at) {
  const from = Math.max(0, at - 4);
  return `${Array.from(b.subarray(from, at + 4), (x) => x.toString(16).padStart(2, "0")).join("")}@${from}`;
}

/**
 * Structural equality of decoded values (plain objects, arrays, bytes,
 * strings, numbers). Returns where they first differ, or undefined.
 * @param {unknown} a
 * @param {unknown} b
 * @param {string} [path]
 * @returns {string | undefined}
 */
function difference(a, b, path = "") {
  if (Object.is(a, b)) return undefined;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array)) return `${path || "."}: bytes vs non-bytes`;
    return firstDifference(a, b) < 0 ? undefined : `${path || "."}: bytes differ`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b))) return `${path || "."}: array vs non-array`;
    if (a.length !== b.length) return `${path || "."}: ${a.length} vs ${b.length} entries`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return `${path || "."}: keys ${ka.join(",")} vs ${kb.join(",")}`;
    for (const k of ka) {
      if (!Object.hasOwn(b, k)) return `${path || "."}: key ${k} missing`;
      const d = difference(/** @type {any} */ (a)[k], /** @type {any} */ (b)[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return `${path || "."}: ${String(a)} vs ${String(b)}`;
}

/**
 * @param {unknown} got
 * @param {unknown} want
 * @param {string} what
 */
function expectEqual(got, want, what) {
  const d = difference(got, want);
  if (d !== undefined) throw new ContractViolation(`${what}: values differ at ${d}`);
}

/**
 * @param {boolean} condition
 * @param {string} message
 */
function expect(condition, message) {
  if (!condition) throw new ContractViolation(message);
}

/**
 * A small deterministic generator seeded from the input, so that a target
 * makes the same choices (chunk sizes, contexts) every time it sees the
 * same bytes, as a fuzzer requires.
 * @param {Uint8Array} data
 * @returns {() => number} uniform 32-bit unsigned integers
 */
function inputRandom(data) {
  // FNV-1a over the input, then xorshift32.
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ (data[i] ?? 0), 0x01000193);
  let s = h >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/**
 * @param {string} hex
 * @returns {Uint8Array}
 */
function fromHex(hex) {
  const clean = hex.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * The round-trip check of a value a decoder returned for `data`: the
 * encoder gives `data` back byte for byte (also through the length
 * function and the into-a-buffer encoder at an offset, which must not
 * write outside its range), and decoding that gives an equal value.
 * `api` names the library's four functions, e.g. `encode`,
 * `encodingLength`, `encodeInto` and `decode`.
 * @param {any} lib
 * @param {{ encode: string, encodingLength: string, encodeInto: string, decode: string }} api
 * @returns {(data: Uint8Array, value: unknown, options: object | undefined, label: string) => void}
 */
function roundTripper(lib, api) {
  const { encode, encodingLength, encodeInto, decode } = api;
  return (data, value, options, label) => {
    const bytes = mustNotThrow(() => lib[encode](value), `${encode}(${label})`);
    expectBytes(bytes, data, `${encode}(${label})`);
    const n = mustNotThrow(() => lib[encodingLength](value), `${encodingLength}(${label})`);
    expect(n === data.length, `${encodingLength}(${label}) is ${n}, the input has ${data.length} bytes`);
    const dest = new Uint8Array(data.length + 5).fill(0xa5);
    const written = mustNotThrow(() => lib[encodeInto](value, dest, 3), `${encodeInto}(${label})`);
    expect(written === data.length, `${encodeInto}(${label}) wrote ${written} bytes, expected ${data.length}`);
    expectBytes(dest.subarray(3, 3 + data.length), data, `${encodeInto}(${label}) at offset 3`);
    expect(dest[2] === 0xa5 && dest[3 + data.length] === 0xa5, `${encodeInto}(${label}) wrote outside its range`);
    const what = `${decode}(${encode}(${label}))`;
    const again = attempt(lib, () => lib[decode](bytes, options), bytes.length, what);
    expect(again.ok, `${what} failed: ${again.ok ? "" : again.error.message}`);
    if (again.ok) expectEqual(again.value, value, what);
  };
}

module.exports.ContractViolation = ContractViolation;
module.exports.roundTripper = roundTripper;
module.exports.attempt = attempt;
module.exports.checkDecodeError = checkDecodeError;
module.exports.mustNotThrow = mustNotThrow;
module.exports.expectBytes = expectBytes;
module.exports.expectEqual = expectEqual;
module.exports.difference = difference;
module.exports.expect = expect;
module.exports.inputRandom = inputRandom;
module.exports.fromHex = fromHex;
