/**
 * Generators for DHCPv4 option areas (`options8` kinds with `area: true`).
 *
 * An area's decoded form (src/schema/option-area.ts) is not "any sequence of
 * entries": every instance of one code is part of one value (RFC 3396), so
 * a repeated code is a continuation, never a second option; the end option
 * is always the last entry, and what follows it up to the end of the area
 * is kept as its `trailing` bytes. So the generator makes options with
 * distinct codes, pad entries between them, and the end option last.
 * Values longer than 255 bytes are split the default way by the encoder
 * and joined again by the decoder. Not generated yet: non-default `split`
 * lengths and `continuation` entries.
 * @module
 */
import fc from "fast-check";
import type { ListKind } from "./analysis.js";
import { type ListBuilder, optionEntryArbitrary } from "./option-list.js";

/** An area entry as generators handle it. @internal */
export type AreaEntry = { code: number } & Record<string, unknown>;

/** The pad and end codes (RFC 2132 §3.1, §3.2): entries with no length byte. */
const PAD = 0;
const END = 255;
/** @internal */
export const PAD_AND_END: ReadonlySet<number> = new Set([PAD, END]);

/**
 * The options of one area, without the end option: distinct codes, none of
 * `exclude`, with up to two pad entries placed among them.
 * @internal
 */
export function areaEntriesArbitrary(
  kind: ListKind,
  levels: number,
  b: ListBuilder,
  exclude: ReadonlySet<number> = PAD_AND_END,
): fc.Arbitrary<AreaEntry[]> {
  const reserved = new Set([...PAD_AND_END, ...exclude]);
  const entry = optionEntryArbitrary(kind, levels, b, reserved);
  const options =
    entry === undefined
      ? fc.constant([])
      : fc.uniqueArray(entry, {
          selector: (o) => o.code,
          maxLength: b.maxItems,
          size: "max",
          depthIdentifier: b.depthIdentifier,
        });
  return fc.tuple(options, fc.array(fc.nat(), { maxLength: 2 })).map(([opts, pads]) => {
    const out: AreaEntry[] = [...(opts as AreaEntry[])]; // copied: fast-check keeps `opts` for shrinking
    for (const p of pads) out.splice(p % (out.length + 1), 0, { code: PAD });
    return out;
  });
}

/**
 * The end option, with `trailing` bytes only when there are some (the
 * decoder leaves the field out for none).
 * @internal
 */
export function endEntry(trailing: Uint8Array): AreaEntry {
  return trailing.length > 0 ? { code: END, trailing } : { code: END };
}

/**
 * A whole area that fills the rest of its region: the entries, then the
 * end option, sometimes followed by trailing bytes (which a decoder keeps).
 * @internal
 */
export function areaListArbitrary(kind: ListKind, levels: number, b: ListBuilder): fc.Arbitrary<AreaEntry[]> {
  return fc
    .tuple(areaEntriesArbitrary(kind, levels, b), fc.uint8Array({ maxLength: Math.min(b.maxBytes, 4) }))
    .map(([entries, trailing]) => [...entries, endEntry(trailing)]);
}
