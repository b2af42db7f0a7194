/**
 * Constructors for the messages requestors and servers send. Each returns a
 * plain {@link Dhcpv6Message} value: inspect or change it, then `encode` it.
 * @module
 */
import { MESSAGE_TYPE, QUERY_TYPE, STATUS_CODE } from "./codes.js";
import type { Dhcpv6Message, Dhcpv6Option, Dhcpv6OptionOf, Duid } from "./schema.js";

/** The unspecified address: "all links" / "no link" in LQ_QUERY (RFC 5460 §5.3). */
export const UNSPECIFIED_ADDRESS = "::";

/**
 * The key a leasequery asks by (RFC 5007 §4.1.2.1, RFC 5460 §5.3); the
 * required query-option is built from it.
 */
export type LeasequeryKey =
  | { readonly queryType: typeof QUERY_TYPE.QUERY_BY_ADDRESS; readonly address: string; readonly linkAddress?: string }
  | { readonly queryType: typeof QUERY_TYPE.QUERY_BY_CLIENTID; readonly clientId: Duid; readonly linkAddress?: string }
  | { readonly queryType: typeof QUERY_TYPE.QUERY_BY_RELAY_ID; readonly relayId: Duid; readonly linkAddress?: string }
  | { readonly queryType: typeof QUERY_TYPE.QUERY_BY_LINK_ADDRESS; readonly linkAddress: string }
  | {
      readonly queryType: typeof QUERY_TYPE.QUERY_BY_REMOTE_ID;
      readonly enterpriseNumber: number;
      readonly remoteId: Uint8Array;
      readonly linkAddress?: string;
    };

/** What every leasequery request takes besides its key. */
export interface LeasequeryParams {
  /** The transaction id (24 bits); unique per outstanding query on a connection. */
  readonly transactionId: number;
  /** The requestor's own DUID, sent as CLIENTID (RFC 5007 §4.1.1). */
  readonly requestorId?: Duid;
  /** Option codes for the ORO in the query-options (RFC 5007 §4.1.2.1). */
  readonly requestedOptions?: readonly number[];
  /** LQ_START_TIME in the query-options: only bindings changed since (RFC 7653 §5.2). */
  readonly queryStartTime?: number;
  /** LQ_END_TIME in the query-options (Bulk only; RFC 7653 §5.3). */
  readonly queryEndTime?: number;
  /** Further top-level options, appended as given. */
  readonly options?: readonly Dhcpv6Option[];
}

function keyOptions(key: LeasequeryKey): Dhcpv6Option[] {
  switch (key.queryType) {
    case QUERY_TYPE.QUERY_BY_ADDRESS:
      // RFC 5007 §4.1.2.1: lifetimes in the query's IAADDR are ignored; send 0.
      return [{ code: 5, address: key.address, preferredLifetime: 0, validLifetime: 0, options: [] }];
    case QUERY_TYPE.QUERY_BY_CLIENTID:
      return [{ code: 1, duid: key.clientId }];
    case QUERY_TYPE.QUERY_BY_RELAY_ID:
      return [{ code: 53, duid: key.relayId }];
    case QUERY_TYPE.QUERY_BY_REMOTE_ID:
      return [{ code: 37, enterpriseNumber: key.enterpriseNumber, remoteId: key.remoteId }];
    default:
      return [];
  }
}

/**
 * The LQ_QUERY option for a key, with ORO and time range in its query-options.
 *
 * @example
 * ```ts
 * import { lqQueryOption, QUERY_TYPE } from "dhcp-leasequery";
 * const q = lqQueryOption({ queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" });
 * console.log(q.queryType, q.linkAddress, q.options); // 4 "2001:db8::" []
 * ```
 * @throws never (invalid values are reported when the message is encoded)
 */
export function lqQueryOption(
  key: LeasequeryKey,
  extra: Pick<LeasequeryParams, "requestedOptions" | "queryStartTime" | "queryEndTime"> = {},
): Dhcpv6OptionOf<44> {
  const options = keyOptions(key);
  if (extra.requestedOptions !== undefined) options.push({ code: 6, requestedOptions: [...extra.requestedOptions] });
  if (extra.queryStartTime !== undefined) options.push({ code: 101, queryStartTime: extra.queryStartTime });
  if (extra.queryEndTime !== undefined) options.push({ code: 102, queryEndTime: extra.queryEndTime });
  return { code: 44, queryType: key.queryType, linkAddress: key.linkAddress ?? UNSPECIFIED_ADDRESS, options };
}

function request(msgType: number, key: LeasequeryKey, p: LeasequeryParams): Dhcpv6Message {
  const options: Dhcpv6Option[] = [];
  if (p.requestorId !== undefined) options.push({ code: 1, duid: p.requestorId });
  options.push(lqQueryOption(key, p));
  if (p.options) options.push(...p.options);
  return { msgType, transactionId: p.transactionId, options };
}

/**
 * A LEASEQUERY (RFC 5007, and RFC 5460 over TCP) asking by any key.
 * Query types 3-5 are for Bulk Leasequery over TCP only.
 *
 * @example
 * ```ts
 * import { buildLeasequery, encode, QUERY_TYPE } from "dhcp-leasequery";
 * const m = buildLeasequery({ queryType: QUERY_TYPE.QUERY_BY_ADDRESS, address: "2001:db8::5" }, { transactionId: 1 });
 * console.log(encode(m).length); // 53
 * ```
 * @throws never (invalid values are reported when the message is encoded)
 */
export function buildLeasequery(key: LeasequeryKey, params: LeasequeryParams): Dhcpv6Message {
  return request(MESSAGE_TYPE.LEASEQUERY, key, params);
}

/**
 * LEASEQUERY by address: LQ_QUERY type 1 with an IAADDR (RFC 5007 §4.1.2.1).
 *
 * @example
 * ```ts
 * import { leasequeryByAddress } from "dhcp-leasequery";
 * const m = leasequeryByAddress("2001:db8::5", { transactionId: 7 });
 * console.log(m.msgType); // 14
 * ```
 * @throws never
 */
export function leasequeryByAddress(address: string, params: LeasequeryParams, linkAddress?: string): Dhcpv6Message {
  return buildLeasequery({ queryType: 1, address, ...(linkAddress === undefined ? {} : { linkAddress }) }, params);
}

/**
 * LEASEQUERY by client id: LQ_QUERY type 2 with a CLIENTID (RFC 5007 §4.1.2.1).
 *
 * @example
 * ```ts
 * import { leasequeryByClientId } from "dhcp-leasequery";
 * const m = leasequeryByClientId({ duidType: 3, hardwareType: 1, linkLayerAddress: Uint8Array.of(2, 0, 0, 0, 0, 1) }, { transactionId: 7 });
 * console.log(m.options.length); // 1
 * ```
 * @throws never
 */
export function leasequeryByClientId(clientId: Duid, params: LeasequeryParams, linkAddress?: string): Dhcpv6Message {
  return buildLeasequery({ queryType: 2, clientId, ...(linkAddress === undefined ? {} : { linkAddress }) }, params);
}

/**
 * LEASEQUERY by relay id: LQ_QUERY type 3 with a RELAY_ID (RFC 5460 §5.3);
 * link-address `::` asks for all links. TCP only.
 *
 * @example
 * ```ts
 * import { leasequeryByRelayId } from "dhcp-leasequery";
 * const m = leasequeryByRelayId({ duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1) }, { transactionId: 7 });
 * console.log(m.msgType); // 14
 * ```
 * @throws never
 */
export function leasequeryByRelayId(relayId: Duid, params: LeasequeryParams, linkAddress?: string): Dhcpv6Message {
  return buildLeasequery({ queryType: 3, relayId, ...(linkAddress === undefined ? {} : { linkAddress }) }, params);
}

/**
 * LEASEQUERY by link address: LQ_QUERY type 4; the link-address names the
 * link (RFC 5460 §5.3). TCP only.
 *
 * @example
 * ```ts
 * import { leasequeryByLinkAddress } from "dhcp-leasequery";
 * const m = leasequeryByLinkAddress("2001:db8:1::", { transactionId: 7 });
 * console.log(m.msgType); // 14
 * ```
 * @throws never
 */
export function leasequeryByLinkAddress(linkAddress: string, params: LeasequeryParams): Dhcpv6Message {
  return buildLeasequery({ queryType: 4, linkAddress }, params);
}

/**
 * LEASEQUERY by remote id: LQ_QUERY type 5 with a REMOTE_ID (RFC 5460 §5.3).
 * TCP only.
 *
 * @example
 * ```ts
 * import { leasequeryByRemoteId } from "dhcp-leasequery";
 * const m = leasequeryByRemoteId(3561, Uint8Array.of(1, 2, 3), { transactionId: 7 });
 * console.log(m.msgType); // 14
 * ```
 * @throws never
 */
export function leasequeryByRemoteId(
  enterpriseNumber: number,
  remoteId: Uint8Array,
  params: LeasequeryParams,
  linkAddress?: string,
): Dhcpv6Message {
  return buildLeasequery(
    { queryType: 5, enterpriseNumber, remoteId, ...(linkAddress === undefined ? {} : { linkAddress }) },
    params,
  );
}

/**
 * An ACTIVELEASEQUERY (RFC 7653 §6.2). With `queryStartTime` the server
 * first catches up on changes since then. `requestedOptions` defaults to
 * `[LQ_BASE_TIME]`, so every reply carries the server's base time; pass `[]`
 * to send no ORO. `queryEndTime` must not be used (the server would answer
 * MalformedQuery).
 *
 * @example
 * ```ts
 * import { buildActiveLeasequery, QUERY_TYPE } from "dhcp-leasequery";
 * const m = buildActiveLeasequery({ queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId: { duidType: 4, uuid: new Uint8Array(16) } }, { transactionId: 9, queryStartTime: 800000000 });
 * console.log(m.msgType); // 22
 * ```
 * @throws never
 */
export function buildActiveLeasequery(key: LeasequeryKey, params: LeasequeryParams): Dhcpv6Message {
  return request(MESSAGE_TYPE.ACTIVELEASEQUERY, key, {
    ...params,
    requestedOptions: params.requestedOptions ?? [100],
  });
}

/**
 * A STARTTLS message (RFC 7653 §8.1): if sent, the first message on the
 * connection.
 *
 * @example
 * ```ts
 * import { buildStartTls, encode, toHex } from "dhcp-leasequery";
 * console.log(toHex(encode(buildStartTls({ transactionId: 1 })))); // "17000001"
 * ```
 * @throws never
 */
export function buildStartTls(params: { transactionId: number; options?: readonly Dhcpv6Option[] }): Dhcpv6Message {
  return { msgType: MESSAGE_TYPE.STARTTLS, transactionId: params.transactionId, options: [...(params.options ?? [])] };
}

/**
 * The REPLY to STARTTLS (RFC 7653 §8.1): without a status it means "go
 * ahead with TLS"; with `refused` it carries TLSConnectionRefused, as an
 * insecure-mode server must answer.
 *
 * @example
 * ```ts
 * import { buildStartTlsReply, statusOf } from "dhcp-leasequery";
 * console.log(statusOf(buildStartTlsReply({ transactionId: 1, refused: true }))?.statusCode); // 15
 * ```
 * @throws never
 */
export function buildStartTlsReply(params: {
  transactionId: number;
  refused?: boolean;
  serverId?: Duid;
  statusMessage?: string;
}): Dhcpv6Message {
  const options: Dhcpv6Option[] = [];
  if (params.serverId !== undefined) options.push({ code: 2, duid: params.serverId });
  if (params.refused) options.push(statusCodeOption(STATUS_CODE.TLSConnectionRefused, params.statusMessage));
  return { msgType: MESSAGE_TYPE.REPLY, transactionId: params.transactionId, options };
}

/**
 * A STATUS_CODE option.
 *
 * @example
 * ```ts
 * import { STATUS_CODE, statusCodeOption } from "dhcp-leasequery";
 * console.log(statusCodeOption(STATUS_CODE.NotAllowed)); // { code: 13, statusCode: 10, statusMessage: "" }
 * ```
 * @throws never
 */
export function statusCodeOption(statusCode: number, statusMessage = ""): Dhcpv6OptionOf<13> {
  return { code: 13, statusCode, statusMessage };
}

/**
 * A CLIENT_DATA option holding one client's binding (RFC 5007 §4.1.2.2).
 *
 * @example
 * ```ts
 * import { clientDataOption } from "dhcp-leasequery";
 * console.log(clientDataOption([{ code: 46, cltTime: 10 }]).options.length); // 1
 * ```
 * @throws never
 */
export function clientDataOption(options: readonly Dhcpv6Option[]): Dhcpv6OptionOf<45> {
  return { code: 45, options: [...options] };
}

/** What every server reply takes (RFC 5460 §6.1, RFC 7653 §6). */
export interface ReplyParams {
  /** The transaction id of the query answered. */
  readonly transactionId: number;
  /** The server's DUID, sent as SERVERID. */
  readonly serverId?: Duid;
  /** The requestor's DUID echoed as CLIENTID. */
  readonly clientId?: Duid;
  /** A STATUS_CODE to include (omit for Success). */
  readonly statusCode?: number;
  /** The status message text. */
  readonly statusMessage?: string;
  /** LQ_BASE_TIME: the server's current time, when the query's ORO asked for it. */
  readonly baseTime?: number;
  /** Further top-level options, appended as given. */
  readonly options?: readonly Dhcpv6Option[];
}

function reply(msgType: number, p: ReplyParams, binding?: readonly Dhcpv6Option[]): Dhcpv6Message {
  const options: Dhcpv6Option[] = [];
  if (p.serverId !== undefined) options.push({ code: 2, duid: p.serverId });
  if (p.clientId !== undefined) options.push({ code: 1, duid: p.clientId });
  if (p.statusCode !== undefined) options.push(statusCodeOption(p.statusCode, p.statusMessage));
  if (p.baseTime !== undefined) options.push({ code: 100, baseTime: p.baseTime });
  if (binding !== undefined) options.push(clientDataOption(binding));
  if (p.options) options.push(...p.options);
  return { msgType, transactionId: p.transactionId, options };
}

/**
 * A LEASEQUERY-REPLY: with `binding`, the first binding in a CLIENT_DATA;
 * with only a status, a refusal or empty answer (RFC 5007 §4.3.3, RFC 5460
 * §6.2).
 *
 * @example
 * ```ts
 * import { buildLeasequeryReply, STATUS_CODE } from "dhcp-leasequery";
 * const m = buildLeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.NotAllowed });
 * console.log(m.msgType, m.options.length); // 15 1
 * ```
 * @throws never
 */
export function buildLeasequeryReply(params: ReplyParams, binding?: readonly Dhcpv6Option[]): Dhcpv6Message {
  return reply(MESSAGE_TYPE.LEASEQUERY_REPLY, params, binding);
}

/**
 * A LEASEQUERY-DATA (RFC 5460 §5.2.1): with `binding`, one more binding;
 * without, a keep-alive (Active, RFC 7653 §8.3) or, with statusCode
 * CatchUpComplete, the end of catch-up.
 *
 * @example
 * ```ts
 * import { buildLeasequeryData, STATUS_CODE } from "dhcp-leasequery";
 * const m = buildLeasequeryData({ transactionId: 1, statusCode: STATUS_CODE.CatchUpComplete, baseTime: 5 });
 * console.log(m.msgType, m.options.length); // 17 2
 * ```
 * @throws never
 */
export function buildLeasequeryData(params: ReplyParams, binding?: readonly Dhcpv6Option[]): Dhcpv6Message {
  return reply(MESSAGE_TYPE.LEASEQUERY_DATA, params, binding);
}

/**
 * A LEASEQUERY-DONE (RFC 5460 §5.2.2): the end of a successful Bulk query,
 * or with QueryTerminated (and LQ_BASE_TIME) the end of an Active one.
 *
 * @example
 * ```ts
 * import { buildLeasequeryDone, STATUS_CODE } from "dhcp-leasequery";
 * const m = buildLeasequeryDone({ transactionId: 1, statusCode: STATUS_CODE.QueryTerminated, baseTime: 9 });
 * console.log(m.msgType); // 16
 * ```
 * @throws never
 */
export function buildLeasequeryDone(params: ReplyParams): Dhcpv6Message {
  return reply(MESSAGE_TYPE.LEASEQUERY_DONE, params);
}
