/**
 * The checks the DHCPv4 message functions make on the fixed fields: the
 * magic cookie, an Ethernet chaddr, the overload value. They read the
 * layout as generated from src/v4/layout.ts (src/v4/codecs.generated.ts),
 * so that the codecs' bundle carries no declaration.
 * @module
 */
import { COOKIE, COOKIE_AT, OPTIONS_AT } from "./codecs.generated.js";

/**
 * Which fields the overload value `value` turns into option areas, as bits
 * of `OVERLOADABLE`: 0 for a value RFC 2132 §9.3 does not define.
 * @internal
 */
export function overloadBits(value: number): number {
  return value >= 1 && value <= 3 ? value : 0;
}

/** `htype` and `hlen` of Ethernet (RFC 1700 hardware type 1, 6-octet addresses). @internal */
export const ETHERNET = { htype: 1, hlen: 6 } as const;

/**
 * Whether chaddr is an Ethernet address: `htype` 1, `hlen` 6 and the 10
 * octets after the address zero. Such a chaddr decodes to
 * `"aa:bb:cc:dd:ee:ff"` text, any other to its 16 octets.
 * @internal
 */
export function isEthernetChaddr(htype: number, hlen: number, chaddr: Uint8Array): boolean {
  if (htype !== ETHERNET.htype || hlen !== ETHERNET.hlen) return false;
  for (let i = ETHERNET.hlen; i < chaddr.length; i++) if (chaddr[i] !== 0) return false;
  return true;
}

/**
 * Whether the 4 octets at `at` are the magic cookie (RFC 2131 §3).
 * @internal
 */
export function isCookieAt(b: Uint8Array, at: number): boolean {
  return b[at] === COOKIE[0] && b[at + 1] === COOKIE[1] && b[at + 2] === COOKIE[2] && b[at + 3] === COOKIE[3];
}

/**
 * Whether `b` is long enough for the fixed part of a DHCPv4 message and
 * holds the magic cookie where it goes: how the CLI and the inspector tell
 * a DHCPv4 message from a DHCPv6 one.
 * @internal
 */
export function hasDhcpv4Cookie(b: Uint8Array): boolean {
  return b.length >= OPTIONS_AT && isCookieAt(b, COOKIE_AT);
}
