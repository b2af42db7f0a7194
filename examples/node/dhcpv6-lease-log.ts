/**
 * The DHCPv6 example server's lease store: the binding of each address, as
 * the options of its CLIENT_DATA, and when it last changed (seconds since
 * 2000, the DHCPv6 epoch of LQ_START_TIME), so that an Active Leasequery
 * server can catch a requestor up. A real server reads its own lease
 * database instead.
 * @module
 */
import { type Dhcpv6Option, dateToDhcpv6Time } from "../../src/index.js";

export class Dhcpv6LeaseLog {
  private readonly leases = new Map<string, { binding: readonly Dhcpv6Option[]; changed: number }>();
  private readonly listeners = new Set<(binding: readonly Dhcpv6Option[]) => void>();

  /** Records the binding of `address` (the options of a CLIENT_DATA) as changed now, and tells the listeners. */
  record(address: string, binding: readonly Dhcpv6Option[], now = dateToDhcpv6Time(new Date())): void {
    this.leases.set(address, { binding, changed: now });
    for (const f of this.listeners) f(binding);
  }

  /** The bindings changed at or after `since` (seconds since 2000), or all of them. */
  *changedSince(since?: number): Generator<readonly Dhcpv6Option[]> {
    for (const { binding, changed } of this.leases.values()) if (since === undefined || changed >= since) yield binding;
  }

  /** Calls `f` with each binding recorded from now on; returns the function that stops it. */
  subscribe(f: (binding: readonly Dhcpv6Option[]) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }
}
