/**
 * What the generators need to know about a layout before building for it:
 * how many levels of option-list nesting a value must have at least, and
 * whether an option list can occur inside it at all. Both are read from the
 * `kind` data, so a new declaration needs no change here.
 * @module
 */
import type { AnyCodec, Kind } from "../schema/codec.js";

/** The kinds that decoders count as one level of nesting against `maxDepth`. @internal */
export type ListKind = Extract<Kind, { type: "options" | "options8" }>;

/** The union kind. @internal */
export type UnionKind = Extract<Kind, { type: "union" }>;

/**
 * The error for a kind the walker was not taught; thrown while the
 * arbitrary is built, so a new combinator cannot silently go ungenerated.
 * @internal
 */
export function unsupportedKind(kind: Kind): Error {
  return new Error(
    `arbitraryFor: no generator for codec kind "${(kind as { type: unknown }).type}"; teach src/arbitrary/walker.ts about it`,
  );
}

/** The largest value of an integer tag, or throws for a tag that is not an integer. @internal */
export function tagMax(kind: UnionKind): number {
  const t = kind.tagCodec.kind;
  if (t.type !== "uint")
    throw new Error(`arbitraryFor: union ${kind.name} has a tag of kind "${t.type}", not an integer`);
  return t.bits === 32 ? 0xffffffff : 2 ** t.bits - 1;
}

/** True when some tag value has no variant, so the fallback layout can occur. @internal */
export function fallbackReachable(kind: UnionKind): boolean {
  let inRange = 0;
  const max = tagMax(kind);
  for (const t of kind.variants.keys()) if (t >= 0 && t <= max) inRange++;
  return inRange <= max;
}

/** Every layout a union can take: its variants, then the fallback when reachable. @internal */
export function unionBranches(kind: UnionKind): AnyCodec[] {
  const out = [...kind.variants.values()];
  if (fallbackReachable(kind)) out.push(kind.fallback);
  return out;
}

/**
 * The fewest option-list levels any value of `codec` contains: 0 for a flat
 * layout, 1 for one that holds an option list (which may be empty), more
 * when a nested message is required. Infinity when the layout contains
 * itself with no option list in between (no finite value exists).
 * @internal
 */
export function minLevels(codec: AnyCodec, open: Set<AnyCodec> = new Set()): number {
  const k = codec.kind;
  switch (k.type) {
    case "uint":
    case "ipv6":
    case "ipv4":
    case "bytes":
    case "utf8":
    case "list": // a list may be empty
      return 0;
    case "options":
    case "options8":
      return 1; // the list itself; its entries are optional
    case "struct":
      return k.fields.reduce((m, [, c]) => Math.max(m, minLevels(c, open)), 0);
    case "union":
      return unionBranches(k).reduce((m, c) => Math.min(m, minLevels(c, open)), Number.POSITIVE_INFINITY);
    case "ref": {
      if (open.has(codec)) return Number.POSITIVE_INFINITY;
      open.add(codec);
      try {
        return minLevels(k.target(), open);
      } finally {
        open.delete(codec);
      }
    }
    default:
      throw unsupportedKind(k);
  }
}

/**
 * True when a value of `codec` can hold an option list, i.e. generating it
 * can recurse. The option generator puts such options after the flat ones so
 * that fast-check's depth bias thins them out as nesting grows.
 * @internal
 */
export function canNest(codec: AnyCodec, open: Set<AnyCodec> = new Set()): boolean {
  const k = codec.kind;
  switch (k.type) {
    case "uint":
    case "ipv6":
    case "ipv4":
    case "bytes":
    case "utf8":
      return false;
    case "options":
    case "options8":
      return true;
    case "list":
      return canNest(k.item, open);
    case "struct":
      return k.fields.some(([, c]) => canNest(c, open));
    case "union":
      return unionBranches(k).some((c) => canNest(c, open));
    case "ref": {
      if (open.has(codec)) return false;
      open.add(codec);
      try {
        return canNest(k.target(), open);
      } finally {
        open.delete(codec);
      }
    }
    default:
      throw unsupportedKind(k);
  }
}
