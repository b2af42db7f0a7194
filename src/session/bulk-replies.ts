/**
 * The reply sequence a server sends for one successful Bulk Leasequery
 * (RFC 5460 §7.2).
 * @module
 */

import { buildLeasequeryData, buildLeasequeryDone, buildLeasequeryReply } from "../v6/build.js";
import { findOption } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6Option, Duid } from "../v6/schema.js";
import { asksFor } from "../validate/walk.js";
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
 * The messages that answer a successful Bulk LEASEQUERY: a
 * LEASEQUERY-REPLY with the first binding, a LEASEQUERY-DATA for each
 * further binding, and a LEASEQUERY-DONE; or, without bindings, one
 * LEASEQUERY-REPLY with neither status nor CLIENT_DATA, and no DONE (RFC
 * 5460 §6.3, §7.2). The REPLY carries SERVERID and echoes the query's
 * CLIENTID; DATA and DONE repeat neither (§5.2.1). Lazy: bindings are read
 * one at a time, so a large set is never held as messages.
 *
 * Each binding is the list of options that goes inside its CLIENT_DATA.
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
 */
export function* bulkReplies(
  query: Dhcpv6Message,
  bindings: Iterable<readonly Dhcpv6Option[]>,
  params: BulkReplyParams = {},
): Generator<Dhcpv6Message, void, undefined> {
  const transactionId = transactionIdOf(query);
  if (transactionId === undefined) throw new RangeError("bulkReplies answers a LEASEQUERY (a client/server message)");
  const baseTime = baseTimeFor(query, params.baseTime);
  const time = baseTime === undefined ? {} : { baseTime };
  const clientId = findOption(query, 1)?.duid;
  let sent = 0;
  for (const binding of bindings) {
    if (sent++ === 0) yield buildLeasequeryReply(replyParams(transactionId, params.serverId, clientId, time), binding);
    else yield buildLeasequeryData({ transactionId, ...time }, binding);
  }
  if (sent === 0) yield buildLeasequeryReply(replyParams(transactionId, params.serverId, clientId, time));
  else yield buildLeasequeryDone({ transactionId, ...time });
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
