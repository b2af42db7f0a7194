/**
 * The DHCPv6 declarations: every option layout the codec knows, the DUID
 * layouts and the three message layouts. Each layout is written here once;
 * decoding, encoding, sizes, types, docs and generators derive from it.
 * @module
 */
import {
  annotate,
  bytes,
  type Codec,
  ipv6,
  list,
  ref,
  type Simplify,
  struct,
  u8,
  u16,
  u24,
  u32,
  union,
  utf8,
  type ValueOf,
} from "../schema/codec.js";
import { defineOption, type OptionTable, type OptionValue, type RawOption, tableOf } from "../schema/option.js";
import { optionList } from "../schema/tlv.js";
import { DHCPV4_MESSAGE_CODEC } from "../v4/message-codec.js";
import { duidTypeName, messageTypeName, queryTypeName, statusCodeName } from "./codes.js";
import type {
  Dhcpv4QueryMessage,
  Dhcpv4ResponseMessage,
  Dhcpv6Message,
  Dhcpv6Option,
  Dhcpv6RawOption,
  Duid,
  KnownDhcpv6Option,
  RelayForwMessage,
  RelayReplMessage,
} from "./types.generated.js";

export type * from "./types.generated.js";

/**
 * A DUID (RFC 8415 §11): LLT, EN, LL and UUID as structures; any other
 * `duidType` keeps its bytes in `data`. DUID-LLT `time` counts seconds
 * since 2000-01-01 UTC (see {@link dhcpv6TimeToDate}).
 */
export const DUID = /* @__PURE__ */ union(
  "duidType",
  /* @__PURE__ */ annotate(u16, { names: duidTypeName }),
  {
    1: /* @__PURE__ */ struct({
      hardwareType: u16,
      time: /* @__PURE__ */ annotate(u32, { unit: "time-since-2000" }),
      linkLayerAddress: /* @__PURE__ */ bytes(),
    }),
    2: /* @__PURE__ */ struct({ enterpriseNumber: u32, identifier: /* @__PURE__ */ bytes() }),
    3: /* @__PURE__ */ struct({ hardwareType: u16, linkLayerAddress: /* @__PURE__ */ bytes() }),
    4: /* @__PURE__ */ struct({ uuid: /* @__PURE__ */ bytes(16) }),
  },
  /* @__PURE__ */ struct({ data: /* @__PURE__ */ bytes() }),
  "DUID",
);

/**
 * A decoded DUID as its declaration derives it; {@link Duid} (generated)
 * is the same type, with names.
 * @internal
 */
export type DerivedDuid = ValueOf<typeof DUID>;

// The recursive fields are typed with placeholders that `Fill` swaps for the
// real types, because TypeScript cannot infer a value's type from an
// initializer that refers to that same type.
interface OptionsSlot {
  readonly __slot: "dhcpv6-options";
}
interface MessageSlot {
  readonly __slot: "dhcpv6-message";
}
type Fill<T> = T extends OptionsSlot ? Dhcpv6Option[] : T extends MessageSlot ? Dhcpv6Message : T;
type FillFields<T> = T extends unknown ? { [K in keyof T]: Fill<T[K]> } : never;

/** An option list nested in an option or message. */
const options = /* @__PURE__ */ optionList("dhcpv6", () => OPTION_TABLE) as unknown as Codec<OptionsSlot>;
/** A whole DHCPv6 message nested in an option (RELAY_MSG, LQ_RELAY_DATA). */
const message = /* @__PURE__ */ ref("message", () => MESSAGE) as unknown as Codec<MessageSlot>;
const duid = DUID;
const absoluteTime = /* @__PURE__ */ annotate(u32, { unit: "time-since-2000" });
const seconds = /* @__PURE__ */ annotate(u32, { unit: "seconds" });
const optionCode = /* @__PURE__ */ annotate(u16, { unit: "option-code", names: (c) => OPTION_TABLE[c]?.name });
const statusCode = /* @__PURE__ */ annotate(u16, { names: statusCodeName });
const queryType = /* @__PURE__ */ annotate(u8, { names: queryTypeName });

/**
 * Every option with a declared layout, in code order.
 * `rfc` names the section that defines the layout.
 */
export const OPTION_DEFS = [
  /* @__PURE__ */ defineOption(1, "CLIENTID", "RFC 8415 §21.2", { duid }),
  /* @__PURE__ */ defineOption(2, "SERVERID", "RFC 8415 §21.3", { duid }),
  /* @__PURE__ */ defineOption(3, "IA_NA", "RFC 8415 §21.4", {
    iaid: u32,
    t1: seconds,
    t2: seconds,
    options,
  }),
  /* @__PURE__ */ defineOption(4, "IA_TA", "RFC 8415 §21.5", { iaid: u32, options }),
  /* @__PURE__ */ defineOption(5, "IAADDR", "RFC 8415 §21.6", {
    address: ipv6,
    preferredLifetime: seconds,
    validLifetime: seconds,
    options,
  }),
  /* @__PURE__ */ defineOption(6, "ORO", "RFC 8415 §21.7", { requestedOptions: /* @__PURE__ */ list(optionCode) }),
  /* @__PURE__ */ defineOption(7, "PREFERENCE", "RFC 8415 §21.8", { preference: u8 }),
  /* @__PURE__ */ defineOption(8, "ELAPSED_TIME", "RFC 8415 §21.9", {
    elapsedTime: /* @__PURE__ */ annotate(u16, { unit: "centiseconds" }),
  }),
  /* @__PURE__ */ defineOption(9, "RELAY_MSG", "RFC 8415 §21.10", { relayMessage: message }),
  /* @__PURE__ */ defineOption(12, "UNICAST", "RFC 8415 §21.12", { serverAddress: ipv6 }),
  /* @__PURE__ */ defineOption(13, "STATUS_CODE", "RFC 8415 §21.13", {
    statusCode,
    statusMessage: utf8,
  }),
  /* @__PURE__ */ defineOption(14, "RAPID_COMMIT", "RFC 8415 §21.14", {}),
  /* @__PURE__ */ defineOption(18, "INTERFACE_ID", "RFC 8415 §21.18", {
    interfaceId: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(25, "IA_PD", "RFC 8415 §21.21", {
    iaid: u32,
    t1: seconds,
    t2: seconds,
    options,
  }),
  /* @__PURE__ */ defineOption(26, "IAPREFIX", "RFC 8415 §21.22", {
    preferredLifetime: seconds,
    validLifetime: seconds,
    prefixLength: u8,
    prefix: ipv6,
    options,
  }),
  /* @__PURE__ */ defineOption(37, "REMOTE_ID", "RFC 4649 §3", {
    enterpriseNumber: u32,
    remoteId: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(38, "SUBSCRIBER_ID", "RFC 4580 §2", { subscriberId: /* @__PURE__ */ bytes() }),
  /* @__PURE__ */ defineOption(44, "LQ_QUERY", "RFC 5007 §4.1.2.1", {
    queryType,
    linkAddress: ipv6,
    options,
  }),
  /* @__PURE__ */ defineOption(45, "CLIENT_DATA", "RFC 5007 §4.1.2.2", {
    options,
  }),
  /* @__PURE__ */ defineOption(46, "CLT_TIME", "RFC 5007 §4.1.2.3", {
    cltTime: seconds,
  }),
  /* @__PURE__ */ defineOption(47, "LQ_RELAY_DATA", "RFC 5007 §4.1.2.4", {
    peerAddress: ipv6,
    relayMessage: message,
  }),
  /* @__PURE__ */ defineOption(48, "LQ_CLIENT_LINK", "RFC 5007 §4.1.2.5", {
    linkAddresses: /* @__PURE__ */ list(ipv6),
  }),
  /* @__PURE__ */ defineOption(53, "RELAY_ID", "RFC 5460 §5.4.1", { duid }),
  /* @__PURE__ */ defineOption(79, "CLIENT_LINKLAYER_ADDR", "RFC 6939 §4", {
    linkLayerType: u16,
    linkLayerAddress: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(87, "DHCPV4_MSG", "RFC 7341 §6.1", {
    dhcpv4Message: /* @__PURE__ */ ref("dhcpv4-message", () => DHCPV4_MESSAGE_CODEC),
  }),
  /* @__PURE__ */ defineOption(88, "DHCP4_O_DHCP6_SERVER", "RFC 7341 §6.2", {
    addresses: /* @__PURE__ */ list(ipv6),
  }),
  /* @__PURE__ */ defineOption(100, "LQ_BASE_TIME", "RFC 7653 §5.1", {
    baseTime: absoluteTime,
  }),
  /* @__PURE__ */ defineOption(101, "LQ_START_TIME", "RFC 7653 §5.2", {
    queryStartTime: absoluteTime,
  }),
  /* @__PURE__ */ defineOption(102, "LQ_END_TIME", "RFC 7653 §5.3", {
    queryEndTime: absoluteTime,
  }),
] as const;

type OptionDefs = (typeof OPTION_DEFS)[number];

/** The dense code-indexed lookup the option lists use. @internal */
export const OPTION_TABLE: OptionTable = /* @__PURE__ */ tableOf(OPTION_DEFS);

/**
 * A declared DHCPv6 option as the declarations derive it;
 * {@link KnownDhcpv6Option} (generated) is the same type, with names.
 * @internal
 */
export type DerivedKnownDhcpv6Option = FillFields<OptionValue<OptionDefs>>;

/** Every field name of every declared option, `code` and the raw form's fields aside. */
type KnownFieldName = Exclude<KeysOf<KnownDhcpv6Option>, keyof RawOption>;
/** The keys of each member of a union (`keyof` of a union gives only the shared ones). */
type KeysOf<T> = T extends unknown ? keyof T : never;

/**
 * {@link Dhcpv6RawOption} (generated) as the declarations derive it.
 * @internal
 */
export interface DerivedDhcpv6RawOption extends RawOption, DeclaredFieldsAbsent {}
/** Every declared option's field, as absent. */
type DeclaredFieldsAbsent = { readonly [K in KnownFieldName]?: undefined };

/** The decoded form of the option with code `C`. */
export type Dhcpv6OptionOf<C extends number> = Extract<KnownDhcpv6Option, { code: C }>;

/** The name of a declared DHCPv6 option. */
export type Dhcpv6OptionName = OptionDefs["name"];

/**
 * DHCPv6 option codes by RFC name, for every declared option.
 *
 * @example
 * ```ts
 * import { OPTION } from "dhcp-leasequery";
 * console.log(OPTION.CLIENT_DATA, OPTION.LQ_BASE_TIME); // 45 100
 * ```
 */
export const OPTION: Simplify<{ readonly [D in OptionDefs as D["name"]]: D["code"] }> =
  /* @__PURE__ */ Object.fromEntries(/* @__PURE__ */ OPTION_DEFS.map((d) => [d.name, d.code])) as never;

const dhcp4o6Flags = /* @__PURE__ */ annotate(u24, { unit: "flags" });

/** The three DHCPv6 message layouts, selected by msg-type. */
const MESSAGE = /* @__PURE__ */ union(
  "msgType",
  /* @__PURE__ */ annotate(u8, { names: messageTypeName }),
  {
    // RFC 8415 §9: relay agent/server messages.
    12: /* @__PURE__ */ struct({ hopCount: u8, linkAddress: ipv6, peerAddress: ipv6, options }),
    13: /* @__PURE__ */ struct({ hopCount: u8, linkAddress: ipv6, peerAddress: ipv6, options }),
    // RFC 7341 §6: DHCPV4-QUERY / DHCPV4-RESPONSE carry 3 octets of flags.
    20: /* @__PURE__ */ struct({ flags: dhcp4o6Flags, options }),
    21: /* @__PURE__ */ struct({ flags: dhcp4o6Flags, options }),
  },
  // RFC 8415 §8: every other type is a client/server message.
  /* @__PURE__ */ struct({ transactionId: /* @__PURE__ */ annotate(u24, { unit: "hex" }), options }),
  "DHCPv6 message",
);

/** The codec of a whole DHCPv6 message. @internal */
export const MESSAGE_CODEC: Codec<Dhcpv6Message> = MESSAGE as unknown as Codec<Dhcpv6Message>;

/**
 * A decoded DHCPv6 message as its declaration derives it;
 * {@link Dhcpv6Message} (generated) is the same type, with names.
 * @internal
 */
export type DerivedDhcpv6Message = FillFields<ValueOf<typeof MESSAGE>>;

/** A relay message (RELAY-FORW or RELAY-REPL). */
export type RelayMessage = RelayForwMessage | RelayReplMessage;
/** A DHCPV4-QUERY or DHCPV4-RESPONSE message. */
export type Dhcp4o6Message = Dhcpv4QueryMessage | Dhcpv4ResponseMessage;

/** The codec of a bare option list. @internal */
export const OPTION_LIST_CODEC: Codec<Dhcpv6Option[]> = options as unknown as Codec<Dhcpv6Option[]>;
