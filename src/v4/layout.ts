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
export const BOOTP_HEADER = /* @__PURE__ */ struct({
  op: /* @__PURE__ */ annotate(u8, { names: bootpOpName }),
  htype: u8,
  hlen: u8,
  hops: u8,
  xid: /* @__PURE__ */ annotate(u32, { unit: "hex" }),
  secs: /* @__PURE__ */ annotate(u16, { unit: "seconds" }),
  flags: /* @__PURE__ */ annotate(u16, { unit: "flags" }),
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
export const DHCPV4_FIELDS: readonly Dhcpv4Field[] = /* @__PURE__ */ fieldsOf();

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

// The constants below are pure calls rather than property reads of a field,
// so that a bundle that uses none of them drops the declaration with them.

/** Offset of the field `name`. */
function atOf(name: string): number {
  return dhcpv4Field(name).at;
}

/** Size of the field `name`. */
function sizeOf(name: string): number {
  return dhcpv4Field(name).size;
}

/** Offset of hlen. @internal */
export const HLEN_AT = /* @__PURE__ */ atOf("hlen");
/** Offset of chaddr. @internal */
export const CHADDR_AT = /* @__PURE__ */ atOf("chaddr");
/** Size of chaddr: the most `hlen` may say. @internal */
export const CHADDR_SIZE = /* @__PURE__ */ sizeOf("chaddr");
/** Offset of sname. @internal */
export const SNAME_AT = /* @__PURE__ */ atOf("sname");
/** Size of sname. @internal */
export const SNAME_SIZE = /* @__PURE__ */ sizeOf("sname");
/** Offset of file. @internal */
export const FILE_AT = /* @__PURE__ */ atOf("file");
/** Size of file. @internal */
export const FILE_SIZE = /* @__PURE__ */ sizeOf("file");
/** Offset of the magic cookie. @internal */
export const COOKIE_AT = /* @__PURE__ */ atOf("magicCookie");
/** Offset of the options after the cookie: the size of the fixed part. @internal */
export const OPTIONS_AT = /* @__PURE__ */ ((): number => atOf("magicCookie") + sizeOf("magicCookie"))();

/** The magic cookie 99.130.83.99 as octets, from {@link DHCPV4_MAGIC_COOKIE} (RFC 2131 §3). @internal */
export const COOKIE: readonly number[] = /* @__PURE__ */ [24, 16, 8, 0].map(
  (shift) => (DHCPV4_MAGIC_COOKIE >>> shift) & 0xff,
);

/** Option overload (RFC 2132 §9.3). @internal */
export const OVERLOAD = /* @__PURE__ */ ((): 52 => DHCPV4_OPTION.DHCP_OPTION_OVERLOAD)();

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
export const OVERLOADABLE: readonly OverloadableField[] = /* @__PURE__ */ ((): OverloadableField[] => [
  { ...dhcpv4Field("file"), name: "file", bit: 1 },
  { ...dhcpv4Field("sname"), name: "sname", bit: 2 },
])();

export { ETHERNET, hasDhcpv4Cookie, isCookieAt, isEthernetChaddr, overloadBits } from "./wire-checks.js";
