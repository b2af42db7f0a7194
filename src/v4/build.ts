/**
 * Constructors for DHCPv4 Bulk and Active Leasequery messages (RFC 6926,
 * RFC 7724). Each returns a plain value: inspect or change it, then encode
 * it. The DHCP4o6 messages that carry them inside DHCPv6 are built in
 * `src/dhcp4o6/`, which sits above both the v4 and the v6 layer.
 * @module
 */
import { BOOTP_OP, DHCP_STATE, DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "./codes.js";
import { CHADDR_SIZE, ETHERNET } from "./layout.js";
import { dhcpv4Message } from "./message-value.js";
import type { Dhcpv4Message, Dhcpv4Option, Dhcpv4OptionOf, RelayAgentSubOption } from "./schema.js";

/**
 * What a DHCPv4 Bulk or Active Leasequery asks by (RFC 6926 §7.2): an IPv4
 * address (in `ciaddr`), a MAC address (in `chaddr`, with `htype` and
 * `hlen`, as in RFC 4388 §6.1), a client identifier (option 61), a relay
 * identifier (option 82 sub-option 12) or a remote id (option 82
 * sub-option 2).
 */
export type Dhcpv4LeasequeryKey =
  | { readonly address: string }
  | {
      /** The hardware address, sent in `chaddr` (at most 16 bytes). */
      readonly mac: Uint8Array;
      /** The hardware type (`htype`, RFC 1700 ARP hardware types); default 1, Ethernet. */
      readonly htype?: number;
    }
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
  const m = dhcpv4Message(BOOTP_OP.BOOTREQUEST, p.xid, messageType, options);
  if (key && "address" in key) m.ciaddr = key.address;
  if (key && "mac" in key) {
    m.htype = key.htype ?? ETHERNET.htype;
    m.hlen = key.mac.length;
    // chaddr is 16 bytes, the address first; a longer one is left for the encoder to reject.
    const chaddr = key.mac.length <= CHADDR_SIZE ? new Uint8Array(CHADDR_SIZE) : key.mac;
    if (chaddr !== key.mac) chaddr.set(key.mac);
    m.chaddr = chaddr;
  }
  return m;
}

/**
 * A DHCPBULKLEASEQUERY (RFC 6926 §7.2) asking by address, MAC address,
 * client id, relay id or remote id.
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
  return dhcpv4Message(BOOTP_OP.BOOTREPLY, p.xid, messageType, options);
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
