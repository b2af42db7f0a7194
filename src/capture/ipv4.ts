/**
 * The IPv4 header (RFC 791 §3.1).
 * @module
 */
import { DecodeError } from "../errors.js";
import { formatIPv4 } from "../wire/address.js";
import { need, u16 } from "./bytes.js";

/** A decoded IPv4 header and a view of its payload. */
export interface IPv4Packet {
  readonly version: 4;
  /** Source address as dotted-decimal text. */
  readonly src: string;
  /** Destination address as dotted-decimal text. */
  readonly dst: string;
  /** The upper-layer protocol number (6 TCP, 17 UDP, ...). */
  readonly protocol: number;
  readonly headerLength: number;
  readonly totalLength: number;
  readonly identification: number;
  readonly ttl: number;
  readonly moreFragments: boolean;
  /** Offset of this fragment's data in the original datagram, in bytes. */
  readonly fragmentOffset: number;
  /** Offset of the payload in the data handed to {@link decodeIPv4}. */
  readonly payloadOffset: number;
  /**
   * The payload (a fragment of it if `moreFragments` or `fragmentOffset`):
   * a view, shorter than the total length says when `truncated`.
   */
  readonly payload: Uint8Array;
  /** The data end before the total length: the capture was cut at its snap length. */
  readonly truncated: boolean;
}

/**
 * Decodes the IPv4 header at `offset`. The packet ends at its total length;
 * bytes after it (Ethernet padding, a frame check sequence) are ignored, and
 * a packet cut short by the capture's snap length is returned with
 * `truncated` set and what was captured of its payload. A
 * total length of 0 is taken to mean "the rest of the data", as Wireshark
 * does for packets captured before TCP segmentation offload filled it in.
 * Options are skipped, and the header checksum is not verified (captures
 * of outgoing packets often hold it before the NIC computes it).
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { decodeIPv4 } from "dhcp-leasequery/capture";
 * const ip = decodeIPv4(hex("4500 001c 0001 0000 4011 0000 c0000201 c0000202 0043 0044 0008 0000"));
 * console.log(ip.src, ip.dst, ip.protocol, ip.payload.length); // "192.0.2.1" "192.0.2.2" 17 8
 * ```
 * @throws DecodeError `truncated` if the data end inside the header; `invalid-value` for a version other than 4 or a header
 *   length below 20; `length-mismatch` for a total length shorter than the header
 */
export function decodeIPv4(data: Uint8Array, offset = 0): IPv4Packet {
  need(data.length, offset, 20, "an IPv4 header");
  const vihl = data[offset] as number;
  if (vihl >> 4 !== 4) throw new DecodeError("invalid-value", offset, `IP version ${vihl >> 4} in an IPv4 header`);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < 20) {
    throw new DecodeError("invalid-value", offset, `IPv4 header length ${headerLength} is below 20`);
  }
  need(data.length, offset, headerLength, "an IPv4 header with options");
  let totalLength = u16(data, offset + 2);
  if (totalLength === 0) totalLength = data.length - offset;
  if (totalLength < headerLength) {
    throw new DecodeError(
      "length-mismatch",
      offset + 2,
      `IPv4 total length ${totalLength} is shorter than its header (${headerLength})`,
    );
  }
  const end = Math.min(offset + totalLength, data.length);
  const frag = u16(data, offset + 6);
  return {
    version: 4,
    src: formatIPv4(data, offset + 12),
    dst: formatIPv4(data, offset + 16),
    protocol: data[offset + 9] as number,
    headerLength,
    totalLength,
    identification: u16(data, offset + 4),
    ttl: data[offset + 8] as number,
    moreFragments: (frag & 0x2000) !== 0,
    fragmentOffset: (frag & 0x1fff) * 8,
    payloadOffset: offset + headerLength,
    payload: data.subarray(offset + headerLength, end),
    truncated: end < offset + totalLength,
  };
}
