/**
 * The TCP header (RFC 9293 §3.1).
 * @module
 */
import { DecodeError } from "../errors.js";
import { need, u16, u32 } from "./bytes.js";

/** TCP control bits, as in the 9 low bits of {@link TcpSegment.flags}. */
export const TCP_FLAGS = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
  /** The former ECN nonce bit (RFC 3540, historic). */
  NS: 0x100,
} as const;

/** A decoded TCP header and a view of its payload. */
export interface TcpSegment {
  readonly srcPort: number;
  readonly dstPort: number;
  /** Sequence number (unsigned 32-bit). */
  readonly seq: number;
  /** Acknowledgment number (unsigned 32-bit). */
  readonly ack: number;
  /** Control bits, see {@link TCP_FLAGS}. */
  readonly flags: number;
  readonly window: number;
  readonly headerLength: number;
  /** The segment's data: a view. */
  readonly payload: Uint8Array;
}

/**
 * Decodes a TCP segment occupying `data[offset, end)` (the IP payload).
 * Options are skipped; the checksum is not verified.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { decodeTcp, TCP_FLAGS } from "dhcp-leasequery/capture";
 * const s = decodeTcp(hex("c000 0223 00000064 00000000 5002 ffff 0000 0000"));
 * console.log(s.dstPort, s.seq, s.flags === TCP_FLAGS.SYN, s.payload.length); // 547 100 true 0
 * ```
 * @throws DecodeError `truncated` if the segment is shorter than its header;
 *   `invalid-value` for a data offset below 5 words
 */
export function decodeTcp(data: Uint8Array, offset = 0, end = data.length): TcpSegment {
  need(end, offset, 20, "a TCP header");
  const headerLength = ((data[offset + 12] as number) >> 4) * 4;
  if (headerLength < 20) {
    throw new DecodeError("invalid-value", offset + 12, `TCP data offset ${headerLength} is below 20 bytes`);
  }
  need(end, offset, headerLength, "a TCP header with options");
  return {
    srcPort: u16(data, offset),
    dstPort: u16(data, offset + 2),
    seq: u32(data, offset + 4),
    ack: u32(data, offset + 8),
    flags: u16(data, offset + 12) & 0x1ff,
    window: u16(data, offset + 14),
    headerLength,
    payload: data.subarray(offset + headerLength, end),
  };
}
