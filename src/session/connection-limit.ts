/**
 * How many leasequery connections a server serves at once
 * (BULK_LQ_MAX_CONNS, RFC 5460 §7.1): a counter the server's accept loop
 * consults, without I/O.
 * @module
 */
import { BULK_LQ_MAX_CONNS } from "../stream/timers.js";

/**
 * The set of connections a server holds, up to a limit: {@link open}
 * refuses one more, and the caller closes that connection at once.
 *
 * @example
 * ```ts
 * import { ConnectionLimit } from "dhcp-leasequery";
 * const limit = new ConnectionLimit(2);
 * console.log(limit.open("a"), limit.open("b"), limit.open("c"), limit.size); // true true false 2
 * limit.close("a");
 * console.log(limit.open("c")); // true
 * ```
 */
export class ConnectionLimit<K = unknown> {
  private readonly held = new Set<K>();

  /**
   * @param max - the most connections at once; default BULK_LQ_MAX_CONNS (10)
   * @throws RangeError if `max` is not a positive integer
   */
  constructor(readonly max: number = BULK_LQ_MAX_CONNS) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError("max must be a positive integer");
  }

  /** Connections held. */
  get size(): number {
    return this.held.size;
  }

  /**
   * Takes a connection if there is room; false means close it now.
   *
   * @example
   * ```ts
   * import { ConnectionLimit } from "dhcp-leasequery";
   * const limit = new ConnectionLimit(1);
   * console.log(limit.open(1), limit.open(1), limit.open(2)); // true true false
   * ```
   * @throws never
   */
  open(key: K): boolean {
    if (this.held.has(key)) return true;
    if (this.held.size >= this.max) return false;
    this.held.add(key);
    return true;
  }

  /**
   * Gives a connection's place back.
   *
   * @example
   * ```ts
   * import { ConnectionLimit } from "dhcp-leasequery";
   * const limit = new ConnectionLimit();
   * limit.open("x");
   * console.log(limit.close("x"), limit.close("x"), limit.max); // true false 10
   * ```
   * @throws never
   */
  close(key: K): boolean {
    return this.held.delete(key);
  }
}
