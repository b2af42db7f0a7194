/**
 * The example servers' lease store: the current DHCPv4 binding of each
 * address, and when it last changed, so that an Active Leasequery server
 * can catch a requestor up on what changed since a time. A real server
 * reads its own lease database instead.
 * @module
 */
import type { Dhcpv4Message } from "../../src/index.js";

export class LeaseLog {
  private readonly leases = new Map<string, { message: Dhcpv4Message; changed: number }>();
  private readonly listeners = new Set<(lease: Dhcpv4Message) => void>();

  /** Records a binding (a DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED) as changed now, and tells the listeners. */
  record(lease: Dhcpv4Message, now = Math.floor(Date.now() / 1000)): void {
    this.leases.set(lease.ciaddr, { message: lease, changed: now });
    for (const f of this.listeners) f(lease);
  }

  /** The bindings changed at or after `since` (seconds since 1970), or all of them. */
  *changedSince(since?: number): Generator<Dhcpv4Message> {
    for (const { message, changed } of this.leases.values()) if (since === undefined || changed >= since) yield message;
  }

  /** Calls `f` with each binding recorded from now on; returns the function that stops it. */
  subscribe(f: (lease: Dhcpv4Message) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }
}
