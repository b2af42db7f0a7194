/**
 * Sessions (from the main entry): sans-I/O state machines for the two ends of a
 * Bulk or Active Leasequery connection. Each takes decoded messages and the
 * current time (milliseconds, the caller's clock) and returns the messages
 * to send, the events, and the deadline of its timer; none does I/O or sets
 * a timer.
 * @module
 */
export {
  ActiveRequestor,
  type ActiveRequestorEvent,
  type ActiveRequestorOptions,
  type ActiveRequestorState,
} from "./active-requestor.js";
export { type BulkBinding, type BulkReplyParams, bulkReplies } from "./bulk-replies.js";
export { BulkRequestor, type BulkRequestorEvent, type BulkRequestorOptions } from "./bulk-requestor.js";
export { ConnectionLimit } from "./connection-limit.js";
export {
  leasequeryReconnector,
  Reconnector,
  type ReconnectorOptions,
  type ReconnectorOutput,
  type ReconnectorState,
} from "./connection-retry.js";
export {
  DHCP6OQUIC_PROFILE,
  type LeasequeryTransport,
  sendsStartTls,
  type TlsPolicy,
  tlsPolicyMet,
} from "./connection-transport.js";
export { type TransitionTable, transition } from "./machine.js";
export type { CloseEvent, CloseReason, SessionOutput } from "./output.js";
export {
  DEFAULT_MAX_PENDING_QUERIES,
  ServerSession,
  type ServerSessionEvent,
  type ServerSessionOptions,
  type ServerSessionState,
} from "./server.js";
export * from "./v4/index.js";
