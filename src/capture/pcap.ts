/**
 * The classic pcap layout (draft-ietf-opsawg-pcap §4 and §5): a 24-byte file
 * header in the writer's byte order, then records of a 16-byte header and
 * the captured bytes.
 * @module
 * @internal
 */
import { DecodeError } from "../errors.js";
import { u16, u32 } from "./bytes.js";
import { pcapIsLittleEndian, pcapIsNanosecond } from "./detect.js";
import type { CaptureTimestamp } from "./packet.js";

/** @internal */
export const PCAP_HEADER_SIZE = 24;
/** @internal */
export const PCAP_RECORD_HEADER_SIZE = 16;

/** @internal */
export interface PcapHeader {
  readonly littleEndian: boolean;
  readonly nanosecond: boolean;
  readonly linkType: number;
}

/**
 * Parses the file header; `offset` is its absolute position, for errors.
 * @internal
 */
export function parsePcapHeader(h: Uint8Array, offset: number): PcapHeader {
  const magic = u32(h, 0);
  const le = pcapIsLittleEndian(magic);
  const major = u16(h, 4, le);
  // Version 2.4 is current; 2.x differ only in details we do not read. No
  // other major version has been written by libpcap.
  if (major !== 2) {
    throw new DecodeError("invalid-value", offset + 4, `pcap major version ${major} is not 2`, "header");
  }
  // The LinkType field carries FCS information in its top bits
  // (draft-ietf-opsawg-pcap §4, libpcap LT_LINKTYPE): the link type is the low 26 bits.
  return { littleEndian: le, nanosecond: pcapIsNanosecond(magic), linkType: u32(h, 20, le) & 0x03ffffff };
}

/**
 * The record's timestamp, normalised so that an out-of-range fraction
 * (which some writers produce) carries into the seconds.
 * @internal
 */
export function pcapTimestamp(r: Uint8Array, header: PcapHeader): CaptureTimestamp {
  const le = header.littleEndian;
  const seconds = u32(r, 0, le);
  const fraction = u32(r, 4, le);
  const ns = header.nanosecond ? fraction : fraction * 1000;
  return { seconds: seconds + Math.floor(ns / 1e9), nanoseconds: ns % 1e9 };
}
