/**
 * Connection and transmission parameters of Bulk Leasequery (RFC 5460 §5.6)
 * and Active Leasequery (RFC 7653 §6.4 of the draft, "Connection and
 * Transmission Parameters"), with their RFC defaults. Times are in
 * seconds; the sessions (`BulkRequestor`, `ActiveRequestor`, `ServerSession`) take milliseconds and
 * default to these values times 1000.
 *
 * @example
 * ```ts
 * import { ACTIVE_LQ_IDLE_TIMEOUT, ACTIVE_LQ_RCV_TIMEOUT } from "dhcp-leasequery";
 * // The requestor's receive timeout is twice the server's keep-alive interval.
 * console.log(ACTIVE_LQ_RCV_TIMEOUT / ACTIVE_LQ_IDLE_TIMEOUT); // 2
 * ```
 * @module
 */

/** Seconds a requestor waits for a connection to be set up before giving up (RFC 5460 §6.1). */
export const BULK_LQ_CONN_TIMEOUT = 30;
/** Seconds either side waits on a blocked connection before closing it (RFC 5460 §6.2, §6.3, §7.1). */
export const BULK_LQ_DATA_TIMEOUT = 30;
/** Upper bound, in seconds, of the exponential backoff between connection attempts (RFC 5460 §6.1). */
export const BULK_LQ_MAX_RETRY = 60;
/** Default number of concurrent Bulk Leasequery connections a server accepts (RFC 5460 §7.1); a count. */
export const BULK_LQ_MAX_CONNS = 10;
/** Seconds a requestor waits for anything from the server before closing (RFC 7653 §8.4). */
export const ACTIVE_LQ_RCV_TIMEOUT = 120;
/** Seconds a server waits on a blocked connection before dropping it (RFC 7653 §9.3). */
export const ACTIVE_LQ_SEND_TIMEOUT = 120;
/** Seconds of idleness after which a server sends a keep-alive LEASEQUERY-DATA (RFC 7653 §8.4). */
export const ACTIVE_LQ_IDLE_TIMEOUT = 60;
