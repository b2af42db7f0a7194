/**
 * The requestor side of DHCPv4 Bulk Leasequery (RFC 6926) on one TCP
 * connection, sans-I/O, with the DHCPTLS exchange that may precede it
 * (RFC 7724 §7).
 * @module
 */
import { BULK_LQ_DATA_TIMEOUT } from "../../stream/timers.js";
import { DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "../../v4/codes.js";
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
  dhcpv4MessageStatus,
  replyKindOf,
} from "./output.js";
import { buildDhcpv4Tls } from "./tls.js";

/** States of a {@link Dhcpv4BulkRequestor} connection. */
export type Dhcpv4BulkRequestorState = "idle" | "tls-requested" | "tls-ready" | "open" | "finishing" | "closed";

type Input = "starttls" | "tls-accepted" | "tls-refused" | "query" | "reply" | "finish" | "drained" | "close";

/**
 * Every state of the connection and the inputs it takes. DHCPTLS comes
 * first or not at all; replies only while queries can be outstanding; after
 * `finish` no query is sent and the last completed query closes.
 */
const TABLE: TransitionTable<Dhcpv4BulkRequestorState, Input> = {
  idle: { starttls: "tls-requested", query: "open", finish: "closed", close: "closed" },
  "tls-requested": { "tls-accepted": "tls-ready", "tls-refused": "closed", close: "closed" },
  "tls-ready": { query: "open", finish: "closed", close: "closed" },
  open: { query: "open", reply: "open", finish: "finishing", close: "closed" },
  finishing: { reply: "finishing", drained: "closed", close: "closed" },
  closed: {},
};

/** Options of {@link Dhcpv4BulkRequestor}. */
export interface Dhcpv4BulkRequestorOptions {
  /**
   * Milliseconds the requestor waits, while a query is outstanding, for the
   * next message before it closes the connection. Default
   * BULK_LQ_DATA_TIMEOUT (30 s).
   */
  readonly dataTimeout?: number;
  /** Milliseconds to wait for the answer to DHCPTLS. Default BULK_LQ_DATA_TIMEOUT (30 s). */
  readonly startTlsTimeout?: number;
  /**
   * The most queries outstanding at once on this connection; `query`
   * refuses more. Not an RFC value: it bounds the memory a connection holds.
   * Default 100.
   */
  readonly maxPending?: number;
}

/** What a {@link Dhcpv4BulkRequestor} reports. */
export type Dhcpv4BulkRequestorEvent =
  | {
      /** One binding, delivered once: a DHCPLEASEACTIVE (`active`) or a DHCPLEASEUNASSIGNED. */
      readonly type: "binding";
      readonly xid: number;
      readonly active: boolean;
      readonly message: Dhcpv4Message;
    }
  | {
      /** A DHCPLEASEUNKNOWN for the query: no binding, the query goes on. */
      readonly type: "lease-unknown";
      readonly xid: number;
      readonly message: Dhcpv4Message;
    }
  | {
      /** A DHCPLEASEQUERYSTATUS with Success: information only, the query goes on. */
      readonly type: "status";
      readonly xid: number;
      readonly message: Dhcpv4Message;
    }
  | {
      /**
       * A query is over: DHCPLEASEQUERYDONE arrived (RFC 6926 §7.5), or a
       * DHCPLEASEQUERYSTATUS with an error status. `statusCode` 0 is
       * success; `baseTime` is the message's base-time (152).
       */
      readonly type: "query-complete";
      readonly xid: number;
      readonly statusCode: number;
      readonly statusMessage: string;
      readonly bindings: number;
      readonly baseTime: number | undefined;
    }
  | {
      /** A query still outstanding when the connection closed; it did not complete. */
      readonly type: "query-aborted";
      readonly xid: number;
      readonly bindings: number;
    }
  | {
      /** DHCPTLS was answered without an error status: run the TLS handshake, then send queries. */
      readonly type: "tls-accepted";
    }
  | {
      /** DHCPTLS was refused, or not answered (`statusCode` undefined); a `close` follows. */
      readonly type: "tls-refused";
      readonly statusCode: number | undefined;
    }
  | Dhcpv4CloseEvent;

/**
 * A DHCPv4 Bulk Leasequery requestor for one connection. Several
 * DHCPBULKLEASEQUERY may be outstanding at once, each by its xid, and their
 * replies may interleave. Each DHCPLEASEACTIVE and DHCPLEASEUNASSIGNED is a
 * binding of its query; DHCPLEASEQUERYDONE ends the query (with its
 * status); a DHCPLEASEQUERYSTATUS with an error status ends it too. A reply
 * whose xid matches no outstanding query, or no message for the data
 * timeout while a query is outstanding, closes the connection.
 *
 * `finish()` says no more queries will be sent: the session asks to close
 * once the outstanding ones are over (reason `finished`).
 *
 * The connection's states and what each accepts are one table
 * ({@link Dhcpv4BulkRequestorState}); see {@link transition}.
 *
 * @example
 * ```ts
 * import { buildDhcpv4BulkLeasequery, buildDhcpv4LeaseActive, buildDhcpv4LeaseQueryDone } from "dhcp-leasequery";
 * import { Dhcpv4BulkRequestor } from "dhcp-leasequery";
 * const r = new Dhcpv4BulkRequestor();
 * r.query(buildDhcpv4BulkLeasequery({ relayId: Uint8Array.of(1) }, { xid: 7 }), 0);
 * r.finish(0);
 * const events = [
 *   buildDhcpv4LeaseActive({ xid: 7, address: "192.0.2.1" }),
 *   buildDhcpv4LeaseQueryDone({ xid: 7 }),
 * ].flatMap((m) => r.receive(m, 5).events.map((e) => e.type));
 * console.log(events, r.state); // ["binding", "query-complete", "close"] "closed"
 * ```
 */
export class Dhcpv4BulkRequestor {
  private readonly dataTimeout: number;
  private readonly startTlsTimeout: number;
  private readonly maxPending: number;
  private readonly outstanding = new Map<number, { bindings: number }>();
  private current: Dhcpv4BulkRequestorState = "idle";
  private tlsXid = -1;
  private last = 0;

  /**
   * @param options - see {@link Dhcpv4BulkRequestorOptions}
   * @throws RangeError for a timeout that is not a positive number, or a cap that is not a positive integer
   */
  constructor(options: Dhcpv4BulkRequestorOptions = {}) {
    this.dataTimeout = checkTimeout("dataTimeout", options.dataTimeout ?? BULK_LQ_DATA_TIMEOUT * 1000);
    this.startTlsTimeout = checkTimeout("startTlsTimeout", options.startTlsTimeout ?? BULK_LQ_DATA_TIMEOUT * 1000);
    this.maxPending = checkCount("maxPending", options.maxPending ?? 100);
  }

  /** The connection's state. */
  get state(): Dhcpv4BulkRequestorState {
    return this.current;
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.current === "closed";
  }

  /** The xids of the queries not yet complete, in the order they were sent. */
  get pending(): number[] {
    return [...this.outstanding.keys()];
  }

  /** When `timeout(now)` is due, or undefined when no timer runs. */
  get deadline(): number | undefined {
    if (this.current === "tls-requested") return this.last + this.startTlsTimeout;
    return this.outstanding.size > 0 && this.current !== "closed" ? this.last + this.dataTimeout : undefined;
  }

  /**
   * Sends DHCPTLS, which must be the first message on the connection (RFC
   * 7724 §7).
   *
   * @example
   * ```ts
   * import { buildDhcpv4Tls, Dhcpv4BulkRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4BulkRequestor();
   * console.log(r.startTls(1, 0).send[0]?.options[0]); // { code: 53, messageType: 18 }
   * console.log(r.receive(buildDhcpv4Tls({ xid: 1, reply: true }), 1).events); // [{ type: "tls-accepted" }]
   * ```
   * @throws Error if anything was sent before; RangeError for a bad xid or `now`
   */
  startTls(xid: number, now: number): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    checkNow(now);
    checkXid(xid);
    this.command("starttls", "DHCPTLS must be the first message on the connection (RFC 7724 §7)");
    this.tlsXid = xid;
    this.last = now;
    return this.output([buildDhcpv4Tls({ xid })], []);
  }

  /**
   * Sends a DHCPBULKLEASEQUERY; its xid must not belong to a query still
   * outstanding on this connection.
   *
   * @example
   * ```ts
   * import { buildDhcpv4BulkLeasequery, Dhcpv4BulkRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4BulkRequestor();
   * const out = r.query(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 3 }), 1000);
   * console.log(out.send.length, out.deadline, r.pending); // 1 31000 [3]
   * ```
   * @throws RangeError if it is not a DHCPBULKLEASEQUERY, its xid is in use, or `maxPending` queries are outstanding; Error out of turn
   */
  query(message: Dhcpv4Message, now: number): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    checkNow(now);
    if (dhcpv4MessageTypeOf(message) !== DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY) {
      throw new RangeError("Dhcpv4BulkRequestor.query takes a DHCPBULKLEASEQUERY");
    }
    checkXid(message.xid);
    if (this.outstanding.has(message.xid)) throw new RangeError(`xid ${message.xid} is already outstanding`);
    if (this.outstanding.size >= this.maxPending) {
      throw new RangeError(`${this.maxPending} queries are outstanding (maxPending)`);
    }
    this.command("query", "no query can be sent now");
    this.outstanding.set(message.xid, { bindings: 0 });
    this.last = now;
    return this.output([message], []);
  }

  /**
   * Says that no more queries will be sent: the session asks to close the
   * connection once the outstanding queries are over, at once if none is.
   *
   * @example
   * ```ts
   * import { Dhcpv4BulkRequestor } from "dhcp-leasequery";
   * console.log(new Dhcpv4BulkRequestor().finish(0).events); // [{ type: "close", reason: "finished" }]
   * ```
   * @throws Error during the DHCPTLS exchange or once finished; RangeError for a bad `now`
   */
  finish(now: number): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    checkNow(now);
    this.command("finish", "cannot finish now");
    return this.current === "finishing" && this.outstanding.size === 0
      ? this.close("finished", undefined, [])
      : this.output([], this.current === "closed" ? [{ type: "close", reason: "finished" }] : []);
  }

  /**
   * Takes a message from the server.
   *
   * @example
   * ```ts
   * import { buildDhcpv4LeaseQueryDone, Dhcpv4BulkRequestor } from "dhcp-leasequery";
   * const out = new Dhcpv4BulkRequestor().receive(buildDhcpv4LeaseQueryDone({ xid: 9 }), 0);
   * console.log(out.events.map((e) => e.type === "close" && e.reason)); // ["unknown-transaction"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv4Message, now: number): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    checkNow(now);
    const events: Dhcpv4BulkRequestorEvent[] = [];
    if (this.current === "closed") return this.output([], events);
    this.last = now;
    const kind = replyKindOf(message);
    const { statusCode, statusMessage } = dhcpv4MessageStatus(message);
    if (this.current === "tls-requested") {
      const answer = (kind === "tls" || kind === "status") && message.xid === this.tlsXid;
      if (!answer) return this.close("unexpected-message", message, events);
      if (statusCode === LEASEQUERY_STATUS.Success && kind === "tls") {
        this.command("tls-accepted", "no DHCPTLS is outstanding");
        events.push({ type: "tls-accepted" });
        return this.output([], events);
      }
      events.push({ type: "tls-refused", statusCode });
      return this.close("tls-refused", message, events);
    }
    if (kind === "other" || kind === "tls") return this.close("unexpected-message", message, events);
    const q = this.outstanding.get(message.xid);
    if (q === undefined || transition(TABLE, this.current, "reply") === undefined) {
      return this.close("unknown-transaction", message, events);
    }
    const xid = message.xid;
    if (kind === "binding") {
      q.bindings++;
      const active = dhcpv4MessageTypeOf(message) === DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE;
      events.push({ type: "binding", xid, active, message });
      return this.output([], events);
    }
    if (kind === "unknown") {
      events.push({ type: "lease-unknown", xid, message });
      return this.output([], events);
    }
    if (kind === "status" && statusCode === LEASEQUERY_STATUS.Success) {
      events.push({ type: "status", xid, message });
      return this.output([], events);
    }
    this.outstanding.delete(xid);
    const baseTime = findDhcpv4Option(message, 152)?.baseTime;
    events.push({ type: "query-complete", xid, statusCode, statusMessage, bindings: q.bindings, baseTime });
    if (this.outstanding.size === 0 && transition(TABLE, this.current, "drained") !== undefined) {
      return this.close("finished", undefined, events);
    }
    return this.output([], events);
  }

  /**
   * Checks the timer: no answer to DHCPTLS, or nothing from the server for
   * the data timeout while a query is outstanding, and the session gives up
   * and asks to close the connection.
   *
   * @example
   * ```ts
   * import { buildDhcpv4BulkLeasequery, Dhcpv4BulkRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4BulkRequestor({ dataTimeout: 100 });
   * r.query(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 3 }), 0);
   * console.log(r.timeout(99).events.length, r.timeout(100).events.map((e) => e.type)); // 0 ["query-aborted", "close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], []);
    const events: Dhcpv4BulkRequestorEvent[] = [];
    if (this.current === "tls-requested") events.push({ type: "tls-refused", statusCode: undefined });
    return this.close("timeout", undefined, events);
  }

  /**
   * Tells the session the connection is gone: outstanding queries are
   * reported as aborted; during DHCPTLS it counts as a refusal.
   *
   * @example
   * ```ts
   * import { Dhcpv4BulkRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4BulkRequestor();
   * console.log(r.connectionLost().events.map((e) => e.type), r.closed); // ["close"] true
   * ```
   * @throws never
   */
  connectionLost(): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    if (this.current === "closed") return this.output([], []);
    const events: Dhcpv4BulkRequestorEvent[] = [];
    if (this.current === "tls-requested") events.push({ type: "tls-refused", statusCode: undefined });
    return this.close("connection-lost", undefined, events);
  }

  private command(input: Input, refusal: string): void {
    const next = transition(TABLE, this.current, input);
    if (next === undefined) throw new Error(`Dhcpv4BulkRequestor: ${refusal} (state ${this.current})`);
    this.current = next;
  }

  private close(
    reason: Dhcpv4CloseReason,
    message: Dhcpv4Message | undefined,
    events: Dhcpv4BulkRequestorEvent[],
  ): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    for (const [xid, q] of this.outstanding) events.push({ type: "query-aborted", xid, bindings: q.bindings });
    this.outstanding.clear();
    this.current = transition(TABLE, this.current, reason === "finished" ? "drained" : "close") ?? "closed";
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output([], events);
  }

  private output(
    send: Dhcpv4Message[],
    events: Dhcpv4BulkRequestorEvent[],
  ): Dhcpv4SessionOutput<Dhcpv4BulkRequestorEvent> {
    return { send, events, deadline: this.deadline };
  }
}
