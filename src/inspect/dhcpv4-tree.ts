/**
 * The inspection tree of a DHCPv4 message (RFC 2131 §2), complete down to
 * every option, Relay Agent Information sub-option, pad and end byte, with
 * the byte range of each node.
 *
 * Only the decoded value is read. The field positions come from the
 * declared layout (`v4/layout.ts`: the header, chaddr, sname, file and
 * the magic cookie, then the options field); where each option sits
 * comes from the sizes of its declared body and the RFC 3396 instance
 * lengths the decoder keeps, so a field of a value split over several
 * instances is placed on the wire bytes it was read from.
 * @module
 */
import type { OptionDef } from "../schema/option.js";
import { bootpOpName, dhcpv4MessageTypeName } from "../v4/codes.js";
import { dhcpv4MessageTypeOf } from "../v4/find.js";
import { dhcpv4Field, OPTIONS_AT, OVERLOADABLE } from "../v4/layout.js";
import { BOOTP_HEADER, DHCPV4_OPTION_TABLE, type Dhcpv4Message } from "../v4/schema.js";
import { joinPath, optionSegment } from "../wire/path.js";
import type { TreeNode } from "./node.js";
import { type Piece, pieceMap } from "./pieces.js";
import { renderBytes } from "./render.js";
import { inspectValue, type NestedTrees } from "./value-tree.js";

/** The most one option instance carries (a 1-byte length). */
const MAX_INSTANCE = 255;
const PAD = 0;
const END = 255;

type Entry = { code: number; [k: string]: unknown };
type AreaName = "options" | "file" | "sname";

const optionDef = (code: number): OptionDef | undefined => DHCPV4_OPTION_TABLE[code];

/** True when an entry is kept as raw bytes rather than decoded fields. */
function isRaw(o: Entry, def: OptionDef | undefined): boolean {
  return o.data instanceof Uint8Array && (def === undefined || !("data" in def.body.fields));
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

/** Where one area entry sits. */
interface Placed {
  readonly entry: Entry;
  readonly at: number;
  readonly length: number;
  /** Instance data, for options and continuations. */
  readonly pieces: readonly Piece[];
}

interface Area {
  readonly name: AreaName;
  readonly at: number;
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
      if (o.code === PAD || o.code === END) {
        at += 1 + (o.trailing instanceof Uint8Array ? o.trailing.length : 0);
        return { entry: o, at: start, length: at - start, pieces: [] };
      }
      const split = Array.isArray(o.split) ? (o.split as number[]) : undefined;
      // The first run holds what the later runs (continuations) do not.
      const own =
        typeof o.continuation === "number"
          ? o.continuation
          : valueLength(o, optionDef(o.code)) - (continued.get(o.code) ?? 0);
      const mine = (split ?? defaultChunks(own)).map((len) => {
        const p = { at: at + 2, len };
        at += 2 + len;
        return p;
      });
      // Appended in place: copying the list per run made many runs quadratic.
      const all = pieces.get(o.code) ?? [];
      if (all.length === 0) pieces.set(o.code, all);
      for (const p of mine) all.push(p);
      return { entry: o, at: start, length: at - start, pieces: mine };
    });
  });
  return { placed, pieces };
}

function label(o: Entry, def: OptionDef | undefined): string {
  return def ? `${def.name} (${o.code})` : `option ${o.code}`;
}

function padNode(placed: readonly Placed[], i: number, path: string): { node: TreeNode; last: number } {
  // A run of pad bytes is one node: listing each byte would drown the options.
  let j = i;
  while (j + 1 < placed.length && (placed[j + 1] as Placed).entry.code === PAD) j++;
  const n = j - i + 1;
  const at = (placed[i] as Placed).at;
  const node = { label: "pad (0)", value: `${n} byte(s)`, rfc: "RFC 2132 §3.1", offset: at, length: n, path };
  return { node: { ...node, children: [] }, last: j };
}

function endNode(pl: Placed, path: string): TreeNode {
  const t = pl.entry.trailing instanceof Uint8Array ? pl.entry.trailing : undefined;
  const value =
    t === undefined ? undefined : t.every((x) => x === 0) ? `then ${t.length} zero byte(s)` : `then ${renderBytes(t)}`;
  return {
    label: "end (255)",
    ...(value ? { value } : {}),
    rfc: "RFC 2132 §3.2",
    offset: pl.at,
    length: pl.length,
    path,
    children: [],
  };
}

function optionNode(pl: Placed, all: readonly Piece[], path: string): TreeNode {
  const o = pl.entry;
  const def = optionDef(o.code);
  const note = all.length > 1 ? `one value in ${all.length} instances (RFC 3396)` : "";
  const where = { offset: pl.at, length: pl.length, path };
  if (isRaw(o, def)) {
    const malformed = typeof o.malformed === "string" ? ` [malformed: ${o.malformed}]` : "";
    const value =
      renderBytes(o.data as Uint8Array) + (malformed || (def ? "" : " [unknown option]")) + (note && `; ${note}`);
    return { label: label(o, def), value, ...where, children: [] };
  }
  const d = def as OptionDef;
  // The fields are laid out in the joined value's coordinates, then moved to the instances' bytes.
  const map = pieceMap(all);
  const moved = (n: TreeNode): TreeNode => ({ ...n, offset: map.map(n.offset), children: n.children.map(moved) });
  const fields = inspectValue(d.body, o, label(o, def), 0, path, DHCPV4_TREES).children.map(moved);
  return { label: label(o, def), ...(note ? { value: note } : {}), rfc: d.rfc, ...where, children: fields };
}

function areaNode(area: Area, placed: readonly Placed[], pieces: ReadonlyMap<number, Piece[]>, path: string): TreeNode {
  const children: TreeNode[] = [];
  let options = 0;
  for (let i = 0; i < placed.length; i++) {
    const pl = placed[i] as Placed;
    const o = pl.entry;
    const special = o.code === PAD || o.code === END;
    const p = joinPath(path, optionSegment(i, special ? undefined : optionDef(o.code)?.name));
    if (o.code === PAD) {
      const { node, last } = padNode(placed, i, p);
      children.push(node);
      i = last;
    } else if (o.code === END) {
      children.push(endNode(pl, p));
    } else if (typeof o.continuation === "number") {
      options++;
      const n = pl.pieces.length;
      const value = `${o.continuation} more byte(s) of the value${n > 1 ? ` in ${n} instances` : ""}`;
      const rfc = "RFC 3396 §7";
      children.push({
        label: label(o, optionDef(o.code)),
        value,
        rfc,
        offset: pl.at,
        length: pl.length,
        path: p,
        children: [],
      });
    } else {
      options++;
      children.push(optionNode(pl, pieces.get(o.code) as Piece[], p));
    }
  }
  const used = placed.reduce((n, pl) => n + pl.length, 0);
  // sname and file keep their fixed size whatever their options use.
  const length = area.name === "options" ? used : dhcpv4Field(area.name).size;
  const value = area.name === "options" ? `${options} option(s)` : `${options} option(s) (overload, RFC 2132 §9.3)`;
  return { label: area.name, value, offset: area.at, length, path, children };
}

/**
 * The tree of one option area on its own, at `offset`: what a value
 * continued in another area (RFC 3396) carries here is placed as if it
 * were all here.
 * @internal
 */
export function inspectOptionArea(entries: readonly Entry[], label: string, offset: number, path: string): TreeNode {
  const area: Area = { name: "options", at: offset, entries };
  const { placed, pieces } = place([area]);
  return { ...areaNode(area, placed[0] as Placed[], pieces, path), label };
}

/** Options of {@link inspectDhcpv4}. */
export interface InspectDhcpv4Options {
  /** Offset of the message's first byte in the bytes shown (default 0). */
  readonly offset?: number;
  /** Path of the message (default `""`, the top), prefixed to every node's path. */
  readonly path?: string;
  /** Label of the root (default: the message type, e.g. `DHCPLEASEACTIVE (13)`). */
  readonly label?: string;
}

/**
 * The inspection tree of a decoded DHCPv4 message: the BOOTP header,
 * chaddr, sname and file (or the options they carry under option
 * overload), the magic cookie, and every option with its fields,
 * Relay Agent Information sub-options, pads and end byte, each with its
 * RFC section, byte range and path (the syntax of DecodeError paths).
 * {@link inspectMessage} uses it for the DHCPv4 message inside
 * OPTION_DHCPV4_MSG.
 *
 * @example
 * ```ts
 * import { decodeDhcpv4, formatTree, hex, inspectDhcpv4 } from "dhcp-leasequery";
 * const m = decodeDhcpv4(hex(`02${"00".repeat(235)}63825363 35010d 330400000e10 ff`));
 * const tree = inspectDhcpv4(m);
 * console.log(tree.label, tree.length); // "DHCPLEASEACTIVE (13)" 250
 * console.log(formatTree(tree.children.at(-1)!, { offsets: true }));
 * // options: 2 option(s)  @240+10
 * // ├─ dhcp-message-type (53)  [RFC 2132 §9.6]  @240+3
 * // │  └─ messageType: 13 (DHCPLEASEACTIVE)  @242+1
 * // ├─ dhcp-lease-time (51)  [RFC 2132 §9.2]  @243+6
 * // │  └─ leaseTime: 3600 s  @245+4
 * // └─ end (255)  [RFC 2132 §3.2]  @249+1
 * ```
 * @throws EncodeError only for a value no decoder returns (sizes are measured with the encoders' rules)
 */
export function inspectDhcpv4(m: Dhcpv4Message, options: InspectDhcpv4Options = {}): TreeNode {
  const base = options.offset ?? 0;
  const path = options.path ?? "";
  // A header anomaly a lenient decode kept is shown on its field.
  const flagged = new Map((m.headerAnomalies ?? []).map((a) => [joinPath(path, a.path), a.reason]));
  const header = inspectValue(BOOTP_HEADER, m, "header", base, path, DHCPV4_TREES).children.map((n) => {
    const why = flagged.get(n.path);
    return why === undefined ? n : { ...n, value: `${n.value} [anomaly: ${why}]` };
  });
  const areas: Area[] = [{ name: "options", at: base + OPTIONS_AT, entries: m.options as Entry[] }];
  // In the order RFC 3396 §7 joins instances: options, then file, then sname.
  for (const f of OVERLOADABLE) {
    const held = m[f.name];
    if (Array.isArray(held)) areas.push({ name: f.name, at: base + f.at, entries: held as Entry[] });
  }
  const { placed, pieces } = place(areas);
  const areaTree = (name: AreaName): TreeNode | undefined => {
    const i = areas.findIndex((a) => a.name === name);
    return i < 0 ? undefined : areaNode(areas[i] as Area, placed[i] as Placed[], pieces, joinPath(path, name));
  };
  const fixed = (name: string, value: string, extra: { rfc?: string } = {}): TreeNode => {
    const f = dhcpv4Field(name);
    return {
      label: name,
      value,
      ...extra,
      offset: base + f.at,
      length: f.size,
      path: joinPath(path, name),
      children: [],
    };
  };
  const nameField = (name: "sname" | "file"): TreeNode =>
    areaTree(name) ?? fixed(name, renderNameField(m[name] as Uint8Array));
  const chaddr = typeof m.chaddr === "string" ? `${m.chaddr} (Ethernet)` : renderBytes(m.chaddr);
  const cookie = fixed("magicCookie", "99.130.83.99 (DHCP)", { rfc: "RFC 2131 §3" });
  const optionsNode = areaTree("options") as TreeNode;
  const children = [...header, fixed("chaddr", chaddr), nameField("sname"), nameField("file"), cookie, optionsNode];
  return {
    label: options.label ?? dhcpv4Title(m),
    rfc: "RFC 2131 §2",
    offset: base,
    length: optionsNode.offset + optionsNode.length - base,
    path,
    children,
  };
}

/** `DHCPLEASEACTIVE (13)` from option 53, else the BOOTP op, e.g. `BOOTREQUEST (1)`. @internal */
export function dhcpv4Title(m: Dhcpv4Message): string {
  const t = dhcpv4MessageTypeOf(m);
  if (t !== undefined) return `${dhcpv4MessageTypeName(t) ?? "message type"} (${t})`;
  return `${bootpOpName(m.op) ?? "op"} (${m.op})`;
}

/**
 * The DHCPv4 trees the generic walker builds nested values with.
 * @internal
 */
export const DHCPV4_TREES: NestedTrees = {
  dhcpv4: (m, label, offset, path) => ({ ...inspectDhcpv4(m, { offset, path, label }), value: dhcpv4Title(m) }),
  optionArea: inspectOptionArea,
};
