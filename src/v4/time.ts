/**
 * The times of a DHCPv4 leasequery reply as dates. RFC 6926 §6.2.3: the
 * base-time option is the server's absolute time (seconds since
 * 1970-01-01 UTC) when it sent the message, and the other time options
 * count from it: start-time-of-state and client-last-transaction-time
 * back, the lease time forward.
 * @module
 */
import { dhcpv4TimeToDate } from "../wire/time.js";
import { findDhcpv4Option } from "./find.js";
import type { Dhcpv4Message } from "./schema.js";

/**
 * The date `secondsBefore` seconds before a base-time (for
 * start-time-of-state and client-last-transaction-time, RFC 6926 §6.2.4,
 * RFC 4388 §6.1).
 *
 * @example
 * ```ts
 * import { dhcpv4TimeBefore } from "dhcp-leasequery";
 * console.log(dhcpv4TimeBefore(1600000000, 3600).toISOString()); // "2020-09-13T11:26:40.000Z"
 * ```
 * @throws RangeError if either value is not an unsigned 32-bit integer
 */
export function dhcpv4TimeBefore(baseTime: number, secondsBefore: number): Date {
  const base = dhcpv4TimeToDate(baseTime);
  dhcpv4TimeToDate(secondsBefore);
  return new Date(base.getTime() - secondsBefore * 1000);
}

/** The lease time that means "infinity" (RFC 2131 §3.3). */
const INFINITE_LEASE = 0xffffffff;

/** The dates a DHCPv4 leasequery reply gives for its binding; each is absent when its option is. */
export interface Dhcpv4BindingTimes {
  /** When the server sent the message (base-time, 152). */
  baseTime?: Date;
  /** When the binding entered its current state (start-time-of-state, 153). */
  stateSince?: Date;
  /** When the client last talked to a server (client-last-transaction-time, 91). */
  lastTransaction?: Date;
  /**
   * When the lease ends (dhcp-lease-time, 51, counted from base-time), or
   * `"infinite"` for the lease time 0xffffffff, which RFC 2131 §3.3
   * reserves for a lease that never expires.
   */
  leaseExpires?: Date | "infinite";
}

/**
 * The binding dates of a DHCPLEASEACTIVE (or other leasequery reply):
 * relative times are resolved against its base-time option; without a
 * base-time only `{}` is returned, since the relative ones have nothing to
 * count from. An infinite lease (0xffffffff) ends `"infinite"`, not in
 * 2156.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseActive, dhcpv4BindingTimes } from "dhcp-leasequery";
 * const m = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", baseTime: 1600000000, leaseTime: 60 });
 * const t = dhcpv4BindingTimes(m).leaseExpires;
 * console.log(t instanceof Date ? t.toISOString() : t); // "2020-09-13T12:27:40.000Z"
 * const forever = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", baseTime: 1600000000, leaseTime: 0xffffffff });
 * console.log(dhcpv4BindingTimes(forever).leaseExpires); // "infinite"
 * ```
 * @throws never
 */
export function dhcpv4BindingTimes(message: Dhcpv4Message): Dhcpv4BindingTimes {
  const base = findDhcpv4Option(message, 152)?.baseTime;
  if (base === undefined) return {};
  const out: Dhcpv4BindingTimes = { baseTime: dhcpv4TimeToDate(base) };
  const since = findDhcpv4Option(message, 153)?.startTimeOfState;
  if (since !== undefined) out.stateSince = dhcpv4TimeBefore(base, since);
  const cltt = findDhcpv4Option(message, 91)?.clientLastTransactionTime;
  if (cltt !== undefined) out.lastTransaction = dhcpv4TimeBefore(base, cltt);
  const lease = findDhcpv4Option(message, 51)?.leaseTime;
  if (lease !== undefined) out.leaseExpires = lease === INFINITE_LEASE ? "infinite" : new Date((base + lease) * 1000);
  return out;
}
