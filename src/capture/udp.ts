/**
 * The UDP header (RFC 768).
 * @module
 */
import { DecodeError } from "../errors.js";
import { need, u16 } from "./bytes.js";

/** A decoded UDP header and a view of its payload. */
export interface UdpDatagram {
  readonly srcPort: number;
  readonly dstPort: number;
  /** The UDP length field: header plus payload. */
  readonly length: number;
  /** The payload: a view. */
  readonly payload: Uint8Array;
}

/**
 * Decodes a UDP datagram occupying `data[offset, end)` (the IP payload).
 * The payload ends at the UDP length; the checksum is not verified (captures
 * of outgoing packets often hold it before offload fills it in).
 *
 * @example
 * ```ts
 * import { decodeUdp } from "dhcp-leasequery/capture";
 * const d = decodeUdp(Uint8Array.of(0x02, 0x22, 0x02, 0x23, 0, 10, 0, 0, 0x0e, 0));
 * console.log(d.srcPort, d.dstPort, d.payload); // 546 547 Uint8Array(2) [ 14, 0 ]
 * ```
 * @throws DecodeError `truncated` for fewer than 8 bytes; `invalid-value` for a UDP length
 *   below 8; `length-mismatch` for a UDP length beyond the IP payload
 */
export function decodeUdp(data: Uint8Array, offset = 0, end = data.length): UdpDatagram {
  need(end, offset, 8, "a UDP header");
  const length = u16(data, offset + 4);
  if (length < 8) throw new DecodeError("invalid-value", offset + 4, `UDP length ${length} is below 8`);
  if (length > end - offset) {
    throw new DecodeError(
      "length-mismatch",
      offset + 4,
      `UDP length ${length} overruns the IP payload of ${end - offset} byte(s)`,
    );
  }
  return {
    srcPort: u16(data, offset),
    dstPort: u16(data, offset + 2),
    length,
    payload: data.subarray(offset + 8, offset + length),
  };
}
