/**
 * Byte-order-aware reads for the capture formats, whose headers are in the
 * writer's byte order (pcap, pcapng) or in network byte order (IP, TCP, UDP).
 * Callers check bounds first; these helpers do not.
 * @module
 * @internal
 */
import { DecodeError } from "../errors.js";

/** Unsigned 16-bit read; `le` selects little-endian. @internal */
export function u16(b: Uint8Array, p: number, le = false): number {
  const x = b[p] as number;
  const y = b[p + 1] as number;
  return le ? x | (y << 8) : (x << 8) | y;
}

/** Unsigned 32-bit read; `le` selects little-endian. @internal */
export function u32(b: Uint8Array, p: number, le = false): number {
  const b0 = b[p] as number;
  const b1 = b[p + 1] as number;
  const b2 = b[p + 2] as number;
  const b3 = b[p + 3] as number;
  // Multiply the top byte instead of shifting it so the result stays unsigned.
  return le ? b3 * 0x1000000 + ((b2 << 16) | (b1 << 8) | b0) : b0 * 0x1000000 + ((b1 << 16) | (b2 << 8) | b3);
}

/**
 * Throws a `truncated` DecodeError unless `n` bytes follow `p` before `end`.
 * `what` names the item for the message.
 * @internal
 */
export function need(end: number, p: number, n: number, what: string): void {
  if (end - p < n) {
    throw new DecodeError("truncated", p, `${what} needs ${n} byte(s), ${Math.max(0, end - p)} left`);
  }
}
