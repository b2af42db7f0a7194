/**
 * The walker: a fast-check arbitrary for any codec, built by reading the
 * codec's `kind` data. Nothing here names an option or a message; a new
 * declaration gets its generator by being declared.
 * @module
 */
import fc from "fast-check";
import type { AnyCodec, Codec } from "../schema/codec.js";
import { DEFAULT_MAX_DEPTH, MAX_DECODE_DEPTH } from "../v6/message.js";
import { fallbackReachable, type ListKind, minLevels, type UnionKind, unsupportedKind } from "./analysis.js";
import { areaListArbitrary, PAD_AND_END } from "./area-list.js";
import {
  bytesArbitrary,
  ipv4Arbitrary,
  ipv6Arbitrary,
  type NamedValuesCache,
  uintArbitrary,
  utf8Arbitrary,
} from "./leaves.js";
import { type ListBuilder, optionEntryArbitrary, optionListArbitrary } from "./option-list.js";
import { SPECIAL_CASES } from "./special-cases.js";

/** Limits on what the generators produce. Every field is optional. */
export interface ArbitraryOptions {
  /**
   * Deepest nesting of option lists, counted as `DecodeOptions.maxDepth`
   * counts it (a message's own options are level 1), so that every value
   * decodes under the same setting. This is a hard bound, not a tendency.
   * Default 24, the decoders' default.
   */
  maxDepth?: number;
  /**
   * Most bytes in an opaque field that takes the rest, most code points in
   * a text field. Default 16. (These caps, not fast-check's global `size`,
   * bound the lengths; small lengths stay the most likely.)
   */
  maxBytes?: number;
  /** Most entries in a list and most options in one option list. Default 4. */
  maxItems?: number;
  /**
   * How fast option nesting thins out with depth (fast-check's `depthSize`):
   * `"xsmall"` keeps trees shallow, `"max"` turns the bias off and only
   * `maxDepth` bounds the depth. Default `"small"`.
   */
  depthSize?: fc.DepthSize;
}

function checkCount(name: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max)
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${v}`);
  return v;
}

/** Builds and memoises one generator per (codec, levels left); see {@link arbitraryFor}. */
class Walker implements ListBuilder {
  readonly maxBytes: number;
  readonly maxItems: number;
  readonly maxDepth: number;
  readonly depthSize: fc.DepthSize;
  readonly depthIdentifier = fc.createDepthIdentifier();
  private readonly built = new Map<AnyCodec, Map<number, fc.Arbitrary<unknown>>>();
  private readonly building = new Map<AnyCodec, Set<number>>();
  /** The named values of each names function met in this construction, probed once. */
  private readonly namedValues: NamedValuesCache = new WeakMap();

  constructor(o: ArbitraryOptions) {
    // The decoders' own ceiling for maxDepth.
    this.maxDepth = checkCount("maxDepth", o.maxDepth ?? DEFAULT_MAX_DEPTH, MAX_DECODE_DEPTH);
    this.maxBytes = checkCount("maxBytes", o.maxBytes ?? 16, 0xffff);
    this.maxItems = checkCount("maxItems", o.maxItems ?? 4, 0xffff);
    this.depthSize = o.depthSize ?? "small";
  }

  /** The generator for `codec` at the top, with all of `maxDepth` to spend. */
  top(codec: AnyCodec): fc.Arbitrary<unknown> {
    const need = minLevels(codec);
    if (need > this.maxDepth) {
      throw new Error(
        Number.isFinite(need)
          ? `arbitraryFor: this layout holds at least ${need} level(s) of option lists, more than maxDepth ${this.maxDepth}`
          : "arbitraryFor: this layout contains itself with no option list in between, so no finite value exists",
      );
    }
    return this.build(codec, this.maxDepth);
  }

  build(codec: AnyCodec, levels: number): fc.Arbitrary<unknown> {
    let byLevels = this.built.get(codec);
    const hit = byLevels?.get(levels);
    if (hit !== undefined) return hit;
    let open = this.building.get(codec);
    if (open?.has(levels)) {
      // Only a union variant that refers back to its own union can get here:
      // every other route to a recursion passes an option list, which spends
      // a level, so the levels differ.
      throw new Error(
        "arbitraryFor: a layout refers to itself with no option list in between, so its depth cannot be bounded",
      );
    }
    if (open === undefined) {
      open = new Set();
      this.building.set(codec, open);
    }
    open.add(levels);
    let arb: fc.Arbitrary<unknown>;
    try {
      arb = this.make(codec, levels);
    } finally {
      open.delete(levels);
    }
    if (byLevels === undefined) {
      byLevels = new Map();
      this.built.set(codec, byLevels);
    }
    byLevels.set(levels, arb);
    return arb;
  }

  /** One option entry of a list codec, as if in a list at level 1. */
  entry(list: AnyCodec): fc.Arbitrary<unknown> {
    const k = list.kind;
    if (k.type !== "options" && k.type !== "options8") {
      throw new Error(`arbitraryFor: expected an option-list codec, got kind "${k.type}"`);
    }
    if (this.maxDepth < 1) throw new Error("arbitraryFor: an option needs maxDepth of at least 1");
    // In an option area, 0 and 255 are the pad and end entries, not options.
    const reserved = k.type === "options8" && k.area ? PAD_AND_END : undefined;
    const entry = optionEntryArbitrary(k as ListKind, this.maxDepth, this, reserved);
    if (entry === undefined) {
      throw new Error(`arbitraryFor: option space "${k.space}" has no free code and no option that fits maxDepth`);
    }
    return entry;
  }

  private make(codec: AnyCodec, levels: number): fc.Arbitrary<unknown> {
    const special = SPECIAL_CASES.get(codec);
    if (special) return special(codec, levels, this);
    const k = codec.kind;
    switch (k.type) {
      case "uint":
        return uintArbitrary(k, this.namedValues);
      case "ipv6":
        return ipv6Arbitrary();
      case "ipv4":
        return ipv4Arbitrary();
      case "bytes":
        return bytesArbitrary(k.length, this.maxBytes);
      case "utf8":
        return utf8Arbitrary(this.maxBytes);
      case "list":
        // Items that need more nesting than is left can only be absent.
        return minLevels(k.item) > levels
          ? fc.constant([])
          : fc.array(this.build(k.item, levels), { maxLength: this.maxItems, size: "max" });
      case "struct": {
        const fields: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, c] of k.fields) fields[name] = this.build(c, levels);
        return fc.record(fields);
      }
      case "union":
        return this.union(k, levels);
      case "ref":
        return this.build(k.target(), levels);
      case "options":
        return optionListArbitrary(k, levels, this);
      case "options8":
        return k.area ? areaListArbitrary(k, levels, this) : optionListArbitrary(k, levels, this);
      default:
        throw unsupportedKind(k);
    }
  }

  private union(k: UnionKind, levels: number): fc.Arbitrary<unknown> {
    const tagged = (tag: fc.Arbitrary<number>, body: AnyCodec) =>
      fc.tuple(tag, this.build(body, levels)).map(([t, v]) => ({ [k.tag]: t, ...(v as object) }));
    const branches: fc.WeightedArbitrary<unknown>[] = [];
    for (const [t, variant] of k.variants) {
      if (minLevels(variant) <= levels) branches.push({ arbitrary: tagged(fc.constant(t), variant), weight: 1 });
    }
    if (fallbackReachable(k) && minLevels(k.fallback) <= levels) {
      const tagKind = k.tagCodec.kind as Extract<typeof k.tagCodec.kind, { type: "uint" }>;
      const tag = uintArbitrary(tagKind, this.namedValues).filter((t) => !k.variants.has(t));
      // The fallback stands for every tag without a variant (most message and
      // DUID types), so it gets as much weight as all variants together.
      branches.push({ arbitrary: tagged(tag, k.fallback), weight: Math.max(1, branches.length) });
    }
    // minLevels(union) <= levels was checked by the caller, so some branch fits.
    return fc.oneof(...branches);
  }
}

/**
 * A fast-check arbitrary for any codec of this library, derived from the
 * codec's declaration: integers over their whole range (named values
 * favoured), addresses in the decoder's canonical text, well-formed UTF-8
 * text, every union variant plus unknown tags, every declared option plus
 * unknown codes as raw `{ code, data }`, nested messages within `maxDepth`.
 * Every generated value encodes, and decodes back to an equal value.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { DUID } from "dhcp-leasequery";
 * import { arbitraryFor } from "dhcp-leasequery/arbitrary";
 * const [duid] = fc.sample(arbitraryFor(DUID), { numRuns: 1, seed: 7 });
 * console.log(typeof duid?.duidType); // "number"
 * ```
 * @throws Error when the codec has a kind the walker does not know, a layout
 *   that contains itself without an option list in between, or needs more
 *   nesting than `maxDepth`; RangeError for an option out of range
 */
export function arbitraryFor<T>(codec: Codec<T>, options: ArbitraryOptions = {}): fc.Arbitrary<T> {
  return new Walker(options).top(codec) as fc.Arbitrary<T>;
}

/**
 * One entry of an option-list codec: a declared option or an unknown code
 * as raw `{ code, data }`, placed as if in a top-level list (its nested
 * lists start at level 2, so `maxDepth` holds for the list it is put in).
 * The public per-layer generators (such as `dhcpv6OptionArbitrary`) are
 * built on it.
 * @throws Error when `list` is not an option-list codec, or as {@link arbitraryFor}
 * @internal
 */
export function optionArbitraryFor<T>(list: Codec<T[]>, options: ArbitraryOptions = {}): fc.Arbitrary<T> {
  return new Walker(options).entry(list) as fc.Arbitrary<T>;
}
