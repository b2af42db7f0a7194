/**
 * The `--brief` summary of a decoded message, after Wireshark's Info
 * column: the message type, its transaction-id, and the addresses it is
 * about.
 * @module
 */
import type { TreeNode } from "../src/index.js";

/** Transaction-id fields: DHCPv6 (RFC 8415 §8) and BOOTP (RFC 2131 §2). */
const XID = new Set(["transactionId", "xid"]);
/**
 * Fields naming the lease or client a message is about, by the option they
 * are in (IAADDR, IAPREFIX) or, for the BOOTP header, by name alone.
 */
const ADDRESSES: Readonly<Record<string, string | undefined>> = {
  address: "IAADDR",
  prefix: "IAPREFIX",
  ciaddr: undefined,
  yiaddr: undefined,
  chaddr: undefined,
};
/** Unset values: the unspecified addresses and an all-zero chaddr. */
const UNSET = /^(0\.0\.0\.0|::|(00:?)+)$/;
/** Addresses shown at most, as Wireshark's column stays one line. */
const MAX_ADDRESSES = 3;

/**
 * `TYPE (n) XID: 0x.. address: ..`: the message type, transaction-id
 * and up to three addresses found in the tree, in wire order.
 *
 * @example
 * ```ts
 * import { decode, hex, inspectMessage } from "../src/index.js";
 * import { infoLine } from "./info.js";
 * console.log(infoLine(inspectMessage(decode(hex("17000001"))))); // "STARTTLS (23) XID: 0x000001"
 * ```
 * @throws never
 */
export function infoLine(tree: TreeNode): string {
  const parts = [tree.label];
  const xid = tree.children.find((c) => XID.has(c.label));
  if (xid?.value !== undefined) parts.push(`XID: ${xid.value}`);
  const seen = new Set<string>();
  const stack = tree.children.map((node) => ({ node, parent: tree })).reverse();
  while (stack.length > 0 && seen.size < MAX_ADDRESSES) {
    const { node: n, parent } = stack.pop() as { node: TreeNode; parent: TreeNode };
    const value = n.value?.replace(/ \(.*\)$/, "");
    const option = ADDRESSES[n.label];
    const wanted =
      Object.hasOwn(ADDRESSES, n.label) && (option === undefined || parent.label.startsWith(`${option} (`));
    if (wanted && value !== undefined && !UNSET.test(value) && !seen.has(value)) {
      seen.add(value);
      parts.push(`${n.label}: ${value}`);
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ node: n.children[i] as TreeNode, parent: n });
  }
  return parts.join(" ");
}
