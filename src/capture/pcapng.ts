/**
 * pcapng blocks (draft-ietf-opsawg-pcapng): every block is a 4-byte type, a
 * 4-byte total length, a body and the total length again, in the byte order
 * its section's header announces. Only the blocks that carry packets and the
 * interface descriptions they refer to are interpreted; others are skipped.
 * @module
 * @internal
 */
import { DecodeError } from "../errors.js";
import { u16, u32 } from "./bytes.js";
import type { CaptureTimestamp } from "./packet.js";

/** pcapng block types (draft-ietf-opsawg-pcapng §11.1). */
export const PCAPNG_BLOCK = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  /** Obsolete Packet Block (§A). */
  PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  ENHANCED_PACKET: 0x00000006,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

/** What a packet block needs from its Interface Description Block. @internal */
export interface PcapngInterface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per second (if_tsresol, §4.2: 10^6 by default). */
  readonly unitsPerSecond: bigint;
  /** Seconds added to every timestamp (if_tsoffset). */
  readonly offsetSeconds: bigint;
}

/** Fields of a packet block, before its interface is applied. @internal */
export interface PcapngPacketFields {
  readonly interfaceId: number;
  readonly timestamp: CaptureTimestamp | null;
  readonly originalLength: number;
  readonly data: Uint8Array;
}

/**
 * The section's byte order from the byte-order magic at offset 8 of a
 * Section Header Block (§4.1).
 * @internal
 */
export function sectionIsLittleEndian(h: Uint8Array, offset: number, path: string): boolean {
  if (u32(h, 8) === BYTE_ORDER_MAGIC) return false;
  if (u32(h, 8, true) === BYTE_ORDER_MAGIC) return true;
  throw new DecodeError(
    "invalid-value",
    offset + 8,
    `bad byte-order magic 0x${u32(h, 8).toString(16).padStart(8, "0")} in a Section Header Block`,
    path,
  );
}

/** Checks a whole Section Header Block (§4.1). @internal */
export function checkSectionHeader(b: Uint8Array, le: boolean, offset: number, path: string): void {
  if (b.length < 28) {
    throw new DecodeError(
      "length-mismatch",
      offset + 4,
      `a Section Header Block is at least 28 bytes, not ${b.length}`,
      path,
    );
  }
  const major = u16(b, 12, le);
  if (major !== 1) {
    throw new DecodeError("invalid-value", offset + 12, `pcapng major version ${major} is not 1`, path);
  }
}

/** Parses an Interface Description Block (§4.2) and its timestamp options. @internal */
export function parseInterface(b: Uint8Array, le: boolean, offset: number, path: string): PcapngInterface {
  if (b.length < 20) {
    throw new DecodeError(
      "length-mismatch",
      offset + 4,
      `an Interface Description Block is at least 20 bytes, not ${b.length}`,
      path,
    );
  }
  let unitsPerSecond = 1_000_000n;
  let offsetSeconds = 0n;
  const end = b.length - 4;
  let p = 16;
  // Options (§3.5): code, length, value padded to 32 bits; opt_endofopt or the block's end stops
  // them. Block lengths are multiples of 4, so a whole option header always fits.
  while (p < end) {
    const code = u16(b, p, le);
    const len = u16(b, p + 2, le);
    if (code === OPT_ENDOFOPT) break;
    if (len > end - p - 4) throw optionError(offset + p + 2, `option ${code} length ${len} overruns the block`, path);
    const v = p + 4;
    if (code === IF_TSRESOL) {
      if (len !== 1) throw optionError(offset + p + 2, `if_tsresol has length ${len}, not 1`, path);
      const r = b[v] as number;
      // Most significant bit set: a negative power of 2; clear: of 10.
      unitsPerSecond = r & 0x80 ? 1n << BigInt(r & 0x7f) : 10n ** BigInt(r);
    } else if (code === IF_TSOFFSET) {
      if (len !== 8) throw optionError(offset + p + 2, `if_tsoffset has length ${len}, not 8`, path);
      const hi = BigInt(u32(b, le ? v + 4 : v, le));
      const lo = BigInt(u32(b, le ? v : v + 4, le));
      offsetSeconds = BigInt.asIntN(64, (hi << 32n) | lo);
    }
    p = v + ((len + 3) & ~3);
  }
  return { linkType: u16(b, 8, le), snapLength: u32(b, 12, le), unitsPerSecond, offsetSeconds };
}

function optionError(offset: number, reason: string, path: string): DecodeError {
  return new DecodeError("length-mismatch", offset, reason, path);
}

/** Converts a 64-bit timestamp in the interface's units to seconds and nanoseconds. @internal */
export function pcapngTimestamp(hi: number, lo: number, iface: PcapngInterface): CaptureTimestamp {
  const units = iface.unitsPerSecond;
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  return {
    seconds: Number(ticks / units + iface.offsetSeconds),
    nanoseconds: Number(((ticks % units) * 1_000_000_000n) / units),
  };
}

/**
 * Parses an Enhanced Packet Block (§4.3) or an obsolete Packet Block (§A),
 * which share their layout except that the latter's interface id is 16 bits
 * followed by a 16-bit drop count.
 * @internal
 */
export function parsePacketBlock(
  b: Uint8Array,
  le: boolean,
  interfaces: readonly PcapngInterface[],
  obsolete: boolean,
  offset: number,
  path: string,
): PcapngPacketFields {
  if (b.length < 32) {
    throw new DecodeError("length-mismatch", offset + 4, `a packet block is at least 32 bytes, not ${b.length}`, path);
  }
  const interfaceId = obsolete ? u16(b, 8, le) : u32(b, 8, le);
  const iface = interfaceAt(interfaces, interfaceId, offset + 8, path);
  const captured = u32(b, 20, le);
  if (captured > b.length - 32) {
    throw new DecodeError(
      "length-mismatch",
      offset + 20,
      `captured length ${captured} overruns the block (room for ${b.length - 32})`,
      path,
    );
  }
  return {
    interfaceId,
    timestamp: pcapngTimestamp(u32(b, 12, le), u32(b, 16, le), iface),
    originalLength: u32(b, 24, le),
    data: b.subarray(28, 28 + captured),
  };
}

/**
 * Parses a Simple Packet Block (§4.4): interface 0, no timestamp, and a
 * captured length implied by the block length, the original length and the
 * interface's snap length.
 * @internal
 */
export function parseSimplePacketBlock(
  b: Uint8Array,
  le: boolean,
  interfaces: readonly PcapngInterface[],
  offset: number,
  path: string,
): PcapngPacketFields {
  if (b.length < 16) {
    throw new DecodeError(
      "length-mismatch",
      offset + 4,
      `a Simple Packet Block is at least 16 bytes, not ${b.length}`,
      path,
    );
  }
  const iface = interfaceAt(interfaces, 0, offset, path);
  const originalLength = u32(b, 8, le);
  let captured = Math.min(originalLength, b.length - 16);
  if (iface.snapLength > 0) captured = Math.min(captured, iface.snapLength);
  return { interfaceId: 0, timestamp: null, originalLength, data: b.subarray(12, 12 + captured) };
}

function interfaceAt(
  interfaces: readonly PcapngInterface[],
  id: number,
  offset: number,
  path: string,
): PcapngInterface {
  const iface = interfaces[id];
  if (iface === undefined) {
    throw new DecodeError(
      "invalid-value",
      offset,
      `interface ${id} is not described (the section has ${interfaces.length} interface(s))`,
      path,
    );
  }
  return iface;
}
