/**
 * The DHCPv4 Bulk and Active Leasequery sessions (RFC 6926, RFC 7724):
 * sans-I/O state machines for both ends of a TCP connection, each with its
 * states and transitions declared as one table.
 * @module
 */

export {
  Dhcpv4ActiveRequestor,
  type Dhcpv4ActiveRequestorEvent,
  type Dhcpv4ActiveRequestorOptions,
  type Dhcpv4ActiveRequestorState,
} from "./active-requestor.js";
export {
  Dhcpv4ActiveServer,
  type Dhcpv4ActiveServerEvent,
  type Dhcpv4ActiveServerOptions,
  type Dhcpv4ActiveServerState,
} from "./active-server.js";
export {
  Dhcpv4BulkRequestor,
  type Dhcpv4BulkRequestorEvent,
  type Dhcpv4BulkRequestorOptions,
  type Dhcpv4BulkRequestorState,
} from "./bulk-requestor.js";
export {
  Dhcpv4BulkServer,
  type Dhcpv4BulkServerEvent,
  type Dhcpv4BulkServerOptions,
  type Dhcpv4BulkServerState,
} from "./bulk-server.js";
export type { Dhcpv4CloseEvent, Dhcpv4CloseReason, Dhcpv4SessionOutput } from "./output.js";
export { buildDhcpv4Tls, type Dhcpv4TlsParams } from "./tls.js";
