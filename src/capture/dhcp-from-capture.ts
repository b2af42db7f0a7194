/**
 * DHCP traffic straight from capture bytes.
 * @module
 */
import type { CaptureReaderOptions } from "./capture-reader.js";
import {
  type CaptureDiagnostic,
  type CapturedDhcpMessage,
  type DhcpTrafficEvent,
  DhcpTrafficExtractor,
  type DhcpTrafficOptions,
} from "./dhcp-traffic.js";
import { type CaptureSource, capturePackets } from "./read-capture.js";

/** Options of {@link dhcpTrafficFromCapture}: the reader's and the extractor's. */
export interface DhcpCaptureOptions extends DhcpTrafficOptions, CaptureReaderOptions {}

/** Options of {@link dhcpMessagesFromCapture}. */
export interface DhcpMessagesOptions extends DhcpCaptureOptions {
  /** Hears every diagnostic (they are not yielded). */
  onDiagnostic?: (diagnostic: CaptureDiagnostic) => void;
}

/**
 * Yields everything {@link DhcpTrafficExtractor} reports for a capture, in
 * capture order: messages, TCP stream chunks and ends, and diagnostics.
 * The source is read chunk by chunk (see `capturePackets`).
 *
 * @example
 * ```ts
 * import { dhcpTrafficFromCapture } from "dhcp-leasequery/capture";
 * const header = Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 147);
 * const record = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0);
 * for (const ev of dhcpTrafficFromCapture([header, record])) console.log(ev.type, ev.type === "diagnostic" && ev.code); // "diagnostic" "unsupported-link-type"
 * ```
 * @throws DecodeError if the bytes are not a well-formed capture (malformed packets are diagnostics)
 */
export function* dhcpTrafficFromCapture(
  source: CaptureSource,
  options: DhcpCaptureOptions = {},
): Generator<DhcpTrafficEvent> {
  const extractor = new DhcpTrafficExtractor(options);
  for (const p of capturePackets(source, options)) yield* extractor.packet(p);
  yield* extractor.finish();
}

/**
 * Yields the DHCPv6 and DHCPv4 messages of a capture: one per UDP datagram
 * on the DHCP ports, one per frame of a Bulk or Active Leasequery TCP
 * stream. Payloads are bytes for the DHCPv6 or DHCPv4 decoder; nothing is
 * decoded here. Diagnostics go to `options.onDiagnostic`.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { dhcpMessagesFromCapture } from "dhcp-leasequery/capture";
 * const capture = hex(
 *   "d4c3b2a1 0200 0400 00000000 00000000 ffff0000 65000000" + // pcap, little-endian, LINKTYPE_RAW
 *     "00000000 00000000 24000000 24000000" + // one 36-byte record
 *     "4500 0024 0000 0000 4011 0000 c0000201 c0000202 0044 0043 0010 0000 0a000001 00000000",
 * );
 * for (const m of dhcpMessagesFromCapture(capture)) console.log(m.kind, m.src.address, m.dst.port, m.payload.length); // "dhcpv4" "192.0.2.1" 67 8
 * ```
 * @throws DecodeError if the bytes are not a well-formed capture
 */
export function* dhcpMessagesFromCapture(
  source: CaptureSource,
  options: DhcpMessagesOptions = {},
): Generator<CapturedDhcpMessage> {
  for (const ev of dhcpTrafficFromCapture(source, options)) {
    if (ev.type === "message") yield ev;
    else if (ev.type === "diagnostic") options.onDiagnostic?.(ev);
  }
}
