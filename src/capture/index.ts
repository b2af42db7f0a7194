/**
 * dhcp-leasequery/capture: DHCP traffic out of packet captures, with no I/O.
 *
 * - Containers: {@link CaptureReader} (incremental pcap / pcapng),
 *   {@link readCapture}, {@link capturePackets}, {@link detectCaptureFormat}.
 * - Layers: {@link decodePacket} and the per-layer decoders (link, IPv4,
 *   IPv6 with extension headers, UDP, TCP).
 * - Streams: {@link TcpReassembler}.
 * - DHCP: {@link DhcpTrafficExtractor}, {@link dhcpTrafficFromCapture},
 *   {@link dhcpMessagesFromCapture}.
 * @module
 */
export * from "./capture-reader.js";
export { type DecodedPacket, decodePacket } from "./decode-packet.js";
export { CAPTURE_MAGIC, detectCaptureFormat } from "./detect.js";
export * from "./dhcp-from-capture.js";
export * from "./dhcp-traffic.js";
export * from "./ipv4.js";
export { decodeIPv6, IP_PROTOCOL, type IPv6Fragment, type IPv6Packet } from "./ipv6.js";
export * from "./link-layer.js";
export * from "./packet.js";
export * from "./read-capture.js";
export * from "./tcp.js";
export * from "./tcp-reassembly.js";
export * from "./udp.js";
