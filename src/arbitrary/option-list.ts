/**
 * Generators for option lists, derived from the list's declaration table:
 * every declared option through its own body layout, and unknown codes as
 * raw `{ code, data }`.
 * @module
 */
import fc from "fast-check";
import type { AnyCodec } from "../schema/codec.js";
import { canNest, type ListKind, minLevels } from "./analysis.js";

/** What the option generator needs from the walker. @internal */
export interface ListBuilder {
  /** Builds the generator for `codec` with `levels` option-list levels to spend. */
  build(codec: AnyCodec, levels: number): fc.Arbitrary<unknown>;
  readonly maxBytes: number;
  readonly maxItems: number;
  readonly depthSize: fc.DepthSize;
  /** Shared by every option list of one generator, so nesting thins out with depth. */
  readonly depthIdentifier: fc.DepthIdentifier;
}

/** The wire limits a list kind implies: the largest code and the largest option-data length. */
interface TlvLimits {
  readonly maxCode: number;
  readonly maxLength: number;
}

function limitsOf(kind: ListKind): TlvLimits {
  if (kind.type === "options") return { maxCode: 0xffff, maxLength: 0xffff }; // RFC 8415 §21.1
  // A DHCPv4 option area splits a long value over several instances (RFC
  // 3396), so only the enclosing DHCPv6 option bounds it.
  if (kind.area) return { maxCode: 0xff, maxLength: 0xffff };
  return { maxCode: 0xff, maxLength: 0xff }; // RFC 3046 §2.0 sub-options
}

const NONE: ReadonlySet<number> = new Set();

// Unknown options get the weight of this many declared ones: enough to
// exercise the raw path in most lists without crowding out the declarations.
const RAW_WEIGHT = 3;

/**
 * One entry of an option list whose entries may spend `levels` more levels
 * of nesting (their bodies get `levels - 1`, the list itself took one).
 * Bodies longer than the length field can carry are filtered out, so every
 * value encodes. Undefined when no entry fits: every code is declared and
 * every declared body needs more nesting than is left (the list can then
 * only be empty).
 * @internal
 */
export function optionEntryArbitrary(
  kind: ListKind,
  levels: number,
  b: ListBuilder,
  reserved: ReadonlySet<number> = NONE,
): fc.Arbitrary<{ code: number }> | undefined {
  const { maxCode, maxLength } = limitsOf(kind);
  const table = kind.table();
  const flat: fc.WeightedArbitrary<{ code: number }>[] = [];
  const nesting: fc.WeightedArbitrary<{ code: number }>[] = [];
  let declared = 0;
  for (const def of table) {
    if (def === undefined || reserved.has(def.code)) continue;
    declared++;
    const body = def.body;
    if (minLevels(body) > levels - 1) continue;
    const arb = b
      .build(body, levels - 1)
      .filter((v) => body.size(v, 0) <= maxLength)
      .map((v) => ({ code: def.code, ...(v as object) }));
    (canNest(body) ? nesting : flat).push({ arbitrary: arb, weight: 1 });
  }
  if (declared + reserved.size <= maxCode) {
    flat.unshift({ arbitrary: rawArbitrary(table, reserved, maxCode, maxLength, b), weight: RAW_WEIGHT });
  }
  const group = (ws: fc.WeightedArbitrary<{ code: number }>[]) => ({
    arbitrary: fc.oneof(...ws),
    weight: ws.reduce((n, w) => n + w.weight, 0),
  });
  if (flat.length === 0 && nesting.length === 0) return undefined;
  if (nesting.length === 0) return group(flat).arbitrary;
  if (flat.length === 0) return group(nesting).arbitrary;
  // The flat group comes first: fast-check's depth bias favours the first
  // branch more the deeper it is, which keeps trees small without a cap.
  return fc.oneof(
    { depthIdentifier: b.depthIdentifier, depthSize: b.depthSize, withCrossShrink: true },
    group(flat),
    group(nesting),
  );
}

/**
 * A whole option list in which any sequence of entries is valid (DHCPv6
 * options, DHCPv4 sub-options): 0 to `maxItems` entries, repeats allowed,
 * fewer entries as nesting grows.
 * @internal
 */
export function optionListArbitrary(kind: ListKind, levels: number, b: ListBuilder): fc.Arbitrary<unknown[]> {
  const entry = optionEntryArbitrary(kind, levels, b);
  if (entry === undefined) return fc.constant([]);
  return fc.array(entry, {
    maxLength: b.maxItems,
    size: "max",
    depthIdentifier: b.depthIdentifier,
  });
}

function rawArbitrary(
  table: readonly unknown[],
  reserved: ReadonlySet<number>,
  maxCode: number,
  maxLength: number,
  b: ListBuilder,
): fc.Arbitrary<{ code: number; data: Uint8Array }> {
  const free = (c: number) => table[c] === undefined && !reserved.has(c);
  const small = Math.min(255, maxCode);
  const wide = fc.integer({ min: 0, max: maxCode }).filter(free);
  // Small codes get half the draws: they sit next to the declared ones,
  // where a table lookup off by one would show. (The caller made sure some
  // code is free; the small range is used only when one is free there too,
  // so the filters always terminate.)
  const smallFree = Array.from({ length: small + 1 }, (_, c) => c).filter(free);
  const code = smallFree.length > 0 ? fc.oneof(fc.constantFrom(...smallFree), wide) : wide;
  return fc.record({ code, data: fc.uint8Array({ maxLength: Math.min(b.maxBytes, maxLength), size: "max" }) });
}
