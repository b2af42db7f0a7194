/**
 * The packet record shared by the pcap and pcapng readers.
 * @module
 */

/** The two capture file formats the reader understands. */
export type CaptureFormat = "pcap" | "pcapng";

/**
 * A capture time: whole seconds since 1970-01-01T00:00:00Z and the
 * nanoseconds within that second (0 to 999999999). Resolutions finer than a
 * nanosecond (pcapng `if_tsresol`) are truncated to the nanosecond.
 */
export interface CaptureTimestamp {
  /** Seconds since the Unix epoch (negative only if a pcapng `if_tsoffset` makes it so). */
  readonly seconds: number;
  /** Nanoseconds within the second. */
  readonly nanoseconds: number;
}

/**
 * One captured packet.
 *
 * `data` is a view, not a copy: of the chunk that held the whole record, or
 * of a buffer the reader assembled for a record that spanned chunks (that
 * buffer is handed out and never written again). Copy it if you reuse the
 * memory of the chunks you push.
 */
export interface CapturePacket {
  /** Position of the packet in the capture, from 0 (tshark numbers frames from 1). */
  readonly index: number;
  /** Absolute byte offset of the packet's record (pcap) or block (pcapng) in the capture. */
  readonly offset: number;
  /** pcapng section, from 0 (each Section Header Block starts one); always 0 for pcap. */
  readonly section: number;
  /** pcapng interface within the section; always 0 for pcap. */
  readonly interfaceId: number;
  /** LINKTYPE_ value of the interface (see `LINKTYPE`). */
  readonly linkType: number;
  /** When the packet was captured; null for a pcapng Simple Packet Block, which has no time. */
  readonly timestamp: CaptureTimestamp | null;
  /** Length of the packet on the wire; `data` is shorter when the capture was cut at a snap length. */
  readonly originalLength: number;
  /** The captured bytes, starting with the link-layer header. */
  readonly data: Uint8Array;
}

/**
 * A capture timestamp as milliseconds since the Unix epoch (fractional below
 * the millisecond), ready for `new Date(...)`.
 *
 * @example
 * ```ts
 * import { captureTimestampMs } from "dhcp-leasequery/capture";
 * console.log(captureTimestampMs({ seconds: 1700000000, nanoseconds: 250000000 })); // 1700000000250
 * ```
 * @throws never
 */
export function captureTimestampMs(t: CaptureTimestamp): number {
  return t.seconds * 1000 + t.nanoseconds / 1e6;
}
