/**
 * The IPv6 header and its extension header chain (RFC 8200 §3, §4).
 * @module
 */
import { DecodeError } from "../errors.js";
import { formatIPv6 } from "../wire/address.js";
import { need, u16, u32 } from "./bytes.js";

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers") the capture layer acts on. */
export const IP_PROTOCOL = {
  HOP_BY_HOP: 0,
  TCP: 6,
  UDP: 17,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  NO_NEXT_HEADER: 59,
  DESTINATION_OPTIONS: 60,
  MOBILITY: 135,
  HIP: 139,
  SHIM6: 140,
} as const;

/** An IPv6 Fragment header (RFC 8200 §4.5). */
export interface IPv6Fragment {
  readonly identification: number;
  /** Offset of this fragment's data in the fragmentable part, in bytes. */
  readonly offset: number;
  readonly more: boolean;
  /** Next Header of the fragmentable part (the header the reassembled data starts with). */
  readonly nextHeader: number;
}

/** A decoded IPv6 header, its extension headers, and a view of the upper-layer data. */
export interface IPv6Packet {
  readonly version: 6;
  /** Source address as RFC 5952 text. */
  readonly src: string;
  /** Destination address as RFC 5952 text. */
  readonly dst: string;
  readonly hopLimit: number;
  /** The extension headers crossed, in order (their protocol numbers). */
  readonly extensionHeaders: readonly number[];
  /**
   * The protocol of `payload`: the upper layer (6 TCP, 17 UDP, ...), or
   * ESP (50) whose contents are opaque, or the Fragment header's Next
   * Header when the packet is a fragment.
   */
  readonly protocol: number;
  /** Set when the packet is a fragment (not an atomic one, RFC 6946): `payload` is then fragment data. */
  readonly fragment: IPv6Fragment | undefined;
  /** Offset of the payload in the data handed to {@link decodeIPv6}. */
  readonly payloadOffset: number;
  /** The upper-layer data (or fragment data): a view, shorter than the payload length says when `truncated`. */
  readonly payload: Uint8Array;
  /** The data end before the payload length: the capture was cut at its snap length. */
  readonly truncated: boolean;
}

/** Extension headers with the generic layout: Next Header, Hdr Ext Len in 8-octet units beyond the first 8. */
const GENERIC: ReadonlySet<number> = new Set([
  IP_PROTOCOL.HOP_BY_HOP,
  IP_PROTOCOL.ROUTING,
  IP_PROTOCOL.DESTINATION_OPTIONS,
  IP_PROTOCOL.MOBILITY,
  IP_PROTOCOL.HIP,
  IP_PROTOCOL.SHIM6,
  253,
  254,
]);

/**
 * Decodes the IPv6 header at `offset` and walks its extension headers
 * (hop-by-hop, routing, destination options, AH, mobility, HIP, shim6, the
 * experimental 253 / 254, and fragment) to the upper-layer data. The walk
 * stops at a fragment that is not atomic: its data cannot be parsed further
 * until reassembled. Bytes after the payload length are ignored; a packet
 * cut short by the capture's snap length is returned with `truncated` set,
 * as long as its extension headers were captured whole.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { decodeIPv6 } from "dhcp-leasequery/capture";
 * const ip = decodeIPv6(hex(
 *   "6000000000100040 fe800000000000000000000000000001 ff020000000000000000000000010002" +
 *     "1100000000000000 0222022300080000", // hop-by-hop (PadN), then UDP 546 -> 547
 * ));
 * console.log(ip.src, ip.dst, ip.extensionHeaders, ip.protocol, ip.payload.length); // "fe80::1" "ff02::1:2" [0] 17 8
 * ```
 * @throws DecodeError `truncated` if the data end inside the header or an extension header;
 *   `invalid-value` for a version other than 6 or a jumbogram (payload length 0 with a hop-by-hop
 *   header); `length-mismatch` for an extension header that overruns the payload length
 */
export function decodeIPv6(data: Uint8Array, offset = 0): IPv6Packet {
  need(data.length, offset, 40, "an IPv6 header");
  const version = (data[offset] as number) >> 4;
  if (version !== 6) throw new DecodeError("invalid-value", offset, `IP version ${version} in an IPv6 header`);
  const payloadLength = u16(data, offset + 4);
  const next = data[offset + 6] as number;
  if (payloadLength === 0 && next === IP_PROTOCOL.HOP_BY_HOP) {
    throw new DecodeError("invalid-value", offset + 4, "jumbograms (RFC 2675) are not supported");
  }
  const declaredEnd = offset + 40 + payloadLength;
  const end = Math.min(declaredEnd, data.length);
  const walk = walkIPv6Extensions(data, next, offset + 40, end, declaredEnd);
  return {
    version: 6,
    src: formatIPv6(data, offset + 8),
    dst: formatIPv6(data, offset + 24),
    hopLimit: data[offset + 7] as number,
    extensionHeaders: walk.headers,
    protocol: walk.protocol,
    fragment: walk.fragment,
    payloadOffset: walk.offset,
    payload: data.subarray(walk.offset, end),
    truncated: end < declaredEnd,
  };
}

/** Where an extension header walk ended. @internal */
export interface IPv6Walk {
  headers: number[];
  protocol: number;
  fragment: IPv6Fragment | undefined;
  offset: number;
}

/**
 * Walks extension headers from `p` (whose type is `next`) up to `end`, the
 * captured end of a payload that the IPv6 header says ends at `declaredEnd`.
 * Also used on a reassembled fragmentable part, which may begin with
 * destination options (RFC 8200 §4.1). Each header is at least 8 bytes, so
 * the walk is bounded by the payload length.
 * @internal
 */
export function walkIPv6Extensions(
  data: Uint8Array,
  next: number,
  p: number,
  end: number,
  declaredEnd = end,
): IPv6Walk {
  const extNeed = (at: number, n: number, type: number): void => {
    if (end - at >= n) return;
    const cut = end < declaredEnd && declaredEnd - at >= n;
    throw new DecodeError(
      cut ? "truncated" : "length-mismatch",
      at,
      cut
        ? `IPv6 extension header ${type} needs ${n} byte(s), the capture holds ${end - at}`
        : `IPv6 extension header ${type} needs ${n} byte(s), the payload length leaves ${declaredEnd - at}`,
    );
  };
  const headers: number[] = [];
  for (;;) {
    let len: number;
    if (GENERIC.has(next)) {
      extNeed(p, 2, next);
      len = ((data[p + 1] as number) + 1) * 8;
    } else if (next === IP_PROTOCOL.AH) {
      // AH counts 4-octet units beyond the first 8 (RFC 4302 §2.2).
      extNeed(p, 2, next);
      len = ((data[p + 1] as number) + 2) * 4;
    } else if (next === IP_PROTOCOL.FRAGMENT) {
      extNeed(p, 8, next);
      const fo = u16(data, p + 2);
      const fragment: IPv6Fragment = {
        identification: u32(data, p + 4),
        offset: fo & 0xfff8,
        more: (fo & 1) !== 0,
        nextHeader: data[p] as number,
      };
      headers.push(next);
      next = data[p] as number;
      p += 8;
      // An atomic fragment (offset 0, no more) is a whole packet (RFC 6946): keep walking.
      if (fragment.offset !== 0 || fragment.more) return { headers, protocol: next, fragment, offset: p };
      continue;
    } else {
      return { headers, protocol: next, fragment: undefined, offset: p };
    }
    extNeed(p, len, next);
    headers.push(next);
    next = data[p] as number;
    p += len;
  }
}
