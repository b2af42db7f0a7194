/**
 * Reading a DHCP4o6 leasequery message through both of its carriers: the
 * DHCPv6 options and the DHCPv4 message in OPTION_DHCPV4_MSG (seed 002 §3:
 * the two parts "should be synchronous"). Where both say something, the
 * DHCPv6 part wins; the DHCPv4 part fills in what the DHCPv6 part omits.
 * @module
 */
import { DHCPV4_MESSAGE_TYPE } from "../v4/codes.js";
import { dhcpv4MessageTypeOf, findDhcpv4Option } from "../v4/find.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { findOption, statusOf } from "../v6/find.js";
import type { Dhcpv6Message } from "../v6/schema.js";
import { DHCPV6_EPOCH_UNIX } from "../wire/time.js";
import { dhcpv6StatusOf } from "./build.js";

/**
 * The DHCPv4 message a DHCP4o6 message carries at message level, or
 * undefined (a plain DHCPv6 message, or an OPTION_DHCPV4_MSG kept raw).
 *
 * @example
 * ```ts
 * import { buildDhcp4o6LeasequeryData, buildDhcpv4LeaseActive, dhcp4o6MessageOf } from "dhcp-leasequery";
 * const m = buildDhcp4o6LeasequeryData({ transactionId: 1 }, buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5" }));
 * console.log(dhcp4o6MessageOf(m)?.ciaddr); // "192.0.2.5"
 * ```
 * @throws never
 */
export function dhcp4o6MessageOf(message: Dhcpv6Message): Dhcpv4Message | undefined {
  const v4 = findOption(message, 87)?.dhcpv4Message;
  return v4 !== null && typeof v4 === "object" && Array.isArray(v4.options) ? v4 : undefined;
}

/**
 * Whether a DHCPv4 message is a binding (DHCPLEASEACTIVE or
 * DHCPLEASEUNASSIGNED, RFC 6926 §6.2) rather than a status
 * (DHCPLEASEQUERYDONE, DHCPLEASEQUERYSTATUS).
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, isDhcpv4Binding } from "dhcp-leasequery";
 * console.log(isDhcpv4Binding(buildDhcpv4LeaseQueryDone({ xid: 1 }))); // false
 * ```
 * @throws never
 */
export function isDhcpv4Binding(message: Dhcpv4Message): boolean {
  const type = dhcpv4MessageTypeOf(message);
  return type === DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE || type === DHCPV4_MESSAGE_TYPE.DHCPLEASEUNASSIGNED;
}

/**
 * The status of a leasequery reply, read from both carriers: the DHCPv6
 * STATUS_CODE when there is one, else the DHCPv6 meaning of the DHCPv4
 * status-code (151) of a DHCP4o6 message, else Success.
 *
 * @example
 * ```ts
 * import { buildDhcp4o6LeasequeryData, buildDhcpv4LeaseQueryStatus, leasequeryStatusOf, LEASEQUERY_STATUS } from "dhcp-leasequery";
 * const v4 = buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: LEASEQUERY_STATUS.CatchUpComplete });
 * console.log(leasequeryStatusOf({ msgType: 17, transactionId: 1, options: [{ code: 87, dhcpv4Message: v4 }] })); // { statusCode: 13, statusMessage: "" }
 * ```
 * @throws never
 */
export function leasequeryStatusOf(message: Dhcpv6Message): { statusCode: number; statusMessage: string } {
  const v6 = statusOf(message);
  if (v6 !== undefined) return v6;
  const v4 = dhcp4o6MessageOf(message);
  const status = v4 === undefined ? undefined : findDhcpv4Option(v4, 151);
  const mapped = status === undefined ? undefined : dhcpv6StatusOf(status.statusCode);
  // A DHCPv4 status with no DHCPv6 counterpart (ConnectionActive, unknown codes) is no failure of the query.
  if (status === undefined || mapped === undefined) return { statusCode: 0, statusMessage: "" };
  return { statusCode: mapped, statusMessage: status.statusMessage };
}

/**
 * The base time of a leasequery reply in the DHCPv6 epoch (seconds since
 * 2000): LQ_BASE_TIME, else the DHCPv4 base-time (152, seconds since 1970)
 * of a DHCP4o6 message, converted.
 *
 * @example
 * ```ts
 * import { buildDhcp4o6LeasequeryData, buildDhcpv4LeaseActive, leasequeryBaseTimeOf } from "dhcp-leasequery";
 * const v4 = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", baseTime: 946684800 + 60 });
 * console.log(leasequeryBaseTimeOf(buildDhcp4o6LeasequeryData({ transactionId: 1 }, v4))); // 60
 * ```
 * @throws never
 */
export function leasequeryBaseTimeOf(message: Dhcpv6Message): number | undefined {
  const v6 = findOption(message, 100)?.baseTime;
  if (v6 !== undefined) return v6;
  const v4 = dhcp4o6MessageOf(message);
  const base = v4 === undefined ? undefined : findDhcpv4Option(v4, 152)?.baseTime;
  return base === undefined ? undefined : base - DHCPV6_EPOCH_UNIX;
}
