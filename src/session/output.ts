/**
 * What every sans-I/O session returns, and the time convention they share.
 *
 * Time: every `now` argument and every deadline is in milliseconds, on one
 * clock the caller picks that does not go backwards (`performance.now()`,
 * or `Date.now()`). The sessions never read a clock and never set a timer:
 * when `deadline` is not undefined, call the session's `timeout(now)` once
 * `now >= deadline` (calling it earlier is harmless and does nothing).
 * @module
 */
import type { Dhcpv6Message } from "../v6/schema.js";

/** The result of feeding a session a message, a command or the time. */
export interface SessionOutput<E> {
  /** Messages to send to the peer, in order (encode and frame them; see `encodeFramed`). */
  readonly send: Dhcpv6Message[];
  /** What happened, in order. A `close` event comes last. */
  readonly events: E[];
  /** When to call `timeout(now)` next (milliseconds, the caller's clock), or undefined when no timer runs. */
  readonly deadline: number | undefined;
}

/**
 * Why a session asks for its connection to be closed.
 *
 * - `unknown-transaction`: a reply whose transaction-id matches no
 *   outstanding query (RFC 5460 §6.3: the requestor MUST close).
 * - `protocol-violation`: a message out of order (LEASEQUERY-DATA before the
 *   LEASEQUERY-REPLY, a second LEASEQUERY-REPLY, STARTTLS not first).
 * - `unexpected-message`: a message type that has no place here.
 * - `timeout`: the session's timer ran out (BULK_LQ_DATA_TIMEOUT,
 *   ACTIVE_LQ_RCV_TIMEOUT, or no answer to STARTTLS).
 * - `tls-refused`: the server refused STARTTLS (RFC 7653 §8.2).
 * - `query-failed`: the server answered the query with an error status.
 * - `terminated`: the server ended the query with LEASEQUERY-DONE, or the
 *   server session was shut down.
 * - `rejected`: a server session refused a query in a way after which the
 *   connection is closed (MalformedQuery for an active query, NotSupported),
 *   or, in secure mode, a connection that does not begin with STARTTLS.
 * - `connection-lost`: the caller reported that the transport went away.
 * - `aborted`: a server session could not finish answering a query (its
 *   bindings failed) and ended it with an error status (seed 003 §7.2).
 * - `finished`: every query is over and nothing more will come (a
 *   requestor's `finish()`, or a server whose peer stopped sending).
 * - `idle`: a server connection carried no query for its read timeout.
 * - `too-many-queries`: more queries outstanding than the session's cap.
 */
export type CloseReason =
  | "unknown-transaction"
  | "protocol-violation"
  | "unexpected-message"
  | "timeout"
  | "tls-refused"
  | "query-failed"
  | "terminated"
  | "rejected"
  | "connection-lost"
  | "aborted"
  | "finished"
  | "idle"
  | "too-many-queries";

/** The event that asks the caller to close the connection (after sending what `send` holds). */
export interface CloseEvent {
  readonly type: "close";
  readonly reason: CloseReason;
  /** The message that led to it, when one did. */
  readonly message?: Dhcpv6Message;
}

/** @internal */
export function checkNow(now: number): void {
  if (typeof now !== "number" || !Number.isFinite(now)) throw new RangeError(`now must be a finite number, got ${now}`);
}

/** @internal */
export function transactionIdOf(m: Dhcpv6Message): number | undefined {
  return "transactionId" in m ? m.transactionId : undefined;
}

/** @internal */
export function checkTransactionId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffff) {
    throw new RangeError(`a transaction-id is 24 bits (0-16777215), got ${id}`);
  }
}

/** @internal */
export function checkTimeout(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return ms;
}
