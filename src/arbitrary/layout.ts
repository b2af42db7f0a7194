/**
 * A tolerant walk over encoded bytes that finds where things are: each
 * option with its code and length fields and the length fields enclosing
 * it, each option list with its extent, and each field whose declaration
 * names its values (message types, status codes, DUID types, option
 * codes). It reads the codec declarations (their `kind` data), so a new
 * option or message layout is walked into without an edit here.
 *
 * The near-valid generators use it to change one thing in a valid
 * encoding, and the fuzzer's structure-aware mutators (fuzz/engine) to
 * change one thing in any input. It never throws: where the bytes stop
 * making sense it stops, and reports what it found.
 * @module
 */
import type { AnyCodec, Kind, KindOption } from "../schema/codec.js";
import { OPTIONS_AT } from "../v4/layout.js";
import { DHCPV4_MESSAGE_CODEC } from "../v4/message-codec.js";
import { MESSAGE_CODEC } from "../v6/schema.js";

/** Where a length field is and how many bytes wide it is. @internal */
export interface LengthField {
  readonly pos: number;
  readonly size: 1 | 2;
}

/** One option list: where its entries start and stop. @internal */
export interface ListSite {
  /** The first byte of the first entry (or of the end option, or `to`, when empty). */
  readonly from: number;
  /**
   * One past the last entry: the end of the enclosing region, or, in a
   * DHCPv4 option area, the position of the end option.
   */
  readonly to: number;
  /** The declaration's option space (`"dhcpv6"`, `"dhcpv4"`, `"relay-agent"`). */
  readonly space: string;
  /** The declared options of the space, by code. */
  readonly table: readonly (KindOption | undefined)[];
  /** Bytes of each entry's code field (and of its length field). */
  readonly codeSize: 1 | 2;
  /** True for a DHCPv4 option area (pad and end options, RFC 3396 joins). */
  readonly area: boolean;
  /** The length fields of everything enclosing the list, outermost first. */
  readonly parents: readonly LengthField[];
  /** The options in the list, in wire order. */
  readonly items: TlvSite[];
}

/** One option found by the walk. @internal */
export interface TlvSite {
  /** The first byte (the code). */
  readonly start: number;
  /** One past the last byte its length announces. */
  readonly end: number;
  readonly code: number;
  readonly len: LengthField;
  /** The list the option is in. */
  readonly list: ListSite;
}

/** A fixed-offset field whose declaration names some of its values. @internal */
export interface NamedSite {
  readonly pos: number;
  readonly size: 1 | 2 | 3 | 4;
  readonly names: (value: number) => string | undefined;
  /**
   * The declaration the names come from (the field's names function, or the
   * option table of a code field): the same object for every site named
   * alike, so that users of the sites can cache what they derive from them.
   */
  readonly namedBy: object;
  /** Values that would change the structure, not the meaning (pad and end codes in an area). */
  readonly exclude?: ReadonlySet<number>;
  /** What the field is, for descriptions: `"msgType"`, `"code of option 13"`. */
  readonly what: string;
}

/** Everything the walk found. @internal */
export interface Layout {
  readonly lists: ListSite[];
  /** Every option, in pre-order (an option before the options inside it). */
  readonly tlvs: TlvSite[];
  /**
   * Each option whose length runs past the end of its list's region (or of
   * the input), where the walk of that list stopped; in no list's `items`.
   */
  readonly overruns: TlvSite[];
  readonly named: NamedSite[];
}

type ListKind = Extract<Kind, { type: "options" | "options8" }>;

const PAD = 0;
const END = 255;
const PAD_AND_END: ReadonlySet<number> = new Set([PAD, END]);
/** Deep enough for any message the generators make; stops runaway recursion on hostile bytes. */
const MAX_WALK_DEPTH = 64;

function resolve(c: AnyCodec): AnyCodec {
  let codec = c;
  // A chain of refs with no layout in between cannot be walked (nor generated); 8 is plenty.
  for (let i = 0; i < 8 && codec.kind.type === "ref"; i++) {
    codec = (codec.kind as Extract<Kind, { type: "ref" }>).target();
  }
  return codec;
}

/** @internal */
export function readUint(b: Uint8Array, pos: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (b[pos + i] as number);
  return v;
}

class Walk {
  readonly lists: ListSite[] = [];
  readonly tlvs: TlvSite[] = [];
  readonly overruns: TlvSite[] = [];
  readonly named: NamedSite[] = [];
  constructor(readonly b: Uint8Array) {}

  /**
   * Walks a value of `codec` at [from, to); returns where it ends (for a
   * layout that takes the rest, `to`).
   */
  codec(c: AnyCodec, from: number, to: number, parents: readonly LengthField[], depth: number, what: string): number {
    const codec = resolve(c);
    if (codec === (DHCPV4_MESSAGE_CODEC as AnyCodec)) {
      this.dhcpv4(from, to, parents, depth);
      return to;
    }
    const k = codec.kind;
    switch (k.type) {
      case "uint": {
        const size = (k.bits / 8) as 1 | 2 | 3 | 4;
        if (k.names !== undefined && from + size <= to)
          this.named.push({ pos: from, size, names: k.names, namedBy: k.names, what });
        return from + size;
      }
      case "union": {
        const tag = resolve(k.tagCodec);
        if (tag.fixed < 0 || from + tag.fixed > to) return to;
        this.codec(tag, from, to, parents, depth, k.tag);
        const body = k.variants.get(readUint(this.b, from, tag.fixed)) ?? k.fallback;
        return this.codec(body, from + tag.fixed, to, parents, depth, what);
      }
      case "struct": {
        let p = from;
        for (const [name, field] of k.fields) {
          if (p > to) return to;
          const f = resolve(field);
          if (f.fixed >= 0) {
            this.codec(f, p, to, parents, depth, name);
            p += f.fixed;
          } else {
            // A field that takes the rest of its region is the last one.
            return this.codec(f, p, to, parents, depth, name);
          }
        }
        return p;
      }
      case "options":
      case "options8":
        if (depth < MAX_WALK_DEPTH) this.list(k, from, to, parents, depth + 1);
        return to;
      default:
        return codec.fixed >= 0 ? from + codec.fixed : to;
    }
  }

  private dhcpv4(from: number, to: number, parents: readonly LengthField[], depth: number): void {
    const k = DHCPV4_MESSAGE_CODEC.kind as Extract<Kind, { type: "struct" }>;
    let p = from;
    for (const [name, field] of k.fields) {
      const f = resolve(field);
      if (f.fixed < 0 || p + f.fixed > to) break;
      this.codec(f, p, to, parents, depth, name);
      p += f.fixed;
    }
    const options = k.fields.find(([name]) => name === "options")?.[1];
    if (options !== undefined && to - from >= OPTIONS_AT) {
      this.codec(options, from + OPTIONS_AT, to, parents, depth, "options");
    }
  }

  private list(k: ListKind, from: number, to: number, parents: readonly LengthField[], depth: number): void {
    const b = this.b;
    const codeSize: 1 | 2 = k.type === "options" ? 2 : 1;
    const area = k.type === "options8" && k.area;
    const table = k.table();
    type Found = { start: number; end: number; code: number; len: LengthField };
    const found: Found[] = [];
    let overrun: Found | undefined;
    let end = to;
    // First the options themselves, then their bodies: a DHCPv4 code that
    // occurs twice in an area is one value split over its instances (RFC
    // 3396), so no single instance's body has the declared layout.
    let p = from;
    while (p < to) {
      const code = readUint(b, p, codeSize);
      if (area && code === PAD) {
        p++;
        continue;
      }
      if (area && code === END) {
        end = p;
        break;
      }
      if (p + 2 * codeSize > to) break;
      const len: LengthField = { pos: p + codeSize, size: codeSize };
      const tlvEnd = p + 2 * codeSize + readUint(b, len.pos, codeSize);
      if (tlvEnd > to) {
        overrun = { start: p, end: tlvEnd, code, len };
        break;
      }
      found.push({ start: p, end: tlvEnd, code, len });
      p = tlvEnd;
    }
    const items: TlvSite[] = [];
    const site: ListSite = { from, to: end, space: k.space, table, codeSize, area, parents, items };
    this.lists.push(site);
    if (overrun !== undefined) this.overruns.push({ ...overrun, list: site });
    const names = (code: number) => table[code]?.name;
    for (const f of found) {
      const t: TlvSite = { ...f, list: site };
      items.push(t);
      this.tlvs.push(t);
      this.named.push({
        pos: t.start,
        size: codeSize,
        names,
        namedBy: table,
        what: `code of ${k.space} option ${t.code}`,
        ...(area ? { exclude: PAD_AND_END } : {}),
      });
      const def = table[t.code];
      const split = area && found.some((o) => o !== f && o.code === f.code);
      if (def !== undefined && !split) {
        this.codec(def.body, t.start + 2 * codeSize, t.end, [...parents, t.len], depth, def.name);
      }
    }
  }
}

/** Where a message lies in the bytes walked, and the length fields enclosing it. @internal */
export interface Region {
  readonly from: number;
  readonly to: number;
  /** The length fields of everything enclosing the message, outermost first. */
  readonly parents: readonly LengthField[];
}

/**
 * The layout of `bytes` read as a DHCPv6 message (`"dhcpv6"`) or a DHCPv4
 * message (`"dhcpv4"`): the whole input, or the message at `region` (a
 * frame of a stream, say). The walk reads only what lies within the region
 * and never throws.
 * @internal
 */
export function layoutOf(
  bytes: Uint8Array,
  root: "dhcpv6" | "dhcpv4",
  region: Region = { from: 0, to: bytes.length, parents: [] },
): Layout {
  const w = new Walk(bytes);
  const to = Math.min(region.to, bytes.length);
  w.codec(root === "dhcpv6" ? MESSAGE_CODEC : DHCPV4_MESSAGE_CODEC, region.from, to, region.parents, 0, "message");
  return { lists: w.lists, tlvs: w.tlvs, overruns: w.overruns, named: w.named };
}
