/**
 * The reply sequence a server sends for one Bulk Leasequery (RFC 5460 §7.2,
 * seed 003 §7.2), for DHCPv6 and for DHCP4o6 (seed 002 §5.1).
 * @module
 */

import {
  buildDhcp4o6LeasequeryData,
  buildDhcp4o6LeasequeryDone,
  buildDhcp4o6LeasequeryReply,
  type Dhcp4o6Binding,
  dhcpv4StatusOf,
} from "../dhcp4o6/build.js";
import { dhcp4o6MessageOf } from "../dhcp4o6/find.js";
import { buildDhcpv4LeaseQueryDone, buildDhcpv4LeaseQueryStatus } from "../v4/build.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { buildLeasequeryData, buildLeasequeryDone, buildLeasequeryReply } from "../v6/build.js";
import { MESSAGE_TYPE } from "../v6/codes.js";
import { findOption } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6Option, Duid } from "../v6/schema.js";
import { asksFor } from "../validate/walk.js";
import { DHCPV6_EPOCH_UNIX } from "../wire/time.js";
import { transactionIdOf } from "./output.js";

/** What {@link bulkReplies} takes besides the query and the bindings. */
export interface BulkReplyParams {
  /** The server's DUID, sent as SERVERID in the LEASEQUERY-REPLY. */
  readonly serverId?: Duid;
  /**
   * The server's current absolute time (seconds since 2000). Sent as
   * LQ_BASE_TIME in every message when the query's ORO asks for it (RFC
   * 7653 §9.3), and required then.
   */
  readonly baseTime?: number;
}

/**
 * One binding to send: the options that go inside its CLIENT_DATA, or, to
 * answer a DHCP4o6 query, a {@link Dhcp4o6Binding} (the DHCPv4 reply for
 * OPTION_DHCPV4_MSG and the related IPv6 options).
 */
export type BulkBinding = readonly Dhcpv6Option[] | Dhcp4o6Binding;

/**
 * The messages that answer a successful Bulk LEASEQUERY: a
 * LEASEQUERY-REPLY with the first binding, a LEASEQUERY-DATA for each
 * further binding, and a LEASEQUERY-DONE; or, without bindings, one
 * LEASEQUERY-REPLY with neither status nor CLIENT_DATA, and no DONE (RFC
 * 5460 §6.3, §7.2). The REPLY carries SERVERID and echoes the query's
 * CLIENTID; DATA and DONE repeat neither (§5.2.1). Lazy: bindings are read
 * one at a time, so a large set is never held as messages.
 *
 * A DHCP4o6 query (one carrying a DHCPBULKLEASEQUERY in OPTION_DHCPV4_MSG)
 * is answered the DHCP4o6 way (seed 002 §5.1): each REPLY / DATA carries
 * the binding's DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED in OPTION_DHCPV4_MSG
 * at message level (its xid set to the query's) and the related IPv6
 * options in a CLIENT_DATA; the DONE, or the lone REPLY when there is no
 * binding, carries the DHCPLEASEQUERYDONE (RFC 6926 §7.4).
 *
 * @example
 * ```ts
 * import { leasequeryByLinkAddress } from "dhcp-leasequery";
 * import { bulkReplies } from "dhcp-leasequery";
 * const q = leasequeryByLinkAddress("2001:db8::", { transactionId: 2, requestedOptions: [100] });
 * const ms = [...bulkReplies(q, [[{ code: 46, cltTime: 1 }], [{ code: 46, cltTime: 2 }]], { baseTime: 9 })];
 * console.log(ms.map((m) => m.msgType), ms.every((m) => m.options.some((o) => o.code === 100))); // [15, 17, 16] true
 * ```
 * @throws RangeError (on first use) if the query is not a client/server message, or its ORO asks for LQ_BASE_TIME and no `baseTime` is given
 * @throws TypeError (when reached) for a DHCP4o6 binding answering a DHCPv6 query, or the reverse; whatever the bindings' iterator throws
 */
export function* bulkReplies(
  query: Dhcpv6Message,
  bindings: Iterable<BulkBinding>,
  params: BulkReplyParams = {},
): Generator<Dhcpv6Message, void, undefined> {
  const shape = replyShape(query, params);
  let sent = 0;
  for (const binding of bindings) yield sent++ === 0 ? shape.first(binding) : shape.next(binding);
  yield sent === 0 ? shape.none() : shape.done();
}

/**
 * How each message of the answer to one query is built. `failed` answers
 * with an error: a LEASEQUERY-REPLY when nothing was sent yet, else a
 * LEASEQUERY-DONE (seed 003 §7.2).
 * @internal
 */
export interface ReplyShape {
  first(binding: BulkBinding): Dhcpv6Message;
  next(binding: BulkBinding): Dhcpv6Message;
  none(): Dhcpv6Message;
  done(): Dhcpv6Message;
  failed(statusCode: number, statusMessage: string, replied: boolean): Dhcpv6Message;
}

/**
 * The {@link ReplyShape} for `query`; `baseTime` is sent when the ORO asks.
 * @throws RangeError as {@link bulkReplies}
 * @internal
 */
export function replyShape(query: Dhcpv6Message, params: BulkReplyParams): ReplyShape {
  const transactionId = transactionIdOf(query);
  if (transactionId === undefined) throw new RangeError("bulkReplies answers a LEASEQUERY (a client/server message)");
  const baseTime = baseTimeFor(query, params.baseTime);
  const time = baseTime === undefined ? {} : { baseTime };
  const clientId = findOption(query, 1)?.duid;
  const v4Query = dhcp4o6MessageOf(query);
  if (v4Query !== undefined) return dhcp4o6Shape(query, v4Query, transactionId, params.serverId, clientId, baseTime);
  const first = replyParams(transactionId, params.serverId, clientId, time);
  return {
    first: (b) => buildLeasequeryReply(first, dhcpv6Binding(b)),
    next: (b) => buildLeasequeryData({ transactionId, ...time }, dhcpv6Binding(b)),
    none: () => buildLeasequeryReply(first),
    done: () => buildLeasequeryDone({ transactionId, ...time }),
    failed: (statusCode, statusMessage, replied) =>
      replied
        ? buildLeasequeryDone({ transactionId, statusCode, statusMessage, ...time })
        : buildLeasequeryReply(
            replyParams(transactionId, params.serverId, clientId, { statusCode, statusMessage, ...time }),
          ),
  };
}

function dhcpv6Binding(b: BulkBinding): readonly Dhcpv6Option[] {
  if (!Array.isArray(b)) throw new TypeError("a DHCP4o6 binding answers a DHCP4o6 query only");
  return b as readonly Dhcpv6Option[];
}

function dhcp4o6Shape(
  query: Dhcpv6Message,
  v4Query: Dhcpv4Message,
  transactionId: number,
  serverId: Duid | undefined,
  clientId: Duid | undefined,
  baseTime: number | undefined,
): ReplyShape {
  const xid = v4Query.xid;
  const time = baseTime === undefined ? {} : { baseTime };
  // The DHCPv4 part carries the server's time too (base-time, 152, RFC 6926 §6.2.3), in its own epoch.
  const v4Time = baseTime === undefined ? {} : { baseTime: baseTime + DHCPV6_EPOCH_UNIX };
  const first = {
    transactionId,
    ...(serverId === undefined ? {} : { serverId }),
    ...time,
    ...(clientId === undefined ? {} : { options: [{ code: 1, duid: clientId }] as Dhcpv6Option[] }),
  };
  const binding = (b: BulkBinding): Dhcp4o6Binding => {
    if (Array.isArray(b))
      throw new TypeError("a DHCP4o6 query is answered with DHCP4o6 bindings ({ dhcpv4, related })");
    return b as Dhcp4o6Binding;
  };
  const v4 = (b: Dhcp4o6Binding): Dhcpv4Message => ({ ...b.dhcpv4, xid });
  const active = query.msgType === MESSAGE_TYPE.ACTIVELEASEQUERY;
  const failure = (statusCode: number, statusMessage: string): Dhcpv4Message => {
    // Bulk ends with DHCPLEASEQUERYDONE (RFC 6926 §7.4); Active reports with DHCPLEASEQUERYSTATUS (RFC 7724).
    const p = { xid, statusCode: dhcpv4StatusOf(statusCode), statusMessage, ...v4Time };
    return active ? buildDhcpv4LeaseQueryStatus(p) : buildDhcpv4LeaseQueryDone(p);
  };
  return {
    first: (b) => {
      const x = binding(b);
      return buildDhcp4o6LeasequeryReply(first, v4(x), x.related);
    },
    next: (b) => {
      const x = binding(b);
      return buildDhcp4o6LeasequeryData({ transactionId, ...time }, v4(x), x.related);
    },
    none: () => buildDhcp4o6LeasequeryReply(first, buildDhcpv4LeaseQueryDone({ xid, ...v4Time })),
    done: () => buildDhcp4o6LeasequeryDone({ transactionId, ...time }, buildDhcpv4LeaseQueryDone({ xid, ...v4Time })),
    failed: (statusCode, statusMessage, replied) =>
      replied
        ? buildDhcp4o6LeasequeryDone(
            { transactionId, statusCode, statusMessage, ...time },
            buildDhcpv4LeaseQueryDone({ xid, statusCode: dhcpv4StatusOf(statusCode), statusMessage, ...v4Time }),
          )
        : buildDhcp4o6LeasequeryReply({ ...first, statusCode, statusMessage }, failure(statusCode, statusMessage)),
  };
}

/** @internal */
export function replyParams(
  transactionId: number,
  serverId: Duid | undefined,
  clientId: Duid | undefined,
  extra: { baseTime?: number; statusCode?: number; statusMessage?: string },
): Parameters<typeof buildLeasequeryReply>[0] {
  return {
    transactionId,
    ...(serverId === undefined ? {} : { serverId }),
    ...(clientId === undefined ? {} : { clientId }),
    ...extra,
  };
}

/** The LQ_BASE_TIME a reply to `query` must carry, or undefined when its ORO does not ask. @internal */
export function baseTimeFor(query: Dhcpv6Message, baseTime: number | undefined): number | undefined {
  if (!asksFor(query.options, 100)) return undefined;
  if (baseTime === undefined) throw new RangeError("the query's ORO asks for LQ_BASE_TIME: give baseTime");
  return baseTime;
}
