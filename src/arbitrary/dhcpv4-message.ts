/**
 * The one layout whose `kind` does not say all a generator needs: the
 * DHCPv4 message (RFC 2131 §2). Its kind lists the wire fields, which the
 * walker still generates from; this module adds only the rules between
 * fields that the kind cannot express:
 *
 * - `hlen` is at most 16 (the size of `chaddr`), and `chaddr` decodes to
 *   `"aa:bb:cc:dd:ee:ff"` text for Ethernet (`htype` 1, `hlen` 6, the other
 *   10 bytes zero), to the 16 bytes otherwise;
 * - option 52 (overload, RFC 2132 §9.3) with value 1, 2 or 3 turns `file`,
 *   `sname` or both into option areas, which then end with the end option
 *   and fill their 128 / 64 bytes exactly; option 52 may appear only in the
 *   options field (RFC 2131 §4.1), and a code used in one area is not
 *   repeated in another (RFC 3396 would join them into one value).
 * @module
 */
import fc from "fast-check";
import type { AnyCodec, Kind } from "../schema/codec.js";
import { CHADDR_SIZE, ETHERNET, isEthernetChaddr, OVERLOAD, OVERLOADABLE, overloadBits } from "../v4/layout.js";
import type { ListKind } from "./analysis.js";
import { type AreaEntry, areaEntriesArbitrary, endEntry } from "./area-list.js";
import type { ListBuilder } from "./option-list.js";

const NOT_IN_OVERLOADED: ReadonlySet<number> = new Set([0, 255, OVERLOAD]);
/** Filler for the largest field option overload can turn into an area. */
const MAX_AREA = Math.max(...OVERLOADABLE.map((f) => f.size));
/** Fields this module generates itself; the walker does every other one. */
const OWN_FIELDS = new Set(["htype", "hlen", "chaddr", "sname", "file", "options"]);

function macText(b: Uint8Array): string {
  return Array.from(b.subarray(0, ETHERNET.hlen), (x) => x.toString(16).padStart(2, "0")).join(":");
}

/** `chaddr` in the form the decoder gives for these `htype` and `hlen`. */
function decodedLink(l: { htype: number; hlen: number; chaddr: Uint8Array }) {
  return isEthernetChaddr(l.htype, l.hlen, l.chaddr) ? { ...l, chaddr: macText(l.chaddr) } : l;
}

/**
 * Keeps the entries whose codes no earlier area used, then as many as fit
 * `size` bytes with the end option, whose trailing bytes (from `filler`, or
 * zeros as an encoder writes them) fill the rest.
 */
function fitArea(
  entries: AreaEntry[],
  used: Set<number>,
  size: number,
  area: AnyCodec,
  filler: Uint8Array | null,
): AreaEntry[] {
  const kept = entries.filter((e) => e.code === 0 || !used.has(e.code));
  const sizeWithEnd = (): number => area.size([...kept, endEntry(new Uint8Array(0))], 0);
  let taken = sizeWithEnd();
  while (taken > size) {
    kept.pop();
    taken = sizeWithEnd();
  }
  for (const e of kept) used.add(e.code);
  const rest = size - taken;
  return [...kept, endEntry(filler ? filler.subarray(0, rest) : new Uint8Array(rest))];
}

/**
 * The generator of a DHCPv4 message codec, given the walker.
 * @throws Error if the codec's kind no longer has the fields named above
 * @internal
 */
export function dhcpv4MessageArbitrary(codec: AnyCodec, levels: number, b: ListBuilder): fc.Arbitrary<unknown> {
  const k = codec.kind;
  const field = (name: string): AnyCodec => {
    const f = k.type === "struct" ? k.fields.find(([n]) => n === name) : undefined;
    if (f === undefined) throw new Error(`arbitraryFor: the DHCPv4 message layout has no field "${name}" any more`);
    return f[1];
  };
  const area = field("options");
  if (area.kind.type !== "options8" || !area.kind.area) {
    throw new Error("arbitraryFor: the DHCPv4 message's options are no longer an option area");
  }
  const areaKind: ListKind = area.kind;
  const header: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, c] of (k as Extract<Kind, { type: "struct" }>).fields) {
    if (!OWN_FIELDS.has(name)) header[name] = b.build(c, levels);
  }
  const link = fc.oneof(
    fc.uint8Array({ minLength: ETHERNET.hlen, maxLength: ETHERNET.hlen }).map((mac) => ({
      htype: ETHERNET.htype,
      hlen: ETHERNET.hlen,
      chaddr: macText(mac),
    })),
    fc
      .record({
        htype: b.build(field("htype"), levels) as fc.Arbitrary<number>,
        hlen: fc.integer({ min: 0, max: CHADDR_SIZE }),
        chaddr: fc.uint8Array({ minLength: CHADDR_SIZE, maxLength: CHADDR_SIZE }),
      })
      .map(decodedLink),
  );
  const entries = areaEntriesArbitrary(areaKind, levels, b, NOT_IN_OVERLOADED);
  return fc
    .record({
      header: fc.record(header),
      link,
      options: entries,
      trailing: fc.uint8Array({ maxLength: Math.min(b.maxBytes, 4) }),
      // 1-3 are the defined values; others are kept but overload nothing.
      overload: fc.option(fc.oneof(fc.constantFrom(1, 2, 3), fc.integer({ min: 0, max: 255 })), { nil: undefined }),
      overloadAt: fc.nat(),
      fileEntries: entries,
      snameEntries: entries,
      filler: fc.option(fc.uint8Array({ minLength: MAX_AREA, maxLength: MAX_AREA })),
      file: b.build(field("file"), levels),
      sname: b.build(field("sname"), levels),
    })
    .map((r) => {
      const options = [...r.options];
      if (r.overload !== undefined) {
        options.splice(r.overloadAt % (options.length + 1), 0, { code: OVERLOAD, overload: r.overload });
      }
      options.push(endEntry(r.trailing));
      const bits = r.overload === undefined ? 0 : overloadBits(r.overload);
      const used = new Set(options.map((o) => o.code));
      const held = { file: r.file, sname: r.sname };
      const entries = { file: r.fileEntries, sname: r.snameEntries };
      // In the order the areas are read, so that a code goes to the first that has room.
      for (const f of OVERLOADABLE) {
        if (bits & f.bit) held[f.name] = fitArea(entries[f.name], used, f.size, area, r.filler);
      }
      return { ...r.header, ...r.link, file: held.file, sname: held.sname, options };
    });
}
