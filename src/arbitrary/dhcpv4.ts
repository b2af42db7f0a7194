/**
 * Ready-made DHCPv4 generators: whole DHCPv4 messages as carried in
 * OPTION_DHCPV4_MSG or framed on a DHCPv4 Bulk/Active Leasequery
 * connection, derived from the DHCPv4 declarations.
 * @module
 */
import type fc from "fast-check";
import { encodeDhcpv4 } from "../v4/message.js";
import { DHCPV4_MESSAGE_CODEC } from "../v4/message-codec.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { type ArbitraryOptions, arbitraryFor } from "./walker.js";

/**
 * DHCPv4 messages: any BOOTP header (Ethernet `chaddr` as text, other
 * hardware as 16 bytes), every declared option and unknown ones, pad
 * options, the end option with or without trailing bytes, and option
 * overload with options in `file` and/or `sname` (RFC 2132 §9.3). Values
 * longer than 255 bytes use the default RFC 3396 split; unusual `split`
 * lengths and `continuation` entries are not generated yet.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { dhcpv4MessageArbitrary } from "dhcp-leasequery/arbitrary";
 * const [m] = fc.sample(dhcpv4MessageArbitrary(), { numRuns: 1, seed: 2 });
 * console.log(m!.options[m!.options.length - 1]!.code); // 255
 * ```
 * @throws Error / RangeError as `arbitraryFor` does for bad options (maxDepth must be at least 1)
 */
export function dhcpv4MessageArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Dhcpv4Message> {
  return arbitraryFor(DHCPV4_MESSAGE_CODEC, options);
}

/**
 * Encoded DHCPv4 messages: the bytes of {@link dhcpv4MessageArbitrary}'s
 * values.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { dhcpv4MessageBytesArbitrary } from "dhcp-leasequery/arbitrary";
 * const [bytes] = fc.sample(dhcpv4MessageBytesArbitrary(), { numRuns: 1, seed: 2 });
 * console.log(bytes!.length >= 241, bytes![236], bytes![239]); // true 99 99
 * ```
 * @throws Error / RangeError as {@link dhcpv4MessageArbitrary}
 */
export function dhcpv4MessageBytesArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Uint8Array> {
  return dhcpv4MessageArbitrary(options).map((m) => encodeDhcpv4(m));
}
