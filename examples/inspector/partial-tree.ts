/**
 * What can be shown of a message that does not decode: the lenient
 * decode's tree (`LENIENT_DECODE_OPTIONS`: declared options that do not
 * fit kept raw, header anomalies kept on their field), else the tree
 * of the longest run of whole top-level options before the error, followed
 * by the bytes not decoded. Pure: no DOM.
 * @module
 */
import {
  decode,
  decodeDhcpv4,
  inspectDhcpv4,
  inspectMessage,
  LENIENT_DECODE_OPTIONS,
  type TreeNode,
} from "../../src/index.js";
import { hasDhcpv4Cookie, OPTIONS_AT } from "../../src/v4/layout.js";
import { node } from "./view-tree.js";

/** The DHCPv6 header: msg-type and transaction-id (RFC 8415 §8); a relay's is 34 bytes (§9). */
const V6_HEADER = 4;
const V6_RELAY_HEADER = 34;
const V4_END = 255;
const V4_PAD = 0;

/**
 * Where the whole top-level options end, walking from the start of the
 * option area up to `limit` (the error's offset): each option must fit in
 * the bytes.
 */
function wholeOptionsEnd(b: Uint8Array, kind: "dhcpv6" | "dhcpv4", limit: number): number {
  if (kind === "dhcpv6") {
    let p = b[0] === 12 || b[0] === 13 ? V6_RELAY_HEADER : V6_HEADER;
    if (b.length < p) return 0;
    while (p + 4 <= b.length && p < limit) {
      const next = p + 4 + (((b[p + 2] as number) << 8) | (b[p + 3] as number));
      if (next > b.length || next > limit) break;
      p = next;
    }
    return p;
  }
  if (!hasDhcpv4Cookie(b)) return 0;
  let p = OPTIONS_AT;
  while (p < b.length && p < limit) {
    const code = b[p] as number;
    if (code === V4_END) break;
    const next = code === V4_PAD ? p + 1 : p + 2 + ((b[p + 1] as number) ?? 0);
    if (p + 1 >= b.length && code !== V4_PAD) break;
    if (next > b.length || next > limit) break;
    p = next;
  }
  return p;
}

/** The tree of `b[0, cut)` read as a whole message (a DHCPv4 one closed by an end option), or undefined. */
function prefixTree(b: Uint8Array, kind: "dhcpv6" | "dhcpv4", cut: number, label: string): TreeNode | undefined {
  if (cut === 0) return undefined;
  try {
    if (kind === "dhcpv6") return inspectMessage(decode(b.subarray(0, cut), LENIENT_DECODE_OPTIONS));
    const closed = new Uint8Array(cut + 1);
    closed.set(b.subarray(0, cut));
    closed[cut] = V4_END;
    const t = inspectDhcpv4(decodeDhcpv4(closed, LENIENT_DECODE_OPTIONS), { label });
    // The end option added to close the prefix is not in the bytes: leave it out.
    const options = t.children.at(-1);
    if (options === undefined) return t;
    const kept = options.children.filter((c) => c.offset < cut);
    return { ...t, length: cut, children: [...t.children.slice(0, -1), { ...options, children: kept }] };
  } catch {
    return undefined;
  }
}

/**
 * A partial tree for a message that failed to decode at `errorOffset`.
 * @param b - the message
 * @param kind - DHCPv6 or DHCPv4
 * @param errorOffset - where strict decoding stopped (from the message's start)
 * @param errorCode - the DecodeError code, shown on the node of the bytes not decoded
 * @param label - the message's name
 * @returns the tree (offsets from the message's start), and whether it is the whole lenient decode
 */
export function partialTree(
  b: Uint8Array,
  kind: "dhcpv6" | "dhcpv4",
  errorOffset: number,
  errorCode: string,
  label: string,
): { readonly tree: TreeNode; readonly lenient: boolean } {
  try {
    const tree =
      kind === "dhcpv6"
        ? inspectMessage(decode(b, LENIENT_DECODE_OPTIONS))
        : inspectDhcpv4(decodeDhcpv4(b, LENIENT_DECODE_OPTIONS), { label });
    return { tree, lenient: true };
  } catch {
    // Even the lenient decoder stops: show what comes before the error.
  }
  const cut = wholeOptionsEnd(b, kind, errorOffset);
  const head = prefixTree(b, kind, cut, label);
  const start = head ? cut : 0;
  const rest = node("not decoded", start, b.length - start, "", {
    value: `${b.length - start} byte(s): ${errorCode} at byte ${errorOffset}`,
  });
  const children = head ? [...head.children, rest] : [rest];
  const tree = node(`${label} (partly decoded)`, 0, b.length, "", { value: head?.value ?? "", children });
  return { tree, lenient: false };
}
