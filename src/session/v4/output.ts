/**
 * What the DHCPv4 Bulk and Active Leasequery sessions (RFC 6926, RFC 7724)
 * return, and the small helpers they share. Same time convention as the
 * DHCPv6 sessions: milliseconds on a clock the caller picks, deadlines as
 * values, no timers.
 * @module
 */
import { DHCPV4_MESSAGE_TYPE, LEASEQUERY_STATUS } from "../../v4/codes.js";
import { dhcpv4MessageTypeOf, findDhcpv4Option } from "../../v4/find.js";
import type { Dhcpv4Message } from "../../v4/schema.js";
import type { CloseReason } from "../output.js";

/** The result of feeding a DHCPv4 session a message, a command or the time. */
export interface Dhcpv4SessionOutput<E> {
  /** DHCPv4 messages to send, in order (encode with `encodeDhcpv4`, frame with `frame`). */
  readonly send: Dhcpv4Message[];
  /** What happened, in order. A `close` event comes last. */
  readonly events: E[];
  /** When to call `timeout(now)` next (milliseconds, the caller's clock), or undefined when no timer runs. */
  readonly deadline: number | undefined;
}

/** Why a DHCPv4 session asks for its connection to be closed: the reasons of the DHCPv6 sessions (see `CloseReason`). */
export type Dhcpv4CloseReason = CloseReason;

/** The event that asks the caller to close the connection (after sending what `send` holds). */
export interface Dhcpv4CloseEvent {
  readonly type: "close";
  readonly reason: Dhcpv4CloseReason;
  /** The message that led to it, when one did. */
  readonly message?: Dhcpv4Message;
}

/** A status-code option's values, Success when the message has none (RFC 6926 §6.2.2). @internal */
export function dhcpv4MessageStatus(m: Dhcpv4Message): { statusCode: number; statusMessage: string } {
  const s = findDhcpv4Option(m, 151);
  return { statusCode: s?.statusCode ?? LEASEQUERY_STATUS.Success, statusMessage: s?.statusMessage ?? "" };
}

/** What a message from a leasequery server is, as an input of the requestor tables. @internal */
export type ReplyKind = "binding" | "unknown" | "status" | "done" | "tls" | "other";

/** @internal */
export function replyKindOf(m: Dhcpv4Message): ReplyKind {
  switch (dhcpv4MessageTypeOf(m)) {
    case DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE:
    case DHCPV4_MESSAGE_TYPE.DHCPLEASEUNASSIGNED:
      return "binding";
    case DHCPV4_MESSAGE_TYPE.DHCPLEASEUNKNOWN:
      return "unknown";
    case DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYSTATUS:
      return "status";
    case DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYDONE:
      return "done";
    case DHCPV4_MESSAGE_TYPE.DHCPTLS:
      return "tls";
    default:
      return "other";
  }
}

/** @internal */
export function checkXid(xid: number): void {
  if (!Number.isInteger(xid) || xid < 0 || xid > 0xffffffff) {
    throw new RangeError(`a DHCPv4 xid is 32 bits (0-4294967295), got ${xid}`);
  }
}

/** @internal */
export function checkCount(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer`);
  return n;
}

/**
 * The message with the query's xid, and a base-time (152) when it has none
 * and one is given: the server stamps every reply so that the relative
 * times in it count from the moment it was sent (RFC 6926 §6.2.3). @internal
 */
export function stamped(m: Dhcpv4Message, xid: number, baseTime: number | undefined): Dhcpv4Message {
  if (baseTime === undefined || findDhcpv4Option(m, 152) !== undefined) return { ...m, xid };
  const at = m.options.findIndex((o) => o.code === 53) + 1;
  const options = [...m.options];
  options.splice(at, 0, { code: 152, baseTime });
  return { ...m, xid, options };
}
