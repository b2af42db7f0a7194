/**
 * The TLV structure of an input, for structure-aware mutation: where each
 * option (or frame) starts and ends, where its length field is, and which
 * enclosing length fields contain it. The options come from the library's
 * one tolerant walk over the codec declarations (`layoutOf`,
 * src/arbitrary/layout.ts), which the near-valid arbitraries use too; this
 * module only adds the 2-byte frames of a stream (RFC 5460 §5.1) around it
 * and flattens what it finds into the list the mutators pick from.
 *
 * The walk never throws and stops where the bytes stop making sense: it
 * reports what it could find, which is what a mutator needs.
 */
import { type LengthField, layoutOf, type TlvSite } from "../../src/arbitrary/layout.js";

export type { LengthField };

/** What a target's input bytes are. */
export type InputKind = "dhcpv6-message" | "dhcpv4-message" | "dhcpv6-stream";

/** One option or frame found by the walk. */
export interface Tlv {
  /** First byte (the code, or a frame's size field). */
  readonly start: number;
  /** One past the last byte the length announces (may exceed the input when it lies). */
  readonly end: number;
  /** Bytes of the code field before the length: 2 (DHCPv6), 1 (DHCPv4), 0 (a frame). */
  readonly codeSize: 0 | 1 | 2;
  readonly len: LengthField;
  /** The length fields of everything that encloses this one, outermost first (one array per list). */
  readonly parents: readonly LengthField[];
  /** The option space the code belongs to (`"dhcpv6"`, `"dhcpv4"`, `"relay-agent"`...), or `"frame"`. */
  readonly space: string;
  /** Codes declared in that space, for code mutations that land on a layout the decoder knows. */
  readonly known: () => readonly number[];
}

const NONE = (): readonly number[] => [];

function fromSite(t: TlvSite): Tlv {
  const { list } = t;
  const known = (): number[] => {
    const out: number[] = [];
    list.table.forEach((d, code) => {
      if (d !== undefined) out.push(code);
    });
    return out;
  };
  return {
    start: t.start,
    end: t.end,
    codeSize: list.codeSize,
    len: t.len,
    parents: list.parents,
    space: list.space,
    known,
  };
}

/** The options of the message at [from, to), enclosed by `parents`, in wire order. */
function options(data: Uint8Array, root: "dhcpv6" | "dhcpv4", from: number, to: number, parents: LengthField[]): Tlv[] {
  const l = layoutOf(data, root, { from, to, parents });
  // Nested options start inside their parent, after its start: wire order is pre-order.
  return [...l.tlvs, ...l.overruns].sort((a, b) => a.start - b.start).map(fromSite);
}

/** Each frame of a stream (a 2-byte size, RFC 5460 §5.1), then the options of its message. */
function frames(data: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let p = 0;
  while (p + 2 <= data.length) {
    const size = ((data[p] as number) << 8) | (data[p + 1] as number);
    const end = p + 2 + size;
    const len: LengthField = { pos: p, size: 2 };
    out.push({ start: p, end, codeSize: 0, len, parents: [], space: "frame", known: NONE });
    out.push(...options(data, "dhcpv6", p + 2, Math.min(end, data.length), [len]));
    p = end;
  }
  return out;
}

/**
 * Every option and frame the walk finds in `data`, read as `kind`, in
 * pre-order (an option before the options inside it).
 */
export function walk(data: Uint8Array, kind: InputKind): Tlv[] {
  switch (kind) {
    case "dhcpv6-message":
      return options(data, "dhcpv6", 0, data.length, []);
    case "dhcpv4-message":
      return options(data, "dhcpv4", 0, data.length, []);
    case "dhcpv6-stream":
      return frames(data);
  }
}
