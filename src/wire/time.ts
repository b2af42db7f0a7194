/**
 * Absolute times on the wire.
 *
 * DHCPv6 (RFC 5460 / RFC 7653 LQ_*_TIME, RFC 8415 DUID-LLT) counts seconds
 * since 2000-01-01T00:00:00Z modulo 2^32. DHCPv4 leasequery times (RFC 6926)
 * count seconds since 1970-01-01T00:00:00Z.
 * @module
 */

/** Unix time, in seconds, of the DHCPv6 epoch 2000-01-01T00:00:00Z. */
export const DHCPV6_EPOCH_UNIX = 946_684_800;

const TWO_32 = 0x1_0000_0000;

/**
 * Converts a DHCPv6 absolute time (seconds since 2000-01-01 UTC) to a `Date`.
 * The wire value wraps modulo 2^32; this returns the reading in the first
 * cycle (2000-01-01 to 2136-02-07).
 *
 * @example
 * ```ts
 * import { dhcpv6TimeToDate } from "dhcp-leasequery";
 * console.log(dhcpv6TimeToDate(0).toISOString()); // "2000-01-01T00:00:00.000Z"
 * ```
 * @throws RangeError if `seconds` is not an unsigned 32-bit integer
 */
export function dhcpv6TimeToDate(seconds: number): Date {
  checkU32(seconds);
  return new Date((DHCPV6_EPOCH_UNIX + seconds) * 1000);
}

/**
 * Converts a `Date` to a DHCPv6 absolute time (whole seconds since
 * 2000-01-01 UTC, modulo 2^32; fractions of a second are dropped).
 *
 * @example
 * ```ts
 * import { dateToDhcpv6Time } from "dhcp-leasequery";
 * console.log(dateToDhcpv6Time(new Date("2000-01-01T00:01:00Z"))); // 60
 * ```
 * @throws RangeError for an invalid Date
 */
export function dateToDhcpv6Time(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  const s = Math.floor(ms / 1000) - DHCPV6_EPOCH_UNIX;
  return ((s % TWO_32) + TWO_32) % TWO_32;
}

/**
 * Converts a DHCPv4 leasequery absolute time (seconds since 1970-01-01 UTC,
 * RFC 6926 section 6.2) to a `Date`.
 *
 * @example
 * ```ts
 * import { dhcpv4TimeToDate } from "dhcp-leasequery";
 * console.log(dhcpv4TimeToDate(946684800).toISOString()); // "2000-01-01T00:00:00.000Z"
 * ```
 * @throws RangeError if `seconds` is not an unsigned 32-bit integer
 */
export function dhcpv4TimeToDate(seconds: number): Date {
  checkU32(seconds);
  return new Date(seconds * 1000);
}

/**
 * Converts a `Date` to a DHCPv4 leasequery absolute time (whole seconds since
 * 1970-01-01 UTC, modulo 2^32).
 *
 * @example
 * ```ts
 * import { dateToDhcpv4Time } from "dhcp-leasequery";
 * console.log(dateToDhcpv4Time(new Date("1970-01-01T00:00:10Z"))); // 10
 * ```
 * @throws RangeError for an invalid Date
 */
export function dateToDhcpv4Time(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  const s = Math.floor(ms / 1000);
  return ((s % TWO_32) + TWO_32) % TWO_32;
}

function checkU32(v: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= TWO_32) throw new RangeError(`not an unsigned 32-bit time: ${v}`);
}
