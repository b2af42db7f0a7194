/**
 * Text rendering of inspection trees.
 * @module
 */
import type { Dhcpv6Message } from "../v6/schema.js";
import { inspectMessage, type TreeNode } from "./tree.js";

/** Options for {@link formatTree}. */
export interface FormatTreeOptions {
  /** Show `[offset+length]` byte ranges. Default false. */
  readonly offsets?: boolean;
  /** Show RFC references. Default true. */
  readonly rfc?: boolean;
}

/**
 * Renders a tree as indented text with box-drawing guides.
 *
 * @example
 * ```ts
 * import { decode, formatTree, hex, inspectMessage } from "dhcp-leasequery";
 * console.log(formatTree(inspectMessage(decode(hex("17000001")))));
 * // STARTTLS (23)
 * // ├─ msgType: 23 (STARTTLS)
 * // ├─ transactionId: 0x000001
 * // └─ options: 0 option(s)
 * ```
 * @throws never
 */
export function formatTree(root: TreeNode, options: FormatTreeOptions = {}): string {
  const lines: string[] = [];
  const showRfc = options.rfc ?? true;
  const line = (n: TreeNode): string => {
    let s = n.label;
    if (n.value !== undefined && n.value !== "") s += `: ${n.value}`;
    if (showRfc && n.rfc) s += `  [${n.rfc}]`;
    if (options.offsets) s += `  @${n.offset}+${n.length}`;
    return s;
  };
  const walk = (n: TreeNode, prefix: string): void => {
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${line(c)}`);
      walk(c, prefix + (last ? "   " : "│  "));
    });
  };
  lines.push(line(root));
  walk(root, "");
  return lines.join("\n");
}

/**
 * Shorthand for `formatTree(inspectMessage(message), options)`.
 *
 * @example
 * ```ts
 * import { decode, formatMessage, hex } from "dhcp-leasequery";
 * console.log(formatMessage(decode(hex("17000001"))).split("\n")[0]); // "STARTTLS (23)"
 * ```
 * @throws EncodeError if the value is not a valid message (a decoded one always is)
 */
export function formatMessage(message: Dhcpv6Message, options?: FormatTreeOptions): string {
  return formatTree(inspectMessage(message), options);
}
