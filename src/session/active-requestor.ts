/**
 * The requestor side of Active Leasequery (RFC 7653 §8) on one connection,
 * sans-I/O, with the optional STARTTLS exchange that precedes it.
 *
 * DataMissing recovery goes on a second connection. Seed 001 disagrees with
 * itself here: §8.4.1 ends with "both requests could be issued over a
 * single connection", while §9.4 says every Active Leasequery "MUST be made
 * on a single TCP connection where there is no other request active" and
 * that parallel Active and Bulk queries "MUST use different TCP
 * connections". This library follows §9.4: it is the normative MUST (the
 * §8.4.1 sentence is descriptive), it is the rule a server enforces, and a
 * recovery query on the Active connection would run in parallel with the
 * still-running active query, which is exactly what §9.4 forbids. So
 * `ServerSession` answers a Bulk query on an Active connection with
 * NotAllowed, and the `data-missing` event's `recoveryQuery` is for a
 * `BulkRequestor` on another connection; the active query goes on.
 * @module
 */
import { dhcp4o6MessageOf, leasequeryBaseTimeOf, leasequeryStatusOf } from "../dhcp4o6/find.js";
import { ACTIVE_LQ_RCV_TIMEOUT } from "../stream/timers.js";
import { DHCPV4_MESSAGE_TYPE } from "../v4/codes.js";
import type { Dhcpv4Message, Dhcpv4Option, Dhcpv4OptionEntry } from "../v4/schema.js";
import { buildActiveLeasequery, buildStartTls, type LeasequeryKey, type LeasequeryParams } from "../v6/build.js";
import { MESSAGE_TYPE, STATUS_CODE } from "../v6/codes.js";
import { findOption, statusOf } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6Option, Dhcpv6OptionOf } from "../v6/schema.js";
import { locateInQuery } from "../validate/walk.js";
import { DHCPV6_EPOCH_UNIX } from "../wire/time.js";
import { bindingsOf, startTimeOf } from "./bindings.js";
import type { BulkRequestor } from "./bulk-requestor.js";
import { type LeasequeryTransport, sendsStartTls, type TlsPolicy, tlsPolicyMet } from "./connection-transport.js";
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

/** Options of {@link ActiveRequestor}. */
export interface ActiveRequestorOptions {
  /**
   * The base time saved from an earlier connection to this server (the
   * {@link ActiveRequestor.baseTime} of the previous session): what
   * {@link ActiveRequestor.reconnectQuery} puts in LQ_START_TIME.
   */
  readonly baseTime?: number;
  /**
   * Milliseconds without any message from the server after which the
   * requestor closes the connection (RFC 7653 §8.4). Default
   * ACTIVE_LQ_RCV_TIMEOUT (120 s).
   */
  readonly receiveTimeout?: number;
  /**
   * Milliseconds to wait for the REPLY to STARTTLS; no answer by then means
   * the server does not support TLS and the connection is dropped (RFC 7653
   * §8.2). RFC 7653 sets no value; default ACTIVE_LQ_RCV_TIMEOUT (120 s).
   */
  readonly startTlsTimeout?: number;
  /**
   * The TLS policy (the names of `TlsPolicy`): `"off"`, no STARTTLS;
   * `"prefer"`, send STARTTLS and go on in the clear when the server
   * refuses; `"require"`, send STARTTLS and close when the server refuses,
   * and refuse to {@link ActiveRequestor.start} on TCP before TLS was
   * accepted. Over QUIC (DHCP6oQUIC, seed 000 §5) the connection is TLS 1.3
   * already: no STARTTLS is sent ({@link ActiveRequestor.needsStartTls} is
   * false, `startTls` throws) and `"require"` is met. Default: not set, the
   * behaviour before this option: STARTTLS only when `startTls` is called,
   * and a refusal closes.
   */
  readonly tls?: TlsPolicy;
  /**
   * The transport under the connection: `"tcp"` (RFC 7653) or `"quic"`
   * (DHCP6oQUIC, seed 000; see `DHCP6OQUIC_PROFILE`, and
   * `leasequeryReconnector` for the reconnect pacing). Default `"tcp"`.
   */
  readonly transport?: LeasequeryTransport;
}

/** What an {@link ActiveRequestor} reports. */
export type ActiveRequestorEvent =
  | {
      /** STARTTLS was answered by a REPLY without status: run the TLS handshake, then call `start`. */
      readonly type: "tls-accepted";
      readonly message: Dhcpv6Message;
    }
  | {
      /**
       * STARTTLS was refused: a `close` event follows, unless the server
       * answered TLSConnectionRefused and the `tls` policy is `"prefer"`
       * (then `start` the query in the clear). `statusCode` is undefined
       * when no answer came (the connection is always dropped then).
       */
      readonly type: "tls-refused";
      readonly statusCode: number | undefined;
    }
  | {
      /** The server accepted the query (a LEASEQUERY-REPLY with Success, or DataMissing). */
      readonly type: "accepted";
      readonly message: Dhcpv6Message;
    }
  | {
      /** The server refused the query (a LEASEQUERY-REPLY with an error; a `close` event follows). */
      readonly type: "query-failed";
      readonly statusCode: number;
      readonly statusMessage: string;
      readonly message: Dhcpv6Message;
    }
  | {
      /**
       * One binding update; `catchUp` is true while the catch-up phase
       * runs. In DHCP4o6 the binding is the DHCPLEASEACTIVE /
       * DHCPLEASEUNASSIGNED in OPTION_DHCPV4_MSG, its related IPv6 options
       * in a CLIENT_DATA, or both (seed 002 §5.2).
       */
      readonly type: "binding";
      /** The CLIENT_DATA; undefined for a DHCP4o6 binding without related IPv6 options. */
      readonly clientData: Dhcpv6OptionOf<45> | undefined;
      /** The DHCP4o6 DHCPv4 binding; undefined in plain DHCPv6. */
      readonly dhcpv4: Dhcpv4Message | undefined;
      readonly catchUp: boolean;
      readonly message: Dhcpv6Message;
    }
  | {
      /**
       * A LEASEQUERY-DATA with neither binding nor status: the server's
       * keep-alive (RFC 7653 §8.4). A DHCP4o6 DATA whose DHCPv4 message is
       * a DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED is a binding, not this.
       */
      readonly type: "keep-alive";
      readonly message: Dhcpv6Message;
    }
  | {
      /** The catch-up phase ended with CatchUpComplete. */
      readonly type: "catch-up-complete";
      readonly baseTime: number | undefined;
    }
  | {
      /**
       * The server lacks data since LQ_START_TIME (RFC 7653 §8.4.1); the
       * catch-up phase is over. Send `recoveryQuery`, a Bulk LEASEQUERY for
       * the gap (undefined when the active query had no LQ_QUERY to copy),
       * with a {@link BulkRequestor} on another connection to the same
       * server: parallel Active and Bulk queries MUST use different
       * connections (RFC 7653 §9.4; see the module notes). This connection
       * stays open for the real-time updates.
       */
      readonly type: "data-missing";
      readonly baseTime: number | undefined;
      readonly recoveryQuery: Dhcpv6Message | undefined;
    }
  | {
      /** LEASEQUERY-DONE ended the query, normally with QueryTerminated (a `close` event follows). */
      readonly type: "terminated";
      readonly statusCode: number;
      readonly statusMessage: string;
      readonly baseTime: number | undefined;
    }
  | CloseEvent;

/** States of an {@link ActiveRequestor} connection. */
export type ActiveRequestorState = "idle" | "tls-requested" | "tls-ready" | "querying" | "active" | "closed";

type Input = "starttls" | "tls-accepted" | "clear" | "start" | "reply" | "data" | "done" | "close";

/**
 * Every state of the connection and the inputs it takes: STARTTLS only
 * first (RFC 7653 §8.2), then TLS or, with `tls: "prefer"` after a
 * refusal, the clear; one ACTIVELEASEQUERY; one LEASEQUERY-REPLY, first;
 * then DATA until a DONE (§6.2.3). Anything else closes the connection.
 */
const TABLE: TransitionTable<ActiveRequestorState, Input> = {
  idle: { starttls: "tls-requested", start: "querying", close: "closed" },
  "tls-requested": { "tls-accepted": "tls-ready", clear: "tls-ready", close: "closed" },
  "tls-ready": { start: "querying", close: "closed" },
  querying: { reply: "active", close: "closed" },
  active: { data: "active", done: "closed", close: "closed" },
  closed: {},
};

/**
 * An Active Leasequery requestor for one connection.
 *
 * - Optionally `startTls` first (RFC 7653 §8.2): a REPLY without status
 *   means go ahead with TLS; TLSConnectionRefused, or no answer by the
 *   deadline, means drop the connection.
 * - `start` sends the ACTIVELEASEQUERY. With LQ_START_TIME the exchange
 *   begins in the catch-up phase (§8.4.1): base times received then do not
 *   replace the saved one. Catch-up ends with a LEASEQUERY-DATA carrying
 *   CatchUpComplete, or a REPLY or DATA carrying DataMissing (which also
 *   yields the recovery Bulk query). From then on, the highest base time
 *   received is saved: {@link ActiveRequestor.baseTime} is what the next
 *   connection puts in LQ_START_TIME.
 * - A DATA without CLIENT_DATA is a keep-alive; any message resets the
 *   ACTIVE_LQ_RCV_TIMEOUT deadline; LEASEQUERY-DONE (QueryTerminated) ends
 *   the query.
 *
 * Times are milliseconds on the caller's clock (see {@link SessionOutput});
 * base times are the server's absolute times (seconds since 2000, RFC 7653
 * §6.3.1), compared as plain numbers (they wrap only in 2136).
 *
 * @example
 * ```ts
 * import { buildLeasequeryData, buildLeasequeryReply, STATUS_CODE } from "dhcp-leasequery";
 * import { ActiveRequestor } from "dhcp-leasequery";
 * const r = new ActiveRequestor({ baseTime: 1000 });
 * r.start(r.reconnectQuery(undefined, { transactionId: 5 }), 0); // LQ_START_TIME 1000: catch-up
 * r.receive(buildLeasequeryReply({ transactionId: 5, baseTime: 1500 }), 1);
 * console.log(r.catchingUp, r.baseTime); // true 1000
 * r.receive(buildLeasequeryData({ transactionId: 5, statusCode: STATUS_CODE.CatchUpComplete, baseTime: 1502 }), 2);
 * console.log(r.catchingUp, r.baseTime); // false 1502
 * ```
 */
export class ActiveRequestor {
  private readonly receiveTimeout: number;
  private readonly startTlsTimeout: number;
  private readonly tls: TlsPolicy | undefined;
  private readonly transport: LeasequeryTransport;
  private tlsAccepted = false;
  private current: ActiveRequestorState = "idle";
  private saved: number | undefined;
  private catchUp = false;
  private startTime: number | undefined;
  private query: Dhcpv6Message | undefined;
  private xid = -1;
  private lastReceived = 0;

  /**
   * @param options - see {@link ActiveRequestorOptions}
   * @throws RangeError for a timeout that is not a positive number
   */
  constructor(options: ActiveRequestorOptions = {}) {
    this.receiveTimeout = checkTimeout("receiveTimeout", options.receiveTimeout ?? ACTIVE_LQ_RCV_TIMEOUT * 1000);
    this.startTlsTimeout = checkTimeout("startTlsTimeout", options.startTlsTimeout ?? ACTIVE_LQ_RCV_TIMEOUT * 1000);
    this.saved = options.baseTime;
    this.tls = options.tls;
    this.transport = options.transport ?? "tcp";
    if (this.tls !== undefined && !["off", "prefer", "require"].includes(this.tls)) {
      throw new RangeError(`tls must be "off", "prefer" or "require", got ${String(this.tls)}`);
    }
    if (this.transport !== "tcp" && this.transport !== "quic") {
      throw new RangeError(`transport must be "tcp" or "quic", got ${String(this.transport)}`);
    }
  }

  /**
   * Whether the `tls` policy asks for STARTTLS before the query: on a new
   * TCP connection with a policy other than `"off"`; never over QUIC.
   *
   * @example
   * ```ts
   * import { ActiveRequestor } from "dhcp-leasequery";
   * console.log(new ActiveRequestor({ tls: "require" }).needsStartTls, new ActiveRequestor({ tls: "require", transport: "quic" }).needsStartTls); // true false
   * ```
   */
  get needsStartTls(): boolean {
    return this.current === "idle" && sendsStartTls(this.tls ?? "off", this.transport);
  }

  /**
   * The base time to put in LQ_START_TIME when reconnecting: the highest
   * base time received after catch-up, else the one this session started
   * with. Undefined when none is known.
   */
  get baseTime(): number | undefined {
    return this.saved;
  }

  /** Whether the catch-up phase is running (never once the session is closed). */
  get catchingUp(): boolean {
    return this.catchUp;
  }

  /** The connection's state. */
  get state(): ActiveRequestorState {
    return this.current;
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.current === "closed";
  }

  /** When `timeout(now)` is due, or undefined when no timer runs. */
  get deadline(): number | undefined {
    if (this.current === "tls-requested") return this.lastReceived + this.startTlsTimeout;
    if (this.current === "querying" || this.current === "active") return this.lastReceived + this.receiveTimeout;
    return undefined;
  }

  /**
   * An ACTIVELEASEQUERY that resumes from {@link baseTime}: LQ_START_TIME
   * holds it when one is known, so the server catches up on what this
   * requestor missed. Without a `key` the query has no LQ_QUERY and asks for
   * all bindings (RFC 7653 §6.2.1); its ORO and LQ_START_TIME then sit at
   * message level. The ORO defaults to `[LQ_BASE_TIME]`.
   *
   * @example
   * ```ts
   * import { findOption } from "dhcp-leasequery";
   * import { ActiveRequestor } from "dhcp-leasequery";
   * const q = new ActiveRequestor({ baseTime: 77 }).reconnectQuery(undefined, { transactionId: 1 });
   * console.log(q.msgType, findOption(q, 101)?.queryStartTime); // 22 77
   * ```
   * @throws never
   */
  reconnectQuery(key: LeasequeryKey | undefined, params: LeasequeryParams): Dhcpv6Message {
    const start = this.saved === undefined ? {} : { queryStartTime: this.saved };
    if (key !== undefined) return buildActiveLeasequery(key, { ...params, ...start });
    const options: Dhcpv6Option[] = [];
    if (params.requestorId !== undefined) options.push({ code: 1, duid: params.requestorId });
    const oro = params.requestedOptions ?? [100];
    if (oro.length > 0) options.push({ code: 6, requestedOptions: [...oro] });
    if (this.saved !== undefined) options.push({ code: 101, queryStartTime: this.saved });
    if (params.options) options.push(...params.options);
    return { msgType: MESSAGE_TYPE.ACTIVELEASEQUERY, transactionId: params.transactionId, options };
  }

  /**
   * Sends STARTTLS, which must be the first message on the connection.
   *
   * @example
   * ```ts
   * import { buildStartTlsReply } from "dhcp-leasequery";
   * import { ActiveRequestor } from "dhcp-leasequery";
   * const r = new ActiveRequestor();
   * console.log(r.startTls(1, 0).send[0]?.msgType); // 23
   * console.log(r.receive(buildStartTlsReply({ transactionId: 1 }), 5).events.map((e) => e.type)); // ["tls-accepted"]
   * ```
   * @throws Error if anything was sent before, or over QUIC (STARTTLS has no meaning there) or with `tls: "off"`; RangeError for a bad transaction-id
   */
  startTls(transactionId: number, now: number): SessionOutput<ActiveRequestorEvent> {
    checkNow(now);
    checkTransactionId(transactionId);
    if (this.transport === "quic") throw new Error("STARTTLS is not sent over QUIC, which runs TLS 1.3 (seed 000 §5)");
    if (this.tls === "off") throw new Error('STARTTLS with tls: "off"');
    const next = transition(TABLE, this.current, "starttls");
    if (next === undefined) throw new Error("STARTTLS must be the first message on the connection (RFC 7653 §8.2)");
    this.current = next;
    this.xid = transactionId;
    this.lastReceived = now;
    return this.output([buildStartTls({ transactionId })], []);
  }

  /**
   * Sends the ACTIVELEASEQUERY (first, or after STARTTLS was accepted and
   * TLS is up).
   *
   * @example
   * ```ts
   * import { buildActiveLeasequery } from "dhcp-leasequery";
   * import { ActiveRequestor } from "dhcp-leasequery";
   * const r = new ActiveRequestor();
   * const out = r.start(buildActiveLeasequery({ queryType: 4, linkAddress: "2001:db8::" }, { transactionId: 2 }), 0);
   * console.log(out.send.length, out.deadline, r.catchingUp); // 1 120000 false
   * ```
   * @throws RangeError if the message is not an ACTIVELEASEQUERY or carries LQ_END_TIME (RFC 7653 §6.3.3); Error out of turn, or with `tls: "require"` on TCP before STARTTLS was accepted
   */
  start(query: Dhcpv6Message, now: number): SessionOutput<ActiveRequestorEvent> {
    checkNow(now);
    const id = transactionIdOf(query);
    if (query.msgType !== MESSAGE_TYPE.ACTIVELEASEQUERY || id === undefined) {
      throw new RangeError("ActiveRequestor.start takes an ACTIVELEASEQUERY message");
    }
    checkTransactionId(id);
    if (locateInQuery(query.options, 102, "").length > 0) {
      throw new RangeError("an ACTIVELEASEQUERY must not carry LQ_END_TIME (RFC 7653 §6.3.3)");
    }
    const next = transition(TABLE, this.current, "start");
    if (next === undefined) throw new Error(`ActiveRequestor: cannot start a query in state ${this.current}`);
    if (this.tls !== undefined && !tlsPolicyMet(this.tls, this.transport, this.tlsAccepted)) {
      throw new Error('ActiveRequestor: tls: "require" on TCP needs STARTTLS accepted first (RFC 7653 §8.2)');
    }
    // LQ_START_TIME, or in DHCP4o6 the DHCPv4 query-start-time (154): either carrier asks for catch-up.
    this.startTime = startTimeOf(query);
    this.catchUp = this.startTime !== undefined;
    this.query = query;
    this.xid = id;
    this.current = next;
    this.lastReceived = now;
    return this.output([query], []);
  }

  /**
   * Takes a message from the server.
   *
   * @example
   * ```ts
   * import { buildLeasequeryData, buildLeasequeryReply } from "dhcp-leasequery";
   * import { ActiveRequestor } from "dhcp-leasequery";
   * const r = new ActiveRequestor();
   * r.start(r.reconnectQuery(undefined, { transactionId: 4 }), 0);
   * r.receive(buildLeasequeryReply({ transactionId: 4, baseTime: 10 }), 1);
   * const out = r.receive(buildLeasequeryData({ transactionId: 4, baseTime: 70 }), 60_000);
   * console.log(out.events.map((e) => e.type), r.baseTime, out.deadline); // ["keep-alive"] 70 180000
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv6Message, now: number): SessionOutput<ActiveRequestorEvent> {
    checkNow(now);
    const events: ActiveRequestorEvent[] = [];
    if (this.current === "closed") return this.output([], events);
    this.lastReceived = now;
    const id = transactionIdOf(message);
    if (this.current === "tls-requested" && message.msgType === MESSAGE_TYPE.REPLY && id === this.xid) {
      const status = statusOf(message);
      if (status === undefined) {
        this.current = transition(TABLE, this.current, "tls-accepted") as ActiveRequestorState;
        this.tlsAccepted = true;
        events.push({ type: "tls-accepted", message });
        return this.output([], events);
      }
      events.push({ type: "tls-refused", statusCode: status.statusCode });
      return this.tlsRefused(message, events);
    }
    const type = message.msgType;
    if (
      type !== MESSAGE_TYPE.LEASEQUERY_REPLY &&
      type !== MESSAGE_TYPE.LEASEQUERY_DATA &&
      type !== MESSAGE_TYPE.LEASEQUERY_DONE
    ) {
      return this.close("unexpected-message", message, events);
    }
    if ((this.current !== "querying" && this.current !== "active") || id !== this.xid) {
      return this.close("unknown-transaction", message, events);
    }
    // One LEASEQUERY-REPLY, first; then DATA and DONE (RFC 7653 §6.2.3).
    const input =
      type === MESSAGE_TYPE.LEASEQUERY_REPLY ? "reply" : type === MESSAGE_TYPE.LEASEQUERY_DATA ? "data" : "done";
    const next = transition(TABLE, this.current, input);
    if (next === undefined) return this.close("protocol-violation", message, events);
    // Both carriers: the DHCPv6 STATUS_CODE and LQ_BASE_TIME, or in DHCP4o6 the DHCPv4 status-code (151,
    // e.g. CatchUpComplete in a DHCPLEASEQUERYSTATUS, RFC 7724) and base-time (152).
    const { statusCode, statusMessage } = leasequeryStatusOf(message);
    const baseTime = leasequeryBaseTimeOf(message);
    if (type === MESSAGE_TYPE.LEASEQUERY_REPLY) {
      if (
        statusCode !== STATUS_CODE.Success &&
        statusCode !== STATUS_CODE.DataMissing &&
        statusCode !== STATUS_CODE.CatchUpComplete
      ) {
        events.push({ type: "query-failed", statusCode, statusMessage, message });
        return this.close("query-failed", message, events);
      }
      events.push({ type: "accepted", message });
    }
    const bindings = bindingsOf(message);
    for (const b of bindings) {
      events.push({ type: "binding", clientData: b.clientData, dhcpv4: b.dhcpv4, catchUp: this.catchUp, message });
    }
    if (statusCode === STATUS_CODE.CatchUpComplete && type !== MESSAGE_TYPE.LEASEQUERY_DONE) {
      if (this.catchUp) events.push({ type: "catch-up-complete", baseTime });
      this.catchUp = false;
    } else if (statusCode === STATUS_CODE.DataMissing && type !== MESSAGE_TYPE.LEASEQUERY_DONE) {
      this.catchUp = false;
      events.push({ type: "data-missing", baseTime, recoveryQuery: this.recoveryQuery(baseTime) });
    } else if (type === MESSAGE_TYPE.LEASEQUERY_DATA && statusCode === STATUS_CODE.Success && bindings.length === 0) {
      events.push({ type: "keep-alive", message });
    }
    // Catch-up data arrives out of time order, so its base times are not kept (RFC 7653 §8.4.1).
    if (baseTime !== undefined && !this.catchUp) this.saved = Math.max(this.saved ?? baseTime, baseTime);
    if (type === MESSAGE_TYPE.LEASEQUERY_DONE) {
      events.push({ type: "terminated", statusCode, statusMessage, baseTime });
      return this.close("terminated", message, events);
    }
    this.current = next;
    return this.output([], events);
  }

  /**
   * Checks the timer: no REPLY to STARTTLS, or nothing from the server for
   * ACTIVE_LQ_RCV_TIMEOUT, and the session asks to close the connection.
   *
   * @example
   * ```ts
   * import { ActiveRequestor } from "dhcp-leasequery";
   * const r = new ActiveRequestor({ startTlsTimeout: 50 });
   * r.startTls(1, 0);
   * console.log(r.timeout(50).events.map((e) => e.type)); // ["tls-refused", "close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): SessionOutput<ActiveRequestorEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], []);
    const events: ActiveRequestorEvent[] = [];
    // No answer to STARTTLS: the server does not support TLS, drop the connection whatever the policy (RFC 7653 §8.2).
    if (this.current === "tls-requested") events.push({ type: "tls-refused", statusCode: undefined });
    return this.close("timeout", undefined, events);
  }

  /**
   * STARTTLS refused: with `tls: "prefer"` the query may go in the clear on
   * this connection; otherwise the connection is dropped (RFC 7653 §8.2).
   */
  private tlsRefused(message: Dhcpv6Message, events: ActiveRequestorEvent[]): SessionOutput<ActiveRequestorEvent> {
    if (this.tls === "prefer") {
      this.current = transition(TABLE, this.current, "clear") as ActiveRequestorState;
      return this.output([], events);
    }
    return this.close("tls-refused", message, events);
  }

  /**
   * Tells the session the connection is gone. During STARTTLS this counts as
   * a refusal (RFC 7653 §8.2).
   *
   * @example
   * ```ts
   * import { ActiveRequestor } from "dhcp-leasequery";
   * const r = new ActiveRequestor();
   * r.startTls(1, 0);
   * console.log(r.connectionLost().events.map((e) => e.type)); // ["tls-refused", "close"]
   * ```
   * @throws never
   */
  connectionLost(): SessionOutput<ActiveRequestorEvent> {
    if (this.current === "closed") return this.output([], []);
    const events: ActiveRequestorEvent[] = [];
    if (this.current === "tls-requested") events.push({ type: "tls-refused", statusCode: undefined });
    return this.close("connection-lost", undefined, events);
  }

  /**
   * The Bulk LEASEQUERY that recovers what DataMissing says is lost: the
   * active query's LQ_QUERY with LQ_START_TIME = the old start and
   * LQ_END_TIME = the base time that came with DataMissing (RFC 7653
   * §8.4.1). Its transaction-id is the active query's plus one (mod 2^24);
   * change it if that is in use.
   */
  private recoveryQuery(endTime: number | undefined): Dhcpv6Message | undefined {
    const q = this.query as Dhcpv6Message;
    const lq = findOption(q, 44);
    if (lq === undefined) return undefined;
    const queryOptions = lq.options.filter((o) => o.code !== 101 && o.code !== 102);
    if (this.startTime !== undefined) queryOptions.push({ code: 101, queryStartTime: this.startTime });
    if (endTime !== undefined) queryOptions.push({ code: 102, queryEndTime: endTime });
    const v4 = dhcp4o6MessageOf(q);
    const options: Dhcpv6Option[] = q.options
      .filter((o) => o.code !== 101 && o.code !== 102)
      .map((o) => (o === lq ? { ...lq, options: queryOptions } : o))
      .map((o) => (o.code === 87 && v4 !== undefined ? { code: 87, dhcpv4Message: this.recoveryV4(v4, endTime) } : o));
    return { msgType: MESSAGE_TYPE.LEASEQUERY, transactionId: (this.xid + 1) & 0xffffff, options };
  }

  /**
   * The DHCPBULKLEASEQUERY of a DHCP4o6 recovery: the DHCPACTIVELEASEQUERY
   * with the times of the gap as query-start-time (154) and query-end-time
   * (155), in the DHCPv4 epoch (RFC 7724, RFC 6926 §6.2.5).
   */
  private recoveryV4(v4: Dhcpv4Message, endTime: number | undefined): Dhcpv4Message {
    const times: Dhcpv4Option[] = [];
    if (this.startTime !== undefined) times.push({ code: 154, queryStartTime: this.startTime + DHCPV6_EPOCH_UNIX });
    if (endTime !== undefined) times.push({ code: 155, queryEndTime: endTime + DHCPV6_EPOCH_UNIX });
    const options: Dhcpv4OptionEntry[] = [];
    for (const o of v4.options) {
      if (o.code === 154 || o.code === 155) continue;
      if (o.code === 255) options.push(...times.splice(0));
      options.push(o.code === 53 ? { code: 53, messageType: DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY } : o);
    }
    options.push(...times);
    return { ...v4, options };
  }

  private close(
    reason: CloseReason,
    message: Dhcpv6Message | undefined,
    events: ActiveRequestorEvent[],
  ): SessionOutput<ActiveRequestorEvent> {
    this.current = transition(TABLE, this.current, "close") ?? "closed";
    this.catchUp = false;
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output([], events);
  }

  private output(send: Dhcpv6Message[], events: ActiveRequestorEvent[]): SessionOutput<ActiveRequestorEvent> {
    return { send, events, deadline: this.deadline };
  }
}
