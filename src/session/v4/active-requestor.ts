/**
 * The requestor side of DHCPv4 Active Leasequery (RFC 7724) on one TCP
 * connection, sans-I/O, with the DHCPTLS exchange that may precede it.
 * @module
 */
import { ACTIVE_LQ_RCV_TIMEOUT } from "../../stream/timers.js";
import { buildDhcpv4ActiveLeasequery, type Dhcpv4LeasequeryKey, type Dhcpv4QueryParams } from "../../v4/build.js";
import { DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "../../v4/codes.js";
import { dhcpv4MessageTypeOf, findDhcpv4Option } from "../../v4/find.js";
import type { Dhcpv4Message, Dhcpv4OptionEntry } from "../../v4/schema.js";
import { type TransitionTable, transition } from "../machine.js";
import { checkNow, checkTimeout } from "../output.js";
import {
  checkXid,
  type Dhcpv4CloseEvent,
  type Dhcpv4CloseReason,
  type Dhcpv4SessionOutput,
  dhcpv4MessageStatus,
  replyKindOf,
} from "./output.js";
import { buildDhcpv4Tls } from "./tls.js";

/** States of a {@link Dhcpv4ActiveRequestor} connection. */
export type Dhcpv4ActiveRequestorState = "idle" | "tls-requested" | "tls-ready" | "catch-up" | "live" | "closed";

type Input =
  | "starttls"
  | "tls-accepted"
  | "start"
  | "start-catch-up"
  | "binding"
  | "keep-alive"
  | "catch-up-complete"
  | "data-missing"
  | "close";

/**
 * Every state and the inputs it takes: DHCPTLS first or not at all; a query
 * with query-start-time begins in catch-up, which ends with CatchUpComplete
 * or DataMissing; any other status, DHCPLEASEQUERYDONE, a timeout or a lost
 * connection closes.
 */
const TABLE: TransitionTable<Dhcpv4ActiveRequestorState, Input> = {
  idle: { starttls: "tls-requested", start: "live", "start-catch-up": "catch-up", close: "closed" },
  "tls-requested": { "tls-accepted": "tls-ready", close: "closed" },
  "tls-ready": { start: "live", "start-catch-up": "catch-up", close: "closed" },
  "catch-up": {
    binding: "catch-up",
    "keep-alive": "catch-up",
    "catch-up-complete": "live",
    "data-missing": "live",
    close: "closed",
  },
  live: { binding: "live", "keep-alive": "live", "catch-up-complete": "live", "data-missing": "live", close: "closed" },
  closed: {},
};

/** Options of {@link Dhcpv4ActiveRequestor}. */
export interface Dhcpv4ActiveRequestorOptions {
  /**
   * The base time saved from an earlier connection to this server (the
   * {@link Dhcpv4ActiveRequestor.baseTime} of the previous session, seconds
   * since 1970): what {@link Dhcpv4ActiveRequestor.reconnectQuery} puts in
   * query-start-time.
   */
  readonly baseTime?: number;
  /**
   * Milliseconds without any message from the server after which the
   * requestor closes the connection. Default ACTIVE_LQ_RCV_TIMEOUT (120 s).
   */
  readonly receiveTimeout?: number;
  /** Milliseconds to wait for the answer to DHCPTLS. Default ACTIVE_LQ_RCV_TIMEOUT (120 s). */
  readonly startTlsTimeout?: number;
}

/** What a {@link Dhcpv4ActiveRequestor} reports. */
export type Dhcpv4ActiveRequestorEvent =
  | { readonly type: "tls-accepted" }
  | {
      /** DHCPTLS was refused, or not answered (`statusCode` undefined); a `close` follows. */
      readonly type: "tls-refused";
      readonly statusCode: number | undefined;
    }
  | {
      /** One binding update (DHCPLEASEACTIVE when `active`, else DHCPLEASEUNASSIGNED); `catchUp` while catching up. */
      readonly type: "binding";
      readonly active: boolean;
      readonly catchUp: boolean;
      readonly message: Dhcpv4Message;
    }
  | {
      /** A DHCPLEASEQUERYSTATUS with Success: the server's keep-alive. */
      readonly type: "keep-alive";
      readonly message: Dhcpv4Message;
    }
  | {
      /** Catch-up ended with CatchUpComplete. */
      readonly type: "catch-up-complete";
      readonly baseTime: number | undefined;
    }
  | {
      /**
       * The server lacks data since query-start-time (DataMissing); catch-up
       * is over. `recoveryQuery` is the DHCPBULKLEASEQUERY for the gap: the
       * active query's key, query-start-time = the old start, query-end-time
       * = the base-time that came with DataMissing; its xid is the active
       * query's plus one (change it if that is in use). Undefined when the
       * query had no query-start-time.
       */
      readonly type: "data-missing";
      readonly baseTime: number | undefined;
      readonly recoveryQuery: Dhcpv4Message | undefined;
    }
  | {
      /** The server refused or ended the query with an error status (a `close` follows). */
      readonly type: "query-failed";
      readonly statusCode: number;
      readonly statusMessage: string;
      readonly message: Dhcpv4Message;
    }
  | {
      /** The server ended the query: DHCPLEASEQUERYDONE, or a status of QueryTerminated (a `close` follows). */
      readonly type: "terminated";
      readonly statusCode: number;
      readonly statusMessage: string;
      readonly baseTime: number | undefined;
    }
  | Dhcpv4CloseEvent;

/**
 * A DHCPv4 Active Leasequery requestor for one connection (RFC 7724).
 *
 * - Optionally `startTls` first: a DHCPTLS answer without error status
 *   means go ahead with TLS; TLSConnectionRefused, no answer by the
 *   deadline, or a lost connection means drop the connection.
 * - `start` sends the DHCPACTIVELEASEQUERY. With query-start-time (154) the
 *   exchange begins in catch-up: base-times received then do not replace
 *   the saved one. Catch-up ends with a DHCPLEASEQUERYSTATUS carrying
 *   CatchUpComplete or DataMissing (which also yields the recovery Bulk
 *   query). After that the highest base-time received is saved:
 *   {@link Dhcpv4ActiveRequestor.baseTime} is what the next connection puts
 *   in query-start-time.
 * - A DHCPLEASEQUERYSTATUS with Success is a keep-alive; any message
 *   restarts the receive timer; any other status, or a
 *   DHCPLEASEQUERYDONE, ends the query.
 *
 * States and transitions are one table ({@link Dhcpv4ActiveRequestorState}).
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseActive, buildDhcpv4LeaseQueryStatus, LEASEQUERY_STATUS } from "dhcp-leasequery";
 * import { Dhcpv4ActiveRequestor } from "dhcp-leasequery";
 * const r = new Dhcpv4ActiveRequestor({ baseTime: 1000 });
 * r.start(r.reconnectQuery(undefined, { xid: 5 }), 0);
 * r.receive(buildDhcpv4LeaseActive({ xid: 5, address: "192.0.2.1", baseTime: 1500 }), 1);
 * console.log(r.state, r.baseTime); // "catch-up" 1000
 * r.receive(buildDhcpv4LeaseQueryStatus({ xid: 5, statusCode: LEASEQUERY_STATUS.CatchUpComplete, baseTime: 1502 }), 2);
 * console.log(r.state, r.baseTime); // "live" 1502
 * ```
 */
export class Dhcpv4ActiveRequestor {
  private readonly receiveTimeout: number;
  private readonly startTlsTimeout: number;
  private current: Dhcpv4ActiveRequestorState = "idle";
  private saved: number | undefined;
  private startTime: number | undefined;
  private query: Dhcpv4Message | undefined;
  private xid = -1;
  private last = 0;

  /**
   * @param options - see {@link Dhcpv4ActiveRequestorOptions}
   * @throws RangeError for a timeout that is not a positive number
   */
  constructor(options: Dhcpv4ActiveRequestorOptions = {}) {
    this.receiveTimeout = checkTimeout("receiveTimeout", options.receiveTimeout ?? ACTIVE_LQ_RCV_TIMEOUT * 1000);
    this.startTlsTimeout = checkTimeout("startTlsTimeout", options.startTlsTimeout ?? ACTIVE_LQ_RCV_TIMEOUT * 1000);
    this.saved = options.baseTime;
  }

  /** The connection's state. */
  get state(): Dhcpv4ActiveRequestorState {
    return this.current;
  }

  /** Whether the session has asked for the connection to be closed. */
  get closed(): boolean {
    return this.current === "closed";
  }

  /** The base-time to put in query-start-time when reconnecting, or undefined when none is known. */
  get baseTime(): number | undefined {
    return this.saved;
  }

  /** When `timeout(now)` is due, or undefined when no timer runs. */
  get deadline(): number | undefined {
    if (this.current === "tls-requested") return this.last + this.startTlsTimeout;
    if (this.current === "catch-up" || this.current === "live") return this.last + this.receiveTimeout;
    return undefined;
  }

  /**
   * A DHCPACTIVELEASEQUERY that resumes from {@link baseTime}: its
   * query-start-time holds it when one is known, so the server catches up
   * on what this requestor missed. Without a key it asks for every binding.
   *
   * @example
   * ```ts
   * import { Dhcpv4ActiveRequestor, findDhcpv4Option } from "dhcp-leasequery";
   * const q = new Dhcpv4ActiveRequestor({ baseTime: 77 }).reconnectQuery(undefined, { xid: 1 });
   * console.log(findDhcpv4Option(q, 154)); // { code: 154, queryStartTime: 77 }
   * ```
   * @throws never
   */
  reconnectQuery(key: Dhcpv4LeasequeryKey | undefined, params: Dhcpv4QueryParams): Dhcpv4Message {
    return buildDhcpv4ActiveLeasequery(key, {
      ...params,
      ...(this.saved === undefined ? {} : { queryStartTime: this.saved }),
    });
  }

  /**
   * Sends DHCPTLS, which must be the first message on the connection.
   *
   * @example
   * ```ts
   * import { buildDhcpv4Tls, Dhcpv4ActiveRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4ActiveRequestor();
   * r.startTls(1, 0);
   * console.log(r.receive(buildDhcpv4Tls({ xid: 1, reply: true }), 5).events, r.state); // [{ type: "tls-accepted" }] "tls-ready"
   * ```
   * @throws Error if anything was sent before; RangeError for a bad xid or `now`
   */
  startTls(xid: number, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    checkNow(now);
    checkXid(xid);
    this.command("starttls");
    this.xid = xid;
    this.last = now;
    return this.output([buildDhcpv4Tls({ xid })], []);
  }

  /**
   * Sends the DHCPACTIVELEASEQUERY (first, or once TLS is up).
   *
   * @example
   * ```ts
   * import { buildDhcpv4ActiveLeasequery, Dhcpv4ActiveRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4ActiveRequestor();
   * const out = r.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
   * console.log(out.send.length, out.deadline, r.state); // 1 120000 "live"
   * ```
   * @throws RangeError if it is not a DHCPACTIVELEASEQUERY or carries query-end-time; Error out of turn
   */
  start(query: Dhcpv4Message, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    checkNow(now);
    if (dhcpv4MessageTypeOf(query) !== DHCPV4_MESSAGE_TYPE.DHCPACTIVELEASEQUERY) {
      throw new RangeError("Dhcpv4ActiveRequestor.start takes a DHCPACTIVELEASEQUERY");
    }
    checkXid(query.xid);
    if (findDhcpv4Option(query, 155) !== undefined) {
      throw new RangeError("a DHCPACTIVELEASEQUERY must not carry query-end-time (RFC 7724)");
    }
    const startTime = findDhcpv4Option(query, 154)?.queryStartTime;
    this.command(startTime === undefined ? "start" : "start-catch-up");
    this.startTime = startTime;
    this.query = query;
    this.xid = query.xid;
    this.last = now;
    return this.output([query], []);
  }

  /**
   * Takes a message from the server.
   *
   * @example
   * ```ts
   * import { buildDhcpv4LeaseQueryStatus, Dhcpv4ActiveRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4ActiveRequestor();
   * r.start(r.reconnectQuery(undefined, { xid: 4 }), 0);
   * const out = r.receive(buildDhcpv4LeaseQueryStatus({ xid: 4, baseTime: 70 }), 60_000);
   * console.log(out.events.map((e) => e.type), r.baseTime, out.deadline); // ["keep-alive"] 70 180000
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  receive(message: Dhcpv4Message, now: number): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    checkNow(now);
    const events: Dhcpv4ActiveRequestorEvent[] = [];
    if (this.current === "closed") return this.output([], events);
    this.last = now;
    const kind = replyKindOf(message);
    const { statusCode, statusMessage } = dhcpv4MessageStatus(message);
    if (this.current === "tls-requested") {
      if ((kind !== "tls" && kind !== "status") || message.xid !== this.xid) {
        return this.close("unexpected-message", message, events);
      }
      if (kind === "tls" && statusCode === LEASEQUERY_STATUS.Success) {
        this.command("tls-accepted");
        events.push({ type: "tls-accepted" });
        return this.output([], events);
      }
      events.push({ type: "tls-refused", statusCode });
      return this.close("tls-refused", message, events);
    }
    if (kind !== "binding" && kind !== "status" && kind !== "done") {
      return this.close("unexpected-message", message, events);
    }
    if (this.current !== "catch-up" && this.current !== "live")
      return this.close("unknown-transaction", message, events);
    if (message.xid !== this.xid) return this.close("unknown-transaction", message, events);
    const baseTime = findDhcpv4Option(message, 152)?.baseTime;
    const catchUp = this.current === "catch-up";
    if (kind === "binding") {
      this.command("binding");
      const active = dhcpv4MessageTypeOf(message) === DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE;
      events.push({ type: "binding", active, catchUp, message });
    } else if (kind === "done" || statusCode === LEASEQUERY_STATUS.QueryTerminated) {
      this.keep(baseTime, catchUp);
      events.push({ type: "terminated", statusCode, statusMessage, baseTime });
      return this.close("terminated", message, events);
    } else if (statusCode === LEASEQUERY_STATUS.Success) {
      this.command("keep-alive");
      events.push({ type: "keep-alive", message });
    } else if (statusCode === LEASEQUERY_STATUS.CatchUpComplete) {
      this.command("catch-up-complete");
      if (catchUp) events.push({ type: "catch-up-complete", baseTime });
    } else if (statusCode === LEASEQUERY_STATUS.DataMissing) {
      this.command("data-missing");
      events.push({ type: "data-missing", baseTime, recoveryQuery: this.recoveryQuery(baseTime) });
    } else {
      events.push({ type: "query-failed", statusCode, statusMessage, message });
      return this.close("query-failed", message, events);
    }
    // Catch-up data arrives out of time order, so its base-times are not kept (RFC 7724).
    this.keep(baseTime, this.current === "catch-up");
    return this.output([], events);
  }

  /**
   * Checks the timer: no answer to DHCPTLS, or nothing from the server for
   * the receive timeout, and the session asks to close.
   *
   * @example
   * ```ts
   * import { Dhcpv4ActiveRequestor } from "dhcp-leasequery";
   * const r = new Dhcpv4ActiveRequestor({ startTlsTimeout: 50 });
   * r.startTls(1, 0);
   * console.log(r.timeout(50).events.map((e) => e.type)); // ["tls-refused", "close"]
   * ```
   * @throws RangeError for a `now` that is not a finite number
   */
  timeout(now: number): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output([], []);
    const events: Dhcpv4ActiveRequestorEvent[] = [];
    if (this.current === "tls-requested") events.push({ type: "tls-refused", statusCode: undefined });
    return this.close("timeout", undefined, events);
  }

  /**
   * Tells the session the connection is gone; during DHCPTLS it counts as a refusal.
   *
   * @example
   * ```ts
   * import { Dhcpv4ActiveRequestor } from "dhcp-leasequery";
   * console.log(new Dhcpv4ActiveRequestor().connectionLost().events); // [{ type: "close", reason: "connection-lost" }]
   * ```
   * @throws never
   */
  connectionLost(): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    if (this.current === "closed") return this.output([], []);
    const events: Dhcpv4ActiveRequestorEvent[] = [];
    if (this.current === "tls-requested") events.push({ type: "tls-refused", statusCode: undefined });
    return this.close("connection-lost", undefined, events);
  }

  private keep(baseTime: number | undefined, catchUp: boolean): void {
    if (baseTime !== undefined && !catchUp) this.saved = Math.max(this.saved ?? baseTime, baseTime);
  }

  private recoveryQuery(endTime: number | undefined): Dhcpv4Message | undefined {
    const q = this.query as Dhcpv4Message;
    if (this.startTime === undefined) return undefined;
    const keep = (o: Dhcpv4OptionEntry) => ![53, 154, 155, 255].includes(o.code);
    const options: Dhcpv4OptionEntry[] = [{ code: 53, messageType: DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY }];
    options.push(...q.options.filter(keep), { code: 154, queryStartTime: this.startTime });
    if (endTime !== undefined) options.push({ code: 155, queryEndTime: endTime });
    options.push({ code: 255 });
    return { ...q, xid: (this.xid + 1) >>> 0, options };
  }

  private command(input: Input): void {
    const next = transition(TABLE, this.current, input);
    if (next === undefined) throw new Error(`Dhcpv4ActiveRequestor: ${input} is not allowed in state ${this.current}`);
    this.current = next;
  }

  private close(
    reason: Dhcpv4CloseReason,
    message: Dhcpv4Message | undefined,
    events: Dhcpv4ActiveRequestorEvent[],
  ): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    this.command("close");
    events.push(message === undefined ? { type: "close", reason } : { type: "close", reason, message });
    return this.output([], events);
  }

  private output(
    send: Dhcpv4Message[],
    events: Dhcpv4ActiveRequestorEvent[],
  ): Dhcpv4SessionOutput<Dhcpv4ActiveRequestorEvent> {
    return { send, events, deadline: this.deadline };
  }
}
