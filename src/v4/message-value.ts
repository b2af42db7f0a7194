/**
 * The plain DHCPv4 message value the builders start from.
 * @module
 * @internal
 */
import { CHADDR_SIZE, FILE_SIZE, SNAME_SIZE } from "./layout.js";
import type { Dhcpv4Message, Dhcpv4Option } from "./schema.js";

const ZERO = "0.0.0.0";

/**
 * A DHCPv4 message with every header field zero, `sname` and `file` empty,
 * and `options` of the given type followed by the end option.
 * @internal
 */
export function dhcpv4Message(op: number, xid: number, messageType: number, options: Dhcpv4Option[]): Dhcpv4Message {
  return {
    op,
    htype: 0,
    hlen: 0,
    hops: 0,
    xid,
    secs: 0,
    flags: 0,
    ciaddr: ZERO,
    yiaddr: ZERO,
    siaddr: ZERO,
    giaddr: ZERO,
    chaddr: new Uint8Array(CHADDR_SIZE),
    sname: new Uint8Array(SNAME_SIZE),
    file: new Uint8Array(FILE_SIZE),
    options: [{ code: 53, messageType }, ...options, { code: 255 }],
  };
}
