/**
 * Ready-made DHCPv6 generators, for property tests and for other projects'
 * fuzzers: messages, option lists, single options and encoded messages,
 * all derived from the DHCPv6 declarations.
 * @module
 */
import type fc from "fast-check";
import { encode, encodingLength } from "../v6/message.js";
import { type Dhcpv6Message, type Dhcpv6Option, MESSAGE_CODEC, OPTION_LIST_CODEC } from "../v6/schema.js";
import { type ArbitraryOptions, arbitraryFor, optionArbitraryFor } from "./walker.js";

/** The most a stream frame's 2-byte `message-size` can announce (RFC 5460 §5.1). */
const MAX_FRAMED = 0xffff;

/**
 * DHCPv6 messages of every layout: relay (12, 13), DHCP4o6 (20, 21) and
 * client/server messages of named and unknown types, holding every declared
 * option and unknown ones, nested within `maxDepth`. Each encodes to at most
 * 65535 bytes, so it also fits a Bulk/Active Leasequery stream frame.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decode, encode } from "dhcp-leasequery";
 * import { dhcpv6MessageArbitrary } from "dhcp-leasequery/arbitrary";
 * const run = fc.check(
 *   fc.property(dhcpv6MessageArbitrary(), (m) => decode(encode(m)).msgType === m.msgType),
 *   { numRuns: 20, seed: 1 },
 * );
 * console.log(run.failed); // false
 * ```
 * @throws Error / RangeError as `arbitraryFor` does for bad options (maxDepth must be at least 1)
 */
export function dhcpv6MessageArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Dhcpv6Message> {
  return arbitraryFor(MESSAGE_CODEC, options).filter((m) => encodingLength(m) <= MAX_FRAMED);
}

/**
 * Encoded DHCPv6 messages: the bytes of {@link dhcpv6MessageArbitrary}'s
 * values, valid input for `decode` and for fuzzers that mutate from a valid
 * start.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decode } from "dhcp-leasequery";
 * import { dhcpv6MessageBytesArbitrary } from "dhcp-leasequery/arbitrary";
 * const [bytes] = fc.sample(dhcpv6MessageBytesArbitrary(), { numRuns: 1, seed: 3 });
 * console.log(bytes instanceof Uint8Array, typeof decode(bytes!).msgType); // true "number"
 * ```
 * @throws Error / RangeError as {@link dhcpv6MessageArbitrary}
 */
export function dhcpv6MessageBytesArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Uint8Array> {
  return dhcpv6MessageArbitrary(options).map((m) => encode(m));
}

/**
 * Bare DHCPv6 option lists, as `encodeOptions` takes and `decodeOptions`
 * returns (the list is level 1 of `maxDepth`).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decodeOptions, encodeOptions } from "dhcp-leasequery";
 * import { dhcpv6OptionsArbitrary } from "dhcp-leasequery/arbitrary";
 * const [list] = fc.sample(dhcpv6OptionsArbitrary({ maxItems: 3 }), { numRuns: 1, seed: 5 });
 * console.log(decodeOptions(encodeOptions(list!)).length === list!.length); // true
 * ```
 * @throws Error / RangeError as `arbitraryFor` does for bad options
 */
export function dhcpv6OptionsArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Dhcpv6Option[]> {
  return arbitraryFor(OPTION_LIST_CODEC, options);
}

/**
 * Single DHCPv6 options: any declared option (with its nested options and
 * messages) or an unknown code as raw `{ code, data }`. The option counts as
 * sitting in a top-level list, so a list of them stays within `maxDepth`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { OPTION } from "dhcp-leasequery";
 * import { dhcpv6OptionArbitrary } from "dhcp-leasequery/arbitrary";
 * const codes = fc.sample(dhcpv6OptionArbitrary(), { numRuns: 500, seed: 9 }).map((o) => o.code);
 * console.log(codes.includes(OPTION.LQ_QUERY)); // true
 * ```
 * @throws Error / RangeError as `arbitraryFor` does for bad options (maxDepth must be at least 1)
 */
export function dhcpv6OptionArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<Dhcpv6Option> {
  return optionArbitraryFor(OPTION_LIST_CODEC, options);
}
