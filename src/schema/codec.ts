/**
 * The combinator set every layout in this library is declared with.
 *
 * A {@link Codec} knows how to read a value from a bounded {@link Reader},
 * how many bytes it takes (validating it on the way, so that encoding fails
 * before anything is written), and how to write it. Each codec also carries a
 * `kind`: plain data that the docs generator and the fast-check arbitraries
 * walk, so that a layout is declared exactly once.
 * @module
 */
import { DecodeError, EncodeError } from "../errors.js";
import { formatIPv4, ipv6Text, parseIPv4, parseIPv6 } from "../wire/address.js";
import { Reader, type ReaderOptions } from "../wire/reader.js";
import { decodeUtf8, utf8Length, writeUtf8 } from "../wire/utf8.js";
import { checkBytes, checkUint, describe, Writer } from "../wire/writer.js";

/** Encoder nesting bound: generous for real data, and stops cyclic values. */
export const MAX_ENCODE_DEPTH = 1000;

/**
 * What an integer field counts: durations in seconds or hundredths of a
 * second, absolute times since the DHCPv6 (2000) or Unix (1970) epoch,
 * option codes, bit flags, or an identifier best shown in hex.
 */
export type Unit = "seconds" | "centiseconds" | "time-since-2000" | "time-since-1970" | "option-code" | "flags" | "hex";

/** Data describing a codec, for docs and generators. */
export type Kind =
  | {
      readonly type: "uint";
      readonly bits: 8 | 16 | 24 | 32;
      /** What the number counts, for display and docs. */
      readonly unit?: Unit;
      /** Names of known values (an open enum), for display and docs. */
      readonly names?: (value: number) => string | undefined;
    }
  | { readonly type: "ipv6" }
  | { readonly type: "ipv4" }
  | { readonly type: "bytes"; readonly length?: number }
  | { readonly type: "utf8" }
  | { readonly type: "list"; readonly item: AnyCodec }
  | { readonly type: "struct"; readonly fields: readonly (readonly [string, AnyCodec])[] }
  | {
      readonly type: "union";
      /** What the union is called in docs (e.g. "DUID"). */
      readonly name: string;
      readonly tag: string;
      readonly tagCodec: AnyCodec;
      readonly variants: ReadonlyMap<number, AnyCodec>;
      readonly fallback: AnyCodec;
    }
  | { readonly type: "ref"; readonly name: string; readonly target: () => AnyCodec }
  | { readonly type: "options"; readonly space: string; readonly table: () => readonly (KindOption | undefined)[] }
  | {
      /** 1-byte code and 1-byte length TLVs (DHCPv4 options and sub-options). */
      readonly type: "options8";
      readonly space: string;
      readonly table: () => readonly (KindOption | undefined)[];
      /** True for a DHCPv4 option area (pad, end, RFC 3396 split instances); false for a sub-option list. */
      readonly area: boolean;
    };

/** What a `kind: "options"` exposes of each declared option. */
export interface KindOption {
  readonly code: number;
  readonly name: string;
  readonly rfc: string;
  readonly summary: string;
  readonly body: AnyCodec;
}

/**
 * A wire layout: read, measure (and validate), write.
 * `fixed` is the exact size in bytes, or -1 when the codec takes all that is
 * left of its bounded region.
 */
export interface Codec<T> {
  readonly kind: Kind;
  readonly fixed: number;
  /** Reads one value; throws DecodeError. */
  read(r: Reader): T;
  /** Validates `v` and returns its encoded size; throws EncodeError. */
  size(v: T, depth: number): number;
  /** Writes a value that `size` accepted. */
  write(w: Writer, v: T): void;
}

// biome-ignore lint/suspicious/noExplicitAny: the erased form of any codec
export type AnyCodec = Codec<any>;

/** The value type a codec reads and writes. */
export type ValueOf<C> = C extends Codec<infer T> ? T : never;

/** Flattens an intersection for readable hovers. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

// ---------------------------------------------------------------------------
// How declarations are executed.
//
// Every struct, union and list shares one reader loop, so a call from that
// loop into a field's codec is megamorphic: V8 can inline none of them, and
// each costs a call plus the field's own bounds check. The fixed-size
// primitives made in this module (the integers, addresses and fixed byte
// runs) therefore carry an op code, looked up once when a layout is
// declared; the loops then read, check and write those fields inline with a
// switch on it. A struct checks once that its leading run of such fields is
// all present and reads the run without per-field checks; when it is not
// present it takes the field-by-field path, which produces the exact error,
// offset and path as before. Measured (bench/run.ts, same process, medians
// of 7 rounds): decode of M2 from 1414 ns to about 650 ns, with the other
// changes of this file and of src/wire/address.ts.
// ---------------------------------------------------------------------------

const OP_NONE = 0;
const OP_U8 = 1;
const OP_U16 = 2;
const OP_U24 = 3;
const OP_U32 = 4;
const OP_IPV6 = 5;
const OP_IPV4 = 6;
const OP_BYTES = 7;

/** The opaque rest-of-region byte codecs (`bytes()`), which a struct reads inline. */
const REST = new WeakSet<AnyCodec>();

/** The op of each primitive codec made here (and of its annotated copies). */
const OPS = new WeakMap<AnyCodec, number>();
const opOf = (c: AnyCodec): number => OPS.get(c) ?? OP_NONE;

/** Reads the primitive `op` of `n` bytes at `p`, which the caller has bounds-checked. */
function readOp(op: number, b: Uint8Array, p: number, n: number): unknown {
  switch (op) {
    case OP_U8:
      return b[p] as number;
    case OP_U16:
      return ((b[p] as number) << 8) | (b[p + 1] as number);
    case OP_U24:
      return ((b[p] as number) << 16) | ((b[p + 1] as number) << 8) | (b[p + 2] as number);
    case OP_U32:
      return (
        (b[p] as number) * 0x1000000 +
        (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number))
      );
    case OP_IPV6:
      return ipv6Text(b, p);
    case OP_IPV4:
      return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
    default:
      return b.subarray(p, p + n);
  }
}

/**
 * True when `v` is a valid value of the primitive `op` (of `n` bytes). It
 * never accepts what the codec's own `size` would reject; when it says no,
 * the caller runs that `size`, which throws the exact error.
 */
function fitsOp(op: number, v: unknown, n: number): boolean {
  switch (op) {
    case OP_U8:
      return typeof v === "number" && (v & 0xff) === v;
    case OP_U16:
      return typeof v === "number" && (v & 0xffff) === v;
    case OP_U24:
      return typeof v === "number" && (v & 0xffffff) === v;
    case OP_U32:
      return typeof v === "number" && v >>> 0 === v;
    case OP_IPV6:
      return typeof v === "string" && parseIPv6(v, scratch16);
    case OP_IPV4:
      return typeof v === "string" && parseIPv4(v, scratch16);
    default:
      return v instanceof Uint8Array && v.length === n;
  }
}

/**
 * {@link fitsOp} and {@link writeOp} in one step, for the one-pass
 * encoders: an address is parsed straight into the output (a parse that
 * fails writes nothing), not once to validate and again to write.
 */
function putOp(op: number, b: Uint8Array, p: number, v: unknown, n: number): boolean {
  // One switch rather than fitsOp then writeOp: V8 did not inline the pair
  // into the encoders' loops (writeOp alone was 3% of an encode of M1).
  switch (op) {
    case OP_U8:
      if (typeof v !== "number" || (v & 0xff) !== v) return false;
      b[p] = v;
      return true;
    case OP_U16:
      if (typeof v !== "number" || (v & 0xffff) !== v) return false;
      b[p] = v >>> 8;
      b[p + 1] = v;
      return true;
    case OP_U24:
      if (typeof v !== "number" || (v & 0xffffff) !== v) return false;
      b[p] = v >>> 16;
      b[p + 1] = v >>> 8;
      b[p + 2] = v;
      return true;
    case OP_U32:
      if (typeof v !== "number" || v >>> 0 !== v) return false;
      b[p] = v >>> 24;
      b[p + 1] = v >>> 16;
      b[p + 2] = v >>> 8;
      b[p + 3] = v;
      return true;
    case OP_IPV6:
      return typeof v === "string" && parseIPv6(v, b, p);
    case OP_IPV4:
      return typeof v === "string" && parseIPv4(v, b, p);
    default:
      if (!(v instanceof Uint8Array) || v.length !== n) return false;
      b.set(v, p);
      return true;
  }
}

/** Writes a value of the primitive `op` that {@link fitsOp} or the codec's `size` accepted. */
function writeOp(op: number, b: Uint8Array, p: number, v: unknown): void {
  switch (op) {
    case OP_U8:
      b[p] = v as number;
      return;
    case OP_U16:
      b[p] = (v as number) >>> 8;
      b[p + 1] = v as number;
      return;
    case OP_U24:
      b[p] = (v as number) >>> 16;
      b[p + 1] = (v as number) >>> 8;
      b[p + 2] = v as number;
      return;
    case OP_U32:
      b[p] = (v as number) >>> 24;
      b[p + 1] = (v as number) >>> 16;
      b[p + 2] = (v as number) >>> 8;
      b[p + 3] = v as number;
      return;
    case OP_IPV6:
      parseIPv6(v as string, b, p);
      return;
    case OP_IPV4:
      parseIPv4(v as string, b, p);
      return;
    default:
      b.set(v as Uint8Array, p);
  }
}

// One-pass encoding. The two-pass contract (`size` validates and measures,
// then `write` writes what `size` accepted) made every encode walk the value
// twice: each field read twice through a megamorphic keyed load, each
// address parsed twice, each codec called twice. An encoder validates and
// writes in one walk, into a growable scratch writer; the top-level option
// list's `size` runs it, and its `write` then copies the scratch bytes (see
// src/schema/option.ts). Callers still see exact-length-first: nothing is
// written to their buffer unless the whole value was valid. Measured on M1
// (bench/run.ts): encode from about 2.0x to about 1.3x the hand-written
// encoder; the extra copy of the message costs about 2% of it.

/**
 * Validates `v` and writes it at `w.pos`, growing `w.b` as needed (see
 * {@link room}); throws the same EncodeError, with the same path, as the
 * codec's `size` would.
 * @internal
 */
export type Encoder = (w: Writer, v: unknown, depth: number) => void;

const ENCODERS = new WeakMap<AnyCodec, Encoder>();

/**
 * Registers the one-pass encoder of a codec.
 * @internal
 */
export function setEncoder(codec: AnyCodec, encoder: Encoder): void {
  ENCODERS.set(codec, encoder);
}

/**
 * The one-pass encoder of any codec: its own, or its `size` then its
 * `write` (codecs declared elsewhere).
 * @internal
 */
export function encoderOf(codec: AnyCodec): Encoder {
  const own = ENCODERS.get(codec);
  if (own !== undefined) return own;
  const generic: Encoder = (w, v, depth) => {
    const n = codec.size(v, depth);
    room(w, n);
    codec.write(w, v);
  };
  ENCODERS.set(codec, generic);
  return generic;
}

// The scratch of the top-level encode: a `size` at depth 0 of a message or
// an option list encodes the value here, and the `write` of the same value
// that follows copies the bytes out. Encoding is synchronous; `topBusy`
// keeps a size re-entered from a foreign codec on the two-pass path. The
// copy is only used for the very value last sized (===), whose bytes these
// are; any other write takes the two-pass path.
const top = new Writer(new Uint8Array(1024));
let topBusy = false;
let topValue: unknown;
let topLength = 0;

/**
 * Encodes `v` into the top-level scratch and returns its size, or -1 when a
 * top-level encode is already running.
 * @internal
 */
export function sizeAtTop(encoder: Encoder, v: unknown): number {
  if (topBusy) return -1;
  topBusy = true;
  topValue = undefined;
  top.pos = 0;
  try {
    encoder(top, v, 0);
  } finally {
    topBusy = false;
  }
  topValue = v;
  topLength = top.pos;
  return topLength;
}

/**
 * Forgets the value last sized at the top: every two-pass `size` calls it,
 * so that a `write` follows the latest `size` of a value (which may have
 * changed since it was sized at the top), never an older one.
 * @internal
 */
export function forgetTop(): void {
  topValue = undefined;
}

/**
 * Writes `v` from the top-level scratch if it is the value last sized
 * there, with no other `size` since; false otherwise.
 * @internal
 */
export function writeFromTop(w: Writer, v: unknown): boolean {
  if (v !== topValue) return false;
  topValue = undefined;
  const n = topLength;
  const from = top.b;
  const to = w.b;
  const at = w.pos;
  // A byte loop was tried for small messages: 13% of an encode of M2,
  // against 6% for this (the view allocation included).
  to.set(from.subarray(0, n), at);
  w.pos = at + n;
  // Do not keep a buffer the size of the largest message ever encoded.
  if (from.length > 0x40000) top.b = new Uint8Array(1024);
  return true;
}

/**
 * Makes room for `n` more bytes at `w.pos` in a scratch writer, replacing
 * `w.b` by a larger copy when needed (so code that writes after a nested
 * encoder re-reads `w.b`).
 * @internal
 */
export function room(w: Writer, n: number): void {
  const need = w.pos + n;
  if (need <= w.b.length) return;
  const grown = new Uint8Array(Math.max(need, w.b.length * 2));
  grown.set(w.b.subarray(0, w.pos));
  w.b = grown;
}

// ---------------------------------------------------------------------------
// Validation without values, for scan(). A skipper checks the value of a
// codec in b[p, end) exactly as its `read` would, builds nothing, and
// returns where the value ends, or -1 where `read` would throw. Skippers are
// compiled from the same declarations, on first use. A codec declared
// elsewhere (the DHCPv4 message) is checked by running its `read`.
// ---------------------------------------------------------------------------

/**
 * Checks one value in `b[p, end)` without building it: the offset after
 * it, or -1 if decoding it would fail. `depth` counts enclosing option lists.
 * @internal
 */
export type Skipper = (b: Uint8Array, p: number, end: number, depth: number) => number;

/**
 * The decode options of the scan in progress (a scan is synchronous).
 * @internal
 */
export const scanState: { opts: ReaderOptions } = { opts: { maxDepth: 24, keepMalformedOptions: false } };

const SKIP_BUILDERS = new WeakMap<AnyCodec, () => Skipper>();
const SKIPPERS = new WeakMap<AnyCodec, Skipper>();
/** Structs whose every field is a primitive or opaque rest: the enclosing size check is all they need. */
const PLAIN = new WeakSet<AnyCodec>();

/**
 * Registers how a codec made elsewhere in the schema layer (an option list)
 * is compiled into a skipper.
 * @internal
 */
export function setSkipper(codec: AnyCodec, build: () => Skipper): void {
  SKIP_BUILDERS.set(codec, build);
}

/** Structs of primitives then at most one other field: how far the primitives go, and that field. */
const TAILS = new WeakMap<AnyCodec, { readonly skip: number; readonly tail: AnyCodec | undefined }>();

/**
 * For a struct of primitive fields followed by at most one other field:
 * the primitives' total size and that field's codec (so that an option
 * list can walk the nested list of an encapsulating option itself).
 * @internal
 */
export function tailOf(codec: AnyCodec): { readonly skip: number; readonly tail: AnyCodec | undefined } | undefined {
  return TAILS.get(codec);
}

/**
 * True when any body of a size its option-len check accepts is a valid
 * value of `codec` (a struct of primitives and opaque rest bytes).
 * @internal
 */
export function isPlain(codec: AnyCodec): boolean {
  return PLAIN.has(codec);
}

/**
 * The skipper of a codec, compiled on first use.
 * @internal
 */
export function skipperOf(codec: AnyCodec): Skipper {
  const known = SKIPPERS.get(codec);
  if (known !== undefined) return known;
  const build = SKIP_BUILDERS.get(codec);
  let s: Skipper;
  if (build !== undefined) {
    s = build();
  } else if (REST.has(codec)) {
    s = (_b, _p, end) => end;
  } else if (codec === utf8) {
    s = skipUtf8;
  } else if (opOf(codec) !== OP_NONE) {
    const n = codec.fixed;
    s = (_b, p, end) => (end - p >= n ? p + n : -1);
  } else {
    s = readingSkipper(codec);
  }
  SKIPPERS.set(codec, s);
  return s;
}

function skipUtf8(b: Uint8Array, p: number, end: number): number {
  for (let i = p; i < end; i++) {
    if ((b[i] as number) > 0x7f) {
      // Not all ASCII: the decoder's own strict check decides.
      try {
        decodeUtf8(b.subarray(p, end), p);
      } catch {
        return -1;
      }
      return end;
    }
  }
  return end;
}

function uint(bits: 8 | 16 | 24 | 32): Codec<number> {
  const max = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  const bytes = bits / 8;
  const what = `${bits}-bit field`;
  const kind: Kind = { type: "uint", bits };
  const size = (v: number): number => {
    checkUint(v, max, bits);
    return bytes;
  };
  let codec: Codec<number>;
  switch (bits) {
    case 8:
      codec = { kind, fixed: 1, read: (r) => r.u8(what), size, write: (w, v) => w.u8(v) };
      OPS.set(codec, OP_U8);
      return codec;
    case 16:
      codec = { kind, fixed: 2, read: (r) => r.u16(what), size, write: (w, v) => w.u16(v) };
      OPS.set(codec, OP_U16);
      return codec;
    case 24:
      codec = { kind, fixed: 3, read: (r) => r.u24(what), size, write: (w, v) => w.u24(v) };
      OPS.set(codec, OP_U24);
      return codec;
    default:
      codec = { kind, fixed: 4, read: (r) => r.u32(what), size, write: (w, v) => w.u32(v) };
      OPS.set(codec, OP_U32);
      return codec;
  }
}

/**
 * The same integer codec with a unit and/or value names attached to its
 * kind (the wire layout is unchanged).
 */
export function annotate(
  codec: Codec<number>,
  extra: { unit?: Unit; names?: (value: number) => string | undefined },
): Codec<number> {
  if (codec.kind.type !== "uint") throw new Error("annotate takes an integer codec");
  const annotated = { ...codec, kind: { ...codec.kind, ...extra } };
  const op = OPS.get(codec);
  if (op !== undefined) OPS.set(annotated, op);
  return annotated;
}

/** Unsigned 8-bit integer. */
export const u8: Codec<number> = uint(8);
/** Unsigned 16-bit integer, big-endian. */
export const u16: Codec<number> = uint(16);
/** Unsigned 24-bit integer, big-endian (DHCPv6 transaction-id, DHCP4o6 flags). */
export const u24: Codec<number> = uint(24);
/** Unsigned 32-bit integer, big-endian. */
export const u32: Codec<number> = uint(32);

// One scratch buffer for address validation in the size pass: encoding is
// synchronous and never re-enters, so sharing it is safe.
const scratch16 = new Uint8Array(16);

/** A 16-byte IPv6 address as RFC 5952 text. */
export const ipv6: Codec<string> = {
  kind: { type: "ipv6" },
  fixed: 16,
  read(r) {
    r.need(16, "IPv6 address");
    const s = ipv6Text(r.b, r.pos);
    r.pos += 16;
    return s;
  },
  size(v) {
    if (!parseIPv6(v, scratch16)) throw new EncodeError("invalid-value", `not an IPv6 address: ${describe(v)}`);
    return 16;
  },
  write(w, v) {
    parseIPv6(v, w.b, w.pos);
    w.pos += 16;
  },
};
OPS.set(ipv6, OP_IPV6);

/** A 4-byte IPv4 address as dotted-decimal text. */
export const ipv4: Codec<string> = {
  kind: { type: "ipv4" },
  fixed: 4,
  read(r) {
    r.need(4, "IPv4 address");
    const s = formatIPv4(r.b, r.pos);
    r.pos += 4;
    return s;
  },
  size(v) {
    if (!parseIPv4(v, scratch16)) throw new EncodeError("invalid-value", `not an IPv4 address: ${describe(v)}`);
    return 4;
  },
  write(w, v) {
    parseIPv4(v, w.b, w.pos);
    w.pos += 4;
  },
};
OPS.set(ipv4, OP_IPV4);

/**
 * Opaque bytes: exactly `length` of them, or (without a length) all that is
 * left of the region. Decoded bytes are views of the input, not copies.
 */
export function bytes(length?: number): Codec<Uint8Array> {
  if (length === undefined) {
    const rest: Codec<Uint8Array> = {
      kind: { type: "bytes" },
      fixed: -1,
      read: (r) => r.rest(),
      size(v) {
        checkBytes(v);
        return v.length;
      },
      write: (w, v) => w.bytes(v),
    };
    REST.add(rest);
    return rest;
  }
  const codec: Codec<Uint8Array> = {
    kind: { type: "bytes", length },
    fixed: length,
    read: (r) => r.bytes(length, `${length}-byte field`),
    size(v) {
      checkBytes(v);
      if (v.length !== length) throw new EncodeError("invalid-value", `expected ${length} bytes, got ${v.length}`);
      return length;
    },
    write: (w, v) => w.bytes(v),
  };
  OPS.set(codec, OP_BYTES);
  return codec;
}

/** UTF-8 text filling the rest of the region (strictly validated both ways). */
export const utf8: Codec<string> = {
  kind: { type: "utf8" },
  fixed: -1,
  read(r) {
    const start = r.pos;
    return decodeUtf8(r.rest(), start);
  },
  size: (v) => utf8Length(v),
  write(w, v) {
    w.pos += writeUtf8(v, w.b, w.pos);
  },
};

/** A run of fixed-size items filling the rest of the region (ORO, address lists). */
export function list<T>(item: Codec<T>): Codec<T[]> {
  const n = item.fixed;
  if (n <= 0) throw new Error("list items must have a fixed size");
  const op = opOf(item);
  const itemEncoder = encoderOf(item);
  const codec: Codec<T[]> = {
    kind: { type: "list", item },
    fixed: -1,
    read(r) {
      const len = r.remaining;
      if (len % n !== 0) {
        throw new DecodeError("length-mismatch", r.pos, `${len} byte(s) is not a whole number of ${n}-byte items`);
      }
      // The count is bounded by the bytes actually present.
      const out: T[] = [];
      if (op !== OP_NONE) {
        // Whole items only (checked above): no per-item bounds checks.
        const b = r.b;
        const end = r.end;
        for (let p = r.pos; p < end; p += n) out.push(readOp(op, b, p, n) as T);
        r.pos = end;
        return out;
      }
      for (let i = 0; r.pos < r.end; i++) {
        try {
          out.push(item.read(r));
        } catch (e) {
          throw prefix(e, `[${i}]`);
        }
      }
      return out;
    },
    size(v, depth) {
      forgetTop();
      if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array, got ${describe(v)}`);
      for (let i = 0; i < v.length; i++) {
        if (op !== OP_NONE && fitsOp(op, v[i], n)) continue;
        try {
          item.size(v[i] as T, depth);
        } catch (e) {
          throw prefix(e, `[${i}]`);
        }
      }
      return v.length * n;
    },
    write(w, v) {
      if (op !== OP_NONE) {
        const b = w.b;
        for (let i = 0; i < v.length; i++) {
          writeOp(op, b, w.pos, v[i]);
          w.pos += n;
        }
        return;
      }
      for (let i = 0; i < v.length; i++) item.write(w, v[i] as T);
    },
  };
  setSkipper(codec, () => {
    const skipItem = skipperOf(item);
    return (b, p, end, depth) => {
      if ((end - p) % n !== 0) return -1;
      if (op !== OP_NONE) return end;
      while (p < end && p >= 0) p = skipItem(b, p, end, depth);
      return p;
    };
  });
  setEncoder(codec, (w, v, depth) => {
    if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array, got ${describe(v)}`);
    for (let i = 0; i < v.length; i++) {
      if (op !== OP_NONE) {
        room(w, n);
        if (putOp(op, w.b, w.pos, v[i], n)) {
          w.pos += n;
          continue;
        }
      }
      try {
        itemEncoder(w, v[i], depth);
      } catch (e) {
        throw prefix(e, `[${i}]`);
      }
    }
  });
  return codec;
}

/** Field declarations of a struct, in wire order. */
export type Fields = Readonly<Record<string, AnyCodec>>;

/** The value a struct of `F` reads. */
export type StructValue<F extends Fields> = { -readonly [K in keyof F]: ValueOf<F[K]> };

/** A struct codec, with the extra entry points that options and unions use. */
export interface StructCodec<F extends Fields> extends Codec<StructValue<F>> {
  readonly fields: F;
  /** The sum of the fixed fields' sizes: the least a body can hold. */
  readonly minSize: number;
  /** Reads the fields into an existing object (so a tag or code can come first). */
  readInto(r: Reader, into: Record<string, unknown>): void;
  /**
   * The size of the items of a last field that is a list of fixed-size
   * items of more than one byte (ORO's codes, LQ_CLIENT_LINK's addresses):
   * the body's length minus `minSize` must be a multiple of it. 0 otherwise.
   */
  readonly itemStep: number;
}

/**
 * A sequence of named fields in declaration order; only the last may take
 * the rest of the region.
 */
export function struct<const F extends Fields>(fields: F): StructCodec<F> {
  const entries = Object.entries(fields) as [string, AnyCodec][];
  const names = entries.map(([k]) => k);
  const codecs = entries.map(([, c]) => c);
  entries.forEach(([name, c], i) => {
    if (c.fixed < 0 && i !== entries.length - 1) throw new Error(`struct field ${name} takes the rest but is not last`);
  });
  const allFixed = codecs.every((c) => c.fixed >= 0);
  const minSize = codecs.reduce((a, c) => a + Math.max(c.fixed, 0), 0);
  const count = names.length;
  const ops = codecs.map(opOf);
  const sizes = codecs.map((c) => c.fixed);
  // The leading run of primitive fields, read in one go when all of it is there.
  let lead = 0;
  let leadSize = 0;
  while (lead < count && ops[lead] !== OP_NONE) leadSize += sizes[lead++] as number;
  // A single field after the run (the usual options list or opaque rest) is
  // read without the loop; opaque rest bytes inline, as they cannot fail.
  const tailName = lead === count - 1 ? (names[lead] as string) : undefined;
  const tailCodec = codecs[lead] as AnyCodec;
  const tailIsRest = tailName !== undefined && REST.has(tailCodec);
  /** Field by field from `from`, each with its own checks and path segment. */
  const readFields = (r: Reader, into: Record<string, unknown>, from: number): void => {
    for (let i = from; i < count; i++) {
      try {
        into[names[i] as string] = (codecs[i] as AnyCodec).read(r);
      } catch (e) {
        throw prefix(e, names[i] as string);
      }
    }
  };
  const readInto = (r: Reader, into: Record<string, unknown>): void => {
    if (r.end - r.pos < leadSize) {
      readFields(r, into, 0);
      return;
    }
    const b = r.b;
    let p = r.pos;
    for (let i = 0; i < lead; i++) {
      const n = sizes[i] as number;
      into[names[i] as string] = readOp(ops[i] as number, b, p, n);
      p += n;
    }
    if (tailName === undefined) {
      r.pos = p;
      if (lead < count) readFields(r, into, lead);
    } else if (tailIsRest) {
      into[tailName] = b.subarray(p, r.end);
      r.pos = r.end;
    } else {
      r.pos = p;
      try {
        into[tailName] = tailCodec.read(r);
      } catch (e) {
        throw prefix(e, tailName);
      }
    }
  };
  const encoders: Encoder[] = codecs.map(encoderOf);
  const last = codecs[count - 1];
  const lastItem = last !== undefined && last.kind.type === "list" ? last.kind.item : undefined;
  const codec: StructCodec<F> = {
    kind: { type: "struct", fields: entries },
    fixed: allFixed ? minSize : -1,
    fields,
    minSize,
    itemStep: lastItem !== undefined && lastItem.fixed > 1 ? lastItem.fixed : 0,
    readInto,
    read(r) {
      const out: Record<string, unknown> = {};
      readInto(r, out);
      return out as StructValue<F>;
    },
    size(v, depth) {
      forgetTop();
      if (typeof v !== "object" || v === null) {
        throw new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
      }
      let total = 0;
      for (let i = 0; i < count; i++) {
        const name = names[i] as string;
        const x = (v as Record<string, unknown>)[name];
        const op = ops[i] as number;
        if (op !== OP_NONE && fitsOp(op, x, sizes[i] as number)) {
          total += sizes[i] as number;
          continue;
        }
        try {
          total += (codecs[i] as AnyCodec).size(x, depth);
        } catch (e) {
          throw prefix(e, name);
        }
      }
      return total;
    },
    write(w, v) {
      for (let i = 0; i < count; i++) {
        const x = (v as Record<string, unknown>)[names[i] as string];
        const op = ops[i] as number;
        if (op !== OP_NONE) {
          writeOp(op, w.b, w.pos, x);
          w.pos += sizes[i] as number;
        } else {
          (codecs[i] as AnyCodec).write(w, x);
        }
      }
    },
  };
  if (codecs.every((c, i) => ops[i] !== OP_NONE || REST.has(c))) PLAIN.add(codec);
  if (lead >= count - 1) TAILS.set(codec, { skip: leadSize, tail: lead < count ? tailCodec : undefined });
  setSkipper(codec, () => {
    // The usual shapes get their own closure: an indirect call per field
    // from one shared loop was 35% of a scan of M2.
    if (lead === count) return (_b, p, end) => (end - p < leadSize ? -1 : p + leadSize);
    if (lead === count - 1) {
      if (tailIsRest) return (_b, p, end) => (end - p < leadSize ? -1 : end);
      const tail = skipperOf(tailCodec);
      if (leadSize === 0) return tail;
      return (b, p, end, depth) => (end - p < leadSize ? -1 : tail(b, p + leadSize, end, depth));
    }
    const skips = codecs.map((c) => skipperOf(c));
    return (b, p, end, depth) => {
      if (end - p < leadSize) return -1;
      p += leadSize;
      for (let i = lead; i < count && p >= 0; i++) p = (skips[i] as Skipper)(b, p, end, depth);
      return p;
    };
  });
  setEncoder(codec, (w, v, depth) => {
    if (typeof v !== "object" || v === null) {
      throw new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
    }
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const x = (v as Record<string, unknown>)[name];
      const op = ops[i] as number;
      if (op !== OP_NONE) {
        const n = sizes[i] as number;
        room(w, n);
        if (putOp(op, w.b, w.pos, x, n)) {
          w.pos += n;
          continue;
        }
      } else if (i === count - 1 && tailIsRest && x instanceof Uint8Array) {
        room(w, x.length);
        w.b.set(x, w.pos);
        w.pos += x.length;
        continue;
      }
      try {
        (encoders[i] as Encoder)(w, x, depth);
      } catch (e) {
        throw prefix(e, name);
      }
    }
  });
  return codec;
}

/** The value of a tagged union: each variant with its tag as a literal, plus the fallback. */
export type UnionValue<
  Tag extends string,
  V extends Readonly<Record<number, StructCodec<Fields>>>,
  Fb extends StructCodec<Fields>,
> =
  | { [N in keyof V]: Simplify<{ [K in Tag]: N extends `${infer I extends number}` ? I : N } & ValueOf<V[N]>> }[keyof V]
  | Simplify<{ [K in Tag]: number } & ValueOf<Fb>>;

/**
 * A tag field followed by the struct its value selects; tag values without a
 * variant use `fallback`, so unknown types are kept. `name` is what docs
 * call the whole layout.
 */
export function union<
  const Tag extends string,
  const V extends Readonly<Record<number, StructCodec<Fields>>>,
  Fb extends StructCodec<Fields>,
>(tag: Tag, tagCodec: Codec<number>, variants: V, fallback: Fb, name: string = tag): Codec<UnionValue<Tag, V, Fb>> {
  const byTag = new Map<number, StructCodec<Fields>>();
  for (const [k, v] of Object.entries(variants)) byTag.set(Number(k), v as StructCodec<Fields>);
  // A dense array makes the per-message variant lookup a single index.
  const dense: (StructCodec<Fields> | undefined)[] = [];
  for (const [k, v] of byTag) dense[k] = v;
  const pick = (t: number): StructCodec<Fields> => dense[t] ?? fallback;
  const tagOp = opOf(tagCodec);
  const tagSize = tagCodec.fixed;
  const denseEncoders: (Encoder | undefined)[] = dense.map((c) => (c === undefined ? undefined : encoderOf(c)));
  const fallbackEncoder = encoderOf(fallback);
  const encoder: Encoder = (w, v, depth) => {
    if (typeof v !== "object" || v === null) {
      throw new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
    }
    const t = (v as Record<string, unknown>)[tag] as number;
    room(w, tagSize);
    if (!(tagOp !== OP_NONE && putOp(tagOp, w.b, w.pos, t, tagSize))) {
      try {
        tagCodec.size(t, depth);
      } catch (e) {
        throw prefix(e, tag);
      }
      tagCodec.write(w, t);
    } else {
      w.pos += tagSize;
    }
    (denseEncoders[t] ?? fallbackEncoder)(w, v, depth);
  };
  const codec: Codec<UnionValue<Tag, V, Fb>> = {
    kind: { type: "union", name, tag, tagCodec, variants: byTag, fallback },
    fixed: -1,
    read(r) {
      let t: number;
      if (tagOp !== OP_NONE && r.end - r.pos >= tagSize) {
        t = readOp(tagOp, r.b, r.pos, tagSize) as number;
        r.pos += tagSize;
      } else {
        try {
          t = tagCodec.read(r);
        } catch (e) {
          throw prefix(e, tag);
        }
      }
      // Not `{ [tag]: t }`: a computed key in a literal took a slow runtime
      // path in V8 and was 29% of a whole M2 decode in the profile.
      const out: Record<string, unknown> = {};
      out[tag] = t;
      pick(t).readInto(r, out);
      return out as UnionValue<Tag, V, Fb>;
    },
    size(v, depth) {
      if (depth === 0) {
        const n = sizeAtTop(encoder, v);
        if (n >= 0) return n;
      }
      forgetTop();
      if (typeof v !== "object" || v === null) {
        throw new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
      }
      const t = (v as Record<string, unknown>)[tag] as number;
      if (!(tagOp !== OP_NONE && fitsOp(tagOp, t, tagSize))) {
        try {
          tagCodec.size(t, depth);
        } catch (e) {
          throw prefix(e, tag);
        }
      }
      return tagSize + pick(t).size(v as never, depth);
    },
    write(w, v) {
      if (writeFromTop(w, v)) return;
      const t = (v as Record<string, unknown>)[tag] as number;
      tagCodec.write(w, t);
      pick(t).write(w, v as never);
    },
  };
  if (tagOp !== OP_NONE) {
    setSkipper(codec, () => {
      if (PLAIN.has(fallback) && dense.every((c) => c === undefined || PLAIN.has(c))) {
        // Every variant is a struct of primitives and opaque rest (the
        // DUIDs): its size check is the whole check, so the union checks it
        // itself from a table instead of calling the variant's skipper.
        // Measured (bench A/B, CPU time, medians of 15 rounds): scan of M2
        // 0.92x, of M1 0.89x the time before.
        const need: number[] = [];
        for (let t = 0; t < dense.length; t++) {
          const c = dense[t];
          need.push(sizeRule(c ?? fallback));
        }
        const other = sizeRule(fallback);
        return (b, p, end) => {
          if (end - p < tagSize) return -1;
          const t = readOp(tagOp, b, p, tagSize) as number;
          const q = p + tagSize;
          const n = t < need.length ? (need[t] as number) : other;
          if (n >= 0) return end - q < n ? -1 : q + n;
          return end - q < -1 - n ? -1 : end;
        };
      }
      const skips: (Skipper | undefined)[] = dense.map((c) => (c === undefined ? undefined : skipperOf(c)));
      const skipFallback = skipperOf(fallback);
      return (b, p, end, depth) => {
        if (end - p < tagSize) return -1;
        const t = readOp(tagOp, b, p, tagSize) as number;
        return (skips[t] ?? skipFallback)(b, p + tagSize, end, depth);
      };
    });
  }
  setEncoder(codec, encoder);
  return codec;
}

/** A plain struct's size rule for a table-driven union skipper: minSize, or -1 - minSize when it takes the rest. */
function sizeRule(c: StructCodec<Fields>): number {
  return c.fixed < 0 ? -1 - c.minSize : c.minSize;
}

/**
 * A late-bound reference, for recursive layouts (options inside options,
 * messages inside options). `name` is what docs show.
 */
export function ref<T>(name: string, target: () => Codec<T>): Codec<T> {
  const codec: Codec<T> = {
    kind: { type: "ref", name, target },
    fixed: -1,
    read: (r) => target().read(r),
    size: (v, depth) => target().size(v, depth),
    write: (w, v) => target().write(w, v),
  };
  let skip: Skipper | undefined;
  setSkipper(codec, () => (b, p, end, depth) => {
    skip ??= skipperOf(target());
    return skip(b, p, end, depth);
  });
  let encoder: Encoder | undefined;
  setEncoder(codec, (w, v, depth) => {
    encoder ??= encoderOf(target());
    encoder(w, v, depth);
  });
  return codec;
}

/**
 * Prefixes a path segment onto our errors as they propagate.
 * @internal
 */
export function prefix(e: unknown, segment: string): unknown {
  if (e instanceof DecodeError || e instanceof EncodeError) e.prefixPath(segment);
  return e;
}

/**
 * A skipper that decodes: `codec.read` over the region, -1 if it throws.
 * The fallback of {@link skipperOf} for a codec without a skipper of its
 * own, and what a skipper hands the cases it leaves to the decoder.
 * @internal
 */
export function readingSkipper(codec: AnyCodec): Skipper {
  return (b, p, end, depth) => {
    const r = new Reader(b, scanState.opts, p, end);
    r.depth = depth;
    try {
      codec.read(r);
    } catch {
      return -1;
    }
    return r.pos;
  };
}
