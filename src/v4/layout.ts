/**
 * The wire layout of a DHCPv4 message, declared once (RFC 2131 §2 figure 1):
 * the BOOTP header fields of {@link BOOTP_HEADER}, then chaddr, sname and
 * file, the magic cookie (§3) and the options field. Every offset is
 * computed from the declared sizes; option overload (RFC 2132 §9.3) and
 * the order in which the areas are read (RFC 3396 §7) are declared here
 * too. The codec, its skipper, the arbitraries, the tolerant walker, the
 * inspection tree and the input sniffing of the CLI and the inspector read
 * this module rather than restating it.
 * @module
 */
import { annotate, ipv4, struct, u8, u16, u32 } from "../schema/codec.js";
import { bootpOpName, DHCPV4_MAGIC_COOKIE, DHCPV4_OPTION } from "./codes.js";

/**
 * The BOOTP fixed header up to `giaddr` (RFC 2131 §2, figure 1): 28 bytes.
 *
 * @example
 * ```ts
 * import { BOOTP_HEADER } from "dhcp-leasequery";
 * console.log(BOOTP_HEADER.fixed); // 28
 * ```
 */
export const BOOTP_HEADER = struct({
  op: annotate(u8, { names: bootpOpName }),
  htype: u8,
  hlen: u8,
  hops: u8,
  xid: annotate(u32, { unit: "hex" }),
  secs: annotate(u16, { unit: "seconds" }),
  flags: annotate(u16, { unit: "flags" }),
  ciaddr: ipv4,
  yiaddr: ipv4,
  siaddr: ipv4,
  giaddr: ipv4,
});

/** One fixed-size field of a DHCPv4 message and where it lies. @internal */
export interface Dhcpv4Field {
  /** The name a decoded value (and a DecodeError path) gives it. */
  readonly name: string;
  /** Offset from the first byte of the message. */
  readonly at: number;
  /** Size in octets. */
  readonly size: number;
}

/** The fields after those of {@link BOOTP_HEADER}, in wire order, with their sizes in octets. */
const AFTER_HEADER = [
  ["chaddr", 16],
  ["sname", 64],
  ["file", 128],
  // RFC 2131 §3: the first four octets of the options field.
  ["magicCookie", 4],
] as const;

/** The header's fields with their sizes from {@link BOOTP_HEADER}, then {@link AFTER_HEADER}, each placed after the last. */
function fieldsOf(): readonly Dhcpv4Field[] {
  const kind = BOOTP_HEADER.kind;
  const header = kind.type === "struct" ? kind.fields.map(([name, c]) => [name, c.fixed] as const) : [];
  const out: Dhcpv4Field[] = [];
  let at = 0;
  for (const [name, size] of [...header, ...AFTER_HEADER]) {
    out.push({ name, at, size });
    at += size;
  }
  return out;
}

/**
 * Every fixed field of a DHCPv4 message in wire order, from `op` at 0 to
 * `magicCookie` at 236; the options field follows at {@link OPTIONS_AT}.
 * @internal
 */
export const DHCPV4_FIELDS: readonly Dhcpv4Field[] = fieldsOf();

/**
 * The declared field named `name`.
 * @throws Error if the layout has no such field (a renamed declaration)
 * @internal
 */
export function dhcpv4Field(name: string): Dhcpv4Field {
  const f = DHCPV4_FIELDS.find((x) => x.name === name);
  if (f === undefined) throw new Error(`the DHCPv4 layout has no field "${name}"`);
  return f;
}

const HLEN = dhcpv4Field("hlen");
const CHADDR = dhcpv4Field("chaddr");
const SNAME = dhcpv4Field("sname");
const FILE = dhcpv4Field("file");
const COOKIE_FIELD = dhcpv4Field("magicCookie");

/** Offset of hlen. @internal */
export const HLEN_AT = HLEN.at;
/** Offset of chaddr. @internal */
export const CHADDR_AT = CHADDR.at;
/** Size of chaddr: the most `hlen` may say. @internal */
export const CHADDR_SIZE = CHADDR.size;
/** Offset of sname. @internal */
export const SNAME_AT = SNAME.at;
/** Size of sname. @internal */
export const SNAME_SIZE = SNAME.size;
/** Offset of file. @internal */
export const FILE_AT = FILE.at;
/** Size of file. @internal */
export const FILE_SIZE = FILE.size;
/** Offset of the magic cookie. @internal */
export const COOKIE_AT = COOKIE_FIELD.at;
/** Offset of the options after the cookie: the size of the fixed part. @internal */
export const OPTIONS_AT = COOKIE_FIELD.at + COOKIE_FIELD.size;

/** The magic cookie 99.130.83.99 as octets, from {@link DHCPV4_MAGIC_COOKIE} (RFC 2131 §3). @internal */
export const COOKIE: readonly number[] = [24, 16, 8, 0].map((shift) => (DHCPV4_MAGIC_COOKIE >>> shift) & 0xff);

/** Option overload (RFC 2132 §9.3). @internal */
export const OVERLOAD = DHCPV4_OPTION.DHCP_OPTION_OVERLOAD;

/** A field option overload can turn into an option area. @internal */
export interface OverloadableField extends Dhcpv4Field {
  readonly name: "file" | "sname";
  /** The bit of the overload value that says it holds options. */
  readonly bit: number;
}

/**
 * The fields option overload turns into option areas (RFC 2132 §9.3:
 * value 1 file, 2 sname, 3 both), in the order they are read after the
 * options field (RFC 2131 §4.1, RFC 3396 §7: file, then sname).
 * @internal
 */
export const OVERLOADABLE: readonly OverloadableField[] = [
  { ...FILE, name: "file", bit: 1 },
  { ...SNAME, name: "sname", bit: 2 },
];

/**
 * Which fields the overload value `value` turns into option areas, as bits
 * of {@link OVERLOADABLE}: 0 for a value RFC 2132 §9.3 does not define.
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
