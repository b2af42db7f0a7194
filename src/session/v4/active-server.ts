/**
 * The server side of DHCPv4 Active Leasequery (RFC 7724) on one TCP
 * connection, sans-I/O: it answers what the protocol fixes (DHCPTLS, a
 * second query, query-end-time in an active query) and turns the
 * application's binding changes into the message stream, with catch-up,
 * keep-alives and the final DHCPLEASEQUERYDONE.
 * @module
 */
import { ACTIVE_LQ_IDLE_TIMEOUT } from "../../stream/timers.js";
import { buildDhcpv4LeaseQueryDone, buildDhcpv4LeaseQueryStatus } from "../../v4/build.js";
import { BOOTP_OP, DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "../../v4/codes.js";
import { dhcpv4MessageTypeOf, findDhcpv4Option } from "../../v4/find.js";
import type { Dhcpv4Message } from "../../v4/schema.js";
import { type TransitionTable, transition } from "../machine.js";
import { checkNow, checkTimeout } from "../output.js";
import { type Dhcpv4CloseEvent, type Dhcpv4CloseReason, type Dhcpv4SessionOutput, stamped } from "./output.js";
import { buildDhcpv4Tls } from "./tls.js";

/** States of a {@link Dhcpv4ActiveServer} connection. */
export type Dhcpv4ActiveServerState = "new" | "secured" | "pending" | "catch-up" | "live" | "closed";

type Input = "starttls" | "query" | "accept" | "accept-catch-up" | "send" | "end-catch-up" | "close";

/**
 * Every state and the inputs it takes: DHCPTLS only first; one active
 * query, which the application accepts (into catch-up when it asked for
 * one); bindings once accepted; catch-up ends once.
 */
const TABLE: TransitionTable<Dhcpv4ActiveServerState, Input> = {
  new: { starttls: "secured", query: "pending", close: "closed" },
  secured: { query: "pending", close: "closed" },
  pending: { accept: "live", "accept-catch-up": "catch-up", close: "closed" },
  "catch-up": { send: "catch-up", "end-catch-up": "live", close: "closed" },
  live: { send: "live", close: "closed" },
  closed: {},
};

/** Options of {@link Dhcpv4ActiveServer}. */
export interface Dhcpv4ActiveServerOptions {
  /**
   * How DHCPTLS is answered: `"refuse"` (TLSConnectionRefused), `"accept"`
   * or `"require"` (accept, and close a connection whose first message is
   * not DHCPTLS). Default `"refuse"`.
   */
  readonly tls?: "refuse" | "accept" | "require";
  /** The server's time (seconds since 1970) at `now`, for base-time (152). Default: `now` as Unix milliseconds. */
  readonly baseTimeAt?: (now: number) => number;
  /**
   * Milliseconds without sending anything after which a keep-alive
   * DHCPLEASEQUERYSTATUS goes out. Default ACTIVE_LQ_IDLE_TIMEOUT (60 s).
   */
  readonly idleTimeout?: number;
}

/** What a {@link Dhcpv4ActiveServer} reports. */
export type Dhcpv4ActiveServerEvent =
  | { readonly type: "starttls"; readonly accepted: boolean }
  | {
      /** A DHCPACTIVELEASEQUERY to take up with `accept` (or `refuse`); `startTime` is its query-start-time. */
      readonly type: "active-query";
      readonly xid: number;
      readonly query: Dhcpv4Message;
      readonly startTime: number | undefined;
    }
  | {
      /** A query this session answered with an error status on its own. */
      readonly type: "query-rejected";
      readonly xid: number;
      readonly statusCode: number;
      readonly query: Dhcpv4Message;
    }
  | Dhcpv4CloseEvent;

/**
 * One DHCPv4 Active Leasequery server connection (RFC 7724). `receive`
 * reports the DHCPACTIVELEASEQUERY; the application then:
 *
 * - {@link accept}s it (with `dataMissing` when it cannot catch up from the
 *   query-start-time: a DHCPLEASEQUERYSTATUS DataMissing goes out);
 * - {@link sendBindings}: DHCPLEASEACTIVE / DHCPLEASEUNASSIGNED messages,
 *   catch-up and live alike, stamped with the query's xid and a base-time;
 * - {@link catchUpComplete} (or {@link dataMissing}) ends catch-up;
 * - `timeout` sends the keep-alive (a DHCPLEASEQUERYSTATUS with Success)
 *   after `idleTimeout` of silence;
 * - {@link shutdown} ends the query with a DHCPLEASEQUERYDONE carrying
 *   QueryTerminated.
 *
 * A second query gets NotAllowed; a DHCPBULKLEASEQUERY on this connection
 * gets a DHCPLEASEQUERYDONE with NotAllowed; an active query with
 * query-end-time gets MalformedQuery and the connection closes.
 *
 * @example
 * ```ts
 * import { buildDhcpv4ActiveLeasequery, buildDhcpv4LeaseActive } from "dhcp-leasequery";
 * import { Dhcpv4ActiveServer } from "dhcp-leasequery";
 * const s = new Dhcpv4ActiveServer({ baseTimeAt: () => 5000 });
 * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 7, queryStartTime: 4000 }), 0);
 * s.accept(0);
 * s.sendBindings([buildDhcpv4LeaseActive({ xid: 0, address: "192.0.2.1" })], 0);
 * const out = s.catchUpComplete(1);
 * console.log(s.state, out.send[0]?.xid, out.send[0]?.options.slice(1, 3)); // "live" 7 [{ code: 152, baseTime: 5000 }, { code: 151, statusCode: 7, statusMessage: "" }]
 * ```
 */
export class Dhcpv4ActiveServer {
  private readonly tls: "refuse" | "accept" | "require";
  private readonly baseTimeAt: (now: number) => number;
  private readonly idleTimeout: number;
  private current: Dhcpv4ActiveServerState = "new";
  private query: Dhcpv4Message | undefined;
  private lastSent = 0;

  /**
   * @param options - see {@link Dhcpv4ActiveServerOptions}
   * @throws RangeError for a timeout that is not a positive number
   */
  constructor(options: Dhcpv4ActiveServerOptions = {}) {
    this.tls = options.tls ?? "refuse";
    this.baseTimeAt = options.baseTimeAt ?? ((now) => Math.floor(now / 1000));
    this.idleTimeout = checkTimeout("idleTimeout", options.idleTimeout ?? ACTIVE_LQ_IDLE_TIMEOUT * 1000);
  }

  /** The connection's state. */
  get state(): Dhcpv4ActiveServerState {
    return this.current;
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.current === "closed";
  }

  /** When `timeout(now)` is due (the next keep-alive), or undefined when no accepted query runs. */
  get deadline(): number | undefined {
    return this.current === "catch-up" || this.current === "live" ? this.lastSent + this.idleTimeout : undefined;
  }

  /**
   * Takes a message from the requestor.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer();
   * const q = buildDhcpv4ActiveLeasequery(undefined, { xid: 1, queryStartTime: 5, queryEndTime: 9 });
   * const out = s.receive(q, 0);
   * console.log(out.send[0]?.options.at(-2), out.events.map((e) => e.type)); // { code: 151, statusCode: 3, statusMessage: "" } ["query-rejected", "close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv4Message, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    const events: Dhcpv4ActiveServerEvent[] = [];
    if (this.current === "closed") return this.output([], events, now);
    const type = dhcpv4MessageTypeOf(message);
    if (message.op !== BOOTP_OP.BOOTREQUEST) return this.close("unexpected-message", message, [], events, now);
    if (type === DHCPV4_MESSAGE_TYPE.DHCPTLS) {
      const next = transition(TABLE, this.current, "starttls");
      if (next === undefined) return this.close("protocol-violation", message, [], events, now);
      this.current = next;
      const accepted = this.tls !== "refuse";
      events.push({ type: "starttls", accepted });
      const refusal = accepted ? {} : { statusCode: LEASEQUERY_STATUS.TLSConnectionRefused };
      return this.output([buildDhcpv4Tls({ xid: message.xid, reply: true, ...refusal })], events, now);
    }
    if (this.current === "new" && this.tls === "require") return this.close("rejected", message, [], events, now);
    if (type === DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY) {
      // Bulk and Active queries need separate connections.
      const done = buildDhcpv4LeaseQueryDone({ xid: message.xid, statusCode: LEASEQUERY_STATUS.NotAllowed });
      events.push({
        type: "query-rejected",
        xid: message.xid,
        statusCode: LEASEQUERY_STATUS.NotAllowed,
        query: message,
      });
      return this.output([done], events, now);
    }
    if (type !== DHCPV4_MESSAGE_TYPE.DHCPACTIVELEASEQUERY) {
      return this.close("unexpected-message", message, [], events, now);
    }
    const next = transition(TABLE, this.current, "query");
    if (next === undefined) {
      // One active query per connection.
      return this.reject(message, LEASEQUERY_STATUS.NotAllowed, events, now);
    }
    if (findDhcpv4Option(message, 155) !== undefined) {
      // query-end-time has no meaning in an active query: MalformedQuery, then close.
      const out = this.reject(message, LEASEQUERY_STATUS.MalformedQuery, events, now);
      return this.close("rejected", message, out.send, events, now);
    }
    this.current = next;
    this.query = message;
    const startTime = findDhcpv4Option(message, 154)?.queryStartTime;
    events.push({ type: "active-query", xid: message.xid, query: message, startTime });
    return this.output([], events, now);
  }

  /**
   * Takes up the pending query. When it asked for catch-up
   * (query-start-time) and `dataMissing` is set, a DHCPLEASEQUERYSTATUS
   * with DataMissing goes out and catch-up is over at once; otherwise
   * catch-up runs until {@link catchUpComplete}.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer({ baseTimeAt: () => 500 });
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 1, queryStartTime: 1 }), 0);
   * console.log(s.accept(0, { dataMissing: true }).send[0]?.options.slice(1, 3), s.state); // [{ code: 152, baseTime: 500 }, { code: 151, statusCode: 5, statusMessage: "" }] "live"
   * ```
   * @throws Error unless a query is waiting to be accepted
   */
  accept(now: number, options: { readonly dataMissing?: boolean } = {}): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    const q = this.command("accept", "no active query is waiting to be accepted", false);
    const catchUp = findDhcpv4Option(q, 154) !== undefined;
    this.current = transition(TABLE, this.current, catchUp ? "accept-catch-up" : "accept") as Dhcpv4ActiveServerState;
    if (catchUp && options.dataMissing === true) return this.endCatchUp(LEASEQUERY_STATUS.DataMissing, now);
    this.lastSent = now;
    return this.output([], [], now);
  }

  /**
   * Refuses the pending query: a DHCPLEASEQUERYSTATUS with the error, then close.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer, LEASEQUERY_STATUS } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer();
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 1 }), 0);
   * console.log(s.refuse(LEASEQUERY_STATUS.ConnectionActive, 0).events.map((e) => e.type)); // ["query-rejected", "close"]
   * ```
   * @throws Error unless a query is waiting to be accepted; RangeError for a status that is not one octet
   */
  refuse(statusCode: number, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    if (!Number.isInteger(statusCode) || statusCode < 0 || statusCode > 255) {
      throw new RangeError(`a status code is one octet, got ${statusCode}`);
    }
    const q = this.command("accept", "no active query is waiting to be accepted", false);
    const events: Dhcpv4ActiveServerEvent[] = [];
    const out = this.reject(q, statusCode, events, now);
    return this.close("rejected", q, out.send, events, now);
  }

  /**
   * Sends binding changes: each a DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED,
   * with the query's xid and a base-time when it has none.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, buildDhcpv4LeaseUnassigned, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer();
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 3 }), 0);
   * s.accept(0);
   * console.log(s.sendBindings([buildDhcpv4LeaseUnassigned({ xid: 0, address: "192.0.2.2" })], 0).send[0]?.xid); // 3
   * ```
   * @throws Error unless an accepted query runs; RangeError for a message that is no binding (nothing is sent then)
   */
  sendBindings(bindings: Iterable<Dhcpv4Message>, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    const q = this.command("send", "no accepted active query runs");
    const baseTime = this.baseTimeAt(now);
    const send: Dhcpv4Message[] = [];
    for (const b of bindings) {
      const t = dhcpv4MessageTypeOf(b);
      if (t !== DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE && t !== DHCPV4_MESSAGE_TYPE.DHCPLEASEUNASSIGNED) {
        throw new RangeError("a binding is a DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED");
      }
      send.push(stamped(b, q.xid, baseTime));
    }
    return this.output(send, [], now);
  }

  /**
   * Ends catch-up: a DHCPLEASEQUERYSTATUS with CatchUpComplete and base-time.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer();
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 3, queryStartTime: 1 }), 0);
   * s.accept(0);
   * console.log(s.catchUpComplete(0).send[0]?.options[2], s.state); // { code: 151, statusCode: 7, statusMessage: "" } "live"
   * ```
   * @throws Error unless catch-up runs
   */
  catchUpComplete(now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    return this.endCatchUp(LEASEQUERY_STATUS.CatchUpComplete, now);
  }

  /**
   * Ends catch-up early: a DHCPLEASEQUERYSTATUS with DataMissing, when
   * saved data runs out while catching up.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer({ baseTimeAt: () => 9 });
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 3, queryStartTime: 1 }), 0);
   * s.accept(0);
   * console.log(s.dataMissing(0).send[0]?.options[2]); // { code: 151, statusCode: 5, statusMessage: "" }
   * ```
   * @throws Error unless catch-up runs
   */
  dataMissing(now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    return this.endCatchUp(LEASEQUERY_STATUS.DataMissing, now);
  }

  /**
   * Sends the keep-alive once nothing was sent for `idleTimeout`: a
   * DHCPLEASEQUERYSTATUS with Success and base-time.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer({ idleTimeout: 1000 });
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 1 }), 0);
   * s.accept(0);
   * console.log(s.timeout(999).send.length, s.timeout(1000).send[0]?.options[2], s.deadline); // 0 { code: 151, statusCode: 0, statusMessage: "" } 2000
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], [], undefined);
    return this.output([this.status(LEASEQUERY_STATUS.Success, now)], [], now);
  }

  /**
   * Ends the connection: an accepted query gets a DHCPLEASEQUERYDONE with
   * QueryTerminated and base-time, a pending one a DHCPLEASEQUERYSTATUS with
   * QueryTerminated.
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveServer } from "dhcp-leasequery";
   * const s = new Dhcpv4ActiveServer({ baseTimeAt: () => 42 });
   * s.receive(buildDhcpv4ActiveLeasequery(undefined, { xid: 1 }), 0);
   * s.accept(0);
   * const out = s.shutdown(5);
   * console.log(out.send[0]?.options, out.events); // [{ code: 53, messageType: 15 }, { code: 152, baseTime: 42 }, { code: 151, statusCode: 2, statusMessage: "" }, { code: 255 }] [{ type: "close", reason: "terminated" }]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  shutdown(now: number, statusMessage = ""): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    checkNow(now);
    if (this.current === "closed") return this.output([], [], now);
    const q = this.query;
    const send: Dhcpv4Message[] = [];
    const terminated = { statusCode: LEASEQUERY_STATUS.QueryTerminated, statusMessage };
    if (q !== undefined && this.current === "pending") {
      send.push(buildDhcpv4LeaseQueryStatus({ xid: q.xid, ...terminated }));
    } else if (q !== undefined) {
      send.push(buildDhcpv4LeaseQueryDone({ xid: q.xid, baseTime: this.baseTimeAt(now), ...terminated }));
    }
    return this.close("terminated", undefined, send, [], now);
  }

  /**
   * Tells the session the connection is gone.
   *
   * @example
   * ```ts
   * import { Dhcpv4ActiveServer } from "dhcp-leasequery";
   * console.log(new Dhcpv4ActiveServer().connectionLost().events); // [{ type: "close", reason: "connection-lost" }]
   * ```
   * @throws never
   */
  connectionLost(): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    if (this.current === "closed") return this.output([], [], undefined);
    return this.close("connection-lost", undefined, [], [], undefined);
  }

  private endCatchUp(statusCode: number, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    this.command("end-catch-up", "no catch-up runs");
    return this.output([this.status(statusCode, now)], [], now);
  }

  private status(statusCode: number, now: number): Dhcpv4Message {
    const q = this.query as Dhcpv4Message;
    return buildDhcpv4LeaseQueryStatus({ xid: q.xid, baseTime: this.baseTimeAt(now), statusCode });
  }

  /** Checks that `input` is allowed now, takes it unless `move` is false, and returns the query. */
  private command(input: Input, refusal: string, move = true): Dhcpv4Message {
    const next = transition(TABLE, this.current, input);
    if (next === undefined || this.query === undefined) {
      throw new Error(`Dhcpv4ActiveServer: ${refusal} (state ${this.current})`);
    }
    if (move) this.current = next;
    return this.query;
  }

  private reject(
    query: Dhcpv4Message,
    statusCode: number,
    events: Dhcpv4ActiveServerEvent[],
    now: number,
  ): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    events.push({ type: "query-rejected", xid: query.xid, statusCode, query });
    return this.output([buildDhcpv4LeaseQueryStatus({ xid: query.xid, statusCode })], events, now);
  }

  private close(
    reason: Dhcpv4CloseReason,
    message: Dhcpv4Message | undefined,
    send: Dhcpv4Message[],
    events: Dhcpv4ActiveServerEvent[],
    now: number | undefined,
  ): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    this.current = transition(TABLE, this.current, "close") ?? "closed";
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output(send, events, now);
  }

  private output(
    send: Dhcpv4Message[],
    events: Dhcpv4ActiveServerEvent[],
    now: number | undefined,
  ): Dhcpv4SessionOutput<Dhcpv4ActiveServerEvent> {
    if (send.length > 0 && now !== undefined) this.lastSent = now;
    return { send, events, deadline: this.deadline };
  }
}
