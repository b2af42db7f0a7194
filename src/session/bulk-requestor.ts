/**
 * The requestor side of Bulk Leasequery (RFC 5460 §6) on one connection,
 * sans-I/O.
 * @module
 */
import { dhcp4o6MessageOf, leasequeryStatusOf } from "../dhcp4o6/find.js";
import { BULK_LQ_DATA_TIMEOUT } from "../stream/timers.js";
import { DHCPV4_MESSAGE_TYPE } from "../v4/codes.js";
import { dhcpv4MessageTypeOf } from "../v4/find.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { MESSAGE_TYPE, STATUS_CODE } from "../v6/codes.js";
import { findOption } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6OptionOf } from "../v6/schema.js";
import { bindingsOf } from "./bindings.js";
import { type TransitionTable, transition } from "./machine.js";
import {
  type CloseEvent,
  type CloseReason,
  checkNow,
  checkTimeout,
  checkTransactionId,
  type SessionOutput,
  transactionIdOf,
} from "./output.js";

/** Options of {@link BulkRequestor}. */
export interface BulkRequestorOptions {
  /**
   * Milliseconds the requestor waits, while a query is outstanding, for the
   * next message before it closes the connection (RFC 5460 §6.3). Default
   * BULK_LQ_DATA_TIMEOUT (30 s).
   */
  readonly dataTimeout?: number;
}

/** What a {@link BulkRequestor} reports. */
export type BulkRequestorEvent =
  | {
      /** The LEASEQUERY-REPLY of a query arrived; `statusCode` is 0 when it has no STATUS_CODE. */
      readonly type: "reply";
      readonly transactionId: number;
      readonly statusCode: number;
      readonly statusMessage: string;
      readonly message: Dhcpv6Message;
    }
  | {
      /**
       * One binding, delivered once: a CLIENT_DATA of a LEASEQUERY-REPLY or
       * -DATA; in DHCP4o6, the DHCPLEASEACTIVE / DHCPLEASEUNASSIGNED in
       * OPTION_DHCPV4_MSG with its related IPv6 options in a CLIENT_DATA,
       * either one alone, or both (seed 002 §5.1).
       */
      readonly type: "binding";
      readonly transactionId: number;
      /** The CLIENT_DATA; undefined for a DHCP4o6 binding without related IPv6 options. */
      readonly clientData: Dhcpv6OptionOf<45> | undefined;
      /** The DHCP4o6 DHCPv4 binding; undefined in plain DHCPv6. */
      readonly dhcpv4: Dhcpv4Message | undefined;
      readonly message: Dhcpv6Message;
    }
  | {
      /** A LEASEQUERY-DATA without CLIENT_DATA, discarded as RFC 5460 §6.3 requires. */
      readonly type: "discarded";
      readonly transactionId: number;
      readonly message: Dhcpv6Message;
    }
  | {
      /**
       * A query is over: a LEASEQUERY-DONE arrived, or the LEASEQUERY-REPLY
       * had an error status or no binding (then no DONE follows, RFC 5460
       * §6.3). `statusCode` 0 is success.
       */
      readonly type: "query-complete";
      readonly transactionId: number;
      readonly statusCode: number;
      readonly statusMessage: string;
      /** How many bindings the query delivered. */
      readonly bindings: number;
    }
  | {
      /** A query still outstanding when the connection is closed; it did not complete. */
      readonly type: "query-aborted";
      readonly transactionId: number;
      readonly bindings: number;
    }
  | CloseEvent;

/** States of one Bulk query on a BulkRequestor connection. */
type BulkQueryState = "awaiting-reply" | "receiving" | "complete";

type QueryInput = "reply" | "data" | "done";

/**
 * Every state of one query and the server messages it takes: one
 * LEASEQUERY-REPLY first, then LEASEQUERY-DATA until LEASEQUERY-DONE (RFC
 * 5460 §5.2.1); a REPLY that carries no binding ends the query at once, as
 * a REPLY followed by DONE. Anything else is a protocol violation.
 */
const QUERY_TABLE: TransitionTable<BulkQueryState, QueryInput> = {
  "awaiting-reply": { reply: "receiving" },
  receiving: { data: "receiving", done: "complete" },
  complete: {},
};

interface Outstanding {
  state: BulkQueryState;
  bindings: number;
  /** The query carried a DHCPv4 query in OPTION_DHCPV4_MSG (seed 002). */
  readonly dhcp4o6: boolean;
}

/**
 * A Bulk Leasequery requestor for one connection: several queries may be
 * outstanding at once, each by its transaction-id, and their replies may
 * interleave (RFC 5460 §6.5). For each query it expects one
 * LEASEQUERY-REPLY, then LEASEQUERY-DATA, then LEASEQUERY-DONE when the
 * REPLY returned a binding; it delivers every binding once, discards DATA
 * without CLIENT_DATA, and asks to close the connection on a reply for an
 * unknown transaction-id or when BULK_LQ_DATA_TIMEOUT passes with no
 * message while a query is outstanding.
 *
 * Times are milliseconds on the caller's clock (see {@link SessionOutput}).
 * After a `close` event the session is closed: it ignores further input.
 *
 * @example
 * ```ts
 * import { buildLeasequeryData, buildLeasequeryDone, buildLeasequeryReply, leasequeryByLinkAddress } from "dhcp-leasequery";
 * import { BulkRequestor } from "dhcp-leasequery";
 * const r = new BulkRequestor();
 * r.query(leasequeryByLinkAddress("2001:db8::", { transactionId: 2 }), 0);
 * const cd = [{ code: 46, cltTime: 5 }];
 * const events = [
 *   buildLeasequeryReply({ transactionId: 2 }, cd),
 *   buildLeasequeryData({ transactionId: 2 }, cd),
 *   buildLeasequeryDone({ transactionId: 2 }),
 * ].flatMap((m) => r.receive(m, 10).events.map((e) => e.type));
 * console.log(events); // ["reply", "binding", "binding", "query-complete"]
 * ```
 */
export class BulkRequestor {
  private readonly dataTimeout: number;
  private readonly outstanding = new Map<number, Outstanding>();
  private lastActivity = 0;
  private isClosed = false;

  /**
   * @param options - see {@link BulkRequestorOptions}
   * @throws RangeError for a timeout that is not a positive number
   */
  constructor(options: BulkRequestorOptions = {}) {
    this.dataTimeout = checkTimeout("dataTimeout", options.dataTimeout ?? BULK_LQ_DATA_TIMEOUT * 1000);
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The transaction-ids of the queries not yet complete, in the order they were sent. */
  get pending(): number[] {
    return [...this.outstanding.keys()];
  }

  /** When `timeout(now)` is due, or undefined when no query is outstanding. */
  get deadline(): number | undefined {
    return this.outstanding.size > 0 && !this.isClosed ? this.lastActivity + this.dataTimeout : undefined;
  }

  /**
   * Sends a LEASEQUERY. Its transaction-id must not belong to a query still
   * outstanding on this connection.
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress } from "dhcp-leasequery";
   * import { BulkRequestor } from "dhcp-leasequery";
   * const r = new BulkRequestor();
   * const out = r.query(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 1000);
   * console.log(out.send.length, out.deadline); // 1 31000
   * ```
   * @throws RangeError if the message is not a LEASEQUERY or its transaction-id is in use; Error once closed
   */
  query(message: Dhcpv6Message, now: number): SessionOutput<BulkRequestorEvent> {
    checkNow(now);
    if (this.isClosed) throw new Error("BulkRequestor: the session is closed");
    const id = transactionIdOf(message);
    if (message.msgType !== MESSAGE_TYPE.LEASEQUERY || id === undefined) {
      throw new RangeError("BulkRequestor.query takes a LEASEQUERY message");
    }
    checkTransactionId(id);
    if (this.outstanding.has(id)) throw new RangeError(`transaction-id ${id} is already outstanding`);
    this.outstanding.set(id, { state: "awaiting-reply", bindings: 0, dhcp4o6: findOption(message, 87) !== undefined });
    this.lastActivity = now;
    return this.output([message], []);
  }

  /**
   * Takes a message from the server.
   *
   * @example
   * ```ts
   * import { buildLeasequeryDone } from "dhcp-leasequery";
   * import { BulkRequestor } from "dhcp-leasequery";
   * const out = new BulkRequestor().receive(buildLeasequeryDone({ transactionId: 9 }), 0);
   * console.log(out.events.map((e) => e.type === "close" && e.reason)); // ["unknown-transaction"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv6Message, now: number): SessionOutput<BulkRequestorEvent> {
    checkNow(now);
    const events: BulkRequestorEvent[] = [];
    if (this.isClosed) return this.output([], events);
    this.lastActivity = now;
    const id = transactionIdOf(message);
    const type = message.msgType;
    if (
      id === undefined ||
      (type !== MESSAGE_TYPE.LEASEQUERY_REPLY &&
        type !== MESSAGE_TYPE.LEASEQUERY_DATA &&
        type !== MESSAGE_TYPE.LEASEQUERY_DONE)
    ) {
      return this.close("unexpected-message", message, events);
    }
    const q = this.outstanding.get(id);
    if (q === undefined) return this.close("unknown-transaction", message, events);
    if (q.dhcp4o6 && !dhcp4o6InPlace(message)) return this.close("protocol-violation", message, events);
    const input =
      type === MESSAGE_TYPE.LEASEQUERY_REPLY ? "reply" : type === MESSAGE_TYPE.LEASEQUERY_DATA ? "data" : "done";
    const next = transition(QUERY_TABLE, q.state, input);
    if (next === undefined) return this.close("protocol-violation", message, events);
    q.state = next;
    if (type === MESSAGE_TYPE.LEASEQUERY_REPLY) {
      const { statusCode, statusMessage } = leasequeryStatusOf(message);
      events.push({ type: "reply", transactionId: id, statusCode, statusMessage, message });
      const bindings = statusCode === STATUS_CODE.Success ? this.deliver(id, q, message, events) : 0;
      if (bindings === 0) {
        q.state = transition(QUERY_TABLE, q.state, "done") as BulkQueryState;
        this.outstanding.delete(id);
        events.push({ type: "query-complete", transactionId: id, statusCode, statusMessage, bindings: 0 });
      }
      return this.output([], events);
    }
    if (type === MESSAGE_TYPE.LEASEQUERY_DATA) {
      if (this.deliver(id, q, message, events) === 0) events.push({ type: "discarded", transactionId: id, message });
      return this.output([], events);
    }
    const { statusCode, statusMessage } = leasequeryStatusOf(message);
    this.outstanding.delete(id);
    events.push({ type: "query-complete", transactionId: id, statusCode, statusMessage, bindings: q.bindings });
    return this.output([], events);
  }

  /**
   * Checks the data timer: at or after the deadline, the session gives up
   * on its outstanding queries and asks to close the connection.
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress } from "dhcp-leasequery";
   * import { BulkRequestor } from "dhcp-leasequery";
   * const r = new BulkRequestor({ dataTimeout: 100 });
   * r.query(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 0);
   * console.log(r.timeout(99).events.length, r.timeout(100).events.map((e) => e.type)); // 0 ["query-aborted", "close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): SessionOutput<BulkRequestorEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], []);
    return this.close("timeout", undefined, []);
  }

  /**
   * Tells the session the connection is gone (closed by the peer, or an
   * error): outstanding queries are reported as aborted.
   *
   * @example
   * ```ts
   * import { BulkRequestor } from "dhcp-leasequery";
   * const r = new BulkRequestor();
   * console.log(r.connectionLost().events.map((e) => e.type), r.closed); // ["close"] true
   * ```
   * @throws never
   */
  connectionLost(): SessionOutput<BulkRequestorEvent> {
    if (this.isClosed) return this.output([], []);
    return this.close("connection-lost", undefined, []);
  }

  private deliver(id: number, q: Outstanding, message: Dhcpv6Message, events: BulkRequestorEvent[]): number {
    const bindings = bindingsOf(message);
    for (const b of bindings) {
      events.push({ type: "binding", transactionId: id, clientData: b.clientData, dhcpv4: b.dhcpv4, message });
    }
    q.bindings += bindings.length;
    return bindings.length;
  }

  private close(
    reason: CloseReason,
    message: Dhcpv6Message | undefined,
    events: BulkRequestorEvent[],
  ): SessionOutput<BulkRequestorEvent> {
    for (const [transactionId, q] of this.outstanding) {
      events.push({ type: "query-aborted", transactionId, bindings: q.bindings });
    }
    this.outstanding.clear();
    this.isClosed = true;
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output([], events);
  }

  private output(send: Dhcpv6Message[], events: BulkRequestorEvent[]): SessionOutput<BulkRequestorEvent> {
    return { send, events, deadline: this.deadline };
  }
}

/**
 * Whether the DHCPv4 part of a reply to a DHCP4o6 Bulk query fits its
 * DHCPv6 part (seed 002 §4, §5.1; RFC 6926 §7.4): DHCPLEASEQUERYDONE
 * exactly in the message that ends the query (the LEASEQUERY-DONE, or a
 * LEASEQUERY-REPLY without binding), and no DHCPLEASEQUERYSTATUS, which
 * belongs to Active Leasequery (RFC 7724). A REPLY or DONE must carry its
 * DHCPv4 message; a DATA may carry only a CLIENT_DATA.
 */
function dhcp4o6InPlace(message: Dhcpv6Message): boolean {
  const v4 = dhcp4o6MessageOf(message);
  const v4Type = v4 === undefined ? undefined : dhcpv4MessageTypeOf(v4);
  const done = v4Type === DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYDONE;
  if (v4Type === DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYSTATUS) return false;
  switch (message.msgType) {
    case MESSAGE_TYPE.LEASEQUERY_DONE:
      return done;
    case MESSAGE_TYPE.LEASEQUERY_REPLY:
      return v4Type !== undefined && (!done || bindingsOf(message).length === 0);
    default:
      return !done;
  }
}
