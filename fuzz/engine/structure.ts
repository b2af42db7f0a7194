/**
 * A tolerant walk over the TLV structure of an input, for structure-aware
 * mutation: where each option (or frame) starts and ends, where its length
 * field is, and which enclosing length fields contain it. Which options
 * nest what is read from the codec declarations (their `kind` data), so a
 * new encapsulating option is walked into without an edit here.
 *
 * The walk never throws and stops where the bytes stop making sense: it
 * reports what it could find, which is what a mutator needs.
 */
import type { AnyCodec, Kind } from "../../src/schema/codec.js";
import type { OptionTable } from "../../src/schema/option.js";
import { DHCPV4_MESSAGE_CODEC } from "../../src/v4/message-codec.js";
import { DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";
import { MESSAGE_CODEC, OPTION_TABLE } from "../../src/v6/schema.js";

/** What a target's input bytes are. */
export type InputKind = "dhcpv6-message" | "dhcpv4-message" | "dhcpv6-stream";

/** A length field: where it is and how many bytes wide. */
export interface LengthField {
  readonly pos: number;
  readonly size: 1 | 2;
}

/** One option or frame found by the walk. */
export interface Tlv {
  /** First byte (the code, or a frame's size field). */
  readonly start: number;
  /** One past the last byte the length announces (may exceed the input when it lies). */
  readonly end: number;
  /** Bytes of the code field before the length: 2 (DHCPv6), 1 (DHCPv4), 0 (a frame). */
  readonly codeSize: 0 | 1 | 2;
  readonly len: LengthField;
  /** The length fields of everything that encloses this one, outermost first. */
  readonly parents: readonly LengthField[];
  /** Which code space the code belongs to, for code mutations. */
  readonly space: "dhcpv6" | "dhcpv4" | "relay-agent" | "frame";
}

/** What an option's body holds after its fixed fields. */
type Nested =
  | { readonly at: number; readonly kind: "options6"; readonly table: () => OptionTable }
  | { readonly at: number; readonly kind: "options8"; readonly table: () => OptionTable; readonly space: "relay-agent" }
  | { readonly at: number; readonly kind: "message6" }
  | { readonly at: number; readonly kind: "message4" };

/** RFC 7341 §6.1: OPTION_DHCPV4_MSG carries a whole DHCPv4 message, whatever its declared field kind. */
const DHCPV4_MSG = 87;

function resolve(c: AnyCodec): AnyCodec {
  let codec = c;
  for (let i = 0; i < 8 && codec.kind.type === "ref"; i++)
    codec = (codec.kind as Extract<Kind, { type: "ref" }>).target();
  return codec;
}

function nestedOf(table: OptionTable, code: number): Nested | undefined {
  const def = table[code];
  if (def === undefined) return undefined;
  const fields = def.body.kind.type === "struct" ? def.body.kind.fields : [];
  let at = 0;
  for (const [, field] of fields) {
    const c = resolve(field);
    const k = c.kind;
    if (k.type === "options") return { at, kind: "options6", table: k.table as () => OptionTable };
    if (k.type === "options8")
      return { at, kind: "options8", table: k.table as () => OptionTable, space: "relay-agent" };
    if (c === (MESSAGE_CODEC as AnyCodec)) return { at, kind: "message6" };
    if (c === (DHCPV4_MESSAGE_CODEC as AnyCodec) || (code === DHCPV4_MSG && k.type === "bytes")) {
      return { at, kind: "message4" };
    }
    if (c.fixed < 0) return undefined;
    at += c.fixed;
  }
  return undefined;
}

const cache = new Map<OptionTable, (Nested | undefined)[]>();
function nested(table: OptionTable, code: number): Nested | undefined {
  let row = cache.get(table);
  if (row === undefined) {
    row = [];
    cache.set(table, row);
  }
  if (!(code in row)) row[code] = nestedOf(table, code);
  return row[code];
}

/** Deep enough for any input the driver makes; stops runaway recursion on hostile bytes. */
const MAX_WALK_DEPTH = 64;

class Walk {
  readonly out: Tlv[] = [];
  constructor(readonly b: Uint8Array) {}

  message6(from: number, to: number, parents: LengthField[], depth: number): void {
    if (to - from < 1 || depth > MAX_WALK_DEPTH) return;
    const t = this.b[from] as number;
    const header = t === 12 || t === 13 ? 34 : 4;
    if (to - from >= header) this.options6(from + header, to, OPTION_TABLE, parents, depth + 1);
  }

  options6(from: number, to: number, table: OptionTable, parents: LengthField[], depth: number): void {
    const b = this.b;
    let p = from;
    while (p + 4 <= to) {
      const code = ((b[p] as number) << 8) | (b[p + 1] as number);
      const len = ((b[p + 2] as number) << 8) | (b[p + 3] as number);
      const end = p + 4 + len;
      const lf: LengthField = { pos: p + 2, size: 2 };
      this.out.push({ start: p, end, codeSize: 2, len: lf, parents, space: "dhcpv6" });
      if (end > to) return;
      this.inner(nested(table, code), p + 4, end, [...parents, lf], depth);
      p = end;
    }
  }

  message4(from: number, to: number, parents: LengthField[], depth: number): void {
    // 236-byte BOOTP header and the 4-byte magic cookie (RFC 2131 §2-3).
    if (to - from < 240 || depth > MAX_WALK_DEPTH) return;
    this.area4(from + 240, to, parents, depth + 1);
  }

  area4(from: number, to: number, parents: LengthField[], depth: number): void {
    const b = this.b;
    let p = from;
    while (p < to) {
      const code = b[p] as number;
      if (code === 0) {
        p++;
        continue;
      }
      if (code === 255 || p + 2 > to) return;
      const end = p + 2 + (b[p + 1] as number);
      const lf: LengthField = { pos: p + 1, size: 1 };
      this.out.push({ start: p, end, codeSize: 1, len: lf, parents, space: "dhcpv4" });
      if (end > to) return;
      this.inner(nested(DHCPV4_OPTION_TABLE, code), p + 2, end, [...parents, lf], depth);
      p = end;
    }
  }

  options8(from: number, to: number, parents: LengthField[]): void {
    const b = this.b;
    let p = from;
    while (p + 2 <= to) {
      const end = p + 2 + (b[p + 1] as number);
      this.out.push({ start: p, end, codeSize: 1, len: { pos: p + 1, size: 1 }, parents, space: "relay-agent" });
      if (end > to) return;
      p = end;
    }
  }

  inner(n: Nested | undefined, bodyStart: number, end: number, parents: LengthField[], depth: number): void {
    if (n === undefined || bodyStart + n.at > end) return;
    const from = bodyStart + n.at;
    switch (n.kind) {
      case "options6":
        this.options6(from, end, n.table(), parents, depth + 1);
        return;
      case "options8":
        this.options8(from, end, parents);
        return;
      case "message6":
        this.message6(from, end, parents, depth + 1);
        return;
      case "message4":
        this.message4(from, end, parents, depth + 1);
        return;
    }
  }

  stream(): void {
    const b = this.b;
    let p = 0;
    while (p + 2 <= b.length) {
      const size = ((b[p] as number) << 8) | (b[p + 1] as number);
      const end = p + 2 + size;
      const lf: LengthField = { pos: p, size: 2 };
      this.out.push({ start: p, end, codeSize: 0, len: lf, parents: [], space: "frame" });
      this.message6(p + 2, Math.min(end, b.length), [lf], 0);
      p = end;
    }
  }
}

/**
 * Every option and frame the walk finds in `data`, read as `kind`, in
 * pre-order (an option before the options inside it).
 */
export function walk(data: Uint8Array, kind: InputKind): Tlv[] {
  const w = new Walk(data);
  switch (kind) {
    case "dhcpv6-message":
      w.message6(0, data.length, [], 0);
      break;
    case "dhcpv4-message":
      w.message4(0, data.length, [], 0);
      break;
    case "dhcpv6-stream":
      w.stream();
      break;
  }
  return w.out;
}

/** Declared codes of each space, for code mutations that land on a layout the decoder knows. */
export const KNOWN_CODES: Readonly<Record<Tlv["space"], readonly number[]>> = {
  dhcpv6: codesOf(OPTION_TABLE),
  dhcpv4: codesOf(DHCPV4_OPTION_TABLE),
  "relay-agent": relayAgentCodes(),
  frame: [],
};

function codesOf(table: OptionTable): number[] {
  const out: number[] = [];
  table.forEach((d, code) => {
    if (d !== undefined) out.push(code);
  });
  return out;
}

function relayAgentCodes(): number[] {
  const n = nested(DHCPV4_OPTION_TABLE, 82);
  return n?.kind === "options8" ? codesOf(n.table()) : [];
}
