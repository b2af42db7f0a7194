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
import type { Reader, ReaderOptions } from "../wire/reader.js";
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
// Every public entry point (decode, encode, scan, decodeDhcpv4, ...) runs
// code generated ahead of time from these declarations: src/v6/codecs.generated.ts
// and src/v4/codecs.generated.ts, written by scripts/generate-codecs.ts and
// scripts/generate-v4-codecs.ts. The combinators stay the declaration
// language (the `kind`, `fixed`, `minSize` and `itemStep` that the
// generators, the docs and the arbitraries read) and a small reference
// interpreter (`read`, `size`, `write`) that the tests hold the generated
// code to. They are written for clarity, not speed.
//
// Besides the combinators this module keeps the few helpers the generated
// code imports: the encoder type and its growable scratch writer
// (ensureCapacity, encodeToScratchWith), the encode depth bound, the
// UTF-8 check of a skipper (skipUtf8), and the path prefixing of errors.
// ---------------------------------------------------------------------------

/**
 * A generated one-pass encoder: validates `v` and writes it at `w.pos`,
 * growing `w.b` as needed (see {@link ensureCapacity}); throws the same
 * EncodeError, with the same path, as the codec's `size` would. Callers
 * still see exact-length-first: the scratch is copied to their buffer only
 * once the whole value was valid.
 * @internal
 */
export type Encoder = (w: Writer, v: unknown, depth: number) => void;

/**
 * Encodes `v` with a generated encoder (see src/v6/codecs.generated.ts) in
 * one pass into a new scratch writer, sized by a first guess and grown as
 * needed: the bytes are `w.b` up to `w.pos`. Nothing is kept between calls.
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

/**
 * A generated check of one value in `b[p, end)` without building it, under
 * the decode options `opts` (behind `scan()`): the offset after it, or -1
 * where decoding it would fail. `depth` counts enclosing option lists.
 * @internal
 */
export type Skipper = (b: Uint8Array, p: number, end: number, depth: number, opts: ReaderOptions) => number;

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

/**
 * Prefixes a path segment onto our errors as they propagate.
 * @internal
 */
export function prefix(e: unknown, segment: string): unknown {
  if (e instanceof DecodeError || e instanceof EncodeError) e.prefixPath(segment);
  return e;
}

/** Throws unless `v` is an object (a struct or union value). */
function checkObject(v: unknown): asserts v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) {
    throw new EncodeError("invalid-value", `expected an object, got ${describe(v)}`);
  }
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
  switch (bits) {
    case 8:
      return { kind, fixed: 1, read: (r) => r.u8(what), size, write: (w, v) => w.u8(v) };
    case 16:
      return { kind, fixed: 2, read: (r) => r.u16(what), size, write: (w, v) => w.u16(v) };
    case 24:
      return { kind, fixed: 3, read: (r) => r.u24(what), size, write: (w, v) => w.u24(v) };
    default:
      return { kind, fixed: 4, read: (r) => r.u32(what), size, write: (w, v) => w.u32(v) };
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
    // Validated into a buffer of its own: `write` parses it again.
    if (!(typeof v === "string" && parseIPv6(v, new Uint8Array(16)))) {
      throw new EncodeError("invalid-value", `not an IPv6 address: ${describe(v)}`);
    }
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
  read(r) {
    r.need(4, "IPv4 address");
    const s = formatIPv4(r.b, r.pos);
    r.pos += 4;
    return s;
  },
  size(v) {
    if (!(typeof v === "string" && parseIPv4(v, new Uint8Array(4)))) {
      throw new EncodeError("invalid-value", `not an IPv4 address: ${describe(v)}`);
    }
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
        try {
          item.size(v[i] as T, depth);
        } catch (e) {
          throw prefix(e, indexSegment(i));
        }
      }
      return v.length * n;
    },
    write(w, v) {
      for (const x of v) item.write(w, x);
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
  entries.forEach(([name, c], i) => {
    if (c.fixed < 0 && i !== entries.length - 1) throw new Error(`struct field ${name} takes the rest but is not last`);
  });
  const minSize = entries.reduce((a, [, c]) => a + Math.max(c.fixed, 0), 0);
  const last = entries[entries.length - 1]?.[1];
  const lastItem = last !== undefined && last.kind.type === "list" ? last.kind.item : undefined;
  const readInto = (r: Reader, into: Record<string, unknown>): void => {
    for (const [name, c] of entries) {
      try {
        into[name] = c.read(r);
      } catch (e) {
        throw prefix(e, name);
      }
    }
  };
  return {
    kind: { type: "struct", fields: entries },
    fixed: entries.every(([, c]) => c.fixed >= 0) ? minSize : -1,
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
      checkObject(v);
      let total = 0;
      for (const [name, c] of entries) {
        try {
          total += c.size(v[name], depth);
        } catch (e) {
          throw prefix(e, name);
        }
      }
      return total;
    },
    write(w, v) {
      for (const [name, c] of entries) c.write(w, (v as Record<string, unknown>)[name]);
    },
  };
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
  const pick = (t: number): StructCodec<Fields> => byTag.get(t) ?? fallback;
  return {
    kind: { type: "union", name, tag, tagCodec, variants: byTag, fallback },
    fixed: -1,
    read(r) {
      let t: number;
      try {
        t = tagCodec.read(r);
      } catch (e) {
        throw prefix(e, tag);
      }
      const out: Record<string, unknown> = { [tag]: t };
      pick(t).readInto(r, out);
      return out as UnionValue<Tag, V, Fb>;
    },
    size(v, depth) {
      checkObject(v);
      const t = v[tag] as number;
      let n: number;
      try {
        n = tagCodec.size(t, depth);
      } catch (e) {
        throw prefix(e, tag);
      }
      return n + pick(t).size(v as never, depth);
    },
    write(w, v) {
      const t = (v as Record<string, unknown>)[tag] as number;
      tagCodec.write(w, t);
      pick(t).write(w, v as never);
    },
  };
}

/**
 * A late-bound reference, for recursive layouts (options inside options,
 * messages inside options). `name` is what docs show.
 */
export function ref<T>(name: string, target: () => Codec<T>): Codec<T> {
  return {
    kind: { type: "ref", name, target },
    fixed: -1,
    read: (r) => target().read(r),
    size: (v, depth) => target().size(v, depth),
    write: (w, v) => target().write(w, v),
  };
}
