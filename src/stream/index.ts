/**
 * Streams (from the main entry): the 2-octet framing of Bulk and Active
 * Leasequery over TCP (RFC 5460 §5.1, RFC 7653 §6.1) and over a DHCP6oQUIC
 * stream, as an incremental sans-I/O decoder, Web Streams transforms and
 * async iterables; the DHCP6oQUIC ALPN token; the RFC timer defaults.
 * DHCPv4 Bulk and Active Leasequery (RFC 6926, RFC 7724) use the same
 * framing, so the byte-level parts serve DHCPv4 messages as well.
 * @module
 */
export * from "./framer.js";
export * from "./messages.js";
export * from "./quic.js";
export * from "./timers.js";
export * from "./web.js";
