/**
 * Whole-capture conveniences over {@link CaptureReader}.
 * @module
 */
import { CaptureReader, type CaptureReaderOptions } from "./capture-reader.js";
import type { CapturePacket } from "./packet.js";

/** A whole capture, or its chunks in order (any iterable of Uint8Array). */
export type CaptureSource = Uint8Array | Iterable<Uint8Array>;

/**
 * Yields the packets of a pcap or pcapng capture one at a time, reading the
 * source chunk by chunk, so only the current chunk and one partial record
 * are held (see {@link CaptureReader}).
 *
 * @example
 * ```ts
 * import { capturePackets } from "dhcp-leasequery/capture";
 * const header = Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 1);
 * const record = Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 60, 0xaa);
 * for (const p of capturePackets([header, record])) console.log(p.index, p.originalLength, p.data.length); // 0 60 1
 * ```
 * @throws DecodeError for bytes that are not a well-formed capture (absolute offset)
 * @throws TypeError if a chunk is not a Uint8Array
 */
export function* capturePackets(source: CaptureSource, options?: CaptureReaderOptions): Generator<CapturePacket> {
  const reader = new CaptureReader(options);
  const chunks = source instanceof Uint8Array ? [source] : source;
  for (const chunk of chunks) {
    reader.push(chunk);
    for (let p = reader.next(); p !== undefined; p = reader.next()) yield p;
  }
  reader.end();
  // Every whole record has been yielded; this throws if the input stopped inside one.
  reader.next();
}

/**
 * Reads every packet of a pcap or pcapng capture, detecting the format by
 * its magic number. Packet data are views of `bytes`.
 *
 * @example
 * ```ts
 * import { isDecodeError } from "dhcp-leasequery";
 * import { readCapture } from "dhcp-leasequery/capture";
 * try {
 *   readCapture(new TextEncoder().encode("hello, world"));
 * } catch (e) {
 *   if (isDecodeError(e)) console.log(e.code, e.offset); // "invalid-value" 0
 * }
 * ```
 * @throws DecodeError for bytes that are not a well-formed capture: `invalid-value` at 0 for
 *   neither pcap nor pcapng, `truncated` for a record cut short, and so on (absolute offset)
 * @throws TypeError if `bytes` is not a Uint8Array
 */
export function readCapture(bytes: Uint8Array, options?: CaptureReaderOptions): CapturePacket[] {
  return Array.from(capturePackets(bytes, options));
}
