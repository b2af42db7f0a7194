/**
 * A readable tree of a decoded DHCPv6 message, derived from the
 * declarations: names, values with units, RFC references, and the byte
 * range of every node (for hex highlighting).
 * @module
 */
import { messageTypeName } from "../v6/codes.js";
import { type Dhcpv6Message, MESSAGE_CODEC } from "../v6/schema.js";
import { DHCPV4_TREES } from "./dhcpv4-tree.js";
import type { TreeNode } from "./node.js";
import { inspectValue } from "./value-tree.js";

export type { TreeNode } from "./node.js";

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
  const { value: _summary, ...node } = inspectValue(MESSAGE_CODEC, message, "message", 0, "", DHCPV4_TREES);
  const t = message.msgType;
  const name = messageTypeName(t);
  return { ...node, label: name ? `${name} (${t})` : `message type ${t}` };
}
