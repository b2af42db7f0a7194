/**
 * dhcp-leasequery: a lossless codec for DHCPv6 Leasequery (RFC 5007), Bulk
 * Leasequery (RFC 5460), Active Leasequery (RFC 7653) and DHCP4o6 leasequery
 * messages, with the 2-byte stream framing used over TCP and QUIC.
 *
 * The main entry holds the DHCPv6 and DHCPv4 codecs, the stream framer, the
 * rule checks and the sans-I/O sessions; it does no I/O and has no
 * dependencies. The capture reader (`dhcp-leasequery/capture`) and the
 * fast-check arbitraries (`dhcp-leasequery/arbitrary`) have subpaths of
 * their own.
 * @module
 */
export * from "./dhcp4o6/index.js";
export * from "./errors.js";
export { type InspectDhcpv4Options, inspectDhcpv4 } from "./inspect/dhcpv4-tree.js";
export * from "./inspect/format.js";
export * from "./inspect/tree.js";
export type { OptionDef, RawOption } from "./schema/option.js";
export type { ContinuationOption, EndOption, PadOption, SplitLengths } from "./schema/option-area.js";
export * from "./session/index.js";
export * from "./stream/index.js";
export * from "./v4/build.js";
export * from "./v4/codes.js";
export * from "./v4/find.js";
export * from "./v4/message.js";
export {
  BOOTP_HEADER,
  DHCPV4_OPTION_DEFS,
  type Dhcpv4HeaderAnomaly,
  type Dhcpv4Message,
  type Dhcpv4Option,
  type Dhcpv4OptionEntry,
  type Dhcpv4OptionName,
  type Dhcpv4OptionOf,
  RELAY_AGENT_SUBOPTION_DEFS,
} from "./v4/schema.js";
export * from "./v4/summaries.js";
export * from "./v4/time.js";
export type * from "./v4/types.generated.js";
export * from "./v6/build.js";
export * from "./v6/codes.js";
export * from "./v6/find.js";
export * from "./v6/message.js";
export * from "./v6/scan.js";
export {
  type Dhcp4o6Message,
  type Dhcpv6Option,
  type Dhcpv6OptionName,
  type Dhcpv6OptionOf,
  type Dhcpv6RawOption,
  DUID,
  OPTION,
  OPTION_DEFS,
  type RelayMessage,
} from "./v6/schema.js";
export * from "./v6/summaries.js";
export type * from "./v6/types.generated.js";
export * from "./validate/index.js";
export { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "./wire/address.js";
export * from "./wire/hex.js";
export * from "./wire/path.js";
export * from "./wire/time.js";
