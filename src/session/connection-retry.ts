/**
 * When a requestor (re)connects, sans-I/O: exponential back-off between
 * failed attempts up to BULK_LQ_MAX_RETRY (RFC 5460 §6.1), a deadline on
 * each attempt (BULK_LQ_CONN_TIMEOUT), and a floor on the time between two
 * attempts, which DHCP6oQUIC sets to ACTIVE_LQ_IDLE_TIMEOUT (draft §3.2.2:
 * no more than one attempt per ACTIVE_LQ_IDLE_TIMEOUT). Times are
 * milliseconds on the caller's clock; nothing here sets a timer.
 * @module
 */
import { BULK_LQ_CONN_TIMEOUT, BULK_LQ_MAX_RETRY } from "../stream/timers.js";
import { DHCP6OQUIC_PROFILE, type LeasequeryTransport } from "./connection-transport.js";
import { type TransitionTable, transition } from "./machine.js";
import { checkNow, checkTimeout } from "./output.js";

/** States of a {@link Reconnector}. */
export type ReconnectorState = "idle" | "connecting" | "connected" | "waiting" | "stopped";

type Input = "start" | "up" | "fail" | "due" | "stop";

const TABLE: TransitionTable<ReconnectorState, Input> = {
  idle: { start: "connecting", stop: "stopped" },
  connecting: { up: "connected", fail: "waiting", stop: "stopped" },
  connected: { fail: "waiting", stop: "stopped" },
  waiting: { due: "connecting", stop: "stopped" },
  stopped: {},
};

/** Options of {@link Reconnector}. */
export interface ReconnectorOptions {
  /** Milliseconds before the first retry; each further failure doubles it. Default 1000. */
  readonly initialDelay?: number;
  /** The longest back-off, in milliseconds. Default BULK_LQ_MAX_RETRY (60 s). */
  readonly maxDelay?: number;
  /**
   * The shortest time between the starts of two attempts, in milliseconds,
   * whatever the back-off says. Default: none. DHCP6oQUIC requestors use
   * ACTIVE_LQ_IDLE_TIMEOUT (see `DHCP6OQUIC_PROFILE`).
   */
  readonly minInterval?: number;
  /** Milliseconds an attempt may take before it counts as failed. Default BULK_LQ_CONN_TIMEOUT (30 s). */
  readonly connectTimeout?: number;
}

/** What a {@link Reconnector} asks of the caller. */
export interface ReconnectorOutput {
  /** Open a connection now. */
  readonly connect: boolean;
  /** Give up on the attempt in progress (it took longer than `connectTimeout`). */
  readonly abort: boolean;
  /** When to call `timeout(now)` next, or undefined. */
  readonly deadline: number | undefined;
}

/**
 * The connection schedule of one requestor: call {@link start}, then report
 * each attempt's outcome ({@link connected} or {@link failed}, which is
 * also how a lost connection is reported) and call `timeout(now)` at the
 * deadline; `connect: true` means open a connection now.
 *
 * @example
 * ```ts
 * import { Reconnector } from "dhcp-leasequery";
 * const r = new Reconnector({ initialDelay: 1000, maxDelay: 4000 });
 * r.start(0);
 * const waits: number[] = [];
 * let t = 0;
 * for (let i = 0; i < 4; i++) {
 *   const next = r.failed(t).deadline ?? t;
 *   waits.push(next - t);
 *   t = next;
 *   r.timeout(t); // connect: true, the next attempt starts
 * }
 * console.log(waits); // [1000, 2000, 4000, 4000]
 * ```
 */
export class Reconnector {
  private readonly initialDelay: number;
  private readonly maxDelay: number;
  private readonly minInterval: number;
  private readonly connectTimeout: number;
  private current: ReconnectorState = "idle";
  private failures = 0;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private next: number | undefined;

  /**
   * @param options - see {@link ReconnectorOptions}
   * @throws RangeError for a delay or timeout that is not a positive number
   */
  constructor(options: ReconnectorOptions = {}) {
    this.initialDelay = checkTimeout("initialDelay", options.initialDelay ?? 1000);
    this.maxDelay = checkTimeout("maxDelay", options.maxDelay ?? BULK_LQ_MAX_RETRY * 1000);
    this.minInterval = options.minInterval === undefined ? 0 : checkTimeout("minInterval", options.minInterval);
    this.connectTimeout = checkTimeout("connectTimeout", options.connectTimeout ?? BULK_LQ_CONN_TIMEOUT * 1000);
  }

  /** The schedule's state. */
  get state(): ReconnectorState {
    return this.current;
  }

  /** Failed attempts since the last successful one. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** When `timeout(now)` is due: the attempt's deadline, or the next attempt. */
  get deadline(): number | undefined {
    if (this.current === "connecting") return this.lastAttempt + this.connectTimeout;
    return this.current === "waiting" ? this.next : undefined;
  }

  /**
   * Starts the first attempt.
   *
   * @example
   * ```ts
   * import { Reconnector } from "dhcp-leasequery";
   * console.log(new Reconnector().start(5)); // { connect: true, abort: false, deadline: 30005 }
   * ```
   * @throws Error unless the schedule is new; RangeError for a bad `now`
   */
  start(now: number): ReconnectorOutput {
    checkNow(now);
    this.move("start");
    this.lastAttempt = now;
    return this.output(true, false);
  }

  /**
   * The attempt succeeded: the back-off starts again from `initialDelay`.
   *
   * @example
   * ```ts
   * import { Reconnector } from "dhcp-leasequery";
   * const r = new Reconnector();
   * r.start(0);
   * console.log(r.connected(10), r.state); // { connect: false, abort: false, deadline: undefined } "connected"
   * ```
   * @throws Error unless an attempt is in progress
   */
  connected(now: number): ReconnectorOutput {
    checkNow(now);
    this.move("up");
    this.failures = 0;
    return this.output(false, false);
  }

  /**
   * The attempt failed, or the connection was lost: the next attempt is due
   * after the back-off (`initialDelay` doubled per consecutive failure, at
   * most `maxDelay`), and no sooner than `minInterval` after the last
   * attempt started.
   *
   * @example
   * ```ts
   * import { Reconnector } from "dhcp-leasequery";
   * const r = new Reconnector({ minInterval: 60_000 });
   * r.start(0);
   * r.connected(10);
   * console.log(r.failed(20).deadline); // 60000
   * ```
   * @throws Error unless an attempt is in progress or a connection is up
   */
  failed(now: number): ReconnectorOutput {
    checkNow(now);
    this.move("fail");
    const backOff = Math.min(this.maxDelay, this.initialDelay * 2 ** Math.min(this.failures, 52));
    this.failures++;
    this.next = Math.max(now + backOff, this.lastAttempt + this.minInterval);
    return this.output(false, false);
  }

  /**
   * Checks the deadline: an attempt that took too long is to be aborted
   * (and counts as a failure); a retry that is due is to be made.
   *
   * @example
   * ```ts
   * import { Reconnector } from "dhcp-leasequery";
   * const r = new Reconnector({ connectTimeout: 100, initialDelay: 50 });
   * r.start(0);
   * console.log(r.timeout(100), r.timeout(150)); // { connect: false, abort: true, deadline: 150 } { connect: true, abort: false, deadline: 250 }
   * ```
   * @throws RangeError for a bad `now`
   */
  timeout(now: number): ReconnectorOutput {
    checkNow(now);
    const deadline = this.deadline;
    if (deadline === undefined || now < deadline) return this.output(false, false);
    if (this.current === "connecting") {
      this.failed(now);
      return this.output(false, true);
    }
    this.move("due");
    this.lastAttempt = now;
    return this.output(true, false);
  }

  /**
   * Stops the schedule for good (the requestor shuts down).
   *
   * @example
   * ```ts
   * import { Reconnector } from "dhcp-leasequery";
   * const r = new Reconnector();
   * r.start(0);
   * console.log(r.stop().deadline, r.state); // undefined "stopped"
   * ```
   * @throws never
   */
  stop(): ReconnectorOutput {
    this.current = transition(TABLE, this.current, "stop") ?? this.current;
    return this.output(false, false);
  }

  private move(input: Input): void {
    const next = transition(TABLE, this.current, input);
    if (next === undefined) throw new Error(`Reconnector: ${input} is not allowed in state ${this.current}`);
    this.current = next;
  }

  private output(connect: boolean, abort: boolean): ReconnectorOutput {
    return { connect, abort, deadline: this.deadline };
  }
}

/**
 * The reconnect schedule of a requestor on a transport: over QUIC, no more
 * than one attempt per ACTIVE_LQ_IDLE_TIMEOUT (`minInterval` from
 * `DHCP6OQUIC_PROFILE`, seed 000 §3.2.2), on top of the exponential
 * back-off of RFC 5460 §6.1; over TCP the back-off alone. `options` may
 * override any of it.
 *
 * @example
 * ```ts
 * import { leasequeryReconnector } from "dhcp-leasequery";
 * const r = leasequeryReconnector("quic");
 * r.start(0);
 * console.log(r.failed(10).deadline, leasequeryReconnector("tcp").start(0).connect); // 60000 true
 * ```
 * @throws RangeError for a delay or timeout that is not a positive number
 */
export function leasequeryReconnector(transport: LeasequeryTransport, options: ReconnectorOptions = {}): Reconnector {
  const pacing = transport === "quic" ? { minInterval: DHCP6OQUIC_PROFILE.reconnectInterval } : {};
  return new Reconnector({ ...pacing, ...options });
}
