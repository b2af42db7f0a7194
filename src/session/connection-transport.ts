/**
 * What changes when Active Leasequery runs over DHCP6oQUIC instead of TCP
 * (seed 000, draft-ietf-dhc-dhcp6oquic): QUIC always runs TLS 1.3 (§5), so
 * STARTTLS has no meaning there and a requestor that requires TLS already
 * has it; reconnects are paced at most one per ACTIVE_LQ_IDLE_TIMEOUT
 * (§3.2.2); the QUIC idle timeout should be off, or longer than the
 * leasequery receive timeout, so that a quiet connection stays up (§3.2.2).
 * The draft carries Active Leasequery (RFC 7653) on one client-initiated
 * bidirectional stream.
 * @module
 */
import { DHCP6OQUIC_ALPN } from "../stream/quic.js";
import { ACTIVE_LQ_IDLE_TIMEOUT, ACTIVE_LQ_RCV_TIMEOUT } from "../stream/timers.js";

/** The transport under a leasequery connection. */
export type LeasequeryTransport = "tcp" | "quic";

/** A requestor's TLS policy: never, when the server agrees, or always. */
export type TlsPolicy = "off" | "prefer" | "require";

/**
 * Whether a requestor sends STARTTLS (DHCPv6, RFC 7653 §8.2) or DHCPTLS
 * (DHCPv4, RFC 7724) as its first message: over TCP when its policy is
 * not `off`; over QUIC never, since the QUIC handshake is TLS 1.3.
 *
 * @example
 * ```ts
 * import { sendsStartTls } from "dhcp-leasequery";
 * console.log(sendsStartTls("require", "tcp"), sendsStartTls("require", "quic")); // true false
 * ```
 * @throws never
 */
export function sendsStartTls(policy: TlsPolicy, transport: LeasequeryTransport): boolean {
  return transport === "tcp" && policy !== "off";
}

/**
 * Whether a connection meets a requestor's TLS policy: QUIC always does; a
 * TCP connection does when the policy is not `require` or when STARTTLS was
 * accepted. A requestor with `tls: "require"` must not refuse a QUIC
 * connection for want of STARTTLS.
 *
 * @example
 * ```ts
 * import { tlsPolicyMet } from "dhcp-leasequery";
 * console.log(tlsPolicyMet("require", "quic", false), tlsPolicyMet("require", "tcp", false), tlsPolicyMet("prefer", "tcp", false)); // true false true
 * ```
 * @throws never
 */
export function tlsPolicyMet(policy: TlsPolicy, transport: LeasequeryTransport, startTlsAccepted: boolean): boolean {
  return transport === "quic" || policy !== "require" || startTlsAccepted;
}

/**
 * The DHCP6oQUIC settings a requestor applies (seed 000), milliseconds
 * where a time:
 *
 * - `alpn`: the ALPN token to offer (§7);
 * - `startTls`: false, STARTTLS is not sent over QUIC (§5);
 * - `reconnectInterval`: ACTIVE_LQ_IDLE_TIMEOUT, the least time between two
 *   connection attempts (§3.2.2): give it to `Reconnector` as `minInterval`;
 * - `maxIdleTimeout`: the QUIC max_idle_timeout to set, 0 (disabled, §3.2.2);
 *   when a QUIC stack needs a value, use at least `receiveTimeout`;
 * - `receiveTimeout`: ACTIVE_LQ_RCV_TIMEOUT, the leasequery receive timeout
 *   that ends a silent connection instead;
 * - `carries`: the protocol on the stream, Active Leasequery.
 *
 * @example
 * ```ts
 * import { DHCP6OQUIC_PROFILE, Reconnector } from "dhcp-leasequery";
 * const r = new Reconnector({ minInterval: DHCP6OQUIC_PROFILE.reconnectInterval });
 * console.log(DHCP6OQUIC_PROFILE.alpn, DHCP6OQUIC_PROFILE.startTls, r.start(0).connect); // "DHCP6oQ" false true
 * ```
 */
export const DHCP6OQUIC_PROFILE = {
  alpn: DHCP6OQUIC_ALPN,
  startTls: false,
  reconnectInterval: ACTIVE_LQ_IDLE_TIMEOUT * 1000,
  maxIdleTimeout: 0,
  receiveTimeout: ACTIVE_LQ_RCV_TIMEOUT * 1000,
  carries: "active-leasequery",
} as const;
