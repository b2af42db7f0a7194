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
import { indexSegment } from "../wire/path.js";
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
  readonly body: AnyCodec;
}

/**
 * A wire layout: read, measure (and validate), write.
 * `fixed` is the exact size in bytes, or -1 when the codec takes all that is
 * left of its bounded region.
 *
 * The combinators of this module also attach what they compile from the
 * declaration (`op`, `encoder`, `skipper`, ...), so that nothing is looked
 * up by codec at run time. A copy made with spread keeps them, which is
 * right for a copy with the same layout ({@link annotate}); a codec that
 * reads or writes differently is written out in full instead.
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
  /**
   * The op code of a fixed-size primitive made in this module (an integer,
   * an address, a fixed byte run), which the loops of structs, unions and
   * lists read, check and write inline; absent for every other codec.
   * @internal
   */
  readonly op?: number;
  /** True for the opaque rest-of-region bytes of `bytes()`, which a struct reads inline. @internal */
  readonly restOfRegion?: boolean;
  /** The one-pass encoder (see {@link Encoder}); absent: `size` then `write`. @internal */
  readonly encoder?: Encoder;
  /** The skipper (see {@link Skipper}), compiled on its first call; absent: checked by reading. @internal */
  readonly skipper?: () => Skipper;
  /**
   * For a struct whose every field is a primitive or opaque rest: any body
   * of a size its option-len check accepts is a valid value, so the length
   * check is all a skipper needs. @internal
   */
  readonly plainStruct?: boolean;
  /** For a struct of primitive fields followed by at most one other field: see {@link StructShape}. @internal */
  readonly shape?: StructShape | undefined;
}

/**
 * A struct of primitive fields followed by at most one other field: the
 * primitives' total size and that field's codec (so that an option list can
 * walk the nested list of an encapsulating option itself).
 * @internal
 */
export interface StructShape {
  /** The bytes the leading primitive fields take. */
  readonly primitiveBytes: number;
  /** The field after them, if any. */
  readonly lastField: AnyCodec | undefined;
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

const opOf = (c: AnyCodec): number => c.op ?? OP_NONE;

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
      return isIPv6(v);
    case OP_IPV4:
      return isIPv4(v);
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
// writes in one walk, into a growable scratch writer made for that call
// (encodeToScratch); the entries (encode, encodeInto, encodingLength) then
// copy or measure the scratch bytes, and nothing is kept between calls.
// Callers still see exact-length-first: nothing is written to their buffer
// unless the whole value was valid. Measured on M1 (bench/run.ts): encode
// from about 2.0x to about 1.3x the hand-written encoder; the extra copy of
// the message costs about 2% of it.

/**
 * Validates `v` and writes it at `w.pos`, growing `w.b` as needed (see
 * {@link ensureCapacity}); throws the same EncodeError, with the same path,
 * as the codec's `size` would.
 * @internal
 */
export type Encoder = (w: Writer, v: unknown, depth: number) => void;

/**
 * The one-pass encoder of any codec: its own, or its `size` then its
 * `write` (codecs declared elsewhere).
 * @internal
 */
export function encoderOf(codec: AnyCodec): Encoder {
  return (
    codec.encoder ??
    ((w, v, depth) => {
      const n = codec.size(v, depth);
      ensureCapacity(w, n);
      codec.write(w, v);
    })
  );
}

/**
 * Encodes `v` with `codec` in one pass into a new scratch writer, sized by
 * a first guess and grown as needed: the bytes are `w.b` up to `w.pos`.
 * Nothing is kept between calls.
 * @internal
 */
export function encodeToScratch(codec: AnyCodec, v: unknown): Writer {
  return encodeToScratchWith(encoderOf(codec), v);
}

/**
 * {@link encodeToScratch} with an encoder (a generated one, see
 * src/v6/codecs.generated.ts) rather than a codec.
 * @internal
 */
export function encodeToScratchWith(encoder: Encoder, v: unknown): Writer {
  const w = new Writer(new Uint8Array(SCRATCH_START));
  encoder(w, v, 0);
  return w;
}

/**
 * The scratch's first size. V8 keeps a typed array of up to 64 bytes on
 * its heap, far cheaper to make than a larger one, so a small message costs
 * no buffer outside it; a larger one grows it once to {@link GROWN_MIN}.
 * Measured (A/B against the retained top-level scratch this replaced, same
 * process, CPU time, medians of 9 rounds, machine under load): encode of
 * M2 (62 bytes) 0.86x, of M1 (131 bytes) 1.28x; starting at 512 bytes gave
 * 1.43x and 0.81x, starting at 64 and growing 4x gave 0.96x and 1.75x.
 */
const SCRATCH_START = 64;

/** The least a scratch grows to: one step for most messages past 64 bytes. */
const GROWN_MIN = 512;

/**
 * Makes room for `n` more bytes at `w.pos` in a scratch writer, replacing
 * `w.b` by a larger copy (at least 4x and {@link GROWN_MIN}, so that a
 * message takes few steps) when needed; code that writes after a nested
 * encoder re-reads `w.b`.
 * @internal
 */
export function ensureCapacity(w: Writer, n: number): void {
  const need = w.pos + n;
  if (need <= w.b.length) return;
  const grown = new Uint8Array(Math.max(need, w.b.length * 4, GROWN_MIN));
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
 * Checks one value in `b[p, end)` without building it, under the decode
 * options `opts`: the offset after it, or -1 if decoding it would fail.
 * `depth` counts enclosing option lists.
 * @internal
 */
export type Skipper = (b: Uint8Array, p: number, end: number, depth: number, opts: ReaderOptions) => number;

/**
 * A skipper compiled on its first call and kept by the codec that owns it
 * (layouts are late-bound, so it cannot be built when the codec is).
 * @internal
 */
export function compiledOnce(build: () => Skipper): () => Skipper {
  let compiled: Skipper | undefined;
  return () => {
    compiled ??= build();
    return compiled;
  };
}

/**
 * True when any body of a size its option-len check accepts is a valid
 * value of `codec` (a struct of primitives and opaque rest bytes).
 * @internal
 */
export function isPlain(codec: AnyCodec): boolean {
  return codec.plainStruct === true;
}

/**
 * The skipper of a codec: its own, or else one that decodes.
 * @internal
 */
export function skipperOf(codec: AnyCodec): Skipper {
  return codec.skipper !== undefined ? codec.skipper() : readingSkipper(codec);
}

/** The skipper of a fixed-size primitive of `n` bytes. */
function fixedSkipper(n: number): () => Skipper {
  const skip: Skipper = (_b, p, end) => (end - p >= n ? p + n : -1);
  return () => skip;
}

const skipRest: Skipper = (_b, _p, end) => end;

/**
 * Checks UTF-8 text filling `b[p, end)` as the decoder would: `end`, or -1.
 * @internal
 */
export function skipUtf8(b: Uint8Array, p: number, end: number): number {
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
  const skipper = fixedSkipper(bytes);
  switch (bits) {
    case 8:
      return { kind, fixed: 1, op: OP_U8, skipper, read: (r) => r.u8(what), size, write: (w, v) => w.u8(v) };
    case 16:
      return { kind, fixed: 2, op: OP_U16, skipper, read: (r) => r.u16(what), size, write: (w, v) => w.u16(v) };
    case 24:
      return { kind, fixed: 3, op: OP_U24, skipper, read: (r) => r.u24(what), size, write: (w, v) => w.u24(v) };
    default:
      return { kind, fixed: 4, op: OP_U32, skipper, read: (r) => r.u32(what), size, write: (w, v) => w.u32(v) };
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
  // The copy keeps the op, skipper and encoder: the wire layout is the same.
  return { ...codec, kind: { ...codec.kind, ...extra } };
}

/** Unsigned 8-bit integer. */
export const u8: Codec<number> = /* @__PURE__ */ uint(8);
/** Unsigned 16-bit integer, big-endian. */
export const u16: Codec<number> = /* @__PURE__ */ uint(16);
/** Unsigned 24-bit integer, big-endian (DHCPv6 transaction-id, DHCP4o6 flags). */
export const u24: Codec<number> = /* @__PURE__ */ uint(24);
/** Unsigned 32-bit integer, big-endian. */
export const u32: Codec<number> = /* @__PURE__ */ uint(32);

/** True when `v` is IPv6 text {@link parseIPv6} accepts (validated into a buffer of its own). */
function isIPv6(v: unknown): boolean {
  return typeof v === "string" && parseIPv6(v, new Uint8Array(16));
}

/** True when `v` is IPv4 text {@link parseIPv4} accepts. */
function isIPv4(v: unknown): boolean {
  return typeof v === "string" && parseIPv4(v, new Uint8Array(4));
}

/** A 16-byte IPv6 address as RFC 5952 text. */
export const ipv6: Codec<string> = {
  kind: { type: "ipv6" },
  fixed: 16,
  op: OP_IPV6,
  skipper: /* @__PURE__ */ fixedSkipper(16),
  read(r) {
    r.need(16, "IPv6 address");
    const s = ipv6Text(r.b, r.pos);
    r.pos += 16;
    return s;
  },
  size(v) {
    if (!isIPv6(v)) throw new EncodeError("invalid-value", `not an IPv6 address: ${describe(v)}`);
    return 16;
  },
  write(w, v) {
    parseIPv6(v, w.b, w.pos);
    w.pos += 16;
  },
};

/** A 4-byte IPv4 address as dotted-decimal text. */
export const ipv4: Codec<string> = {
  kind: { type: "ipv4" },
  fixed: 4,
  op: OP_IPV4,
  skipper: /* @__PURE__ */ fixedSkipper(4),
  read(r) {
    r.need(4, "IPv4 address");
    const s = formatIPv4(r.b, r.pos);
    r.pos += 4;
    return s;
  },
  size(v) {
    if (!isIPv4(v)) throw new EncodeError("invalid-value", `not an IPv4 address: ${describe(v)}`);
    return 4;
  },
  write(w, v) {
    parseIPv4(v, w.b, w.pos);
    w.pos += 4;
  },
};

/**
 * Opaque bytes: exactly `length` of them, or (without a length) all that is
 * left of the region. Decoded bytes are views of the input, not copies.
 */
export function bytes(length?: number): Codec<Uint8Array> {
  if (length === undefined) {
    return {
      kind: { type: "bytes" },
      fixed: -1,
      restOfRegion: true,
      skipper: () => skipRest,
      read: (r) => r.rest(),
      size(v) {
        checkBytes(v);
        return v.length;
      },
      write: (w, v) => w.bytes(v),
    };
  }
  return {
    kind: { type: "bytes", length },
    fixed: length,
    op: OP_BYTES,
    skipper: fixedSkipper(length),
    read: (r) => r.bytes(length, `${length}-byte field`),
    size(v) {
      checkBytes(v);
      if (v.length !== length) throw new EncodeError("invalid-value", `expected ${length} bytes, got ${v.length}`);
      return length;
    },
    write: (w, v) => w.bytes(v),
  };
}

/** UTF-8 text filling the rest of the region (strictly validated both ways). */
export const utf8: Codec<string> = {
  kind: { type: "utf8" },
  fixed: -1,
  skipper: () => skipUtf8,
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
  return {
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
          throw prefix(e, indexSegment(i));
        }
      }
      return out;
    },
    size(v, depth) {
      if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array, got ${describe(v)}`);
      for (let i = 0; i < v.length; i++) {
        if (op !== OP_NONE && fitsOp(op, v[i], n)) continue;
        try {
          item.size(v[i] as T, depth);
        } catch (e) {
          throw prefix(e, indexSegment(i));
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
    skipper: compiledOnce(() => {
      const skipItem = skipperOf(item);
      return (b, p, end, depth, opts) => {
        if ((end - p) % n !== 0) return -1;
        if (op !== OP_NONE) return end;
        while (p < end && p >= 0) p = skipItem(b, p, end, depth, opts);
        return p;
      };
    }),
    encoder: (w, v, depth) => {
      if (!Array.isArray(v)) throw new EncodeError("invalid-value", `expected an array, got ${describe(v)}`);
      for (let i = 0; i < v.length; i++) {
        if (op !== OP_NONE) {
          ensureCapacity(w, n);
          if (putOp(op, w.b, w.pos, v[i], n)) {
            w.pos += n;
            continue;
          }
        }
        try {
          itemEncoder(w, v[i], depth);
        } catch (e) {
          throw prefix(e, indexSegment(i));
        }
      }
    },
  };
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
  const lastName = lead === count - 1 ? (names[lead] as string) : undefined;
  const lastCodec = codecs[lead] as AnyCodec;
  const lastIsRest = lastName !== undefined && lastCodec.restOfRegion === true;
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
    if (lastName === undefined) {
      r.pos = p;
      if (lead < count) readFields(r, into, lead);
    } else if (lastIsRest) {
      into[lastName] = b.subarray(p, r.end);
      r.pos = r.end;
    } else {
      r.pos = p;
      try {
        into[lastName] = lastCodec.read(r);
      } catch (e) {
        throw prefix(e, lastName);
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
    plainStruct: codecs.every((c, i) => ops[i] !== OP_NONE || c.restOfRegion === true),
    shape:
      lead >= count - 1 ? { primitiveBytes: leadSize, lastField: lead < count ? lastCodec : undefined } : undefined,
    skipper: compiledOnce(() => {
      // The usual shapes get their own closure: an indirect call per field
      // from one shared loop was 35% of a scan of M2.
      if (lead === count) return (_b, p, end) => (end - p < leadSize ? -1 : p + leadSize);
      if (lead === count - 1) {
        if (lastIsRest) return (_b, p, end) => (end - p < leadSize ? -1 : end);
        const last = skipperOf(lastCodec);
        if (leadSize === 0) return last;
        return (b, p, end, depth, opts) => (end - p < leadSize ? -1 : last(b, p + leadSize, end, depth, opts));
      }
      const skips = codecs.map((c) => skipperOf(c));
      return (b, p, end, depth, opts) => {
        if (end - p < leadSize) return -1;
        p += leadSize;
        for (let i = lead; i < count && p >= 0; i++) p = (skips[i] as Skipper)(b, p, end, depth, opts);
        return p;
      };
    }),
    encoder: (w, v, depth) => {
      if (typeof v !== "object" || v === null) {
        throw new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
      }
      for (let i = 0; i < count; i++) {
        const name = names[i] as string;
        const x = (v as Record<string, unknown>)[name];
        const op = ops[i] as number;
        if (op !== OP_NONE) {
          const n = sizes[i] as number;
          ensureCapacity(w, n);
          if (putOp(op, w.b, w.pos, x, n)) {
            w.pos += n;
            continue;
          }
        } else if (i === count - 1 && lastIsRest && x instanceof Uint8Array) {
          ensureCapacity(w, x.length);
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
    },
  };
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
    ensureCapacity(w, tagSize);
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
    encoder,
    skipper: compiledOnce(() => unionSkipper(codec, tagOp, tagSize, dense, fallback)),
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
      const t = (v as Record<string, unknown>)[tag] as number;
      tagCodec.write(w, t);
      pick(t).write(w, v as never);
    },
  };
  return codec;
}

/**
 * The skipper of a union: its tag, then the variant's skipper. A union
 * whose tag is not a primitive is checked by reading.
 */
function unionSkipper(
  codec: AnyCodec,
  tagOp: number,
  tagSize: number,
  dense: readonly (StructCodec<Fields> | undefined)[],
  fallback: StructCodec<Fields>,
): Skipper {
  if (tagOp === OP_NONE) return readingSkipper(codec);
  if (fallback.plainStruct === true && dense.every((c) => c === undefined || c.plainStruct === true)) {
    // Every variant is a struct of primitives and opaque rest (the
    // DUIDs): its size check is the whole check, so the union checks it
    // itself from a table instead of calling the variant's skipper.
    // Measured (bench A/B, CPU time, medians of 15 rounds): scan of M2
    // 0.92x, of M1 0.89x the time before.
    const minSizes: number[] = [];
    const takesRest: boolean[] = [];
    for (let t = 0; t < dense.length; t++) {
      const c = dense[t] ?? fallback;
      minSizes.push(c.minSize);
      takesRest.push(c.fixed < 0);
    }
    const otherMin = fallback.minSize;
    const otherTakesRest = fallback.fixed < 0;
    return (b, p, end) => {
      if (end - p < tagSize) return -1;
      const t = readOp(tagOp, b, p, tagSize) as number;
      const q = p + tagSize;
      const known = t < minSizes.length;
      const min = known ? (minSizes[t] as number) : otherMin;
      if (end - q < min) return -1;
      return (known ? takesRest[t] : otherTakesRest) ? end : q + min;
    };
  }
  const skips: (Skipper | undefined)[] = dense.map((c) => (c === undefined ? undefined : skipperOf(c)));
  const skipFallback = skipperOf(fallback);
  return (b, p, end, depth, opts) => {
    if (end - p < tagSize) return -1;
    const t = readOp(tagOp, b, p, tagSize) as number;
    return (skips[t] ?? skipFallback)(b, p + tagSize, end, depth, opts);
  };
}

/**
 * A late-bound reference, for recursive layouts (options inside options,
 * messages inside options). `name` is what docs show.
 */
export function ref<T>(name: string, target: () => Codec<T>): Codec<T> {
  // The target's skipper and encoder, looked up on first use (the target is late-bound).
  let skip: Skipper | undefined;
  let encoder: Encoder | undefined;
  const skipper: Skipper = (b, p, end, depth, opts) => {
    skip ??= skipperOf(target());
    return skip(b, p, end, depth, opts);
  };
  return {
    kind: { type: "ref", name, target },
    fixed: -1,
    read: (r) => target().read(r),
    size: (v, depth) => target().size(v, depth),
    write: (w, v) => target().write(w, v),
    skipper: () => skipper,
    encoder: (w, v, depth) => {
      encoder ??= encoderOf(target());
      encoder(w, v, depth);
    },
  };
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
  return (b, p, end, depth, opts) => {
    const r = new Reader(b, opts, p, end);
    r.depth = depth;
    try {
      codec.read(r);
    } catch {
      return -1;
    }
    return r.pos;
  };
}
