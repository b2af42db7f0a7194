/**
 * A readable tree of a decoded message, derived from the declarations:
 * names, values with units, RFC references, and the byte range of every
 * node (for hex highlighting).
 * @module
 */
import type { AnyCodec, Kind, KindOption } from "../schema/codec.js";
import { DHCPV4_MESSAGE_CODEC } from "../v4/message-codec.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { messageTypeName } from "../v6/codes.js";
import { type Dhcpv6Message, MESSAGE_CODEC } from "../v6/schema.js";
import { dhcpv4TimeToDate, dhcpv6TimeToDate } from "../wire/time.js";
// dhcpv4-tree.ts builds its option fields with inspectValue, and a DHCPv4
// message inside OPTION_DHCPV4_MSG is inspected by it: the two modules call
// each other, but only from inside functions, never while loading.
import { dhcpv4Title, inspectDhcpv4, inspectOptionArea } from "./dhcpv4-tree.js";
import { joinPath, renderBytes } from "./render.js";

/** One node of an inspection tree. */
export interface TreeNode {
  /** What the node is: a field name, `NAME (code)` for an option, a message type. */
  readonly label: string;
  /** The rendered value of a leaf (or a summary of a container). */
  readonly value?: string;
  /** The RFC section that defines the node's layout, for options and messages. */
  readonly rfc?: string;
  /** Absolute offset of the node's first byte in the encoded message. */
  readonly offset: number;
  /** How many bytes the node covers, headers included. */
  readonly length: number;
  /** The node's path, in the syntax DecodeError paths use. */
  readonly path: string;
  /** Child nodes, in wire order. */
  readonly children: readonly TreeNode[];
}

const UTC = (d: Date): string => (Number.isNaN(d.getTime()) ? "invalid" : d.toISOString().replace(".000Z", "Z"));

function renderUint(kind: Extract<Kind, { type: "uint" }>, v: number): string {
  const name = kind.names?.(v);
  switch (kind.unit) {
    case "seconds":
      return v === 0xffffffff ? `${v} (infinity)` : `${v} s`;
    case "centiseconds":
      return `${v} (${(v / 100).toFixed(2)} s)`;
    case "time-since-2000":
      return `${v} (${UTC(dhcpv6TimeToDate(v))})`;
    case "time-since-1970":
      return `${v} (${UTC(dhcpv4TimeToDate(v))})`;
    case "flags":
    case "hex":
      return `0x${v.toString(16).padStart(kind.bits / 4, "0")}`;
    default:
      return name === undefined ? String(v) : `${v} (${name})`;
  }
}

/**
 * Builds the inspection tree of any value of any codec. `offset` is where
 * the value starts in the encoded message. A DHCPv4 message (inside
 * OPTION_DHCPV4_MSG) gets the tree of {@link inspectDhcpv4}.
 * @internal
 */
export function inspectValue(codec: AnyCodec, v: unknown, label: string, offset: number, path: string): TreeNode {
  if (codec === DHCPV4_MESSAGE_CODEC) {
    const m = v as Dhcpv4Message;
    return { ...inspectDhcpv4(m, { offset, path, label }), value: dhcpv4Title(m) };
  }
  const kind = codec.kind;
  // An option area alone is measured by its own tree (a value split over
  // several areas, RFC 3396, cannot be sized one area at a time).
  const length = kind.type === "options8" && kind.area ? 0 : codec.fixed >= 0 ? codec.fixed : codec.size(v, 0);
  const leaf = (value: string): TreeNode => ({ label, value, offset, length, path, children: [] });
  switch (kind.type) {
    case "uint":
      return leaf(renderUint(kind, v as number));
    case "ipv6":
    case "ipv4":
    case "utf8":
      return leaf(kind.type === "utf8" ? JSON.stringify(v) : (v as string));
    case "bytes":
      return leaf(renderBytes(v as Uint8Array));
    case "list": {
      const items = v as unknown[];
      const n = kind.item.fixed;
      const children = items.map((x, i) =>
        inspectValue(kind.item, x, `[${i}]`, offset + i * n, joinPath(path, `[${i}]`)),
      );
      return { label, value: children.map((c) => c.value).join(", "), offset, length, path, children };
    }
    case "struct": {
      const children: TreeNode[] = [];
      let at = offset;
      for (const [name, c] of kind.fields) {
        const x = (v as Record<string, unknown>)[name];
        const node = inspectValue(c, x, name, at, joinPath(path, name));
        children.push(node);
        at += node.length;
      }
      return { label, offset, length, path, children };
    }
    case "union": {
      const tag = (v as Record<string, number>)[kind.tag] as number;
      const variant = kind.variants.get(tag) ?? kind.fallback;
      const tagNode = inspectValue(kind.tagCodec, tag, kind.tag, offset, joinPath(path, kind.tag));
      const body = inspectValue(variant, v, label, offset + tagNode.length, path);
      return { label, value: tagNode.value ?? "", offset, length, path, children: [tagNode, ...body.children] };
    }
    case "ref":
      return inspectValue(kind.target(), v, label, offset, path);
    case "options":
      return inspectOptions(kind.table(), v as Entry[], { label, offset, length, path, header: 4, noun: "option" });
    case "options8":
      if (kind.area) return inspectOptionArea(v as Entry[], label, offset, path);
      // Relay Agent Information sub-options (RFC 3046 §2.0): 1-byte code and length.
      return inspectOptions(kind.table(), v as Entry[], { label, offset, length, path, header: 2, noun: "sub-option" });
  }
}

type Entry = { code: number; data?: unknown; malformed?: unknown };

interface ListPlace {
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  readonly path: string;
  /** Bytes of code and length in front of each body: 4 for DHCPv6, 2 for DHCPv4 sub-options. */
  readonly header: number;
  readonly noun: string;
}

function inspectOptions(table: readonly (KindOption | undefined)[], list: readonly Entry[], at: ListPlace): TreeNode {
  const children: TreeNode[] = [];
  let pos = at.offset;
  list.forEach((o, i) => {
    const def = table[o.code];
    const raw = o.data instanceof Uint8Array && !(def && "data" in (def.body.kind as { fields?: object }));
    const p = joinPath(at.path, `[${i}]${def ? `(${def.name})` : ""}`);
    const name = def ? `${def.name} (${o.code})` : `${at.noun} ${o.code}`;
    if (raw || !def) {
      const data = o.data as Uint8Array;
      const malformed = typeof o.malformed === "string" ? o.malformed : undefined;
      const value = renderBytes(data) + (malformed ? ` [malformed: ${malformed}]` : def ? "" : ` [unknown ${at.noun}]`);
      children.push({ label: name, value, offset: pos, length: at.header + data.length, path: p, children: [] });
      pos += at.header + data.length;
      return;
    }
    const body = inspectValue(def.body, o, name, pos + at.header, p);
    children.push({ ...body, rfc: def.rfc, offset: pos, length: at.header + body.length });
    pos += at.header + body.length;
  });
  const { label, offset, length, path } = at;
  return { label, value: `${list.length} ${at.noun}(s)`, offset, length, path, children };
}

/**
 * The inspection tree of a DHCPv6 message: every option by name with its
 * RFC section, every field with its value, unit and byte range.
 *
 * @example
 * ```ts
 * import { decode, hex, inspectMessage } from "dhcp-leasequery";
 * const tree = inspectMessage(decode(hex("10123456000d0002000b")));
 * console.log(tree.label, tree.children.length); // "LEASEQUERY-DONE (16)" 3
 * ```
 * @throws EncodeError if the value is not a valid message (a decoded one always is)
 */
export function inspectMessage(message: Dhcpv6Message): TreeNode {
  const { value: _summary, ...node } = inspectValue(MESSAGE_CODEC, message, "message", 0, "");
  const t = message.msgType;
  const name = messageTypeName(t);
  return { ...node, label: name ? `${name} (${t})` : `message type ${t}` };
}
