/**
 * The inspection tree of a DHCPv4 message (RFC 2131 §2), complete down to
 * every option, Relay Agent Information sub-option, pad and end byte, with
 * the byte range of each node. The library's `inspectMessage` stops at the
 * DHCPv4 option areas (one summary leaf, placed where the magic cookie
 * is); {@link inspectDhcpv4} fills them in, and {@link inspectAny} puts the
 * result in place of that leaf inside a DHCPv6 tree (OPTION_DHCPV4_MSG).
 *
 * Only the decoded value is read: where each option sits is worked out from
 * the declared sizes and the RFC 3396 split lengths the decoder keeps, so a
 * field of a value split over several instances is placed on the wire
 * bytes it was read from. Like the library's tree, this module uses no
 * Node API, so it could move into src/inspect unchanged.
 * @module
 */

import {
  BOOTP_HEADER,
  bootpOpName,
  DHCPV4_OPTION_DEFS,
  type Dhcpv4Message,
  type Dhcpv6Message,
  dhcpv4MessageTypeName,
  dhcpv4MessageTypeOf,
  inspectMessage,
  inspectValue,
  type OptionDef,
  RELAY_AGENT_SUBOPTION_DEFS,
  type TreeNode,
  toHex,
} from "../src/index.js";
import type { AnyCodec } from "../src/schema/codec.js";

const SNAME_AT = 44;
const FILE_AT = 108;
const COOKIE_AT = 236;
const OPTIONS_AT = 240;
const CHADDR_AT = 28;
/** The most one option instance carries (a 1-byte length). */
const MAX_INSTANCE = 255;

const byCode = (defs: readonly OptionDef[]): Map<number, OptionDef> => new Map(defs.map((d) => [d.code, d]));
const OPTION_DEFS = byCode(DHCPV4_OPTION_DEFS as unknown as OptionDef[]);
const SUBOPTION_DEFS = byCode(RELAY_AGENT_SUBOPTION_DEFS as unknown as OptionDef[]);

type Entry = { code: number; [k: string]: unknown };

function join(path: string, seg: string): string {
  if (path === "") return seg;
  return seg.startsWith("[") ? path + seg : `${path}.${seg}`;
}

/** Path segment of an option entry, as DecodeError paths write it. */
function segment(i: number, def: OptionDef | undefined): string {
  return def ? `[${i}](${def.name})` : `[${i}]`;
}

/** True when an entry is kept as raw bytes rather than decoded fields. */
function isRaw(o: Entry, def: OptionDef | undefined): boolean {
  return o.data instanceof Uint8Array && (def === undefined || !("data" in def.body.fields));
}

/** Bytes as hex, with the text too when every byte is printable ASCII. */
export function renderBytes(b: Uint8Array): string {
  if (b.length === 0) return "(empty)";
  const shown = b.length > 64 ? `${toHex(b.subarray(0, 64))}… (${b.length} bytes)` : toHex(b);
  const printable = b.length >= 3 && b.every((x) => x >= 0x20 && x < 0x7f);
  return printable ? `${shown} ("${String.fromCharCode(...b.subarray(0, 64))}")` : shown;
}

/** sname / file when they hold bytes: a NUL-terminated name, nothing, or opaque bytes. */
function renderNameField(b: Uint8Array): string {
  const nul = b.indexOf(0);
  const text = b.subarray(0, nul < 0 ? b.length : nul);
  if (text.length === 0 && b.every((x) => x === 0)) return `(not given: ${b.length} zero bytes)`;
  const rest = nul < 0 ? new Uint8Array(0) : b.subarray(nul);
  if (text.length > 0 && text.every((x) => x >= 0x20 && x < 0x7f) && rest.every((x) => x === 0)) {
    return JSON.stringify(String.fromCharCode(...text));
  }
  return renderBytes(b);
}

/** How an encoder splits `total` bytes by default: 255-byte instances, then the rest (RFC 3396 §6). */
function defaultChunks(total: number): number[] {
  if (total === 0) return [0];
  const out: number[] = [];
  for (let left = total; left > 0; left -= MAX_INSTANCE) out.push(Math.min(left, MAX_INSTANCE));
  return out;
}

/** The wire bytes of one instance's data: absolute offset and length. */
interface Piece {
  readonly at: number;
  readonly len: number;
}

/** Where one area entry sits. */
interface Placed {
  readonly entry: Entry;
  readonly at: number;
  readonly length: number;
  /** Instance data, for options and continuations. */
  readonly pieces: Piece[];
}

interface Area {
  readonly name: "options" | "file" | "sname";
  readonly at: number;
  readonly size: number;
  readonly entries: readonly Entry[];
}

function valueLength(o: Entry, def: OptionDef | undefined): number {
  if (isRaw(o, def)) return (o.data as Uint8Array).length;
  return (def as OptionDef).body.size(o as never, 0);
}

/** Lays out every entry of every area, and gathers each code's instance data in value order. */
function place(areas: readonly Area[]): { placed: Placed[][]; pieces: Map<number, Piece[]> } {
  const continued = new Map<number, number>();
  for (const a of areas) {
    for (const o of a.entries) {
      if (typeof o.continuation === "number") continued.set(o.code, (continued.get(o.code) ?? 0) + o.continuation);
    }
  }
  const pieces = new Map<number, Piece[]>();
  const placed = areas.map((a) => {
    let at = a.at;
    return a.entries.map((o): Placed => {
      const start = at;
      if (o.code === 0) {
        at += 1;
        return { entry: o, at: start, length: 1, pieces: [] };
      }
      if (o.code === 255) {
        const trailing = o.trailing instanceof Uint8Array ? o.trailing.length : 0;
        at += 1 + trailing;
        return { entry: o, at: start, length: 1 + trailing, pieces: [] };
      }
      const split = Array.isArray(o.split) ? (o.split as number[]) : undefined;
      let chunks: number[];
      if (typeof o.continuation === "number") chunks = split ?? defaultChunks(o.continuation);
      else {
        const own = valueLength(o, OPTION_DEFS.get(o.code)) - (continued.get(o.code) ?? 0);
        chunks = split ?? defaultChunks(own);
      }
      const mine: Piece[] = chunks.map((len) => {
        const p = { at: at + 2, len };
        at += 2 + len;
        return p;
      });
      pieces.set(o.code, [...(pieces.get(o.code) ?? []), ...mine]);
      return { entry: o, at: start, length: at - start, pieces: mine };
    });
  });
  return { placed, pieces };
}

/** Maps an offset into a joined value to the wire byte it came from. */
function mapper(pieces: readonly Piece[]): (offset: number) => number {
  return (offset) => {
    let left = offset;
    for (const p of pieces) {
      if (left < p.len) return p.at + left;
      left -= p.len;
    }
    // The end of the value: just after its last byte.
    const last = pieces[pieces.length - 1] as Piece;
    return last.at + last.len + left;
  };
}

function remap(n: TreeNode, map: (offset: number) => number): TreeNode {
  return { ...n, offset: map(n.offset), children: n.children.map((c) => remap(c, map)) };
}

/** The fields of an option body, in the value's own coordinates (offset 0 = first value byte). */
function fieldNodes(body: AnyCodec, v: Entry, at: number, path: string): TreeNode[] {
  const kind = body.kind;
  if (kind.type !== "struct") return [inspectValue(body, v, "value", at, path)];
  const out: TreeNode[] = [];
  for (const [name, codec] of kind.fields) {
    const x = v[name];
    const p = join(path, name);
    const node =
      codec.kind.type === "options8" ? subOptionList(x as Entry[], name, at, p) : inspectValue(codec, x, name, at, p);
    out.push(node);
    at += node.length;
  }
  return out;
}

/** Relay Agent Information sub-options (RFC 3046 §2.0): 1-byte code and length, no pad or end. */
function subOptionList(list: readonly Entry[], label: string, at: number, path: string): TreeNode {
  const start = at;
  const children = list.map((o, i) => {
    const def = SUBOPTION_DEFS.get(o.code);
    const p = join(path, segment(i, def));
    const len = valueLength(o, def);
    const node = optionNode(o, def, at, 2 + len, p, () => fieldNodes((def as OptionDef).body, o, at + 2, p));
    at += 2 + len;
    return node;
  });
  return { label, value: `${list.length} sub-option(s)`, offset: start, length: at - start, path, children };
}

function optionNode(
  o: Entry,
  def: OptionDef | undefined,
  at: number,
  length: number,
  path: string,
  fields: () => TreeNode[],
  note = "",
): TreeNode {
  const label = def ? `${def.name} (${o.code})` : `option ${o.code}`;
  if (isRaw(o, def)) {
    const malformed = typeof o.malformed === "string" ? ` [malformed: ${o.malformed}]` : "";
    const value =
      renderBytes(o.data as Uint8Array) + (malformed || (def ? "" : " [unknown option]")) + (note && `; ${note}`);
    return { label, value, offset: at, length, path, children: [] };
  }
  const node: TreeNode = { label, rfc: (def as OptionDef).rfc, offset: at, length, path, children: fields() };
  return note ? { ...node, value: note } : node;
}

function areaNode(
  area: Area,
  placed: readonly Placed[],
  pieces: ReadonlyMap<number, Piece[]>,
  label: string,
  path: string,
): TreeNode {
  const children: TreeNode[] = [];
  let options = 0;
  for (let i = 0; i < placed.length; i++) {
    const pl = placed[i] as Placed;
    const o = pl.entry;
    const p = join(path, segment(i, o.code === 0 || o.code === 255 ? undefined : OPTION_DEFS.get(o.code)));
    if (o.code === 0) {
      // A run of pad bytes is one node: listing each byte would drown the options.
      let j = i;
      while (j + 1 < placed.length && (placed[j + 1] as Placed).entry.code === 0) j++;
      const n = j - i + 1;
      children.push({
        label: "pad (0)",
        value: `${n} byte(s)`,
        rfc: "RFC 2132 §3.1",
        offset: pl.at,
        length: n,
        path: p,
        children: [],
      });
      i = j;
      continue;
    }
    if (o.code === 255) {
      const t = o.trailing instanceof Uint8Array ? o.trailing : undefined;
      const value =
        t === undefined
          ? undefined
          : t.every((x) => x === 0)
            ? `then ${t.length} zero byte(s)`
            : `then ${renderBytes(t)}`;
      children.push({
        label: "end (255)",
        ...(value ? { value } : {}),
        rfc: "RFC 2132 §3.2",
        offset: pl.at,
        length: pl.length,
        path: p,
        children: [],
      });
      continue;
    }
    options++;
    const def = OPTION_DEFS.get(o.code);
    const instances = pl.pieces.length;
    if (typeof o.continuation === "number") {
      const label = def ? `${def.name} (${o.code})` : `option ${o.code}`;
      const value = `${o.continuation} more byte(s) of the value${instances > 1 ? ` in ${instances} instances` : ""}`;
      children.push({ label, value, rfc: "RFC 3396 §7", offset: pl.at, length: pl.length, path: p, children: [] });
      continue;
    }
    const all = pieces.get(o.code) as Piece[];
    const note = all.length > 1 ? `one value in ${all.length} instances (RFC 3396)` : "";
    children.push(
      optionNode(
        o,
        def,
        pl.at,
        pl.length,
        p,
        () => fieldNodes((def as OptionDef).body, o, 0, p).map((n) => remap(n, mapper(all))),
        note,
      ),
    );
  }
  const length = placed.reduce((n, pl) => n + pl.length, 0);
  const value = area.name === "options" ? `${options} option(s)` : `${options} option(s) (overload, RFC 2132 §9.3)`;
  return { label, value, offset: area.at, length: area.name === "options" ? length : area.size, path, children };
}

/** Options of {@link inspectDhcpv4}. */
export interface InspectDhcpv4Options {
  /** Offset of the message's first byte in the bytes shown (default 0). */
  readonly offset?: number;
  /** Path of the message (default `""`, the top). */
  readonly path?: string;
  /** Label of the root (default: the message type, e.g. `DHCPLEASEACTIVE (13)`). */
  readonly label?: string;
}

/**
 * The inspection tree of a decoded DHCPv4 message: the BOOTP header,
 * chaddr, sname, file (or the options they carry under option overload),
 * the magic cookie, and every option with its fields, sub-options, pads and
 * end byte, each with its RFC section and byte range.
 *
 * @example
 * ```ts
 * import { decodeDhcpv4, hex } from "../src/index.js";
 * import { inspectDhcpv4 } from "./dhcpv4-tree.js";
 * const m = decodeDhcpv4(hex(`02${"00".repeat(235)}63825363 35010d ff`));
 * const tree = inspectDhcpv4(m);
 * console.log(tree.label, tree.children.at(-1)?.children[0]?.label); // "DHCPLEASEACTIVE (13)" "dhcp-message-type (53)"
 * ```
 * @throws EncodeError only for a value no decoder returns (sizes are measured with the encoders' rules)
 */
export function inspectDhcpv4(m: Dhcpv4Message, options: InspectDhcpv4Options = {}): TreeNode {
  const base = options.offset ?? 0;
  const path = options.path ?? "";
  const header = inspectValue(BOOTP_HEADER, m, "header", base, path).children;
  const areas: Area[] = [{ name: "options", at: base + OPTIONS_AT, size: -1, entries: m.options as Entry[] }];
  // RFC 3396 §7 joins instances in this order: options, then file, then sname.
  if (Array.isArray(m.file)) areas.push({ name: "file", at: base + FILE_AT, size: 128, entries: m.file as Entry[] });
  if (Array.isArray(m.sname)) areas.push({ name: "sname", at: base + SNAME_AT, size: 64, entries: m.sname as Entry[] });
  const { placed, pieces } = place(areas);
  const nodeOf = (name: "file" | "sname", at: number, size: number): TreeNode => {
    const i = areas.findIndex((a) => a.name === name);
    if (i >= 0) return areaNode(areas[i] as Area, placed[i] as Placed[], pieces, name, join(path, name));
    return {
      label: name,
      value: renderNameField(m[name] as Uint8Array),
      offset: base + at,
      length: size,
      path: join(path, name),
      children: [],
    };
  };
  const chaddr = typeof m.chaddr === "string" ? `${m.chaddr} (Ethernet)` : renderBytes(m.chaddr as Uint8Array);
  const children: TreeNode[] = [
    ...header,
    { label: "chaddr", value: chaddr, offset: base + CHADDR_AT, length: 16, path: join(path, "chaddr"), children: [] },
    nodeOf("sname", SNAME_AT, 64),
    nodeOf("file", FILE_AT, 128),
    {
      label: "magicCookie",
      value: "99.130.83.99 (DHCP)",
      rfc: "RFC 2131 §3",
      offset: base + COOKIE_AT,
      length: 4,
      path: join(path, "magicCookie"),
      children: [],
    },
    areaNode(areas[0] as Area, placed[0] as Placed[], pieces, "options", join(path, "options")),
  ];
  const last = children[children.length - 1] as TreeNode;
  return {
    label: options.label ?? dhcpv4Title(m),
    rfc: "RFC 2131 §2",
    offset: base,
    length: last.offset + last.length - base,
    path,
    children,
  };
}

/** `DHCPLEASEACTIVE (13)` from option 53, else the BOOTP op, e.g. `BOOTREQUEST (1)`. */
export function dhcpv4Title(m: Dhcpv4Message): string {
  const t = dhcpv4MessageTypeOf(m);
  if (t !== undefined) return `${dhcpv4MessageTypeName(t) ?? "message type"} (${t})`;
  return `${bootpOpName(m.op) ?? "op"} (${m.op})`;
}

/** The value at a tree path (`options[2](CLIENT_DATA).options[0]...`) inside a decoded message. */
export function valueAtPath(root: unknown, path: string): unknown {
  let v = root;
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\](?:\([^)]*\))?/g)) {
    if (v === null || typeof v !== "object") return undefined;
    v = m[1] !== undefined ? (v as Record<string, unknown>)[m[1]] : (v as unknown[])[Number(m[2])];
  }
  return v;
}

/** Replaces every DHCPv4 message node of a DHCPv6 tree (inside OPTION_DHCPV4_MSG) by its full tree. */
function expandDhcpv4(n: TreeNode, message: Dhcpv6Message): TreeNode {
  if (n.label === "dhcpv4Message" && n.path.endsWith("(DHCPV4_MSG).dhcpv4Message")) {
    const v = valueAtPath(message, n.path) as Dhcpv4Message;
    const t = inspectDhcpv4(v, { offset: n.offset, path: n.path, label: n.label });
    return { ...t, value: dhcpv4Title(v) };
  }
  return n.children.length === 0 ? n : { ...n, children: n.children.map((c) => expandDhcpv4(c, message)) };
}

/**
 * The complete inspection tree of a decoded DHCPv6 or DHCPv4 message: the
 * library's `inspectMessage` for DHCPv6, with every DHCPv4 message inside
 * OPTION_DHCPV4_MSG expanded by {@link inspectDhcpv4}.
 *
 * @example
 * ```ts
 * import { decode, hex } from "../src/index.js";
 * import { inspectAny } from "./dhcpv4-tree.js";
 * console.log(inspectAny("dhcpv6", decode(hex("17000001"))).label); // "STARTTLS (23)"
 * ```
 * @throws EncodeError only for a value no decoder returns
 */
export function inspectAny(kind: "dhcpv6" | "dhcpv4", message: Dhcpv6Message | Dhcpv4Message): TreeNode {
  if (kind === "dhcpv4") return inspectDhcpv4(message as Dhcpv4Message);
  return expandDhcpv4(inspectMessage(message as Dhcpv6Message), message as Dhcpv6Message);
}
