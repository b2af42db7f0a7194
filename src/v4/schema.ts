/**
 * The DHCPv4 declarations: the BOOTP fixed header, every option layout and
 * every Relay Agent Information sub-option layout the codec knows. Each is
 * written here once; decoding, encoding, sizes, types, docs and generators
 * derive from it.
 * @module
 */
import type { DecodeErrorCode } from "../errors.js";
import { annotate, bytes, ipv4, list, u8, u32, utf8 } from "../schema/codec.js";
import { defineOption, type OptionTable, type OptionValue, type RawOption, tableOf } from "../schema/option.js";
import type { ContinuationOption, EndOption, PadOption, SplitLengths } from "../schema/option-area.js";
import { subOptionList } from "../schema/tlv.js";
import { dhcpStateName, dhcpv4MessageTypeName, leasequeryStatusName } from "./codes.js";
import { BOOTP_HEADER, OVERLOADABLE } from "./layout.js";
import type { BootpHeader, Dhcpv4RawOption, KnownDhcpv4Option, RelayAgentSubOption } from "./types.generated.js";

export type * from "./types.generated.js";

export { BOOTP_HEADER };

/** What each option overload value says holds options (RFC 2132 §9.3), from the declared layout. */
const OVERLOAD_NAMES: readonly string[] = /* @__PURE__ */ [0, 1, 2, 3].map((v) =>
  OVERLOADABLE.filter((f) => v & f.bit)
    .map((f) => f.name)
    .join(" and "),
);
const seconds = /* @__PURE__ */ annotate(u32, { unit: "seconds" });
const time1970 = /* @__PURE__ */ annotate(u32, { unit: "time-since-1970" });

/**
 * Every Relay Agent Information sub-option with a declared layout, in code
 * order. Others are kept as `{ code, data }`.
 *
 * @example
 * ```ts
 * import { RELAY_AGENT_SUBOPTION_DEFS } from "dhcp-leasequery";
 * console.log(RELAY_AGENT_SUBOPTION_DEFS.map((d) => d.code)); // [ 1, 2, 5, 6, 11, 12 ]
 * ```
 */
export const RELAY_AGENT_SUBOPTION_DEFS = [
  /* @__PURE__ */ defineOption(1, "circuit-id", "RFC 3046 §2.1", {
    circuitId: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(2, "remote-id", "RFC 3046 §2.2", { remoteId: /* @__PURE__ */ bytes() }),
  /* @__PURE__ */ defineOption(5, "link-selection", "RFC 3527", { address: ipv4 }),
  /* @__PURE__ */ defineOption(6, "subscriber-id", "RFC 3993", {
    subscriberId: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(11, "server-id-override", "RFC 5107", {
    address: ipv4,
  }),
  // RFC 6925 leaves the identifier's form to the administrator (a DUID is
  // one choice), so it stays opaque.
  /* @__PURE__ */ defineOption(12, "relay-id", "RFC 6925", { relayId: /* @__PURE__ */ bytes() }),
] as const;

type SubOptionDefs = (typeof RELAY_AGENT_SUBOPTION_DEFS)[number];

/** The keys of each member of a union (`keyof` of a union gives only the shared ones). */
type KeysOf<T> = T extends unknown ? keyof T : never;
/** Every field of the declared options `T`, as absent. */
type FieldsAbsent<T> = { readonly [K in Exclude<KeysOf<T>, keyof RawOption>]?: undefined };

const SUBOPTION_TABLE: OptionTable = /* @__PURE__ */ tableOf(RELAY_AGENT_SUBOPTION_DEFS);

/**
 * A declared Relay Agent Information sub-option as the declarations derive
 * it; {@link KnownRelayAgentSubOption} (generated) is the same type, with
 * names.
 * @internal
 */
export type DerivedKnownRelayAgentSubOption = OptionValue<SubOptionDefs>;

/**
 * {@link RelayAgentRawSubOption} (generated) as the declarations derive it.
 * @internal
 */
export interface DerivedRelayAgentRawSubOption extends RawOption, FieldsAbsent<DerivedKnownRelayAgentSubOption> {}

const suboptions = /* @__PURE__ */ subOptionList<RelayAgentSubOption>("relay-agent", () => SUBOPTION_TABLE);

/**
 * Every DHCPv4 option with a declared layout, in code order. Others are
 * kept as `{ code, data }`. Times: `baseTime`, `queryStartTime` and
 * `queryEndTime` are absolute (seconds since 1970-01-01 UTC, see
 * {@link dhcpv4TimeToDate}); `startTimeOfState`,
 * `clientLastTransactionTime` and `leaseTime` count seconds relative to
 * the message's base-time (RFC 6926 §6.2.3).
 *
 * @example
 * ```ts
 * import { DHCPV4_OPTION_DEFS } from "dhcp-leasequery";
 * console.log(DHCPV4_OPTION_DEFS.find((d) => d.code === 152)?.name); // "base-time"
 * ```
 */
export const DHCPV4_OPTION_DEFS = [
  /* @__PURE__ */ defineOption(1, "subnet-mask", "RFC 2132 §3.3", { subnetMask: ipv4 }),
  /* @__PURE__ */ defineOption(3, "routers", "RFC 2132 §3.5", {
    routers: /* @__PURE__ */ list(ipv4),
  }),
  /* @__PURE__ */ defineOption(6, "domain-name-servers", "RFC 2132 §3.8", {
    domainNameServers: /* @__PURE__ */ list(ipv4),
  }),
  // RFC 2132 text options are NVT ASCII, often NUL-terminated by servers
  // and sometimes not ASCII at all: kept as bytes so that none of them
  // fails a strict decode (an inspector shows printable bytes as text).
  /* @__PURE__ */ defineOption(12, "host-name", "RFC 2132 §3.14", { hostName: /* @__PURE__ */ bytes() }),
  /* @__PURE__ */ defineOption(15, "domain-name", "RFC 2132 §3.17", {
    domainName: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(28, "broadcast-address", "RFC 2132 §5.3", {
    broadcastAddress: ipv4,
  }),
  /* @__PURE__ */ defineOption(50, "dhcp-requested-address", "RFC 2132 §9.1", {
    requestedAddress: ipv4,
  }),
  /* @__PURE__ */ defineOption(51, "dhcp-lease-time", "RFC 2132 §9.2", { leaseTime: seconds }),
  /* @__PURE__ */ defineOption(52, "dhcp-option-overload", "RFC 2132 §9.3", {
    overload: /* @__PURE__ */ annotate(u8, { names: (v) => OVERLOAD_NAMES[v] || undefined }),
  }),
  /* @__PURE__ */ defineOption(53, "dhcp-message-type", "RFC 2132 §9.6", {
    messageType: /* @__PURE__ */ annotate(u8, { names: dhcpv4MessageTypeName }),
  }),
  /* @__PURE__ */ defineOption(54, "dhcp-server-identifier", "RFC 2132 §9.7", { serverIdentifier: ipv4 }),
  /* @__PURE__ */ defineOption(55, "dhcp-parameter-request-list", "RFC 2132 §9.8", {
    parameterRequestList: /* @__PURE__ */ list(
      /* @__PURE__ */ annotate(u8, { unit: "option-code", names: (c) => DHCPV4_OPTION_TABLE[c]?.name }),
    ),
  }),
  /* @__PURE__ */ defineOption(58, "dhcp-renewal-time", "RFC 2132 §9.11", {
    renewalTime: seconds,
  }),
  /* @__PURE__ */ defineOption(59, "dhcp-rebinding-time", "RFC 2132 §9.12", {
    rebindingTime: seconds,
  }),
  /* @__PURE__ */ defineOption(61, "dhcp-client-identifier", "RFC 2132 §9.14", {
    type: u8,
    clientIdentifier: /* @__PURE__ */ bytes(),
  }),
  // RFC 4702 §2.3: the name is in DNS wire format when flag E (0x04) is
  // set, ASCII (deprecated) otherwise; either way it is kept as bytes.
  // rcode1 and rcode2 are deprecated (§2.2) but still sent (255 by servers).
  /* @__PURE__ */ defineOption(81, "client-fqdn", "RFC 4702 §2", {
    flags: /* @__PURE__ */ annotate(u8, { unit: "flags" }),
    rcode1: u8,
    rcode2: u8,
    domainName: /* @__PURE__ */ bytes(),
  }),
  /* @__PURE__ */ defineOption(82, "relay-agent-information", "RFC 3046 §2.0", {
    suboptions,
  }),
  /* @__PURE__ */ defineOption(91, "client-last-transaction-time", "RFC 4388 §6.1", {
    clientLastTransactionTime: seconds,
  }),
  /* @__PURE__ */ defineOption(92, "associated-ip", "RFC 4388 §6.2", {
    addresses: /* @__PURE__ */ list(ipv4),
  }),
  /* @__PURE__ */ defineOption(151, "status-code", "RFC 6926 §6.2.2", {
    statusCode: /* @__PURE__ */ annotate(u8, { names: leasequeryStatusName }),
    statusMessage: utf8,
  }),
  /* @__PURE__ */ defineOption(152, "base-time", "RFC 6926 §6.2.3", {
    baseTime: time1970,
  }),
  /* @__PURE__ */ defineOption(153, "start-time-of-state", "RFC 6926 §6.2.4", {
    startTimeOfState: seconds,
  }),
  /* @__PURE__ */ defineOption(154, "query-start-time", "RFC 6926 §6.2.5", {
    queryStartTime: time1970,
  }),
  /* @__PURE__ */ defineOption(155, "query-end-time", "RFC 6926 §6.2.6", {
    queryEndTime: time1970,
  }),
  /* @__PURE__ */ defineOption(156, "dhcp-state", "RFC 6926 §6.2.7", {
    dhcpState: /* @__PURE__ */ annotate(u8, { names: dhcpStateName }),
  }),
  /* @__PURE__ */ defineOption(157, "data-source", "RFC 6926 §6.2.8", {
    dataSource: /* @__PURE__ */ annotate(u8, { unit: "flags" }),
  }),
] as const;

type Dhcpv4OptionDefs = (typeof DHCPV4_OPTION_DEFS)[number];

/** The dense code-indexed lookup of DHCPv4 option declarations. @internal */
export const DHCPV4_OPTION_TABLE: OptionTable = /* @__PURE__ */ tableOf(DHCPV4_OPTION_DEFS);

/**
 * A declared DHCPv4 option as the declarations derive it;
 * {@link KnownDhcpv4Option} (generated) is the same type, with names.
 * @internal
 */
export type DerivedKnownDhcpv4Option = OptionValue<Dhcpv4OptionDefs>;

/**
 * {@link Dhcpv4RawOption} (generated) as the declarations derive it.
 * @internal
 */
export interface DerivedDhcpv4RawOption extends RawOption, FieldsAbsent<DerivedKnownDhcpv4Option> {}

/**
 * Any DHCPv4 option value: a declared one or one kept raw, with the
 * instance lengths when it was split unusually (RFC 3396).
 */
export type Dhcpv4Option = (KnownDhcpv4Option | Dhcpv4RawOption) & SplitLengths;

/** The decoded form of the declared DHCPv4 option with code `C`. */
export type Dhcpv4OptionOf<C extends number> = Extract<KnownDhcpv4Option, { code: C }>;

/** The name of a declared DHCPv4 option. */
export type Dhcpv4OptionName = Dhcpv4OptionDefs["name"];

/**
 * One entry of a DHCPv4 option area, in wire order: an option, a pad byte,
 * the end option (with what follows it), or a later run of a split option.
 */
export type Dhcpv4OptionEntry = Dhcpv4Option | PadOption | EndOption | ContinuationOption;

/**
 * A header anomaly a lenient decode kept (see
 * {@link DecodeOptions.lenientHeader}): what a strict decode would have
 * thrown, as data.
 */
export interface Dhcpv4HeaderAnomaly {
  /** The DecodeError code a strict decode throws, e.g. `invalid-value`. */
  readonly code: DecodeErrorCode;
  /** Absolute offset of the offending byte in the decoded input. */
  readonly offset: number;
  /** The field, relative to the DHCPv4 message, e.g. `hlen`. */
  readonly path: string;
  /** What is wrong and what the decoder kept instead. */
  readonly reason: string;
}

/**
 * A decoded DHCPv4 message (RFC 2131 §2).
 *
 * - `chaddr` is `"aa:bb:cc:dd:ee:ff"` text when `htype` is 1 (Ethernet),
 *   `hlen` is 6 and the other 10 bytes are zero; otherwise the 16 raw bytes.
 * - `sname` (64 bytes) and `file` (128 bytes) are raw bytes, or option
 *   entries when option 52 says they carry options.
 * - `options` follow the magic cookie 99.130.83.99, in wire order.
 * - `headerAnomalies` is present only after a lenient decode
 *   ({@link DecodeOptions.lenientHeader}) that kept an anomaly; encoders
 *   ignore it.
 */
export interface Dhcpv4Message extends BootpHeader {
  /** Client hardware address: Ethernet text, or the 16 bytes of the field. */
  chaddr: string | Uint8Array;
  /** Server host name field (64 bytes), or its options when option 52 overloads it. */
  sname: Uint8Array | Dhcpv4OptionEntry[];
  /** Boot file name field (128 bytes), or its options when option 52 overloads it. */
  file: Uint8Array | Dhcpv4OptionEntry[];
  /** The options after the magic cookie, in wire order. */
  options: Dhcpv4OptionEntry[];
  /** Header anomalies a lenient decode kept; absent otherwise, ignored by encoders. */
  headerAnomalies?: Dhcpv4HeaderAnomaly[];
}
