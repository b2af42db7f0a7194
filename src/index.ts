/**
 * dhcp-leasequery: a lossless codec for DHCPv6 Leasequery (RFC 5007), Bulk
 * Leasequery (RFC 5460), Active Leasequery (RFC 7653) and DHCP4o6 leasequery
 * messages, with the 2-byte stream framing used over TCP and QUIC.
 *
 * The main entry re-exports everything; it does no I/O and has no
 * dependencies.
 * @module
 */
export * from "./errors.js";
export type { OptionDef, RawOption } from "./schema/option.js";
export * from "./v6/codes.js";
export * from "./v6/message.js";
export {
  type ClientServerMessage,
  type Dhcp4o6Message,
  type Dhcpv6Message,
  type Dhcpv6Option,
  type Dhcpv6OptionName,
  type Dhcpv6OptionOf,
  DUID,
  type Duid,
  type KnownDhcpv6Option,
  OPTION,
  OPTION_DEFS,
  type RelayMessage,
} from "./v6/schema.js";
export * from "./wire/address.js";
export * from "./wire/hex.js";
export * from "./wire/time.js";
export * from "./v6/build.js";
export * from "./v6/find.js";
export * from "./inspect/format.js";
export * from "./inspect/tree.js";
