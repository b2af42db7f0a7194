/**
 * The DHCPTLS message that starts TLS on a DHCPv4 Bulk or Active
 * Leasequery connection (RFC 7724 §7), both ways: the requestor sends it
 * first; the server answers with DHCPTLS, carrying TLSConnectionRefused
 * when it will not run TLS.
 * @module
 */

import { dhcpv4StatusCodeOption } from "../../v4/build.js";
import { BOOTP_OP, DHCPV4_MESSAGE_TYPE } from "../../v4/codes.js";
import { dhcpv4Message } from "../../v4/message-value.js";
import type { Dhcpv4Message } from "../../v4/schema.js";

/** What {@link buildDhcpv4Tls} takes. */
export interface Dhcpv4TlsParams {
  readonly xid: number;
  /** BOOTREPLY (the server's answer) instead of BOOTREQUEST. Default false. */
  readonly reply?: boolean;
  /** A status for the answer, e.g. TLSConnectionRefused (8). */
  readonly statusCode?: number;
}

/**
 * A DHCPTLS message: the requestor's request to start TLS, or the server's
 * answer (RFC 7724 §7), with the header fields zero.
 *
 * @example
 * ```ts
 * import { buildDhcpv4Tls } from "dhcp-leasequery";
 * const m = buildDhcpv4Tls({ xid: 3, reply: true, statusCode: 8 });
 * console.log(m.op, m.options); // 2 [{ code: 53, messageType: 18 }, { code: 151, statusCode: 8, statusMessage: "" }, { code: 255 }]
 * ```
 * @throws never
 */
export function buildDhcpv4Tls(p: Dhcpv4TlsParams): Dhcpv4Message {
  const op = p.reply === true ? BOOTP_OP.BOOTREPLY : BOOTP_OP.BOOTREQUEST;
  const status = p.statusCode === undefined ? [] : [dhcpv4StatusCodeOption(p.statusCode)];
  return dhcpv4Message(op, p.xid, DHCPV4_MESSAGE_TYPE.DHCPTLS, status);
}
