/**
 * Constructors for the DHCP4o6 leasequery exchange (seed 002, the DHCP4o6
 * Bulk/Active Leasequery draft, §5): DHCPv6 LEASEQUERY / ACTIVELEASEQUERY
 * and LEASEQUERY-REPLY / -DATA / -DONE carrying a DHCPv4 leasequery
 * message in OPTION_DHCPV4_MSG (RFC 7341 §6.1). This layer sits above the
 * DHCPv4 and DHCPv6 ones and is the only one that joins them.
 * @module
 */
import {
  buildDhcpv4ActiveLeasequery,
  buildDhcpv4BulkLeasequery,
  type Dhcpv4LeasequeryKey,
  type Dhcpv4QueryParams,
} from "../v4/build.js";
import { findDhcpv4Option } from "../v4/find.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { MESSAGE_TYPE } from "../v6/codes.js";
import type { Dhcpv6Message, Dhcpv6Option, Duid } from "../v6/schema.js";
import { DHCPV6_EPOCH_UNIX } from "../wire/time.js";

/**
 * The LQ_QUERY query-type (RFC 5460 §5.3) matching a DHCPv4 key: by
 * address 1, by client id 2, by relay id 3, by remote id 5. A MAC address
 * is asked as QUERY_BY_CLIENTID (2): seed 002 defines no query-type of its
 * own for it, and DHCPv6 names a client by a link-layer address as a
 * DUID-LL.
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
  // DHCPv6 has no query by MAC address: it names a client by DUID, and a MAC is a DUID-LL (RFC 8415 §11.4).
  if ("clientId" in key || "mac" in key) return 2;
  return "relayId" in key ? 3 : 5;
}

/**
 * What a DHCP4o6 Bulk or Active leasequery takes besides its key.
 * `queryStartTime` and `queryEndTime` are DHCPv4 times (seconds since 1970):
 * they go into the DHCPv4 query (options 154, 155) and, in the DHCPv6
 * epoch, into the LQ_QUERY as LQ_START_TIME and LQ_END_TIME.
 */
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
  const queryOptions: Dhcpv6Option[] = [];
  if ("mac" in key) {
    queryOptions.push({ code: 1, duid: { duidType: 3, hardwareType: key.htype ?? 1, linkLayerAddress: key.mac } });
  }
  queryOptions.push(...(p.queryOptions ?? []), { code: 6, requestedOptions: [...p.requestedOptions] });
  // The DHCPv6 side carries the times too (LQ_START_TIME / LQ_END_TIME, seconds since 2000), so that a
  // DHCPv6 Bulk or Active Leasequery requestor or server sees the catch-up it asks for (RFC 7653 §8.4.1).
  if (p.queryStartTime !== undefined) {
    queryOptions.push({ code: 101, queryStartTime: p.queryStartTime - DHCPV6_EPOCH_UNIX });
  }
  if (p.queryEndTime !== undefined) queryOptions.push({ code: 102, queryEndTime: p.queryEndTime - DHCPV6_EPOCH_UNIX });
  options.push({
    code: 44,
    queryType: dhcp4o6QueryType(key),
    linkAddress: p.linkAddress ?? "::",
    options: queryOptions,
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

/**
 * The DHCPv4 leasequery status that means the same as a DHCPv6 status code
 * (the inverse of {@link dhcpv6StatusOf}); a DHCPv6 failure without a
 * DHCPv4 counterpart (UnknownQueryType, NotConfigured, NotSupported, ...)
 * is UnspecFail (1).
 *
 * @example
 * ```ts
 * import { dhcpv4StatusOf, STATUS_CODE } from "dhcp-leasequery";
 * console.log(dhcpv4StatusOf(STATUS_CODE.QueryTerminated), dhcpv4StatusOf(STATUS_CODE.NotConfigured)); // 2 1
 * ```
 * @throws never
 */
export function dhcpv4StatusOf(statusCode: number): number {
  const v4 = V6_STATUS_OF_V4.indexOf(statusCode);
  return v4 >= 0 ? v4 : 1;
}

/**
 * One binding of a DHCP4o6 reply (seed 002 §5.1): the DHCPv4 reply
 * (DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED), sent in OPTION_DHCPV4_MSG at
 * message level, and the related IPv6 options, sent in a CLIENT_DATA when
 * there are any.
 */
export interface Dhcp4o6Binding {
  readonly dhcpv4: Dhcpv4Message;
  readonly related?: readonly Dhcpv6Option[];
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
