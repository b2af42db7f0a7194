/**
 * The server side of Bulk and Active Leasequery (RFC 5460 §7, RFC 7653 §9)
 * on one connection, sans-I/O: it answers what the protocol fixes (STARTTLS,
 * malformed or unsupported queries) and turns the application's bindings
 * into correct reply sequences; finding bindings is the application's job.
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
import { ACTIVE_LQ_IDLE_TIMEOUT } from "../stream/timers.js";
import { buildDhcpv4LeaseQueryDone, buildDhcpv4LeaseQueryStatus } from "../v4/build.js";
import { buildLeasequeryData, buildLeasequeryDone, buildLeasequeryReply, buildStartTlsReply } from "../v6/build.js";
import { MESSAGE_TYPE, STATUS_CODE } from "../v6/codes.js";
import { findOption } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6Option, Duid } from "../v6/schema.js";
import { RULE } from "../validate/rules.js";
import { validate } from "../validate/validate.js";
import { asksFor, locateInQuery } from "../validate/walk.js";
import { DHCPV6_EPOCH_UNIX, dateToDhcpv6Time } from "../wire/time.js";
import { startTimeOf } from "./bindings.js";
import { type BulkBinding, type ReplyShape, replyParams, replyShape } from "./bulk-replies.js";
import { type TransitionTable, transition } from "./machine.js";
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
  /**
   * The most queries held at once on the connection: Bulk queries reported
   * and not yet answered, answers still streaming, and the active query.
   * One more ends every held query with QueryTerminated and closes the
   * connection (reason `too-many-queries`). Not an RFC value: it bounds
   * what one connection can make the server hold (each distinct
   * transaction-id otherwise stays in memory until answered). Default
   * {@link DEFAULT_MAX_PENDING_QUERIES} (100).
   */
  readonly maxPendingQueries?: number;
  /**
   * Milliseconds the connection may stay without any query held before the
   * server closes it (reason `idle`): a server reading a query SHOULD be
   * prepared to drop a connection that stays blocked for
   * BULK_LQ_DATA_TIMEOUT (RFC 5460 §7.1). Off unless given; pass
   * `BULK_LQ_DATA_TIMEOUT * 1000` (30 s) for the RFC's default.
   */
  readonly readTimeout?: number;
  /**
   * Milliseconds a Bulk answer may go without the caller taking a message
   * from its {@link ServerSession.streamBulk} generator (the transport is
   * blocked) before the server closes (reason `timeout`; RFC 5460 §7.2:
   * BULK_LQ_DATA_TIMEOUT). Progress is noticed by `timeout(now)`, so a
   * connection is dropped between one and two `sendTimeout`s after it
   * blocked. Off unless given; pass `BULK_LQ_DATA_TIMEOUT * 1000` (30 s)
   * for the RFC's default.
   */
  readonly sendTimeout?: number;
  /** When the connection was accepted (the caller's clock): starts the read timer. Default 0. */
  readonly openedAt?: number;
}

/**
 * The default cap on queries held per {@link ServerSession} connection
 * (`maxPendingQueries`). Not an RFC value.
 */
export const DEFAULT_MAX_PENDING_QUERIES = 100;

/** States of a {@link ServerSession} connection. */
export type ServerSessionState = "new" | "open" | "draining" | "closed";

type Input = "starttls" | "query" | "end-of-input" | "drained" | "close";

/**
 * Every state of the connection and the inputs it takes: STARTTLS only as
 * the first message (RFC 7653 §8.2, §9.1); queries until the requestor
 * stops sending; then the queries held are finished and the connection
 * closes (RFC 5460 §5.3). The queries themselves (Bulk answers, the active
 * query's catch-up) are tracked per query.
 */
const TABLE: TransitionTable<ServerSessionState, Input> = {
  new: { starttls: "open", query: "open", "end-of-input": "draining", close: "closed" },
  open: { query: "open", "end-of-input": "draining", close: "closed" },
  draining: { drained: "closed", close: "closed" },
  closed: {},
};

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
      /**
       * The bindings of a Bulk query failed (their iterator threw) after
       * the answer had begun: the query was ended with an error status
       * (seed 003 §7.2) and a `close` event follows.
       */
      readonly type: "query-aborted";
      readonly transactionId: number;
      readonly error: unknown;
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
  /** The xid of the DHCPv4 query of a DHCP4o6 active query; undefined for DHCPv6. */
  readonly xid: number | undefined;
  accepted: boolean;
  catchUp: boolean;
}

/** A Bulk query being answered by {@link ServerSession.streamBulk}. */
interface Answering {
  readonly shape: ReplyShape;
  replied: boolean;
}

/** The range of `Date` (ECMA-262 §21.4.1.1): the default clock reads `now` as Unix milliseconds. */
const MAX_DATE_MS = 8.64e15;

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
  private readonly answering = new Map<number, Answering>();
  private readonly maxPending: number;
  private readonly readTimeout: number | undefined;
  private readonly sendTimeout: number | undefined;
  private active: ActiveQuery | undefined;
  private lastSent = 0;
  private current: ServerSessionState = "new";
  /** When a query last arrived or was answered: the read timer runs from here. */
  private lastActivity: number;
  /** Messages the Bulk generators have yielded, and the count `timeout` last saw with its time. */
  private yielded = 0;
  private progressSeen = 0;
  private progressAt = 0;

  /**
   * @param options - see {@link ServerSessionOptions}
   * @throws RangeError for a timeout that is not a positive number
   */
  constructor(options: ServerSessionOptions = {}) {
    this.activeSupported = options.activeLeasequery !== false;
    this.tls = options.tls ?? "refuse";
    this.serverId = options.serverId;
    this.idleTimeout = checkTimeout("idleTimeout", options.idleTimeout ?? ACTIVE_LQ_IDLE_TIMEOUT * 1000);
    this.baseTimeAt = options.baseTimeAt ?? defaultBaseTimeAt;
    const max = options.maxPendingQueries ?? DEFAULT_MAX_PENDING_QUERIES;
    if (!Number.isInteger(max) || max < 1) throw new RangeError("maxPendingQueries must be a positive integer");
    this.maxPending = max;
    this.readTimeout = options.readTimeout === undefined ? undefined : checkTimeout("readTimeout", options.readTimeout);
    this.sendTimeout = options.sendTimeout === undefined ? undefined : checkTimeout("sendTimeout", options.sendTimeout);
    this.lastActivity = options.openedAt ?? 0;
    checkNow(this.lastActivity);
  }

  /** Queries held: Bulk queries pending or streaming, and the active query. */
  get pendingQueries(): number {
    return this.bulk.size + this.answering.size + (this.active === undefined ? 0 : 1);
  }

  /** The connection's state: `draining` once the requestor stopped sending ({@link endOfInput}). */
  get state(): ServerSessionState {
    return this.current;
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.current === "closed";
  }

  /** Whether an active query is running and its catch-up phase is not over. */
  get catchingUp(): boolean {
    return this.current !== "closed" && this.active?.catchUp === true;
  }

  /**
   * When `timeout(now)` is due, or undefined when no timer runs: the next
   * keep-alive of a running active query, a blocked Bulk answer
   * (`sendTimeout`), or an idle connection (`readTimeout`).
   */
  get deadline(): number | undefined {
    if (this.current === "closed") return undefined;
    if (this.active?.accepted === true) return this.lastSent + this.idleTimeout;
    if (this.answering.size > 0) return this.sendTimeout === undefined ? undefined : this.progressAt + this.sendTimeout;
    if (this.readTimeout === undefined || this.pendingQueries > 0 || this.current === "draining") return undefined;
    return this.lastActivity + this.readTimeout;
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
   * @throws RangeError for a `now` that is not a finite number (or, with the default clock, outside the Date range), before anything changes
   */
  receive(message: Dhcpv6Message, now: number): SessionOutput<ServerSessionEvent> {
    this.checkClock(now);
    const events: ServerSessionEvent[] = [];
    if (this.current === "closed") return this.output([], events, now);
    const first = this.current === "new";
    this.lastActivity = now;
    // Nothing can arrive after the requestor closed its half of the connection (draining takes no query).
    if (transition(TABLE, this.current, "query") === undefined) {
      return this.close("protocol-violation", message, [], events, now);
    }
    const id = transactionIdOf(message);
    if (id === undefined) return this.close("unexpected-message", message, [], events, now);
    if (first && this.tls === "require" && message.msgType !== MESSAGE_TYPE.STARTTLS) {
      // Secure mode drops connections not secured with TLS (RFC 7653 §9.1).
      return this.close("rejected", message, [], events, now);
    }
    switch (message.msgType) {
      case MESSAGE_TYPE.STARTTLS: {
        const next = transition(TABLE, this.current, "starttls");
        if (next === undefined) return this.close("protocol-violation", message, [], events, now);
        this.current = next;
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
        this.current = transition(TABLE, this.current, "query") as ServerSessionState;
        return this.receiveBulk(message, id, events, now);
      case MESSAGE_TYPE.ACTIVELEASEQUERY:
        this.current = transition(TABLE, this.current, "query") as ServerSessionState;
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
    if (this.bulk.has(id) || this.answering.has(id)) return this.close("protocol-violation", query, [], events, now);
    if (this.pendingQueries >= this.maxPending) return this.tooMany(query, events, now);
    if (this.active !== undefined) {
      // Active and Bulk queries in parallel need separate connections (RFC 7653 §9.4), DataMissing
      // recovery included: §9.4's MUST is followed over §8.4.1's "could be issued over a single
      // connection" (see active-requestor.ts). The active query goes on.
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
    if (this.active !== undefined || this.bulk.size > 0 || this.answering.size > 0) {
      // One active query per connection, alone on it (RFC 7653 §9.4).
      return this.reject(query, id, STATUS_CODE.NotAllowed, "another query runs on this connection", events, now);
    }
    const status = locateInQuery(query.options, 102, "").length > 0 ? STATUS_CODE.MalformedQuery : queryStatus(query);
    if (status !== undefined) {
      // An error in initial processing: REPLY with the error, then close (RFC 7653 §9.3).
      const out = this.reject(query, id, status, "", events, now);
      return this.close("rejected", query, out.send, events, now);
    }
    const startTime = startTimeOf(query);
    this.active = {
      transactionId: id,
      query,
      baseTime: asksFor(query.options, 100),
      startTime,
      xid: dhcp4o6MessageOf(query)?.xid,
      accepted: false,
      catchUp: startTime !== undefined,
    };
    events.push({ type: "active-query", transactionId: id, query, startTime });
    return this.output([], events, now);
  }

  /**
   * Answers a pending Bulk query: REPLY with the first binding, DATA for
   * each further one, DONE; or a lone REPLY when there is none (see
   * {@link bulkReplies}; DHCP4o6 queries get DHCP4o6 replies). All messages
   * come at once: for a large answer use {@link streamBulk}, which this
   * runs to the end. If the bindings' iterator throws, the query ends with
   * an error status and the session closes (see {@link streamBulk}).
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 0);
   * console.log(s.respondBulk(3, [[{ code: 46, cltTime: 1 }]], 0).send.map((m) => m.msgType)); // [15, 16]
   * ```
   * @throws RangeError if no Bulk query with this transaction-id is pending, or for a bad `now`; Error once closed
   */
  respondBulk(transactionId: number, bindings: Iterable<BulkBinding>, now: number): SessionOutput<ServerSessionEvent> {
    const stream = this.streamBulk(transactionId, bindings, now);
    const send: Dhcpv6Message[] = [];
    for (;;) {
      const r = stream.next();
      if (r.done) return { ...r.value, send };
      send.push(r.value);
    }
  }

  /**
   * Answers a pending Bulk query lazily: the returned generator builds each
   * message (REPLY, DATA..., DONE) only when asked for the next, reading
   * one binding at a time, so the answer is never held whole; write each
   * message as it comes. Its return value (`done: true`) is the session
   * output with the events. The query counts as answered from this call
   * on; {@link shutdown} while it streams ends it with a LEASEQUERY-DONE
   * carrying QueryTerminated, and the generator then stops.
   *
   * If the bindings' iterator throws, the answer ends with an error status,
   * UnspecFail: in a LEASEQUERY-REPLY when nothing was sent yet, else in a
   * LEASEQUERY-DONE (seed 003 §7.2, RFC 5460 §7.2); the session reports
   * `query-aborted` and closes (`close` with reason `aborted`), since the
   * server SHOULD close a connection whose query it could not complete.
   * The generator then yields the QueryTerminated ending of every other
   * query still open on the connection (RFC 7653 §9.5), as `shutdown` does.
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 0);
   * function* bindings() {
   *   yield [{ code: 46 as const, cltTime: 1 }];
   *   throw new Error("database gone");
   * }
   * const types = [...s.streamBulk(3, bindings(), 0)].map((m) => [m.msgType, m.options.find((o) => o.code === 13)]);
   * console.log(types, s.closed); // [[15, undefined], [16, { code: 13, statusCode: 1, statusMessage: "database gone" }]] true
   * ```
   * @throws RangeError (at the call) if no Bulk query with this transaction-id is pending, or for a bad `now`; Error once closed
   */
  streamBulk(
    transactionId: number,
    bindings: Iterable<BulkBinding>,
    now: number,
  ): Generator<Dhcpv6Message, SessionOutput<ServerSessionEvent>, undefined> {
    const baseTime = this.baseTime(now);
    this.checkOpen();
    const query = this.bulk.get(transactionId);
    if (query === undefined) throw new RangeError(`no Bulk query ${transactionId} is pending`);
    const shape = replyShape(query, { ...this.serverIdParam(), baseTime });
    this.bulk.delete(transactionId);
    const answer: Answering = { shape, replied: false };
    if (this.answering.size === 0) {
      this.progressAt = now;
      this.progressSeen = this.yielded;
    }
    this.answering.set(transactionId, answer);
    this.lastActivity = now;
    return this.stream(transactionId, answer, bindings, now);
  }

  private *stream(
    transactionId: number,
    answer: Answering,
    bindings: Iterable<BulkBinding>,
    now: number,
  ): Generator<Dhcpv6Message, SessionOutput<ServerSessionEvent>, undefined> {
    // Still ours unless shutdown (or a lost connection) answered or dropped it meanwhile.
    const mine = () => this.answering.get(transactionId) === answer && this.current !== "closed";
    let message: Dhcpv6Message;
    try {
      const it = bindings[Symbol.iterator]();
      for (;;) {
        const r = it.next();
        if (r.done) break;
        message = answer.replied ? answer.shape.next(r.value) : answer.shape.first(r.value);
        if (!mine()) return this.output([], [], undefined);
        answer.replied = true;
        this.lastSent = now;
        this.yielded++;
        yield message;
        if (!mine()) return this.output([], [], undefined);
      }
      message = answer.replied ? answer.shape.done() : answer.shape.none();
    } catch (error) {
      if (!mine()) return this.output([], [], undefined);
      this.answering.delete(transactionId);
      this.lastSent = now;
      const text = error instanceof Error ? error.message : "";
      const failure = answer.shape.failed(STATUS_CODE.UnspecFail, text, answer.replied);
      // The connection closes (seed 003 §7.2), so the other queries on it end with QueryTerminated
      // (RFC 7653 §9.5), and the session is closed as the failure goes out.
      const others = this.terminate(now, "");
      const out = this.close("aborted", undefined, [], [{ type: "query-aborted", transactionId, error }], now);
      yield failure;
      for (const m of others) yield m;
      return out;
    }
    if (!mine()) return this.output([], [], undefined);
    this.answering.delete(transactionId);
    this.lastSent = now;
    this.yielded++;
    yield message;
    return this.finishIfDrained([], [], now);
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
   * @throws RangeError if no such query is pending, for a status code that is not 16 bits, or a bad `now` (all checked before anything changes); Error once closed
   */
  refuse(
    transactionId: number,
    statusCode: number,
    now: number,
    statusMessage = "",
  ): SessionOutput<ServerSessionEvent> {
    this.baseTime(now);
    if (!Number.isInteger(statusCode) || statusCode < 0 || statusCode > 0xffff) {
      throw new RangeError(`a status code is 16 bits (0-65535), got ${statusCode}`);
    }
    if (typeof statusMessage !== "string") throw new TypeError("statusMessage must be a string");
    this.checkOpen();
    const events: ServerSessionEvent[] = [];
    const bulk = this.bulk.get(transactionId);
    if (bulk !== undefined) {
      this.bulk.delete(transactionId);
      this.lastActivity = now;
      return this.finishIfDrained([this.errorReply(bulk, transactionId, statusCode, statusMessage, now)], events, now);
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
    const baseTime = this.baseTime(now);
    this.checkOpen();
    const a = this.active;
    if (a === undefined || a.accepted) throw new Error("no active query is waiting to be accepted");
    a.accepted = true;
    const missing = options.dataMissing === true && a.catchUp;
    if (missing) a.catchUp = false;
    // DataMissing carries the server's current time whether or not the ORO asked (RFC 7653 §8.4.1).
    const extra = missing ? { statusCode: STATUS_CODE.DataMissing, baseTime } : this.time(a, baseTime);
    const clientId = findOption(a.query, 1)?.duid;
    if (a.xid === undefined) {
      return this.output([buildLeasequeryReply(replyParams(a.transactionId, this.serverId, clientId, extra))], [], now);
    }
    // DHCP4o6: the REPLY carries a DHCPLEASEQUERYSTATUS saying the same (RFC 7724, seed 002 §4).
    const v4 = activeStatus(a.xid, missing ? STATUS_CODE.DataMissing : STATUS_CODE.Success, "", extra.baseTime);
    const reply = buildDhcp4o6LeasequeryReply(
      {
        transactionId: a.transactionId,
        ...this.serverIdParam(),
        ...extra,
        ...(clientId === undefined ? {} : { options: [{ code: 1, duid: clientId }] }),
      },
      v4,
    );
    return this.output([reply], [], now);
  }

  /**
   * Sends bindings on the running active query, one LEASEQUERY-DATA each:
   * catch-up data and real-time updates alike (RFC 7653 §9.3 lets them
   * interleave). A DHCP4o6 query takes {@link Dhcp4o6Binding}s: the
   * DHCPLEASEACTIVE / DHCPLEASEUNASSIGNED goes in OPTION_DHCPV4_MSG at
   * message level (its xid set to the query's), the related IPv6 options in
   * a CLIENT_DATA (seed 002 §5.2).
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
   * @throws Error unless an accepted active query runs; TypeError for a DHCP4o6 binding on a DHCPv6 query or the reverse (nothing is sent then)
   */
  sendBindings(bindings: Iterable<BulkBinding>, now: number): SessionOutput<ServerSessionEvent> {
    const baseTime = this.baseTime(now);
    const a = this.running();
    const send: Dhcpv6Message[] = [];
    const time = this.time(a, baseTime);
    for (const binding of bindings) send.push(activeData(a, time, binding));
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
    this.checkClock(now);
    if (this.answering.size > 0 && this.yielded !== this.progressSeen) {
      // The caller took messages since the last look: the connection is not blocked.
      this.progressSeen = this.yielded;
      this.progressAt = now;
    }
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], [], undefined);
    if (this.active?.accepted !== true) {
      // A blocked answer (nothing more can be written, so nothing is sent) or an idle connection.
      const reason = this.answering.size > 0 ? "timeout" : "idle";
      return this.close(reason, undefined, [], [], now);
    }
    const a = this.active;
    const time = this.time(a, this.baseTime(now));
    return this.output([buildLeasequeryData({ transactionId: a.transactionId, ...time })], [], now);
  }

  /**
   * Shuts the connection down: the running active query ends with a
   * LEASEQUERY-DONE carrying QueryTerminated and LQ_BASE_TIME (RFC 7653
   * §8.4, §9.5), a Bulk answer still streaming ends with a LEASEQUERY-DONE
   * carrying QueryTerminated, and queries not yet answered get a
   * LEASEQUERY-REPLY with QueryTerminated (RFC 5460 §5.5). DHCP4o6 queries
   * get the same in DHCP4o6 form (DHCPLEASEQUERYDONE).
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
    this.baseTime(now);
    if (this.current === "closed") return this.output([], [], now);
    return this.close("terminated", undefined, this.terminate(now, statusMessage), [], now);
  }

  /** The last message of every query still open, each with QueryTerminated; forgets them. */
  private terminate(now: number, statusMessage: string): Dhcpv6Message[] {
    const baseTime = this.baseTime(now);
    const send: Dhcpv6Message[] = [];
    for (const [id, query] of this.bulk) {
      send.push(this.errorReply(query, id, STATUS_CODE.QueryTerminated, statusMessage, now));
    }
    this.bulk.clear();
    // A query whose answer is streaming ends with DONE, or REPLY if nothing went out yet (RFC 5460 §5.5).
    for (const answer of this.answering.values()) {
      send.push(answer.shape.failed(STATUS_CODE.QueryTerminated, statusMessage, answer.replied));
    }
    this.answering.clear();
    const a = this.active;
    if (a?.accepted) {
      const done = { transactionId: a.transactionId, statusCode: STATUS_CODE.QueryTerminated, statusMessage, baseTime };
      send.push(
        a.xid === undefined
          ? buildLeasequeryDone(done)
          : buildDhcp4o6LeasequeryDone(
              done,
              buildDhcpv4LeaseQueryDone({
                xid: a.xid,
                statusCode: dhcpv4StatusOf(STATUS_CODE.QueryTerminated),
                statusMessage,
                baseTime: baseTime + DHCPV6_EPOCH_UNIX,
              }),
            ),
      );
    } else if (a !== undefined) {
      send.push(this.errorReply(a.query, a.transactionId, STATUS_CODE.QueryTerminated, statusMessage, now));
    }
    this.active = undefined;
    return send;
  }

  /**
   * Tells the session the requestor stopped sending (it closed its half of
   * the TCP connection, or finished its QUIC stream): the server finishes
   * the queries it holds (answer them as usual), then asks to close
   * (reason `finished`), at once when none is held. A running active query
   * goes on until {@link shutdown}: a requestor has nothing more to send
   * once its ACTIVELEASEQUERY is out (RFC 7653 §8.3). A message received
   * afterwards closes the connection (`protocol-violation`).
   *
   * @example
   * ```ts
   * import { leasequeryByLinkAddress } from "dhcp-leasequery";
   * import { ServerSession } from "dhcp-leasequery";
   * const s = new ServerSession();
   * s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: 3 }), 0);
   * console.log(s.endOfInput(1).events, s.closed); // [] false
   * console.log(s.respondBulk(3, [], 2).events); // [{ type: "close", reason: "finished" }]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  endOfInput(now: number): SessionOutput<ServerSessionEvent> {
    this.checkClock(now);
    const next = transition(TABLE, this.current, "end-of-input");
    if (next === undefined) return this.output([], [], undefined);
    this.current = next;
    return this.finishIfDrained([], [], now);
  }

  /** Closes with `finished` when the requestor stopped sending and no query is held. */
  private finishIfDrained(
    send: Dhcpv6Message[],
    events: ServerSessionEvent[],
    now: number,
  ): SessionOutput<ServerSessionEvent> {
    if (this.current === "draining" && this.pendingQueries === 0) {
      return this.close("finished", undefined, send, events, now);
    }
    return this.output(send, events, now);
  }

  /** One query too many: every held query ends with QueryTerminated, then the connection closes. */
  private tooMany(query: Dhcpv6Message, events: ServerSessionEvent[], now: number): SessionOutput<ServerSessionEvent> {
    const send = this.terminate(now, "too many queries on this connection");
    return this.close("too-many-queries", query, send, events, now);
  }

  /** Drops every held query without answering (the connection is going away). */
  private forget(): void {
    this.bulk.clear();
    this.answering.clear();
    this.active = undefined;
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
    if (this.current === "closed") return { send: [], events: [], deadline: undefined };
    return this.close("connection-lost", undefined, [], [], undefined);
  }

  private endCatchUp(statusCode: number, now: number): SessionOutput<ServerSessionEvent> {
    const baseTime = this.baseTime(now);
    const a = this.running();
    if (!a.catchUp) throw new Error("no catch-up phase is running");
    a.catchUp = false;
    // DataMissing carries the server's current time (RFC 7653 §8.4.1); CatchUpComplete carries it
    // too, so that the requestor has a time to save at the end of catch-up.
    const p = { transactionId: a.transactionId, statusCode, baseTime };
    const data =
      a.xid === undefined
        ? buildLeasequeryData(p)
        : buildDhcp4o6LeasequeryData(p, activeStatus(a.xid, statusCode, "", baseTime));
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
    if (dhcp4o6MessageOf(query) !== undefined) {
      const shape = replyShape(query, { ...this.serverIdParam(), baseTime: this.baseTime(now) });
      return shape.failed(statusCode, statusMessage, false);
    }
    const time = asksFor(query.options, 100) ? { baseTime: this.baseTime(now) } : {};
    return buildLeasequeryReply(
      replyParams(id, this.serverId, findOption(query, 1)?.duid, { statusCode, statusMessage, ...time }),
    );
  }

  private checkClock(now: number): void {
    checkNow(now);
    if (this.baseTimeAt === defaultBaseTimeAt && Math.abs(now) > MAX_DATE_MS) {
      throw new RangeError(`now must be within ±${MAX_DATE_MS} ms (the Date range) for the default clock, got ${now}`);
    }
  }

  private time(a: ActiveQuery, baseTime: number): { baseTime?: number } {
    return a.baseTime ? { baseTime } : {};
  }

  /**
   * The server's time at `now`, checked before any state changes: `now`
   * must be finite (and, with the default clock, a valid Date), and the
   * time an unsigned 32-bit count of seconds since 2000 (RFC 7653 §6.3.1).
   */
  private baseTime(now: number): number {
    this.checkClock(now);
    const t = this.baseTimeAt(now);
    if (!Number.isInteger(t) || t < 0 || t > 0xffffffff) {
      throw new RangeError(`the base time at ${now} must be 0 to 2^32-1 seconds since 2000, got ${t}`);
    }
    return t;
  }

  private running(): ActiveQuery {
    this.checkOpen();
    const a = this.active;
    if (a === undefined || !a.accepted) throw new Error("no accepted active query is running");
    return a;
  }

  private checkOpen(): void {
    if (this.current === "closed") throw new Error("ServerSession: the session is closed");
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
    this.current = transition(TABLE, this.current, reason === "finished" ? "drained" : "close") ?? "closed";
    // A closed connection holds nothing: what was not answered is dropped with it.
    this.forget();
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

/** `now` read as Unix milliseconds. */
function defaultBaseTimeAt(now: number): number {
  return dateToDhcpv6Time(new Date(now));
}

/** A DHCPLEASEQUERYSTATUS with the DHCPv4 meaning of a DHCPv6 status (RFC 7724). */
function activeStatus(xid: number, statusCode: number, statusMessage: string, baseTime: number | undefined) {
  return buildDhcpv4LeaseQueryStatus({
    xid,
    statusCode: dhcpv4StatusOf(statusCode),
    statusMessage,
    ...(baseTime === undefined ? {} : { baseTime: baseTime + DHCPV6_EPOCH_UNIX }),
  });
}

/** One LEASEQUERY-DATA of an active query (DHCP4o6 when the query is). */
function activeData(a: ActiveQuery, time: { baseTime?: number }, binding: BulkBinding): Dhcpv6Message {
  const transactionId = a.transactionId;
  if (a.xid === undefined) {
    if (!Array.isArray(binding)) throw new TypeError("a DHCP4o6 binding answers a DHCP4o6 query only");
    return buildLeasequeryData({ transactionId, ...time }, binding as readonly Dhcpv6Option[]);
  }
  if (Array.isArray(binding)) throw new TypeError("a DHCP4o6 query takes DHCP4o6 bindings ({ dhcpv4, related })");
  const b = binding as Dhcp4o6Binding;
  return buildDhcp4o6LeasequeryData({ transactionId, ...time }, { ...b.dhcpv4, xid: a.xid }, b.related);
}
