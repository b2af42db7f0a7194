/**
 * The inspection tree of a DHCPv4 message, with the byte ranges of every
 * field, option and sub-option. The library's `inspectMessage` shows the
 * DHCPv4 message inside OPTION_DHCPV4_MSG with its header fields but keeps
 * its option areas as one summary leaf (and places that leaf 4 bytes early,
 * since the magic cookie is not in the declared layout); this module
 * expands the areas: pads, the end option with what follows it, every
 * option by name with its RFC section and fields, Relay Agent Information
 * sub-options, and options split into several instances (RFC 3396) with
 * each field mapped back to the wire bytes it came from.
 *
 * The option entries come from the decoder; the byte positions come from a
 * scan of the same bytes that groups instances the way the decoder does
 * (adjacent instances of one code are one entry), so entry `i` of an area
 * is slot `i` of the scan.
 * @module
 */

import {
  BOOTP_HEADER,
  type Dhcpv4Message,
  dhcpv4MessageTypeName,
  dhcpv4MessageTypeOf,
  inspectValue,
  type TreeNode,
  toHex,
} from "../../src/index.js";
import type { AnyCodec, KindOption } from "../../src/schema/codec.js";
import { bytes as bytesCodec } from "../../src/schema/codec.js";
import { DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";
import { type ByteRange, fromTreeNode, joinPath, node, type ViewNode } from "./view-tree.js";

const CHADDR_AT = 28;
const SNAME_AT = 44;
const FILE_AT = 108;
const COOKIE_AT = 236;
const OPTIONS_AT = 240;

/** One slot of an area: a pad, the end option, or a run of adjacent instances of one code. */
type Slot =
  | { readonly k: "pad"; readonly at: number }
  | { readonly k: "end"; readonly at: number; readonly to: number }
  | {
      readonly k: "run";
      readonly code: number;
      readonly at: number;
      readonly starts: number[];
      readonly lens: number[];
    };

interface Area {
  readonly name: "options" | "file" | "sname";
  readonly from: number;
  readonly to: number;
  readonly entries: readonly unknown[];
  readonly slots: readonly Slot[];
}

/** The TLV structure of `b[from, to)`, as the decoder groups it (the message decoded, so it is well formed). */
function scanArea(b: Uint8Array, from: number, to: number): Slot[] {
  const slots: Slot[] = [];
  let pos = from;
  while (pos < to) {
    const code = b[pos] as number;
    if (code === 0) {
      slots.push({ k: "pad", at: pos });
      pos++;
      continue;
    }
    if (code === 255) {
      slots.push({ k: "end", at: pos, to });
      break;
    }
    const len = b[pos + 1] ?? 0;
    const prev = slots[slots.length - 1];
    if (prev?.k === "run" && prev.code === code) {
      prev.starts.push(pos + 2);
      prev.lens.push(len);
    } else {
      slots.push({ k: "run", code, at: pos, starts: [pos + 2], lens: [len] });
    }
    pos += 2 + len;
  }
  return slots;
}

const runLength = (s: { readonly lens: readonly number[] }): number => s.lens.reduce((n, l) => n + 2 + l, 0);

/**
 * Maps `[off, off + len)` of a value joined from several instances to the
 * wire ranges it came from.
 */
function mapJoined(pieces: readonly ByteRange[], off: number, len: number): ByteRange[] {
  const out: ByteRange[] = [];
  let at = 0;
  for (const [start, n] of pieces) {
    const lo = Math.max(off, at);
    const hi = Math.min(off + len, at + n);
    if (lo < hi) out.push([start + (lo - at), hi - lo]);
    at += n;
  }
  return out;
}

/** Where joined offset `off` lies on the wire (for a zero-length field). */
function mapPoint(pieces: readonly ByteRange[], off: number): number {
  let at = 0;
  for (const [start, n] of pieces) {
    if (off < at + n) return start + (off - at);
    at += n;
  }
  const last = pieces[pieces.length - 1];
  return last ? last[0] + last[1] : 0;
}

/** A library node laid out in joined-value space, moved onto the wire. */
function remap(t: TreeNode, pieces: readonly ByteRange[]): ViewNode {
  const ranges = mapJoined(pieces, t.offset, t.length);
  return {
    label: t.label,
    value: t.value,
    rfc: t.rfc,
    offset: ranges[0]?.[0] ?? mapPoint(pieces, t.offset),
    length: t.length,
    ranges,
    path: t.path,
    children: t.children.map((c) => remap(c, pieces)),
  };
}

const RAW_BYTES = bytesCodec();

/** How the library renders an opaque byte string (hex, plus text when printable). */
function renderBytes(b: Uint8Array): string {
  return inspectValue(RAW_BYTES, b, "", 0, "").value ?? "";
}

/** An entry kept as bytes: an unknown code, or a declared one that did not decode (lenient mode). */
interface RawEntry {
  readonly code: number;
  readonly data: Uint8Array;
  readonly malformed?: string;
}

/** The entry as raw bytes, or undefined when it decoded into its declared fields. */
function rawOf(entry: unknown, def: KindOption | undefined): RawEntry | undefined {
  const data = (entry as { data?: unknown }).data;
  if (data instanceof Uint8Array) return entry as RawEntry;
  return def === undefined ? { code: (entry as { code: number }).code, data: new Uint8Array(0) } : undefined;
}

/**
 * The fields of a declared option or sub-option, in joined-value space
 * (offset 0 is the first value byte), with nested sub-option lists
 * expanded.
 */
function fieldsOf(def: KindOption, entry: unknown, value: Uint8Array, path: string): TreeNode[] {
  const body = inspectValue(def.body, entry, def.name, 0, path);
  const kind = def.body.kind;
  if (kind.type !== "struct") return [...body.children];
  return body.children.map((child, i) => {
    const codec = kind.fields[i]?.[1];
    if (codec?.kind.type !== "options8" || codec.kind.area) return child;
    const name = kind.fields[i]?.[0] ?? "";
    const list = (entry as Record<string, unknown>)[name];
    return subOptions(value, child, codec, Array.isArray(list) ? list : []);
  });
}

/** A sub-option list (1-byte code and length, no pad or end), expanded. */
function subOptions(value: Uint8Array, list: TreeNode, codec: AnyCodec, entries: readonly unknown[]): TreeNode {
  const table = (codec.kind as { table: () => readonly (KindOption | undefined)[] }).table();
  const children: TreeNode[] = [];
  let pos = list.offset;
  const end = list.offset + list.length;
  for (let i = 0; pos + 2 <= end && i < entries.length; i++) {
    const code = value[pos] as number;
    const len = value[pos + 1] as number;
    const entry = entries[i];
    const def = table[code];
    const path = joinPath(list.path, def ? `[${i}](${def.name})` : `[${i}]`);
    const label = def ? `${def.name} (${code})` : `sub-option ${code}`;
    const data = value.subarray(pos + 2, pos + 2 + len);
    const raw = rawOf(entry, def);
    if (raw !== undefined || def === undefined) {
      const note = raw?.malformed ? ` [malformed: ${raw.malformed}]` : def ? "" : " [unknown sub-option]";
      children.push({ label, value: renderBytes(data) + note, offset: pos, length: 2 + len, path, children: [] });
    } else {
      const fields = fieldsOf(def, entry, data, path).map((f) => shiftTree(f, pos + 2));
      children.push({ label, rfc: def.rfc, offset: pos, length: 2 + len, path, children: fields });
    }
    pos += 2 + len;
  }
  return { ...list, value: `${entries.length} sub-option(s)`, children };
}

function shiftTree(t: TreeNode, by: number): TreeNode {
  return { ...t, offset: t.offset + by, children: t.children.map((c) => shiftTree(c, by)) };
}

/** The printable text of a NUL-terminated field, or undefined. */
function cString(b: Uint8Array): string | undefined {
  const end = b.indexOf(0);
  const s = b.subarray(0, end < 0 ? b.length : end);
  if (s.length === 0 || s.some((x) => x < 0x20 || x >= 0x7f)) return undefined;
  for (let i = s.length; i < b.length; i++) if (b[i] !== 0) return undefined;
  return String.fromCharCode(...s);
}

function renderField(b: Uint8Array): string {
  if (b.every((x) => x === 0)) return `(${b.length} zero bytes)`;
  const text = cString(b);
  return text === undefined ? renderBytes(b) : JSON.stringify(text);
}

/**
 * The inspection tree of a decoded DHCPv4 message.
 *
 * @param b - the message's bytes (exactly those the decoder read)
 * @param m - the decoded message (`decodeDhcpv4(b)`)
 * @param base - the offset of `b[0]` in the bytes shown (a DHCPV4_MSG's data in a DHCPv6 message)
 * @param label - the root's label
 * @param path - the root's path (`options[2](DHCPV4_MSG).dhcpv4Message` inside DHCPv6)
 * @returns the tree, offsets counted from `b[0] - base`
 */
export function inspectDhcpv4(b: Uint8Array, m: Dhcpv4Message, base: number, label: string, path: string): ViewNode {
  const header = inspectValue(BOOTP_HEADER, m, "header", base, path);
  const areas: Area[] = [{ name: "options", from: OPTIONS_AT, to: b.length, entries: m.options, slots: [] }];
  // RFC 3396 §5 / RFC 2131 §4.1: the options field first, then file, then sname.
  if (Array.isArray(m.file)) areas.push({ name: "file", from: FILE_AT, to: COOKIE_AT, entries: m.file, slots: [] });
  if (Array.isArray(m.sname)) areas.push({ name: "sname", from: SNAME_AT, to: FILE_AT, entries: m.sname, slots: [] });
  const scanned: Area[] = areas.map((a) => ({ ...a, slots: scanArea(b, a.from, a.to) }));

  // Every run of each code, in the order the decoder joins them.
  const runsOf = new Map<number, Extract<Slot, { k: "run" }>[]>();
  for (const a of scanned) {
    for (const s of a.slots) {
      if (s.k !== "run") continue;
      const list = runsOf.get(s.code) ?? [];
      list.push(s);
      runsOf.set(s.code, list);
    }
  }

  const areaNode = (a: Area): ViewNode => {
    const areaPath = joinPath(path, a.name);
    // Should the scan and the decoder ever disagree, show the area as bytes rather than mislabel it.
    if (a.slots.length !== a.entries.length) {
      return node(a.name, base + a.from, a.to - a.from, areaPath, { value: renderBytes(b.subarray(a.from, a.to)) });
    }
    const children = a.slots.map((s, i) => slotNode(s, a.entries[i], i, areaPath));
    return node(a.name, base + a.from, a.to - a.from, areaPath, { value: `${a.entries.length} entry(ies)`, children });
  };

  const slotNode = (s: Slot, entry: unknown, i: number, areaPath: string): ViewNode => {
    if (s.k === "pad") return node("pad (0)", base + s.at, 1, joinPath(areaPath, `[${i}]`), { rfc: "RFC 2132 §3.1" });
    if (s.k === "end") {
      const p = joinPath(areaPath, `[${i}]`);
      const trailing = s.to - s.at - 1;
      const children =
        trailing > 0
          ? [
              node("trailing", base + s.at + 1, trailing, joinPath(p, "trailing"), {
                value: renderField(b.subarray(s.at + 1, s.to)),
              }),
            ]
          : [];
      return node("end (255)", base + s.at, 1 + trailing, p, {
        rfc: "RFC 2132 §3.2",
        value: trailing > 0 ? `${trailing} byte(s) after it` : undefined,
        children,
      });
    }
    const def = DHCPV4_OPTION_TABLE[s.code] as KindOption | undefined;
    const p = joinPath(areaPath, def ? `[${i}](${def.name})` : `[${i}]`);
    const label = def ? `${def.name} (${s.code})` : `option ${s.code}`;
    const runs = runsOf.get(s.code) ?? [s];
    const splitNote = s.lens.length > 1 ? `${s.lens.length} instances of ${s.lens.join(", ")} bytes (RFC 3396)` : "";
    if ((entry as { continuation?: unknown }).continuation !== undefined) {
      const n = s.lens.reduce((x, y) => x + y, 0);
      return node(label, base + s.at, runLength(s), p, {
        rfc: "RFC 3396 §6",
        value: `continued: ${n} more byte(s) of the value${splitNote ? `; ${splitNote}` : ""}`,
      });
    }
    // The value is every instance of the code joined, in area order.
    const pieces: ByteRange[] = [];
    for (const r of runs) {
      r.starts.forEach((start, k) => {
        pieces.push([base + start, r.lens[k] as number]);
      });
    }
    const joined = new Uint8Array(pieces.reduce((n, [, l]) => n + l, 0));
    let at = 0;
    for (const [start, l] of pieces) {
      joined.set(b.subarray(start - base, start - base + l), at);
      at += l;
    }
    const ranges: ByteRange[] = runs.map((r) => [base + r.at, runLength(r)]);
    const length = ranges.reduce((n, [, l]) => n + l, 0);
    const more = runs.length > 1 ? `continued in ${runs.length - 1} later run(s) (RFC 3396)` : "";
    const note = [splitNote, more].filter((x) => x !== "").join("; ");
    const raw = rawOf(entry, def);
    if (raw !== undefined || def === undefined) {
      const why = raw?.malformed ? ` [malformed: ${raw.malformed}]` : def ? "" : " [unknown option]";
      return {
        label,
        value: renderBytes(joined) + why + (note ? `; ${note}` : ""),
        rfc: def?.rfc,
        offset: base + s.at,
        length,
        ranges,
        path: p,
        children: [],
      };
    }
    const children = fieldsOf(def, entry, joined, p).map((f) => remap(f, pieces));
    return { label, value: note || undefined, rfc: def.rfc, offset: base + s.at, length, ranges, path: p, children };
  };

  const byName = new Map(scanned.map((a) => [a.name, a]));
  const fieldNode = (name: "sname" | "file", at: number, size: number): ViewNode => {
    const a = byName.get(name);
    if (a !== undefined) return { ...areaNode(a), rfc: "RFC 2132 §9.3" };
    return node(name, base + at, size, joinPath(path, name), { value: renderField(b.subarray(at, at + size)) });
  };
  const chaddr = typeof m.chaddr === "string" ? m.chaddr : toHex(m.chaddr);
  const type = dhcpv4MessageTypeOf(m);
  const typeName = type === undefined ? undefined : dhcpv4MessageTypeName(type);
  const optionsArea = byName.get("options") as Area;
  const children: ViewNode[] = [
    ...header.children.map((c) => fromTreeNode(c)),
    node("chaddr", base + CHADDR_AT, 16, joinPath(path, "chaddr"), { value: chaddr }),
    fieldNode("sname", SNAME_AT, 64),
    fieldNode("file", FILE_AT, 128),
    node("magicCookie", base + COOKIE_AT, 4, joinPath(path, "magicCookie"), {
      value: "99.130.83.99",
      rfc: "RFC 2131 §3",
    }),
    areaNode(optionsArea),
  ];
  return node(label, base, b.length, path, {
    value: type === undefined ? undefined : `${type} (${typeName ?? "unknown"})`,
    rfc: "RFC 2131 §2",
    children,
  });
}
