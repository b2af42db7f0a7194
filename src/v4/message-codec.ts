/**
 * The codec of a whole DHCPv4 message in the declaration language: its
 * kind lists the wire layout for the interpreter, the docs and the
 * generators; reading and writing go to the message functions
 * (src/v4/message-wire.ts), which the generated codecs call directly.
 * @module
 */
import { type AnyCodec, bytes, type Codec, type Kind } from "../schema/codec.js";
import { optionArea } from "../schema/option-area-codec.js";
import { COOKIE_AT, DHCPV4_FIELDS } from "./layout.js";
import { DHCPV4_BODIES, planDhcpv4, readDhcpv4, writeDhcpv4 } from "./message-wire.js";
import { BOOTP_HEADER, DHCPV4_OPTION_TABLE, type Dhcpv4Message, type Dhcpv4OptionEntry } from "./schema.js";

/** The option list codec of one area, for docs and generators. */
const OPTIONS = /* @__PURE__ */ optionArea<Dhcpv4OptionEntry>("dhcpv4", () => DHCPV4_OPTION_TABLE);

/**
 * The message's wire layout as codecs: the header fields, chaddr, sname and
 * file as bytes (the fixed fields a value gives; the cookie is implied),
 * then the options area.
 */
function messageFields(): (readonly [string, AnyCodec])[] {
  const header = (BOOTP_HEADER.kind as Extract<Kind, { type: "struct" }>).fields;
  const after = DHCPV4_FIELDS.filter((f) => f.at >= BOOTP_HEADER.fixed && f.at < COOKIE_AT);
  return [...header, ...after.map((f) => [f.name, bytes(f.size)] as const), ["options", OPTIONS] as const];
}

/**
 * The codec of a whole DHCPv4 message. Its kind lists the wire layout: the
 * header fields, chaddr, sname and file as bytes (see {@link Dhcpv4Message}
 * for their decoded forms) and the options area; the magic cookie before
 * the options is implied.
 * @internal
 */
export const DHCPV4_MESSAGE_CODEC: Codec<Dhcpv4Message> = {
  kind: { type: "struct", fields: /* @__PURE__ */ messageFields() },
  fixed: -1,
  read: (r) => readDhcpv4(r, DHCPV4_BODIES),
  size: (v, depth) => planDhcpv4(v, depth).size,
  write: (w, v) => writeDhcpv4(w, planDhcpv4(v, 0)),
};
