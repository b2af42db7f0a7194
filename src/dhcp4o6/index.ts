/**
 * DHCP4o6 leasequery (from the main entry): the DHCPv6 Bulk and Active
 * Leasequery messages that carry a DHCPv4 leasequery message in
 * OPTION_DHCPV4_MSG (seed 002, RFC 7341 §6.1). Their rules are checked by
 * `validate`.
 * @module
 */
export * from "./build.js";
export * from "./find.js";
