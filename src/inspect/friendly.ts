/**
 * Friendlier values for people reading trees: names of hardware types and
 * of common enterprise numbers, link-layer addresses with colons, and
 * durations in days, hours, minutes and seconds beside their seconds.
 * Applied to an inspection tree for display (the CLI and the browser
 * inspector both do); the raw number stays first.
 * @module
 */
import type { TreeNode } from "./node.js";

/**
 * Hardware types (IANA "Hardware Types", RFC 826 / RFC 5494), the ones DHCP
 * meets most, by number. @internal
 */
export const HARDWARE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "Ethernet",
  6: "IEEE 802",
  7: "ARCNET",
  15: "Frame Relay",
  16: "ATM",
  18: "Fibre Channel",
  20: "Serial Line",
  24: "IEEE 1394",
  27: "EUI-64",
  32: "InfiniBand",
};

/**
 * A few Private Enterprise Numbers (IANA "enterprise-numbers") seen in
 * DUID-EN and remote-ids, by number. @internal
 */
export const ENTERPRISE_NAMES: Readonly<Record<number, string>> = {
  9: "Cisco Systems",
  311: "Microsoft",
  2011: "Huawei",
  2495: "Internet Systems Consortium",
  2636: "Juniper Networks",
  3561: "Broadband Forum",
  4491: "CableLabs",
  32473: "documentation example (RFC 5612)",
};

/** Which labels carry which kind of value. */
const NAMED: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  htype: HARDWARE_TYPE_NAMES,
  hardwareType: HARDWARE_TYPE_NAMES,
  enterpriseNumber: ENTERPRISE_NAMES,
};
const LINK_LAYER = new Set(["linkLayerAddress"]);

/**
 * Seconds as `1d 2h 3m 4s` (units that are zero left out). @internal
 * @throws never
 */
export function durationText(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(" ");
}

function friendlyValue(label: string, value: string): string {
  const names = NAMED[label];
  if (names !== undefined && /^\d+$/.test(value)) {
    const name = names[Number(value)];
    return name === undefined ? value : `${value} (${name})`;
  }
  if (LINK_LAYER.has(label) && /^([0-9a-f]{2})+$/.test(value)) return (value.match(/../g) as string[]).join(":");
  // Durations of a minute or more; "s" is the tree's unit for seconds.
  const s = /^(\d+) s$/.exec(value);
  if (s !== null && Number(s[1]) >= 60) return `${value} (${durationText(Number(s[1]))})`;
  return value;
}

/**
 * The tree with friendlier values, for display: hardware-type and
 * enterprise-number names after the number, colons in DUID link-layer
 * addresses, and durations of a minute or more as d/h/m/s after the
 * seconds. The tree given is left as it is. Not in the public API (it
 * would grow the core bundle): the CLI and the browser inspector import
 * it from here. @internal
 * @throws never
 */
export function friendlyTree(node: TreeNode): TreeNode {
  const value = node.value === undefined ? undefined : friendlyValue(node.label, node.value);
  const children = node.children.map(friendlyTree);
  return { ...node, ...(value === undefined ? {} : { value }), children };
}
