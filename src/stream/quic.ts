/**
 * DHCPv6 Active Leasequery over QUIC (DHCP6oQUIC, draft-ietf-dhc-dhcp6oquic).
 *
 * The requestor is the QUIC client and selects the ALPN token `DHCP6oQ`
 * (draft §3.1, §7). The whole exchange runs on one client-initiated
 * bidirectional stream (stream type 0x00, draft §4.1) carrying exactly the
 * framed messages of TCP, so {@link FrameDecoder} and the Web Streams in
 * this module apply unchanged. The QUIC idle timeout should be off or long
 * (draft §3.2.2); if QUIC cannot connect, fall back to TCP (draft §6).
 *
 * @example
 * ```ts
 * import { buildActiveLeasequery, QUERY_TYPE } from "dhcp-leasequery";
 * import { DHCP6OQUIC_ALPN, encodeFramed, isClientBidiStream } from "dhcp-leasequery";
 * // With any QUIC library: connect with ALPN [DHCP6OQUIC_ALPN], open a
 * // bidirectional stream (its id is 0, 4, 8, ...), write framed messages to
 * // it and read its other side with readMessages(), as over TCP.
 * const streamId = 0;
 * const q = buildActiveLeasequery({ queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" }, { transactionId: 1 });
 * console.log(DHCP6OQUIC_ALPN, isClientBidiStream(streamId), encodeFramed(q).length); // "DHCP6oQ" true 33
 * ```
 * @module
 */

/** The ALPN protocol id of DHCP6oQUIC, as text (draft §7). */
export const DHCP6OQUIC_ALPN = "DHCP6oQ";

/**
 * The ALPN protocol id of DHCP6oQUIC as its identification sequence
 * 0x44 0x48 0x43 0x50 0x36 0x6f 0x51 (draft §7). Shared: do not modify it.
 *
 * @example
 * ```ts
 * import { DHCP6OQUIC_ALPN_BYTES } from "dhcp-leasequery";
 * console.log(new TextDecoder().decode(DHCP6OQUIC_ALPN_BYTES)); // "DHCP6oQ"
 * ```
 */
export const DHCP6OQUIC_ALPN_BYTES: Readonly<Uint8Array> = /* @__PURE__ */ Uint8Array.of(
  0x44,
  0x48,
  0x43,
  0x50,
  0x36,
  0x6f,
  0x51,
);

/**
 * The QUIC stream type that carries DHCP6oQUIC: client-initiated and
 * bidirectional, the two low bits of the stream id both 0 (RFC 9000 §2.1,
 * draft §4.1).
 *
 * @example
 * ```ts
 * import { DHCP6OQUIC_STREAM_TYPE } from "dhcp-leasequery";
 * const firstClientBidiStream = 0;
 * console.log((firstClientBidiStream & 0x3) === DHCP6OQUIC_STREAM_TYPE); // true
 * ```
 */
export const DHCP6OQUIC_STREAM_TYPE = 0x00;

/**
 * Whether a QUIC stream id is client-initiated and bidirectional (stream
 * type 0x00, RFC 9000 §2.1), the kind DHCP6oQUIC uses.
 *
 * @example
 * ```ts
 * import { isClientBidiStream } from "dhcp-leasequery";
 * console.log(isClientBidiStream(4), isClientBidiStream(1), isClientBidiStream(2n)); // true false false
 * ```
 * @throws never
 */
export function isClientBidiStream(streamId: number | bigint): boolean {
  return typeof streamId === "bigint" ? (streamId & 3n) === 0n : Number.isInteger(streamId) && streamId % 4 === 0;
}
