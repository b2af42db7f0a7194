/**
 * The inspection tree of any value of any codec, derived from the
 * declarations: names, values with units, RFC references, and the byte
 * range of every node (for hex highlighting).
 * @module
 * @internal
 */
import type { AnyCodec, Kind, KindOption } from "../schema/codec.js";
import { DHCPV4_MESSAGE_CODEC } from "../v4/message-codec.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { indexSegment, joinPath, optionSegment } from "../wire/path.js";
import { dhcpv4TimeToDate, dhcpv6TimeToDate } from "../wire/time.js";
import type { TreeNode } from "./node.js";
import { renderBytes } from "./render.js";

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
 * How the trees of DHCPv4 messages and option areas are built: given by
 * the DHCPv4 tree module, so that this walker does not import it back.
 * @internal
 */
export interface NestedTrees {
  /** The tree of a DHCPv4 message (inside OPTION_DHCPV4_MSG) at `offset`. */
  readonly dhcpv4: (m: Dhcpv4Message, label: string, offset: number, path: string) => TreeNode;
  /** The tree of one DHCPv4 option area on its own (RFC 3396 runs placed as if all there). */
  readonly optionArea: (entries: readonly Entry[], label: string, offset: number, path: string) => TreeNode;
}

/**
 * Builds the inspection tree of any value of any codec. `offset` is where
 * the value starts in the encoded message. A DHCPv4 message and a DHCPv4
 * option area get the trees `nested` builds.
 * @internal
 */
export function inspectValue(
  codec: AnyCodec,
  v: unknown,
  label: string,
  offset: number,
  path: string,
  nested: NestedTrees,
): TreeNode {
  if (codec === DHCPV4_MESSAGE_CODEC) return nested.dhcpv4(v as Dhcpv4Message, label, offset, path);
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
        inspectValue(kind.item, x, indexSegment(i), offset + i * n, joinPath(path, indexSegment(i)), nested),
      );
      return { label, value: children.map((c) => c.value).join(", "), offset, length, path, children };
    }
    case "struct": {
      const children: TreeNode[] = [];
      let at = offset;
      for (const [name, c] of kind.fields) {
        const x = (v as Record<string, unknown>)[name];
        const node = inspectValue(c, x, name, at, joinPath(path, name), nested);
        children.push(node);
        at += node.length;
      }
      return { label, offset, length, path, children };
    }
    case "union": {
      const tag = (v as Record<string, number>)[kind.tag] as number;
      const variant = kind.variants.get(tag) ?? kind.fallback;
      const tagNode = inspectValue(kind.tagCodec, tag, kind.tag, offset, joinPath(path, kind.tag), nested);
      const body = inspectValue(variant, v, label, offset + tagNode.length, path, nested);
      return { label, value: tagNode.value ?? "", offset, length, path, children: [tagNode, ...body.children] };
    }
    case "ref":
      return inspectValue(kind.target(), v, label, offset, path, nested);
    case "options":
      return inspectOptions(
        kind.table(),
        v as Entry[],
        { label, offset, length, path, header: 4, noun: "option" },
        nested,
      );
    case "options8":
      if (kind.area) return nested.optionArea(v as Entry[], label, offset, path);
      // Relay Agent Information sub-options (RFC 3046 §2.0): 1-byte code and length.
      return inspectOptions(
        kind.table(),
        v as Entry[],
        { label, offset, length, path, header: 2, noun: "sub-option" },
        nested,
      );
  }
}

/** An option list entry as the walker reads it. @internal */
export type Entry = { code: number; [k: string]: unknown };

interface ListPlace {
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  readonly path: string;
  /** Bytes of code and length in front of each body: 4 for DHCPv6, 2 for DHCPv4 sub-options. */
  readonly header: number;
  readonly noun: string;
}

function inspectOptions(
  table: readonly (KindOption | undefined)[],
  list: readonly Entry[],
  at: ListPlace,
  nested: NestedTrees,
): TreeNode {
  const children: TreeNode[] = [];
  let pos = at.offset;
  list.forEach((o, i) => {
    const def = table[o.code];
    const raw = o.data instanceof Uint8Array && !(def && "data" in (def.body.kind as { fields?: object }));
    const p = joinPath(at.path, optionSegment(i, def?.name));
    const name = def ? `${def.name} (${o.code})` : `${at.noun} ${o.code}`;
    if (raw || !def) {
      const data = o.data as Uint8Array;
      const malformed = typeof o.malformed === "string" ? o.malformed : undefined;
      const value = renderBytes(data) + (malformed ? ` [malformed: ${malformed}]` : def ? "" : ` [unknown ${at.noun}]`);
      children.push({ label: name, value, offset: pos, length: at.header + data.length, path: p, children: [] });
      pos += at.header + data.length;
      return;
    }
    const body = inspectValue(def.body, o, name, pos + at.header, p, nested);
    children.push({ ...body, rfc: def.rfc, offset: pos, length: at.header + body.length });
    pos += at.header + body.length;
  });
  const { label, offset, length, path } = at;
  return { label, value: `${list.length} ${at.noun}(s)`, offset, length, path, children };
}
