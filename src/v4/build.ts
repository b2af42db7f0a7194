/**
 * Constructors for DHCPv4 Bulk and Active Leasequery messages (RFC 6926,
 * RFC 7724), and for the DHCP4o6 exchange that carries them in DHCPv6
 * LEASEQUERY / ACTIVELEASEQUERY and LEASEQUERY-REPLY / -DATA / -DONE
 * (the DHCP4o6 Bulk/Active Leasequery draft, §5). Each returns a plain
 * value: inspect or change it, then encode it.
 * @module
 */
import { MESSAGE_TYPE } from "../v6/codes.js";
import type { Dhcpv6Message, Dhcpv6Option, Duid } from "../v6/schema.js";
import { BOOTP_OP, DHCP_STATE, DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "./codes.js";
import { findDhcpv4Option } from "./find.js";
import type { Dhcpv4Message, Dhcpv4Option, Dhcpv4OptionOf, RelayAgentSubOption } from "./schema.js";

const ZERO = "0.0.0.0";

/**
 * What a DHCPv4 Bulk or Active Leasequery asks by (RFC 6926 §7.2): an IPv4
 * address (in `ciaddr`), a client identifier (option 61), a relay
 * identifier (option 82 sub-option 12) or a remote id (option 82
 * sub-option 2).
 */
export type Dhcpv4LeasequeryKey =
  | { readonly address: string }
  | { readonly clientId: { readonly type: number; readonly clientIdentifier: Uint8Array } }
  | { readonly relayId: Uint8Array }
  | { readonly remoteId: Uint8Array };

/** What every DHCPv4 leasequery request takes besides its key. */
export interface Dhcpv4QueryParams {
  /** The transaction id; unique per outstanding query on a connection. */
  readonly xid: number;
  /** Option codes for the parameter request list (option 55). */
  readonly parameterRequestList?: readonly number[];
  /** query-start-time (154): only bindings changed since, seconds since 1970. */
  readonly queryStartTime?: number;
  /** query-end-time (155): only bindings changed until (Bulk only). */
  readonly queryEndTime?: number;
  /** Further options, placed before the end option. */
  readonly options?: readonly Dhcpv4Option[];
}

/**
 * A DHCPv4 message with every header field zero, `sname` and `file` empty,
 * and `options` of the given type followed by the end option.
 */
function message(op: number, xid: number, messageType: number, options: Dhcpv4Option[]): Dhcpv4Message {
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
    chaddr: new Uint8Array(16),
    sname: new Uint8Array(64),
    file: new Uint8Array(128),
    options: [{ code: 53, messageType }, ...options, { code: 255 }],
  };
}

function query(messageType: number, key: Dhcpv4LeasequeryKey | undefined, p: Dhcpv4QueryParams): Dhcpv4Message {
  const options: Dhcpv4Option[] = [];
  if (key && "clientId" in key) {
    options.push({ code: 61, type: key.clientId.type, clientIdentifier: key.clientId.clientIdentifier });
  }
  if (key && "relayId" in key) options.push({ code: 82, suboptions: [{ code: 12, relayId: key.relayId }] });
  if (key && "remoteId" in key) options.push({ code: 82, suboptions: [{ code: 2, remoteId: key.remoteId }] });
  if (p.parameterRequestList) options.push({ code: 55, parameterRequestList: [...p.parameterRequestList] });
  if (p.queryStartTime !== undefined) options.push({ code: 154, queryStartTime: p.queryStartTime });
  if (p.queryEndTime !== undefined) options.push({ code: 155, queryEndTime: p.queryEndTime });
  if (p.options) options.push(...p.options);
  const m = message(BOOTP_OP.BOOTREQUEST, p.xid, messageType, options);
  if (key && "address" in key) m.ciaddr = key.address;
  return m;
}

/**
 * A DHCPBULKLEASEQUERY (RFC 6926 §7.2) asking by address, client id, relay
 * id or remote id.
 *
 * @example
 * ```ts
 * import { buildDhcpv4BulkLeasequery } from "dhcp-leasequery";
 * const m = buildDhcpv4BulkLeasequery({ address: "192.0.2.5" }, { xid: 7 });
 * console.log(m.ciaddr, m.options); // "192.0.2.5" [ { code: 53, messageType: 14 }, { code: 255 } ]
 * ```
 * @throws never (invalid values are reported when the message is encoded)
 */
export function buildDhcpv4BulkLeasequery(key: Dhcpv4LeasequeryKey, params: Dhcpv4QueryParams): Dhcpv4Message {
  return query(DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY, key, params);
}

/**
 * A DHCPACTIVELEASEQUERY (RFC 7724): without a key it asks for every
 * binding; with `queryStartTime` the server first catches up on changes
 * since then.
 *
 * @example
 * ```ts
 * import { buildDhcpv4ActiveLeasequery } from "dhcp-leasequery";
 * const m = buildDhcpv4ActiveLeasequery(undefined, { xid: 9, queryStartTime: 1600000000 });
 * console.log(m.options.length); // 3
 * ```
 * @throws never
 */
export function buildDhcpv4ActiveLeasequery(
  key: Dhcpv4LeasequeryKey | undefined,
  params: Dhcpv4QueryParams,
): Dhcpv4Message {
  return query(DHCPV4_MESSAGE_TYPE.DHCPACTIVELEASEQUERY, key, params);
}

/** What every DHCPv4 leasequery reply takes. */
export interface Dhcpv4ReplyParams {
  /** The transaction id of the query answered. */
  readonly xid: number;
  /** The server's address (option 54). */
  readonly serverIdentifier?: string;
  /** base-time (152): the server's current time, seconds since 1970. */
  readonly baseTime?: number;
  /** Further options, placed before the end option. */
  readonly options?: readonly Dhcpv4Option[];
}

function reply(messageType: number, p: Dhcpv4ReplyParams, body: Dhcpv4Option[]): Dhcpv4Message {
  const options: Dhcpv4Option[] = [];
  if (p.serverIdentifier !== undefined) options.push({ code: 54, serverIdentifier: p.serverIdentifier });
  if (p.baseTime !== undefined) options.push({ code: 152, baseTime: p.baseTime });
  options.push(...body);
  if (p.options) options.push(...p.options);
  return message(BOOTP_OP.BOOTREPLY, p.xid, messageType, options);
}

/** The binding a DHCPLEASEACTIVE reports (RFC 4388 §6.4.1, RFC 6926 §6.2). */
export interface Dhcpv4LeaseActiveParams extends Dhcpv4ReplyParams {
  /** The leased address, sent in `ciaddr`. */
  readonly address: string;
  /** The client's Ethernet address as `"aa:bb:cc:dd:ee:ff"` (sets htype 1, hlen 6). */
  readonly chaddr?: string;
  /** Lease time left, in seconds from base-time (option 51). */
  readonly leaseTime?: number;
  /** Seconds before base-time the binding became active (153). */
  readonly startTimeOfState?: number;
  /** Seconds before base-time the client last talked to a server (91). */
  readonly clientLastTransactionTime?: number;
  /** Binding state (156); defaults to ACTIVE. */
  readonly dhcpState?: number;
  /** data-source flags (157). */
  readonly dataSource?: number;
  /** The client identifier (61). */
  readonly clientId?: { readonly type: number; readonly clientIdentifier: Uint8Array };
  /** The relay agent information last received for the client (82). */
  readonly relayAgentInformation?: readonly RelayAgentSubOption[];
  /** Other addresses bound to the client (92). */
  readonly associatedIp?: readonly string[];
}

/**
 * A DHCPLEASEACTIVE: one active binding (RFC 4388 §6.4.1, RFC 6926 §7.4).
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseActive } from "dhcp-leasequery";
 * const m = buildDhcpv4LeaseActive({ xid: 7, address: "192.0.2.5", chaddr: "02:00:00:00:00:01", leaseTime: 3600 });
 * console.log(m.htype, m.chaddr, m.options.length); // 1 "02:00:00:00:00:01" 4
 * ```
 * @throws never
 */
export function buildDhcpv4LeaseActive(p: Dhcpv4LeaseActiveParams): Dhcpv4Message {
  const body: Dhcpv4Option[] = [];
  if (p.leaseTime !== undefined) body.push({ code: 51, leaseTime: p.leaseTime });
  if (p.startTimeOfState !== undefined) body.push({ code: 153, startTimeOfState: p.startTimeOfState });
  if (p.clientLastTransactionTime !== undefined) {
    body.push({ code: 91, clientLastTransactionTime: p.clientLastTransactionTime });
  }
  body.push({ code: 156, dhcpState: p.dhcpState ?? DHCP_STATE.ACTIVE });
  if (p.dataSource !== undefined) body.push({ code: 157, dataSource: p.dataSource });
  if (p.clientId) body.push({ code: 61, type: p.clientId.type, clientIdentifier: p.clientId.clientIdentifier });
  if (p.relayAgentInformation) body.push({ code: 82, suboptions: [...p.relayAgentInformation] });
  if (p.associatedIp) body.push({ code: 92, addresses: [...p.associatedIp] });
  const m = reply(DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE, p, body);
  m.ciaddr = p.address;
  if (p.chaddr !== undefined) {
    m.htype = 1;
    m.hlen = 6;
    m.chaddr = p.chaddr;
  }
  return m;
}

/** The address a DHCPLEASEUNASSIGNED reports. */
export interface Dhcpv4LeaseUnassignedParams extends Dhcpv4ReplyParams {
  /** The address, sent in `ciaddr`. */
  readonly address: string;
  /** Its state (156), e.g. AVAILABLE, EXPIRED or RELEASED; omitted when not given. */
  readonly dhcpState?: number;
  /** Seconds before base-time the address entered that state (153). */
  readonly startTimeOfState?: number;
}

/**
 * A DHCPLEASEUNASSIGNED: an address the server manages with no active
 * binding (RFC 4388 §6.4.2, RFC 6926 §7.4).
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseUnassigned, DHCP_STATE } from "dhcp-leasequery";
 * const m = buildDhcpv4LeaseUnassigned({ xid: 7, address: "192.0.2.9", dhcpState: DHCP_STATE.EXPIRED });
 * console.log(m.options[1]); // { code: 156, dhcpState: 3 }
 * ```
 * @throws never
 */
export function buildDhcpv4LeaseUnassigned(p: Dhcpv4LeaseUnassignedParams): Dhcpv4Message {
  const body: Dhcpv4Option[] = [];
  if (p.dhcpState !== undefined) body.push({ code: 156, dhcpState: p.dhcpState });
  if (p.startTimeOfState !== undefined) body.push({ code: 153, startTimeOfState: p.startTimeOfState });
  const m = reply(DHCPV4_MESSAGE_TYPE.DHCPLEASEUNASSIGNED, p, body);
  m.ciaddr = p.address;
  return m;
}

/** A status to report (option 151). */
export interface Dhcpv4StatusParams extends Dhcpv4ReplyParams {
  /** A {@link LEASEQUERY_STATUS} value. */
  readonly statusCode?: number;
  /** Its UTF-8 message. */
  readonly statusMessage?: string;
}

/**
 * A status-code option (151, RFC 6926 §6.2.2).
 *
 * @example
 * ```ts
 * import { dhcpv4StatusCodeOption, LEASEQUERY_STATUS } from "dhcp-leasequery";
 * console.log(dhcpv4StatusCodeOption(LEASEQUERY_STATUS.NotAllowed)); // { code: 151, statusCode: 4, statusMessage: "" }
 * ```
 * @throws never
 */
export function dhcpv4StatusCodeOption(statusCode: number, statusMessage = ""): Dhcpv4OptionOf<151> {
  return { code: 151, statusCode, statusMessage };
}

/**
 * A DHCPLEASEQUERYDONE: the end of a Bulk query's replies (RFC 6926 §7.5),
 * with a status when it is not a plain Success.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, encodeDhcpv4, toHex } from "dhcp-leasequery";
 * console.log(toHex(encodeDhcpv4(buildDhcpv4LeaseQueryDone({ xid: 1 }))).slice(-10)); // "6335010fff"
 * ```
 * @throws never
 */
export function buildDhcpv4LeaseQueryDone(p: Dhcpv4StatusParams): Dhcpv4Message {
  const body = p.statusCode === undefined ? [] : [dhcpv4StatusCodeOption(p.statusCode, p.statusMessage)];
  return reply(DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYDONE, p, body);
}

/**
 * A DHCPLEASEQUERYSTATUS: a status report on an Active query, e.g.
 * CatchUpComplete or DataMissing (RFC 7724). Without a status code it
 * carries Success.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryStatus, LEASEQUERY_STATUS } from "dhcp-leasequery";
 * const m = buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: LEASEQUERY_STATUS.CatchUpComplete, baseTime: 1600000000 });
 * console.log(m.options.map((o) => o.code)); // [ 53, 152, 151, 255 ]
 * ```
 * @throws never
 */
export function buildDhcpv4LeaseQueryStatus(p: Dhcpv4StatusParams): Dhcpv4Message {
  const status = dhcpv4StatusCodeOption(p.statusCode ?? LEASEQUERY_STATUS.Success, p.statusMessage);
  return reply(DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYSTATUS, p, [status]);
}

/**
 * The LQ_QUERY query-type (RFC 5460 §5.3) matching a DHCPv4 key: by
 * address 1, by client id 2, by relay id 3, by remote id 5.
 *
 * @example
 * ```ts
 * import { dhcp4o6QueryType } from "dhcp-leasequery";
 * console.log(dhcp4o6QueryType({ remoteId: Uint8Array.of(1) })); // 5
 * ```
 * @throws never
 */
export function dhcp4o6QueryType(key: Dhcpv4LeasequeryKey): 1 | 2 | 3 | 5 {
  if ("address" in key) return 1;
  if ("clientId" in key) return 2;
  return "relayId" in key ? 3 : 5;
}

/** What a DHCP4o6 Bulk or Active leasequery takes besides its key. */
export interface Dhcp4o6QueryParams extends Omit<Dhcpv4QueryParams, "xid"> {
  /** The DHCPv6 transaction id (24 bits). */
  readonly transactionId: number;
  /** The DHCPv4 xid; defaults to `transactionId`. */
  readonly xid?: number;
  /** DHCPv6 option codes of the related IPv6 configuration wanted: the ORO the query MUST carry. */
  readonly requestedOptions: readonly number[];
  /** LQ_QUERY link-address; defaults to `::`. */
  readonly linkAddress?: string;
  /** The requestor's DUID, sent as CLIENTID. */
  readonly requestorId?: Duid;
  /** More LQ_QUERY query-options (e.g. the DHCPv6 form of the key), placed before the ORO. */
  readonly queryOptions?: readonly Dhcpv6Option[];
}

function dhcp4o6Query(msgType: number, v4: Dhcpv4Message, key: Dhcpv4LeasequeryKey, p: Dhcp4o6QueryParams) {
  const options: Dhcpv6Option[] = [];
  if (p.requestorId !== undefined) options.push({ code: 1, duid: p.requestorId });
  options.push({
    code: 44,
    queryType: dhcp4o6QueryType(key),
    linkAddress: p.linkAddress ?? "::",
    options: [...(p.queryOptions ?? []), { code: 6, requestedOptions: [...p.requestedOptions] }],
  });
  options.push({ code: 87, dhcpv4Message: v4 });
  return { msgType, transactionId: p.transactionId, options } satisfies Dhcpv6Message;
}

function v4Params(p: Dhcp4o6QueryParams): Dhcpv4QueryParams {
  const { transactionId, requestedOptions: _oro, linkAddress: _l, requestorId: _r, queryOptions: _q, ...rest } = p;
  return { ...rest, xid: p.xid ?? transactionId };
}

/**
 * A DHCP4o6 Bulk Leasequery: a DHCPv6 LEASEQUERY whose LQ_QUERY has the
 * query-type of the DHCPv4 key and an ORO, carrying a DHCPBULKLEASEQUERY
 * in OPTION_DHCPV4_MSG (DHCP4o6 Bulk/Active Leasequery draft §5.1).
 *
 * @example
 * ```ts
 * import { buildDhcp4o6Leasequery } from "dhcp-leasequery";
 * const m = buildDhcp4o6Leasequery({ address: "192.0.2.5" }, { transactionId: 1, requestedOptions: [5] });
 * console.log(m.msgType, m.options.map((o) => o.code)); // 14 [ 44, 87 ]
 * ```
 * @throws never
 */
export function buildDhcp4o6Leasequery(key: Dhcpv4LeasequeryKey, params: Dhcp4o6QueryParams): Dhcpv6Message {
  const v4 = buildDhcpv4BulkLeasequery(key, v4Params(params));
  return dhcp4o6Query(MESSAGE_TYPE.LEASEQUERY, v4, key, params);
}

/**
 * A DHCP4o6 Active Leasequery: a DHCPv6 ACTIVELEASEQUERY carrying a
 * DHCPACTIVELEASEQUERY in OPTION_DHCPV4_MSG, with an ORO in its LQ_QUERY
 * (DHCP4o6 Bulk/Active Leasequery draft §5.2).
 *
 * @example
 * ```ts
 * import { buildDhcp4o6ActiveLeasequery } from "dhcp-leasequery";
 * const m = buildDhcp4o6ActiveLeasequery({ relayId: Uint8Array.of(1, 2) }, { transactionId: 2, requestedOptions: [] });
 * console.log(m.msgType); // 22
 * ```
 * @throws never
 */
export function buildDhcp4o6ActiveLeasequery(key: Dhcpv4LeasequeryKey, params: Dhcp4o6QueryParams): Dhcpv6Message {
  const v4 = buildDhcpv4ActiveLeasequery(key, v4Params(params));
  return dhcp4o6Query(MESSAGE_TYPE.ACTIVELEASEQUERY, v4, key, params);
}

const V6_STATUS_OF_V4: readonly (number | undefined)[] = [0, 1, 11, 8, 10, 12, undefined, 13, 15];

/**
 * The DHCPv6 status code that means the same as a DHCPv4 leasequery
 * status (RFC 6926 vs RFC 5460, RFC 7724 vs RFC 7653), or undefined for
 * ConnectionActive and unknown codes, which have no DHCPv6 counterpart.
 *
 * @example
 * ```ts
 * import { dhcpv6StatusOf, LEASEQUERY_STATUS } from "dhcp-leasequery";
 * console.log(dhcpv6StatusOf(LEASEQUERY_STATUS.QueryTerminated)); // 11
 * ```
 * @throws never
 */
export function dhcpv6StatusOf(leasequeryStatus: number): number | undefined {
  return V6_STATUS_OF_V4[leasequeryStatus];
}

/** What a DHCP4o6 reply takes besides the DHCPv4 message. */
export interface Dhcp4o6ReplyParams {
  /** The DHCPv6 transaction id of the query answered. */
  readonly transactionId: number;
  /** The server's DUID, sent as SERVERID. */
  readonly serverId?: Duid;
  /**
   * The DHCPv6 STATUS_CODE. Defaults to the counterpart of the DHCPv4
   * message's status-code (151) when that is not Success, so both say the
   * same.
   */
  readonly statusCode?: number;
  /** The DHCPv6 status message; defaults to the DHCPv4 one. */
  readonly statusMessage?: string;
  /** LQ_BASE_TIME: the server's current time, seconds since 2000. */
  readonly baseTime?: number;
  /** Further top-level DHCPv6 options, appended as given. */
  readonly options?: readonly Dhcpv6Option[];
}

function dhcp4o6Reply(
  msgType: number,
  p: Dhcp4o6ReplyParams,
  v4: Dhcpv4Message | undefined,
  related: readonly Dhcpv6Option[] | undefined,
): Dhcpv6Message {
  const options: Dhcpv6Option[] = [];
  if (p.serverId !== undefined) options.push({ code: 2, duid: p.serverId });
  const v4Status = v4 ? findDhcpv4Option(v4, 151) : undefined;
  const derived = v4Status && v4Status.statusCode !== 0 ? dhcpv6StatusOf(v4Status.statusCode) : undefined;
  const statusCode = p.statusCode ?? derived;
  if (statusCode !== undefined) {
    options.push({ code: 13, statusCode, statusMessage: p.statusMessage ?? v4Status?.statusMessage ?? "" });
  }
  if (p.baseTime !== undefined) options.push({ code: 100, baseTime: p.baseTime });
  if (v4) options.push({ code: 87, dhcpv4Message: v4 });
  if (related) options.push({ code: 45, options: [...related] });
  if (p.options) options.push(...p.options);
  return { msgType, transactionId: p.transactionId, options };
}

/**
 * A DHCP4o6 LEASEQUERY-REPLY: the first DHCPv4 reply (DHCPLEASEACTIVE,
 * DHCPLEASEUNASSIGNED, DHCPLEASEQUERYSTATUS, ...) in OPTION_DHCPV4_MSG and
 * the related IPv6 options in a CLIENT_DATA.
 *
 * @example
 * ```ts
 * import { buildDhcp4o6LeasequeryReply, buildDhcpv4LeaseActive } from "dhcp-leasequery";
 * const v4 = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5" });
 * const m = buildDhcp4o6LeasequeryReply({ transactionId: 1 }, v4, [{ code: 46, cltTime: 60 }]);
 * console.log(m.msgType, m.options.map((o) => o.code)); // 15 [ 87, 45 ]
 * ```
 * @throws never
 */
export function buildDhcp4o6LeasequeryReply(
  params: Dhcp4o6ReplyParams,
  dhcpv4: Dhcpv4Message,
  related?: readonly Dhcpv6Option[],
): Dhcpv6Message {
  return dhcp4o6Reply(MESSAGE_TYPE.LEASEQUERY_REPLY, params, dhcpv4, related);
}

/**
 * A DHCP4o6 LEASEQUERY-DATA: one more DHCPv4 reply in OPTION_DHCPV4_MSG and
 * its related IPv6 options in a CLIENT_DATA.
 *
 * @example
 * ```ts
 * import { buildDhcp4o6LeasequeryData, buildDhcpv4LeaseUnassigned } from "dhcp-leasequery";
 * const v4 = buildDhcpv4LeaseUnassigned({ xid: 1, address: "192.0.2.9" });
 * console.log(buildDhcp4o6LeasequeryData({ transactionId: 1 }, v4).msgType); // 17
 * ```
 * @throws never
 */
export function buildDhcp4o6LeasequeryData(
  params: Dhcp4o6ReplyParams,
  dhcpv4: Dhcpv4Message,
  related?: readonly Dhcpv6Option[],
): Dhcpv6Message {
  return dhcp4o6Reply(MESSAGE_TYPE.LEASEQUERY_DATA, params, dhcpv4, related);
}

/**
 * A DHCP4o6 LEASEQUERY-DONE, with the DHCPLEASEQUERYDONE in
 * OPTION_DHCPV4_MSG when given; a DHCPv4 status other than Success is
 * mirrored in the DHCPv6 STATUS_CODE.
 *
 * @example
 * ```ts
 * import { buildDhcp4o6LeasequeryDone, buildDhcpv4LeaseQueryDone, LEASEQUERY_STATUS } from "dhcp-leasequery";
 * const v4 = buildDhcpv4LeaseQueryDone({ xid: 1, statusCode: LEASEQUERY_STATUS.QueryTerminated });
 * console.log(buildDhcp4o6LeasequeryDone({ transactionId: 1 }, v4).options[0]); // { code: 13, statusCode: 11, statusMessage: "" }
 * ```
 * @throws never
 */
export function buildDhcp4o6LeasequeryDone(params: Dhcp4o6ReplyParams, dhcpv4?: Dhcpv4Message): Dhcpv6Message {
  return dhcp4o6Reply(MESSAGE_TYPE.LEASEQUERY_DONE, params, dhcpv4, undefined);
}
