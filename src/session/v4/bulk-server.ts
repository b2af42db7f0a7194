/**
 * The server side of DHCPv4 Bulk Leasequery (RFC 6926) on one TCP
 * connection, sans-I/O: it takes queries, answers what the protocol fixes
 * on its own, and streams the application's bindings lazily, a batch at a
 * time, so that a large answer is never held as messages.
 * @module
 */
import { BULK_LQ_CONN_TIMEOUT, BULK_LQ_DATA_TIMEOUT } from "../../stream/timers.js";
import { buildDhcpv4LeaseQueryDone } from "../../v4/build.js";
import { BOOTP_OP, DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "../../v4/codes.js";
import { dhcpv4MessageTypeOf, findDhcpv4Option } from "../../v4/find.js";
import type { Dhcpv4Message } from "../../v4/schema.js";
import { type TransitionTable, transition } from "../machine.js";
import { checkNow, checkTimeout } from "../output.js";
import {
  checkCount,
  checkXid,
  type Dhcpv4CloseEvent,
  type Dhcpv4CloseReason,
  type Dhcpv4SessionOutput,
  stamped,
} from "./output.js";
import { buildDhcpv4Tls } from "./tls.js";

/** States of a {@link Dhcpv4BulkServer} connection. */
export type Dhcpv4BulkServerState = "new" | "open" | "draining" | "closed";

type Input = "starttls" | "query" | "end-of-input" | "drained" | "close";

/**
 * Every state of the connection and the inputs it takes: DHCPTLS only as
 * the first message; queries until the requestor stops sending; then the
 * outstanding queries are finished and the connection closes.
 */
const TABLE: TransitionTable<Dhcpv4BulkServerState, Input> = {
  new: { starttls: "open", query: "open", "end-of-input": "closed", close: "closed" },
  open: { query: "open", "end-of-input": "draining", close: "closed" },
  draining: { drained: "closed", close: "closed" },
  closed: {},
};

/** Options of {@link Dhcpv4BulkServer}. */
export interface Dhcpv4BulkServerOptions {
  /** The server's address, sent as server identifier (54) in DHCPLEASEQUERYDONE. */
  readonly serverIdentifier?: string;
  /**
   * The server's time (seconds since 1970-01-01 UTC, RFC 6926 §6.2.3) at
   * `now`, sent as base-time (152). Default: `now` read as Unix
   * milliseconds (`Date.now()`).
   */
  readonly baseTimeAt?: (now: number) => number;
  /**
   * How DHCPTLS is answered (RFC 7724 §7): `"refuse"` (TLSConnectionRefused),
   * `"accept"` (the caller then runs the TLS handshake) or `"require"`
   * (accept, and close a connection whose first message is not DHCPTLS).
   * Default `"refuse"`.
   */
  readonly tls?: "refuse" | "accept" | "require";
  /**
   * Milliseconds with no query pending or being answered after which the
   * server closes the connection (reason `idle`). Default
   * BULK_LQ_CONN_TIMEOUT (30 s).
   */
  readonly idleTimeout?: number;
  /**
   * Milliseconds the server waits, with replies to send, for the caller to
   * ask for more (`pull`, called when the transport can take more) before it
   * gives up on a blocked connection. Default BULK_LQ_DATA_TIMEOUT (30 s).
   */
  readonly sendTimeout?: number;
  /**
   * The most queries pending or being answered at once; one more closes the
   * connection (reason `too-many-queries`). Not an RFC value: it bounds what
   * one connection can make the server hold. Default 100.
   */
  readonly maxPendingQueries?: number;
  /** The most messages one `respond` or `pull` returns. Default 64. */
  readonly batchSize?: number;
  /** When the connection was accepted (the caller's clock): starts the idle timer. Default 0. */
  readonly openedAt?: number;
}

/** What a {@link Dhcpv4BulkServer} reports. */
export type Dhcpv4BulkServerEvent =
  | {
      /** DHCPTLS arrived and was answered; when `accepted`, run the TLS handshake next. */
      readonly type: "starttls";
      readonly accepted: boolean;
    }
  | {
      /** A DHCPBULKLEASEQUERY to answer with `respond` or `refuse`. */
      readonly type: "bulk-query";
      readonly xid: number;
      readonly query: Dhcpv4Message;
    }
  | {
      /** A query this session answered with an error status on its own. */
      readonly type: "query-rejected";
      readonly xid: number;
      readonly statusCode: number;
      readonly query: Dhcpv4Message;
    }
  | {
      /** A query's DHCPLEASEQUERYDONE went out: `bindings` replies preceded it. */
      readonly type: "query-answered";
      readonly xid: number;
      readonly bindings: number;
    }
  | {
      /**
       * The bindings of a query could not be read (the source threw, or gave
       * something that is not a DHCPLEASEACTIVE / DHCPLEASEUNASSIGNED /
       * DHCPLEASEUNKNOWN): the query ended with a DHCPLEASEQUERYDONE carrying
       * UnspecFail.
       */
      readonly type: "query-failed";
      readonly xid: number;
      readonly bindings: number;
      readonly error: unknown;
    }
  | Dhcpv4CloseEvent;

interface Query {
  readonly query: Dhcpv4Message;
  source: Iterator<Dhcpv4Message> | undefined;
  sent: number;
}

// Built by a pure function: property reads at module level would keep this
// (and what it reads) in every bundle of the package, used or not.
const BINDING_TYPES: readonly number[] = /* @__PURE__ */ (() => [
  DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE,
  DHCPV4_MESSAGE_TYPE.DHCPLEASEUNASSIGNED,
  DHCPV4_MESSAGE_TYPE.DHCPLEASEUNKNOWN,
])();

/**
 * One DHCPv4 Bulk Leasequery server connection. `receive` reports each
 * DHCPBULKLEASEQUERY as a `bulk-query` event; the application answers it
 * with {@link respond} (its bindings, any iterable, read lazily) or
 * {@link refuse}. Replies of several queries interleave, a batch at a time:
 * call {@link pull} whenever the transport can take more, until
 * {@link wantsToSend} is false. Each reply carries the query's xid and a
 * base-time; each query ends with a DHCPLEASEQUERYDONE (RFC 6926 §7.5),
 * with UnspecFail when its bindings could not be read.
 *
 * When the requestor stops sending ({@link endOfInput}, a TCP half-close),
 * the server finishes the queries it has and then asks to close. Timers:
 * idle (no query for `idleTimeout`), blocked (replies waiting longer than
 * `sendTimeout`); a cap on queries held per connection.
 *
 * @example
 * ```ts
 * import { buildDhcpv4BulkLeasequery, buildDhcpv4LeaseActive } from "dhcp-leasequery";
 * import { Dhcpv4BulkServer } from "dhcp-leasequery";
 * const s = new Dhcpv4BulkServer({ baseTimeAt: () => 1_700_000_000 });
 * s.receive(buildDhcpv4BulkLeasequery({ relayId: Uint8Array.of(1) }, { xid: 4 }), 0);
 * const out = s.respond(4, [buildDhcpv4LeaseActive({ xid: 0, address: "192.0.2.1" })], 0);
 * console.log(out.send.map((m) => m.xid), out.send[0]?.options[1]); // [4, 4] { code: 152, baseTime: 1700000000 }
 * ```
 */
export class Dhcpv4BulkServer {
  private readonly serverIdentifier: string | undefined;
  private readonly baseTimeAt: (now: number) => number;
  private readonly tls: "refuse" | "accept" | "require";
  private readonly idleTimeout: number;
  private readonly sendTimeout: number;
  private readonly maxPending: number;
  private readonly batchSize: number;
  private readonly queries = new Map<number, Query>();
  private current: Dhcpv4BulkServerState = "new";
  private lastActivity: number;
  private lastPull = 0;

  /**
   * @param options - see {@link Dhcpv4BulkServerOptions}
   * @throws RangeError for a timeout that is not a positive number, or a count that is not a positive integer
   */
  constructor(options: Dhcpv4BulkServerOptions = {}) {
    this.serverIdentifier = options.serverIdentifier;
    this.baseTimeAt = options.baseTimeAt ?? ((now) => Math.floor(now / 1000));
    this.tls = options.tls ?? "refuse";
    this.idleTimeout = checkTimeout("idleTimeout", options.idleTimeout ?? BULK_LQ_CONN_TIMEOUT * 1000);
    this.sendTimeout = checkTimeout("sendTimeout", options.sendTimeout ?? BULK_LQ_DATA_TIMEOUT * 1000);
    this.maxPending = checkCount("maxPendingQueries", options.maxPendingQueries ?? 100);
    this.batchSize = checkCount("batchSize", options.batchSize ?? 64);
    this.lastActivity = options.openedAt ?? 0;
    checkNow(this.lastActivity);
  }

  /** The connection's state. */
  get state(): Dhcpv4BulkServerState {
    return this.current;
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.current === "closed";
  }

  /** The xids of the queries reported and not yet given to `respond` or `refuse`. */
  get pending(): number[] {
    return [...this.queries].filter(([, q]) => q.source === undefined).map(([xid]) => xid);
  }

  /** Whether replies are waiting: call `pull` when the transport can take more. */
  get wantsToSend(): boolean {
    for (const q of this.queries.values()) if (q.source !== undefined) return true;
    return false;
  }

  /** When `timeout(now)` is due, or undefined when no timer runs. */
  get deadline(): number | undefined {
    if (this.current === "closed") return undefined;
    if (this.wantsToSend) return this.lastPull + this.sendTimeout;
    return this.queries.size === 0 && this.current !== "draining" ? this.lastActivity + this.idleTimeout : undefined;
  }

  /**
   * Takes a message from the requestor.
   *
   * @example
   * ```ts
   * import { buildDhcpv4Tls, Dhcpv4BulkServer } from "dhcp-leasequery";
   * const out = new Dhcpv4BulkServer().receive(buildDhcpv4Tls({ xid: 1 }), 0);
   * console.log(out.send[0]?.options[1], out.events); // { code: 151, statusCode: 8, statusMessage: "" } [{ type: "starttls", accepted: false }]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv4Message, now: number): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    const events: Dhcpv4BulkServerEvent[] = [];
    if (this.current === "closed") return this.output([], events);
    this.lastActivity = now;
    const type = dhcpv4MessageTypeOf(message);
    if (message.op !== BOOTP_OP.BOOTREQUEST) return this.close("unexpected-message", message, [], events);
    if (type === DHCPV4_MESSAGE_TYPE.DHCPTLS) {
      const afterTls = transition(TABLE, this.current, "starttls");
      if (afterTls === undefined) return this.close("protocol-violation", message, [], events);
      this.current = afterTls;
      const accepted = this.tls !== "refuse";
      events.push({ type: "starttls", accepted });
      const statusCode = accepted ? undefined : LEASEQUERY_STATUS.TLSConnectionRefused;
      return this.output(
        [buildDhcpv4Tls({ xid: message.xid, reply: true, ...(statusCode ? { statusCode } : {}) })],
        events,
      );
    }
    if (this.current === "new" && this.tls === "require") {
      // A server that requires TLS drops connections that do not start with DHCPTLS (RFC 7724 §7).
      return this.close("rejected", message, [], events);
    }
    const next = transition(TABLE, this.current, "query");
    if (next === undefined) return this.close("protocol-violation", message, [], events);
    this.current = next;
    if (type === DHCPV4_MESSAGE_TYPE.DHCPACTIVELEASEQUERY) {
      return this.reject(message, LEASEQUERY_STATUS.NotAllowed, "this connection serves Bulk Leasequery", events, now);
    }
    if (type !== DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY) return this.close("unexpected-message", message, [], events);
    if (this.queries.has(message.xid)) return this.close("protocol-violation", message, [], events);
    if (this.queries.size >= this.maxPending) return this.close("too-many-queries", message, [], events);
    const start = findDhcpv4Option(message, 154)?.queryStartTime;
    const end = findDhcpv4Option(message, 155)?.queryEndTime;
    if (start !== undefined && end !== undefined && end < start) {
      return this.reject(
        message,
        LEASEQUERY_STATUS.MalformedQuery,
        "query-end-time before query-start-time",
        events,
        now,
      );
    }
    this.queries.set(message.xid, { query: message, source: undefined, sent: 0 });
    events.push({ type: "bulk-query", xid: message.xid, query: message });
    return this.output([], events);
  }

  /**
   * Answers a pending query with its bindings: DHCPLEASEACTIVE,
   * DHCPLEASEUNASSIGNED (or DHCPLEASEUNKNOWN) messages, whose xid is
   * replaced by the query's and which get a base-time when they have none.
   * They are read lazily; this returns the first batch (see {@link pull}).
   *
   * @example
   * ```ts
   * import { buildDhcpv4BulkLeasequery, Dhcpv4BulkServer } from "dhcp-leasequery";
   * const s = new Dhcpv4BulkServer();
   * s.receive(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 2 }), 0);
   * const out = s.respond(2, [], 0);
   * console.log(out.send.map((m) => m.options[0]), out.events); // [{ code: 53, messageType: 15 }] [{ type: "query-answered", xid: 2, bindings: 0 }]
   * ```
   * @throws RangeError if no query with this xid is pending; Error once closed
   */
  respond(xid: number, bindings: Iterable<Dhcpv4Message>, now: number): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    checkXid(xid);
    this.checkOpen();
    const q = this.queries.get(xid);
    if (q === undefined || q.source !== undefined) throw new RangeError(`no query ${xid} is waiting for an answer`);
    q.source = bindings[Symbol.iterator]();
    return this.pull(now);
  }

  /**
   * The next batch of replies (at most `batchSize` messages), taken in turn
   * from every query being answered. Call it when the transport can take
   * more; it also restarts the blocked-connection timer.
   *
   * @example
   * ```ts
   * import { buildDhcpv4BulkLeasequery, buildDhcpv4LeaseUnassigned, Dhcpv4BulkServer } from "dhcp-leasequery";
   * const s = new Dhcpv4BulkServer({ batchSize: 2 });
   * s.receive(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 2 }), 0);
   * const lease = buildDhcpv4LeaseUnassigned({ xid: 0, address: "192.0.2.1" });
   * console.log(s.respond(2, [lease, lease, lease], 0).send.length, s.wantsToSend, s.pull(1).send.length, s.wantsToSend); // 2 true 2 false
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  pull(now: number): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    const send: Dhcpv4Message[] = [];
    const events: Dhcpv4BulkServerEvent[] = [];
    if (this.current === "closed") return this.output(send, events);
    this.lastPull = now;
    let progress = true;
    while (send.length < this.batchSize && progress) {
      progress = false;
      for (const [xid, q] of this.queries) {
        if (q.source === undefined) continue;
        if (send.length >= this.batchSize) break;
        progress = true;
        this.step(xid, q, send, events, now);
      }
    }
    if (send.length > 0) this.lastActivity = now;
    return this.finishIfDrained(send, events);
  }

  /**
   * Answers a pending query with a DHCPLEASEQUERYDONE carrying an error
   * status (RFC 6926 §7.5).
   *
   * @example
   * ```ts
   * import { buildDhcpv4BulkLeasequery, Dhcpv4BulkServer, LEASEQUERY_STATUS } from "dhcp-leasequery";
   * const s = new Dhcpv4BulkServer();
   * s.receive(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 2 }), 0);
   * console.log(s.refuse(2, LEASEQUERY_STATUS.NotAllowed, 0).send[0]?.options.at(-2)); // { code: 151, statusCode: 4, statusMessage: "" }
   * ```
   * @throws RangeError if no such query is pending, or the status is not a byte; Error once closed
   */
  refuse(xid: number, statusCode: number, now: number, statusMessage = ""): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    checkXid(xid);
    if (!Number.isInteger(statusCode) || statusCode < 0 || statusCode > 255) {
      throw new RangeError(`a status code is one octet, got ${statusCode}`);
    }
    this.checkOpen();
    const q = this.queries.get(xid);
    if (q === undefined || q.source !== undefined) throw new RangeError(`no query ${xid} is waiting for an answer`);
    this.queries.delete(xid);
    this.lastActivity = now;
    return this.finishIfDrained([this.done(xid, now, statusCode, statusMessage)], []);
  }

  /**
   * Tells the session the requestor stopped sending (its half of the TCP
   * connection is closed): the server finishes every query it holds, then
   * asks to close (reason `finished`).
   *
   * @example
   * ```ts
   * import { Dhcpv4BulkServer } from "dhcp-leasequery";
   * console.log(new Dhcpv4BulkServer().endOfInput(0).events); // [{ type: "close", reason: "finished" }]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  endOfInput(now: number): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    const next = transition(TABLE, this.current, "end-of-input");
    if (next === undefined) return this.output([], []);
    if (next === "closed") return this.close("finished", undefined, [], []);
    this.current = next;
    return this.finishIfDrained([], []);
  }

  /**
   * Checks the timers: replies waiting for `sendTimeout` (a blocked
   * connection, reason `timeout`), or no query for `idleTimeout` (reason
   * `idle`), and the session asks to close.
   *
   * @example
   * ```ts
   * import { Dhcpv4BulkServer } from "dhcp-leasequery";
   * const s = new Dhcpv4BulkServer({ idleTimeout: 50, openedAt: 10 });
   * console.log(s.deadline, s.timeout(60).events); // 60 [{ type: "close", reason: "idle" }]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], []);
    return this.close(this.wantsToSend ? "timeout" : "idle", undefined, [], []);
  }

  /**
   * Shuts the connection down: every query held ends with a
   * DHCPLEASEQUERYDONE carrying QueryTerminated.
   *
   * @example
   * ```ts
   * import { buildDhcpv4BulkLeasequery, Dhcpv4BulkServer } from "dhcp-leasequery";
   * const s = new Dhcpv4BulkServer();
   * s.receive(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 2 }), 0);
   * const out = s.shutdown(0);
   * console.log(out.send[0]?.options.at(-2), out.events.map((e) => e.type)); // { code: 151, statusCode: 2, statusMessage: "" } ["close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  shutdown(now: number, statusMessage = ""): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    checkNow(now);
    if (this.current === "closed") return this.output([], []);
    const send = [...this.queries.keys()].map((xid) =>
      this.done(xid, now, LEASEQUERY_STATUS.QueryTerminated, statusMessage),
    );
    return this.close("terminated", undefined, send, []);
  }

  /**
   * Tells the session the connection is gone.
   *
   * @example
   * ```ts
   * import { Dhcpv4BulkServer } from "dhcp-leasequery";
   * console.log(new Dhcpv4BulkServer().connectionLost().events); // [{ type: "close", reason: "connection-lost" }]
   * ```
   * @throws never
   */
  connectionLost(): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    if (this.current === "closed") return this.output([], []);
    return this.close("connection-lost", undefined, [], []);
  }

  /** Sends one more reply of a query, or its DONE. */
  private step(xid: number, q: Query, send: Dhcpv4Message[], events: Dhcpv4BulkServerEvent[], now: number): void {
    let next: IteratorResult<Dhcpv4Message>;
    try {
      next = (q.source as Iterator<Dhcpv4Message>).next();
      if (!next.done && !BINDING_TYPES.includes(dhcpv4MessageTypeOf(next.value) ?? -1)) {
        throw new RangeError("a binding is a DHCPLEASEACTIVE, DHCPLEASEUNASSIGNED or DHCPLEASEUNKNOWN");
      }
    } catch (error) {
      // A query whose bindings cannot be read still ends, with an error status.
      this.queries.delete(xid);
      send.push(this.done(xid, now, LEASEQUERY_STATUS.UnspecFail, "the bindings could not be read"));
      events.push({ type: "query-failed", xid, bindings: q.sent, error });
      return;
    }
    if (next.done) {
      this.queries.delete(xid);
      send.push(this.done(xid, now, undefined, ""));
      events.push({ type: "query-answered", xid, bindings: q.sent });
      return;
    }
    q.sent++;
    send.push(stamped(next.value, xid, this.baseTimeAt(now)));
  }

  private done(xid: number, now: number, statusCode: number | undefined, statusMessage: string): Dhcpv4Message {
    return buildDhcpv4LeaseQueryDone({
      xid,
      baseTime: this.baseTimeAt(now),
      ...(this.serverIdentifier === undefined ? {} : { serverIdentifier: this.serverIdentifier }),
      ...(statusCode === undefined ? {} : { statusCode, statusMessage }),
    });
  }

  private reject(
    query: Dhcpv4Message,
    statusCode: number,
    statusMessage: string,
    events: Dhcpv4BulkServerEvent[],
    now: number,
  ): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    events.push({ type: "query-rejected", xid: query.xid, statusCode, query });
    return this.output([this.done(query.xid, now, statusCode, statusMessage)], events);
  }

  private finishIfDrained(
    send: Dhcpv4Message[],
    events: Dhcpv4BulkServerEvent[],
  ): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    if (this.queries.size === 0 && transition(TABLE, this.current, "drained") !== undefined) {
      return this.close("finished", undefined, send, events);
    }
    return this.output(send, events);
  }

  private checkOpen(): void {
    if (this.current === "closed") throw new Error("Dhcpv4BulkServer: the session is closed");
  }

  private close(
    reason: Dhcpv4CloseReason,
    message: Dhcpv4Message | undefined,
    send: Dhcpv4Message[],
    events: Dhcpv4BulkServerEvent[],
  ): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    this.queries.clear();
    this.current = transition(TABLE, this.current, reason === "finished" ? "drained" : "close") ?? "closed";
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output(send, events);
  }

  private output(send: Dhcpv4Message[], events: Dhcpv4BulkServerEvent[]): Dhcpv4SessionOutput<Dhcpv4BulkServerEvent> {
    return { send, events, deadline: this.deadline };
  }
}
