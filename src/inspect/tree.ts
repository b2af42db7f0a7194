/**
 * A readable tree of a decoded message, derived from the declarations:
 * names, values with units, RFC references, and the byte range of every
 * node (for hex highlighting).
 * @module
 */
import type { AnyCodec, Kind, KindOption } from "../schema/codec.js";
import { messageTypeName } from "../v6/codes.js";
import { type Dhcpv6Message, MESSAGE_CODEC } from "../v6/schema.js";
import { toHex } from "../wire/hex.js";
import { dhcpv4TimeToDate, dhcpv6TimeToDate } from "../wire/time.js";

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

function join(path: string, seg: string): string {
  if (path === "") return seg;
  return seg.startsWith("[") ? path + seg : `${path}.${seg}`;
}

function sizeOf(codec: AnyCodec, v: unknown): number {
  if (codec.fixed >= 0) return codec.fixed;
  if (codec.kind.type === "options8" && codec.kind.area) {
    // One DHCPv4 option area cannot be sized alone when an option continues
    // in file or sname (RFC 3396); the whole message was sized (and so
    // validated) before, so this only loses the area's own byte count.
    try {
      return codec.size(v, 0);
    } catch {
      return 0;
    }
  }
  return codec.size(v, 0);
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

function renderBytes(b: Uint8Array): string {
  if (b.length === 0) return "(empty)";
  const shown = b.length > 64 ? `${toHex(b.subarray(0, 64))}… (${b.length} bytes)` : toHex(b);
  let printable = b.length >= 3;
  for (let i = 0; printable && i < b.length; i++) printable = (b[i] as number) >= 0x20 && (b[i] as number) < 0x7f;
  return printable ? `${shown} ("${String.fromCharCode(...b.subarray(0, 64))}")` : shown;
}

/**
 * Builds the inspection tree of any value of any codec. `offset` is where
 * the value starts in the encoded message.
 * @internal
 */
export function inspectValue(codec: AnyCodec, v: unknown, label: string, offset: number, path: string): TreeNode {
  const kind = codec.kind;
  const length = sizeOf(codec, v);
  const leaf = (value: string): TreeNode => ({ label, value, offset, length, path, children: [] });
  switch (kind.type) {
    case "uint":
      return leaf(renderUint(kind, v as number));
    case "ipv6":
    case "ipv4":
    case "utf8":
      return leaf(kind.type === "utf8" ? JSON.stringify(v) : (v as string));
    case "bytes":
      // The DHCPv4 layout declares chaddr, sname and file as bytes, but
      // decodes chaddr to text and overloaded sname/file to option entries
      // (found by fuzz/: renderBytes of those threw).
      if (typeof v === "string") return leaf(v);
      if (Array.isArray(v)) return leaf(`${v.length} entry(ies)`);
      return leaf(renderBytes(v as Uint8Array));
    case "list": {
      const items = v as unknown[];
      const n = kind.item.fixed;
      const children = items.map((x, i) => inspectValue(kind.item, x, `[${i}]`, offset + i * n, join(path, `[${i}]`)));
      return { label, value: children.map((c) => c.value).join(", "), offset, length, path, children };
    }
    case "struct": {
      const children: TreeNode[] = [];
      let at = offset;
      for (const [name, c] of kind.fields) {
        const x = (v as Record<string, unknown>)[name];
        const node = inspectValue(c, x, name, at, join(path, name));
        children.push(node);
        at += node.length;
      }
      return { label, offset, length, path, children };
    }
    case "union": {
      const tag = (v as Record<string, number>)[kind.tag] as number;
      const variant = kind.variants.get(tag) ?? kind.fallback;
      const tagNode = inspectValue(kind.tagCodec, tag, kind.tag, offset, join(path, kind.tag));
      const body = inspectValue(variant, v, label, offset + tagNode.length, path);
      return { label, value: tagNode.value ?? "", offset, length, path, children: [tagNode, ...body.children] };
    }
    case "ref":
      return inspectValue(kind.target(), v, label, offset, path);
    case "options":
      return inspectOptions(kind.table(), v as { code: number; data?: unknown }[], label, offset, length, path);
    case "options8":
      // A DHCPv4 option area or sub-option list (OPTION_DHCPV4_MSG decodes
      // a DHCPv4 message): summarised until it gets a tree of its own.
      // Without this case the caller read `.length` of undefined (fuzz/).
      return leaf(`${(v as unknown[]).length} entry(ies)`);
  }
}

function inspectOptions(
  table: readonly (KindOption | undefined)[],
  list: readonly { code: number; data?: unknown }[],
  label: string,
  offset: number,
  length: number,
  path: string,
): TreeNode {
  const children: TreeNode[] = [];
  let at = offset;
  list.forEach((o, i) => {
    const def = table[o.code];
    const raw = o.data instanceof Uint8Array && !(def && "data" in (def.body.kind as { fields?: object }));
    const seg = `[${i}]${def ? `(${def.name})` : ""}`;
    const p = join(path, seg);
    const name = def ? `${def.name} (${o.code})` : `option ${o.code}`;
    if (raw || !def) {
      const data = o.data as Uint8Array;
      const malformed = (o as { malformed?: string }).malformed;
      const value = renderBytes(data) + (malformed ? ` [malformed: ${malformed}]` : def ? "" : " [unknown option]");
      children.push({ label: name, value, offset: at, length: 4 + data.length, path: p, children: [] });
      at += 4 + data.length;
      return;
    }
    const body = inspectValue(def.body, o, name, at + 4, p);
    children.push({ ...body, rfc: def.rfc, offset: at, length: 4 + body.length });
    at += 4 + body.length;
  });
  return { label, value: `${list.length} option(s)`, offset, length, path, children };
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
