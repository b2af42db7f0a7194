/**
 * One captured packet from its link layer down to UDP or TCP, with no state
 * (fragments are reported, not reassembled: {@link DhcpTrafficExtractor}
 * reassembles them).
 * @module
 */
import { decodeIPv4, type IPv4Packet } from "./ipv4.js";
import { decodeIPv6, IP_PROTOCOL, type IPv6Packet } from "./ipv6.js";
import { decodeLinkLayer, ETHERTYPE, type LinkLayer } from "./link-layer.js";
import { decodeTcp, type TcpSegment } from "./tcp.js";
import { decodeUdp, type UdpDatagram } from "./udp.js";

/** The layers of one packet. */
export interface DecodedPacket {
  readonly link: LinkLayer;
  /** Undefined when the link layer carries something other than IPv4 or IPv6. */
  readonly ip: IPv4Packet | IPv6Packet | undefined;
  /** Set for an unfragmented, fully captured UDP packet. */
  readonly udp: UdpDatagram | undefined;
  /** Set for an unfragmented, fully captured TCP packet. */
  readonly tcp: TcpSegment | undefined;
}

/**
 * Decodes a packet's link, network and transport headers. Transport headers
 * are decoded only for a packet that is neither a fragment nor cut short by
 * the snap length (see the `ip` fields for those). Offsets in errors count
 * from the start of `data`.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { decodePacket, LINKTYPE } from "dhcp-leasequery/capture";
 * const p = decodePacket(LINKTYPE.RAW, hex("4500 001e 0000 0000 4011 0000 0a000001 0a000002 0044 0043 000a 0000 0102"));
 * console.log(p?.ip?.src, p?.udp?.srcPort, p?.udp?.dstPort, p?.udp?.payload); // "10.0.0.1" 68 67 Uint8Array(2) [ 1, 2 ]
 * ```
 * @returns undefined for a link type that {@link decodeLinkLayer} does not know
 * @throws DecodeError for a malformed header (see {@link decodeLinkLayer}, {@link decodeIPv4},
 *   {@link decodeIPv6}, {@link decodeUdp}, {@link decodeTcp})
 */
export function decodePacket(linkType: number, data: Uint8Array): DecodedPacket | undefined {
  const link = decodeLinkLayer(linkType, data);
  if (link === undefined) return undefined;
  const ip = decodeIp(link, data);
  if (ip === undefined || ip.truncated || isFragment(ip)) return { link, ip, udp: undefined, tcp: undefined };
  const end = ip.payloadOffset + ip.payload.length;
  return {
    link,
    ip,
    udp: ip.protocol === IP_PROTOCOL.UDP ? decodeUdp(data, ip.payloadOffset, end) : undefined,
    tcp: ip.protocol === IP_PROTOCOL.TCP ? decodeTcp(data, ip.payloadOffset, end) : undefined,
  };
}

/** The IP layer a link layer leads to, if it is IP. @internal */
export function decodeIp(link: LinkLayer, data: Uint8Array): IPv4Packet | IPv6Packet | undefined {
  if (link.etherType === ETHERTYPE.IPV4) return decodeIPv4(data, link.offset);
  if (link.etherType === ETHERTYPE.IPV6) return decodeIPv6(data, link.offset);
  return undefined;
}

/** True if the packet holds only part of its datagram. @internal */
export function isFragment(ip: IPv4Packet | IPv6Packet): boolean {
  return ip.version === 4 ? ip.moreFragments || ip.fragmentOffset !== 0 : ip.fragment !== undefined;
}
