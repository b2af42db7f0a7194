/**
 * Where the fixed fields of a DHCPv4 message lie (RFC 2131 §2: a 236-octet
 * BOOTP header with chaddr, sname and file, then the magic cookie and the
 * options field), shared by the codec and its skipper.
 * @module
 * @internal
 */
import { DHCPV4_OPTION } from "./codes.js";

/** Offset of sname (64 octets). @internal */
export const SNAME_AT = 44;
/** Offset of file (128 octets). @internal */
export const FILE_AT = 108;
/** Offset of the magic cookie. @internal */
export const COOKIE_AT = 236;
/** Offset of the options field. @internal */
export const OPTIONS_AT = 240;
/** @internal */
export const SNAME_SIZE = 64;
/** @internal */
export const FILE_SIZE = 128;
/** @internal */
export const CHADDR_SIZE = 16;
/** The magic cookie 99.130.83.99 (RFC 2131 §3). @internal */
export const COOKIE = [99, 130, 83, 99] as const;
/** Option overload (RFC 2132 §9.3). @internal */
export const OVERLOAD = DHCPV4_OPTION.DHCP_OPTION_OVERLOAD;

/** Whether the 4 octets at `at` are the magic cookie (RFC 2131 §3). @internal */
export function isCookieAt(b: Uint8Array, at: number): boolean {
  return b[at] === COOKIE[0] && b[at + 1] === COOKIE[1] && b[at + 2] === COOKIE[2] && b[at + 3] === COOKIE[3];
}
