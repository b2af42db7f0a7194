/**
 * The server side of Bulk and Active Leasequery (RFC 5460 §7, RFC 7653 §9)
 * on one connection, sans-I/O: it answers what the protocol fixes (STARTTLS,
 * malformed or unsupported queries) and turns the application's bindings
 * into correct reply sequences; finding bindings is the application's job.
 * @module
 */
import { ACTIVE_LQ_IDLE_TIMEOUT } from "../stream/timers.js";
import { buildLeasequeryData, buildLeasequeryDone, buildLeasequeryReply, buildStartTlsReply } from "../v6/build.js";
import { MESSAGE_TYPE, STATUS_CODE } from "../v6/codes.js";
import { findOption } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6Option, Duid } from "../v6/schema.js";
import { RULE } from "../validate/rules.js";
import { validate } from "../validate/validate.js";
import { asksFor, locateInQuery } from "../validate/walk.js";
import { dateToDhcpv6Time } from "../wire/time.js";
import { bulkReplies, replyParams } from "./bulk-replies.js";
import {
  type CloseEvent,
  type CloseReason,
  checkNow,
  checkTimeout,
  type SessionOutput,
  transactionIdOf,
} from "./output.js";

/** Options of {@link ServerSession}. */
export interface ServerSessionOptions {
  /**
   * Whether Active Leasequery is offered. A Bulk-only server answers an
   * ACTIVELEASEQUERY with NotSupported and closes (RFC 7653 §9.2). Default true.
   */
  readonly activeLeasequery?: boolean;
  /**
   * How STARTTLS is answered: `"refuse"` (insecure mode: TLSConnectionRefused,
   * RFC 7653 §9.1), `"accept"` (a REPLY without status; the caller then
   * runs the TLS handshake), or `"require"` (secure mode: accept, and close
   * a connection whose first message is not STARTTLS, §9.1). Default
   * `"refuse"`.
   */
  readonly tls?: "refuse" | "accept" | "require";
  /** The server's DUID, sent as SERVERID in each LEASEQUERY-REPLY. */
  readonly serverId?: Duid;
  /**
   * Milliseconds without sending anything on an Active Leasequery
   * connection after which a keep-alive LEASEQUERY-DATA goes out (RFC 7653
   * §8.4). Default ACTIVE_LQ_IDLE_TIMEOUT (60 s).
   */
  readonly idleTimeout?: number;
  /**
   * The server's absolute time (seconds since 2000-01-01, RFC 7653 §6.3.1)
   * at `now`, for LQ_BASE_TIME. Default: `now` read as Unix milliseconds
   * (`Date.now()`); give this when `now` comes from another clock.
   */
  readonly baseTimeAt?: (now: number) => number;
}

/** What a {@link ServerSession} reports. */
export type ServerSessionEvent =
  | {
      /** STARTTLS arrived and was answered; when `accepted`, run the TLS handshake next. */
      readonly type: "starttls";
      readonly accepted: boolean;
      readonly message: Dhcpv6Message;
    }
  | {
      /** A Bulk LEASEQUERY to answer with {@link ServerSession.respondBulk} or {@link ServerSession.refuse}. */
      readonly type: "bulk-query";
      readonly transactionId: number;
      readonly query: Dhcpv6Message;
    }
  | {
      /**
       * An ACTIVELEASEQUERY to take up with {@link ServerSession.acceptActive}
       * (or {@link ServerSession.refuse}); `startTime` is its LQ_START_TIME,
       * the point catch-up starts from.
       */
      readonly type: "active-query";
      readonly transactionId: number;
      readonly query: Dhcpv6Message;
      readonly startTime: number | undefined;
    }
  | {
      /** A query this session answered with an error status on its own. */
      readonly type: "query-rejected";
      readonly transactionId: number;
      readonly statusCode: number;
      readonly query: Dhcpv6Message;
    }
  | CloseEvent;

interface ActiveQuery {
  readonly transactionId: number;
  readonly query: Dhcpv6Message;
  readonly baseTime: boolean;
  readonly startTime: number | undefined;
  accepted: boolean;
  catchUp: boolean;
}

/**
 * One server connection. `receive` answers on its own what RFC 7653 fixes
 * (STARTTLS, LQ_END_TIME in an active query, Active on a Bulk-only server,
 * query types it cannot parse) and reports real queries as events; the
 * application then supplies the bindings:
 *
 * - Bulk: {@link respondBulk} sends REPLY with the first binding, DATA for
 *   the rest, DONE at the end.
 * - Active: {@link acceptActive} sends the REPLY (DataMissing when the
 *   catch-up data is gone), {@link sendBindings} the updates,
 *   {@link catchUpComplete} the DATA that ends catch-up, `timeout` the
 *   keep-alive DATA after ACTIVE_LQ_IDLE_TIMEOUT of silence, and
 *   {@link shutdown} the DONE with QueryTerminated.
 *
 * Every reply carries LQ_BASE_TIME when the query's ORO asks (RFC 7653
 * §9.3). Times are milliseconds on the caller's clock (see
 * {@link SessionOutput}).
 *
 * @example
 * ```ts
 * import { buildActiveLeasequery } from "dhcp-leasequery";
 * import { ServerSession } from "dhcp-leasequery";
 * const s = new ServerSession({ baseTimeAt: (now) => 1000 + Math.floor(now / 1000) });
 * const q = buildActiveLeasequery({ queryType: 4, linkAddress: "2001:db8::" }, { transactionId: 7, queryStartTime: 900 });
 * console.log(s.receive(q, 0).events.map((e) => e.type)); // ["active-query"]
 * s.acceptActive(0);
 * s.sendBindings([[{ code: 46, cltTime: 3 }]], 0);
 * const out = s.catchUpComplete(2000);
 * console.log(out.send[0]?.options); // [{ code: 13, statusCode: 13, statusMessage: "" }, { code: 100, baseTime: 1002 }]
 * ```
 */
export class ServerSession {
  private readonly activeSupported: boolean;
  private readonly tls: "refuse" | "accept" | "require";
  private readonly serverId: Duid | undefined;
  private readonly idleTimeout: number;
  private readonly baseTimeAt: (now: number) => number;
  private readonly bulk = new Map<number, Dhcpv6Message>();
  private active: ActiveQuery | undefined;
  private received = 0;
  private lastSent = 0;
  private isClosed = false;

  /**
   * @param options - see {@link ServerSessionOptions}
   * @throws RangeError for a timeout that is not a positive number
   */
  constructor(options: ServerSessionOptions = {}) {
    this.activeSupported = options.activeLeasequery !== false;
    this.tls = options.tls ?? "refuse";
    this.serverId = options.serverId;
    this.idleTimeout = checkTimeout("idleTimeout", options.idleTimeout ?? ACTIVE_LQ_IDLE_TIMEOUT * 1000);
    this.baseTimeAt = options.baseTimeAt ?? ((now) => dateToDhcpv6Time(new Date(now)));
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Whether an active query is running and its catch-up phase is not over. */
  get catchingUp(): boolean {
    return !this.isClosed && this.active?.catchUp === true;
  }

  /** When `timeout(now)` is due (the next keep-alive), or undefined when no active query is running. */
  get deadline(): number | undefined {
    return this.active?.accepted === true && !this.isClosed ? this.lastSent + this.idleTimeout : undefined;
  }

  /**
   * Takes a message from the requestor.
   *
   * @example
   * ```ts
   * import { buildStartTls } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const out = new ServerSession().receive(buildStartTls({ transactionId: 1 }), 0);
   * console.log(out.send[0]?.msgType, out.send[0]?.options); // 7 [{ code: 13, statusCode: 15, statusMessage: "" }]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv6Message, now: number): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    const events: ServerSessionEvent[] = [];
    if (this.isClosed) return this.output([], events, now);
    const first = this.received++ === 0;
    const id = transactionIdOf(message);
    if (id === undefined) return this.close("unexpected-message", message, [], events, now);
    if (first && this.tls === "require" && message.msgType !== MESSAGE_TYPE.STARTTLS) {
      // Secure mode drops connections not secured with TLS (RFC 7653 §9.1).
      return this.close("rejected", message, [], events, now);
    }
    switch (message.msgType) {
      case MESSAGE_TYPE.STARTTLS: {
        if (!first) return this.close("protocol-violation", message, [], events, now);
        const accepted = this.tls !== "refuse";
        events.push({ type: "starttls", accepted, message });
        const reply = buildStartTlsReply({
          transactionId: id,
          refused: !accepted,
          ...(this.serverId === undefined ? {} : { serverId: this.serverId }),
        });
        return this.output([reply], events, now);
      }
      case MESSAGE_TYPE.LEASEQUERY:
        return this.receiveBulk(message, id, events, now);
      case MESSAGE_TYPE.ACTIVELEASEQUERY:
        return this.receiveActive(message, id, events, now);
      default:
        return this.close("unexpected-message", message, [], events, now);
    }
  }

  private receiveBulk(
    query: Dhcpv6Message,
    id: number,
    events: ServerSessionEvent[],
    now: number,
  ): SessionOutput<ServerSessionEvent> {
    if (this.bulk.has(id)) return this.close("protocol-violation", query, [], events, now);
    if (this.active !== undefined) {
      // Active and Bulk queries in parallel need separate connections (RFC 7653 §9.4).
      return this.reject(
        query,
        id,
        STATUS_CODE.NotAllowed,
        "an Active Leasequery runs on this connection",
        events,
        now,
      );
    }
    const status = queryStatus(query);
    if (status !== undefined) return this.reject(query, id, status, "", events, now);
    this.bulk.set(id, query);
    events.push({ type: "bulk-query", transactionId: id, query });
    return this.output([], events, now);
  }

  private receiveActive(
    query: Dhcpv6Message,
    id: number,
    events: ServerSessionEvent[],
    now: number,
  ): SessionOutput<ServerSessionEvent> {
    if (!this.activeSupported) {
      const out = this.reject(query, id, STATUS_CODE.NotSupported, "Active Leasequery is not supported", events, now);
      return this.close("rejected", query, out.send, events, now);
    }
    if (this.active !== undefined || this.bulk.size > 0) {
      // One active query per connection, alone on it (RFC 7653 §9.4).
      return this.reject(query, id, STATUS_CODE.NotAllowed, "another query runs on this connection", events, now);
    }
    const status = locateInQuery(query.options, 102, "").length > 0 ? STATUS_CODE.MalformedQuery : queryStatus(query);
    if (status !== undefined) {
      // An error in initial processing: REPLY with the error, then close (RFC 7653 §9.3).
      const out = this.reject(query, id, status, "", events, now);
      return this.close("rejected", query, out.send, events, now);
    }
    const startTime = locateInQuery(query.options, 101, "")[0]?.option.queryStartTime;
    this.active = {
      transactionId: id,
      query,
      baseTime: asksFor(query.options, 100),
      startTime,
      accepted: false,
      catchUp: startTime !== undefined,
    };
    events.push({ type: "active-query", transactionId: id, query, startTime });
    return this.output([], events, now);
  }

  /**
   * Answers a pending Bulk query: REPLY with the first binding, DATA for
   * each further one, DONE; or a lone REPLY when there is none (see
   * {@link bulkReplies}).
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 0);
   * console.log(s.respondBulk(3, [[{ code: 46, cltTime: 1 }]], 0).send.map((m) => m.msgType)); // [15, 16]
   * ```
   * @throws RangeError if no Bulk query with this transaction-id is pending; Error once closed
   */
  respondBulk(
    transactionId: number,
    bindings: Iterable<readonly Dhcpv6Option[]>,
    now: number,
  ): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    this.checkOpen();
    const query = this.bulk.get(transactionId);
    if (query === undefined) throw new RangeError(`no Bulk query ${transactionId} is pending`);
    this.bulk.delete(transactionId);
    const params = { ...this.serverIdParam(), baseTime: this.baseTimeAt(now) };
    return this.output([...bulkReplies(query, bindings, params)], [], now);
  }

  /**
   * Answers a pending query (Bulk, or Active not yet accepted) with a
   * LEASEQUERY-REPLY carrying an error status (RFC 5460 §7.2). Refusing an
   * active query also closes the connection (RFC 7653 §9.3).
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress, STATUS_CODE } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 0);
   * console.log(s.refuse(3, STATUS_CODE.NotConfigured, 0).send[0]?.options); // [{ code: 13, statusCode: 9, statusMessage: "" }]
   * ```
   * @throws RangeError if no such query is pending; Error once closed
   */
  refuse(
    transactionId: number,
    statusCode: number,
    now: number,
    statusMessage = "",
  ): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    this.checkOpen();
    const events: ServerSessionEvent[] = [];
    const bulk = this.bulk.get(transactionId);
    if (bulk !== undefined) {
      this.bulk.delete(transactionId);
      return this.output([this.errorReply(bulk, transactionId, statusCode, statusMessage, now)], events, now);
    }
    const a = this.active;
    if (a === undefined || a.accepted || a.transactionId !== transactionId) {
      throw new RangeError(`no query ${transactionId} is waiting for an answer`);
    }
    this.active = undefined;
    const reply = this.errorReply(a.query, transactionId, statusCode, statusMessage, now);
    return this.close("rejected", a.query, [reply], events, now);
  }

  /**
   * Takes up the pending active query: sends its LEASEQUERY-REPLY, with
   * DataMissing when the query asked for catch-up from a time this server
   * no longer has data for (RFC 7653 §8.4.1; catch-up is then over).
   * `dataMissing` is ignored when the query asked for no catch-up.
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession({ baseTimeAt: () => 500 });
   * s.receive(buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1, queryStartTime: 1 }), 0);
   * console.log(s.acceptActive(0, { dataMissing: true }).send[0]?.options); // [{ code: 13, statusCode: 12, statusMessage: "" }, { code: 100, baseTime: 500 }]
   * ```
   * @throws Error if no active query is waiting, or once closed
   */
  acceptActive(now: number, options: { readonly dataMissing?: boolean } = {}): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    this.checkOpen();
    const a = this.active;
    if (a === undefined || a.accepted) throw new Error("no active query is waiting to be accepted");
    a.accepted = true;
    const missing = options.dataMissing === true && a.catchUp;
    if (missing) a.catchUp = false;
    // DataMissing carries the server's current time whether or not the ORO asked (RFC 7653 §8.4.1).
    const extra = missing ? { statusCode: STATUS_CODE.DataMissing, baseTime: this.baseTimeAt(now) } : this.time(a, now);
    const reply = buildLeasequeryReply(
      replyParams(a.transactionId, this.serverId, findOption(a.query, 1)?.duid, extra),
    );
    return this.output([reply], [], now);
  }

  /**
   * Sends bindings on the running active query, one LEASEQUERY-DATA each:
   * catch-up data and real-time updates alike (RFC 7653 §9.3 lets them
   * interleave).
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * s.receive(buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1, requestedOptions: [] }), 0);
   * s.acceptActive(0);
   * console.log(s.sendBindings([[{ code: 46, cltTime: 0 }]], 0).send[0]?.msgType); // 17
   * ```
   * @throws Error unless an accepted active query runs
   */
  sendBindings(bindings: Iterable<readonly Dhcpv6Option[]>, now: number): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    const a = this.running();
    const send: Dhcpv6Message[] = [];
    const time = this.time(a, now);
    for (const binding of bindings)
      send.push(buildLeasequeryData({ transactionId: a.transactionId, ...time }, binding));
    return this.output(send, [], now);
  }

  /**
   * Ends the catch-up phase: a LEASEQUERY-DATA with CatchUpComplete (RFC
   * 7653 §9.3).
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession({ baseTimeAt: () => 7 });
   * s.receive(buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1, queryStartTime: 1 }), 0);
   * s.acceptActive(0);
   * console.log(s.catchingUp, s.catchUpComplete(0).send[0]?.msgType, s.catchingUp); // true 17 false
   * ```
   * @throws Error unless an accepted active query is in its catch-up phase
   */
  catchUpComplete(now: number): SessionOutput<ServerSessionEvent> {
    return this.endCatchUp(STATUS_CODE.CatchUpComplete, now);
  }

  /**
   * Ends the catch-up phase early: a LEASEQUERY-DATA with DataMissing, when
   * saved data runs out while catching up (RFC 7653 §8.4.1).
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession({ baseTimeAt: () => 7 });
   * s.receive(buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1, queryStartTime: 1 }), 0);
   * s.acceptActive(0);
   * console.log(s.dataMissing(0).send[0]?.options); // [{ code: 13, statusCode: 12, statusMessage: "" }, { code: 100, baseTime: 7 }]
   * ```
   * @throws Error unless an accepted active query is in its catch-up phase
   */
  dataMissing(now: number): SessionOutput<ServerSessionEvent> {
    return this.endCatchUp(STATUS_CODE.DataMissing, now);
  }

  /**
   * Sends the keep-alive when the active connection has been idle for the
   * idle timeout: a LEASEQUERY-DATA without CLIENT_DATA (RFC 7653 §8.4).
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession({ idleTimeout: 1000 });
   * s.receive(buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1, requestedOptions: [] }), 0);
   * s.acceptActive(0);
   * console.log(s.timeout(999).send.length, s.timeout(1000).send[0]?.options, s.deadline); // 0 [] 2000
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], [], undefined);
    const a = this.active as ActiveQuery;
    return this.output([buildLeasequeryData({ transactionId: a.transactionId, ...this.time(a, now) })], [], now);
  }

  /**
   * Shuts the connection down: the running active query ends with a
   * LEASEQUERY-DONE carrying QueryTerminated and LQ_BASE_TIME (RFC 7653
   * §8.4, §9.5), and queries not yet answered get a LEASEQUERY-REPLY with
   * QueryTerminated (RFC 5460 §5.5).
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession({ baseTimeAt: () => 42 });
   * s.receive(buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1 }), 0);
   * s.acceptActive(0);
   * const out = s.shutdown(5);
   * console.log(out.send[0]?.msgType, out.send[0]?.options, out.events.map((e) => e.type)); // 16 [{ code: 13, statusCode: 11, statusMessage: "" }, { code: 100, baseTime: 42 }] ["close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  shutdown(now: number, statusMessage = ""): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    if (this.isClosed) return this.output([], [], now);
    const send: Dhcpv6Message[] = [];
    for (const [id, query] of this.bulk) {
      send.push(this.errorReply(query, id, STATUS_CODE.QueryTerminated, statusMessage, now));
    }
    this.bulk.clear();
    const a = this.active;
    if (a?.accepted) {
      const time = { baseTime: this.baseTimeAt(now) };
      send.push(
        buildLeasequeryDone({
          transactionId: a.transactionId,
          statusCode: STATUS_CODE.QueryTerminated,
          statusMessage,
          ...time,
        }),
      );
    } else if (a !== undefined) {
      send.push(this.errorReply(a.query, a.transactionId, STATUS_CODE.QueryTerminated, statusMessage, now));
    }
    return this.close("terminated", undefined, send, [], now);
  }

  /**
   * Tells the session the connection is gone.
   *
   * @example
   * ```ts
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * console.log(s.connectionLost().events.map((e) => e.type), s.closed); // ["close"] true
   * ```
   * @throws never
   */
  connectionLost(): SessionOutput<ServerSessionEvent> {
    if (this.isClosed) return { send: [], events: [], deadline: undefined };
    return this.close("connection-lost", undefined, [], [], undefined);
  }

  private endCatchUp(statusCode: number, now: number): SessionOutput<ServerSessionEvent> {
    checkNow(now);
    const a = this.running();
    if (!a.catchUp) throw new Error("no catch-up phase is running");
    a.catchUp = false;
    // DataMissing carries the server's current time (RFC 7653 §8.4.1); CatchUpComplete carries it
    // too, so that the requestor has a time to save at the end of catch-up.
    const data = buildLeasequeryData({ transactionId: a.transactionId, statusCode, baseTime: this.baseTimeAt(now) });
    return this.output([data], [], now);
  }

  private reject(
    query: Dhcpv6Message,
    id: number,
    statusCode: number,
    statusMessage: string,
    events: ServerSessionEvent[],
    now: number,
  ): SessionOutput<ServerSessionEvent> {
    events.push({ type: "query-rejected", transactionId: id, statusCode, query });
    return this.output([this.errorReply(query, id, statusCode, statusMessage, now)], events, now);
  }

  private errorReply(query: Dhcpv6Message, id: number, statusCode: number, statusMessage: string, now: number) {
    const time = asksFor(query.options, 100) ? { baseTime: this.baseTimeAt(now) } : {};
    return buildLeasequeryReply(
      replyParams(id, this.serverId, findOption(query, 1)?.duid, { statusCode, statusMessage, ...time }),
    );
  }

  private time(a: ActiveQuery, now: number): { baseTime?: number } {
    return a.baseTime ? { baseTime: this.baseTimeAt(now) } : {};
  }

  private running(): ActiveQuery {
    this.checkOpen();
    const a = this.active;
    if (a === undefined || !a.accepted) throw new Error("no accepted active query is running");
    return a;
  }

  private checkOpen(): void {
    if (this.isClosed) throw new Error("ServerSession: the session is closed");
  }

  private serverIdParam(): { serverId?: Duid } {
    return this.serverId === undefined ? {} : { serverId: this.serverId };
  }

  private close(
    reason: CloseReason,
    message: Dhcpv6Message | undefined,
    send: Dhcpv6Message[],
    events: ServerSessionEvent[],
    now: number | undefined,
  ): SessionOutput<ServerSessionEvent> {
    this.isClosed = true;
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output(send, events, now);
  }

  private output(
    send: Dhcpv6Message[],
    events: ServerSessionEvent[],
    now: number | undefined,
  ): SessionOutput<ServerSessionEvent> {
    if (send.length > 0 && now !== undefined) this.lastSent = now;
    return { send, events, deadline: this.deadline };
  }
}

/** The status a server answers a malformed query with, or undefined when it can be processed. */
function queryStatus(query: Dhcpv6Message): number | undefined {
  if (query.msgType === MESSAGE_TYPE.LEASEQUERY && findOption(query, 44) === undefined) {
    return STATUS_CODE.MalformedQuery;
  }
  for (const d of validate(query)) {
    if (d.rule === RULE.UNKNOWN_QUERY_TYPE) return STATUS_CODE.UnknownQueryType;
    if (d.rule === RULE.QUERY_OPTION_MISSING) return STATUS_CODE.MalformedQuery;
  }
  return undefined;
}
