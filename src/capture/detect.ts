/**
 * Capture format detection by magic number.
 * @module
 */
import { DecodeError } from "../errors.js";
import { u32 } from "./bytes.js";
import type { CaptureFormat } from "./packet.js";

/**
 * Magic numbers at the start of a capture, as read big-endian.
 * pcap: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html §4;
 * pcapng: draft-ietf-opsawg-pcapng §4.1 (the Section Header Block type,
 * chosen to be the same in both byte orders).
 */
export const CAPTURE_MAGIC = {
  /** pcap, microsecond timestamps, big-endian writer. */
  PCAP_MICROSECONDS: 0xa1b2c3d4,
  /** pcap, nanosecond timestamps, big-endian writer. */
  PCAP_NANOSECONDS: 0xa1b23c4d,
  /** pcapng Section Header Block type. */
  PCAPNG: 0x0a0d0d0a,
} as const;

const SWAPPED_MICRO = 0xd4c3b2a1;
const SWAPPED_NANO = 0x4d3cb2a1;
/** Alexey Kuznetzov's patched pcap, with extra per-record fields we do not read. */
const KUZNETZOV = new Set([0xa1b2cd34, 0x34cdb2a1]);

/**
 * Which capture format the bytes start with, from their first four bytes
 * (pcap in either byte order with microsecond or nanosecond timestamps, or
 * pcapng); undefined if they match neither or are fewer than four.
 *
 * @example
 * ```ts
 * import { detectCaptureFormat } from "dhcp-leasequery/capture";
 * console.log(detectCaptureFormat(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1))); // "pcap"
 * console.log(detectCaptureFormat(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))); // "pcapng"
 * console.log(detectCaptureFormat(Uint8Array.of(0x1f, 0x8b, 8, 0))); // undefined
 * ```
 * @throws never
 */
export function detectCaptureFormat(bytes: Uint8Array): CaptureFormat | undefined {
  if (bytes.length < 4) return undefined;
  const m = u32(bytes, 0);
  if (m === CAPTURE_MAGIC.PCAPNG) return "pcapng";
  if (
    m === CAPTURE_MAGIC.PCAP_MICROSECONDS ||
    m === CAPTURE_MAGIC.PCAP_NANOSECONDS ||
    m === SWAPPED_MICRO ||
    m === SWAPPED_NANO
  ) {
    return "pcap";
  }
  return undefined;
}

/**
 * The format of the first four bytes, or a DecodeError that says what the
 * bytes look like instead.
 * @internal
 */
export function requireCaptureFormat(magic: Uint8Array, offset: number): CaptureFormat {
  const format = detectCaptureFormat(magic);
  if (format !== undefined) return format;
  const m = u32(magic, 0);
  let hint = "";
  if (magic[0] === 0x1f && magic[1] === 0x8b) hint = "; it looks gzip-compressed, decompress it first";
  else if (KUZNETZOV.has(m)) hint = "; it is the modified (Kuznetzov) pcap format, which is not supported";
  throw new DecodeError(
    "invalid-value",
    offset,
    `not a pcap or pcapng capture: magic 0x${m.toString(16).padStart(8, "0")}${hint}`,
  );
}

/** True if the pcap magic says the writer was little-endian. @internal */
export function pcapIsLittleEndian(magic: number): boolean {
  return magic === SWAPPED_MICRO || magic === SWAPPED_NANO;
}

/** True if the pcap magic announces nanosecond timestamps. @internal */
export function pcapIsNanosecond(magic: number): boolean {
  return magic === CAPTURE_MAGIC.PCAP_NANOSECONDS || magic === SWAPPED_NANO;
}
