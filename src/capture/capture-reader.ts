/**
 * The incremental capture reader: push chunks of a pcap or pcapng file as
 * they arrive, pull packets as they complete.
 * @module
 */
import { DecodeError } from "../errors.js";
import { u32 } from "./bytes.js";
import { ChunkQueue } from "./chunk-queue.js";
import { requireCaptureFormat } from "./detect.js";
import type { CaptureFormat, CapturePacket } from "./packet.js";
import { PCAP_HEADER_SIZE, PCAP_RECORD_HEADER_SIZE, type PcapHeader, parsePcapHeader, pcapTimestamp } from "./pcap.js";
import {
  checkSectionHeader,
  PCAPNG_BLOCK,
  type PcapngInterface,
  type PcapngPacketFields,
  parseInterface,
  parsePacketBlock,
  parseSimplePacketBlock,
  sectionIsLittleEndian,
} from "./pcapng.js";

/** Default largest pcap record or pcapng block: 16 MiB, far above any real link MTU. */
export const DEFAULT_MAX_BLOCK_SIZE = 16 * 1024 * 1024;

/** Options of {@link CaptureReader} and {@link readCapture}. */
export interface CaptureReaderOptions {
  /**
   * Largest pcap record (header included) or pcapng block accepted, in
   * bytes. A larger declared length is an `invalid-value` DecodeError before
   * anything is buffered for it. Default {@link DEFAULT_MAX_BLOCK_SIZE}.
   */
  maxBlockSize?: number;
}

const SKIPPED = 0;

/**
 * An incremental pcap / pcapng reader in the sans-I/O style: `push` chunks
 * of any size, then call `next()` until it returns undefined ("need more
 * data"); call `end()` when the input is over and drain `next()` again,
 * where undefined now means "finished".
 *
 * - The format is detected from the magic number: pcap in either byte order
 *   with microsecond or nanosecond timestamps; pcapng with any number of
 *   sections (each in its own byte order) and interfaces, reading Enhanced,
 *   Simple and obsolete Packet Blocks and skipping every other block type.
 * - Memory: pushed chunks are held by reference until their packets have
 *   been pulled; once `next()` has returned undefined, the reader holds at
 *   most the part of one record that has arrived (at most `maxBlockSize`
 *   bytes), copied out of the chunks. A length field never sizes an
 *   allocation beyond the bytes present.
 * - Errors are DecodeErrors with the absolute offset from the start of the
 *   capture and a path (`header`, `records[i]` for pcap, `blocks[i]` for
 *   pcapng). A record cut short by the end of input is `truncated`. Once
 *   failed, every later call throws the same error.
 *
 * @example
 * ```ts
 * import { CaptureReader } from "dhcp-leasequery/capture";
 * const file = Uint8Array.of(
 *   0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 101, 0, 0, 0, // header, LINKTYPE_RAW
 *   10, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0x45, 0, // one 2-byte record
 * );
 * const reader = new CaptureReader();
 * reader.push(file.subarray(0, 30));
 * console.log(reader.next()); // undefined
 * reader.push(file.subarray(30));
 * reader.end();
 * const p = reader.next();
 * console.log(p?.linkType, p?.timestamp, p?.data); // 101 { seconds: 10, nanoseconds: 7000 } Uint8Array(2) [ 69, 0 ]
 * console.log(reader.next()); // undefined
 * ```
 */
export class CaptureReader {
  private readonly q = new ChunkQueue();
  private readonly maxBlockSize: number;
  private fmt: CaptureFormat | undefined;
  private pcap: PcapHeader | undefined;
  /** Byte order of the current pcapng section. */
  private le = false;
  private section = -1;
  private interfaces: PcapngInterface[] = [];
  private packets = 0;
  private blocks = 0;
  private ended = false;
  private failure: DecodeError | undefined;

  /**
   * @param options - see {@link CaptureReaderOptions}
   * @throws RangeError if `maxBlockSize` is not a positive integer
   */
  constructor(options: CaptureReaderOptions = {}) {
    const max = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxBlockSize must be a positive integer, got ${max}`);
    this.maxBlockSize = max;
  }

  /** The detected format, once the magic number has been read. */
  get format(): CaptureFormat | undefined {
    return this.fmt;
  }

  /** Packets returned so far. */
  get packetCount(): number {
    return this.packets;
  }

  /** Bytes pushed but not yet consumed (held chunks plus any partly assembled record). */
  get bufferedBytes(): number {
    return this.q.available;
  }

  /** The error the reader has stopped on, if any. */
  get error(): DecodeError | undefined {
    return this.failure;
  }

  /**
   * Queues the next chunk of the capture. The chunk is held by reference
   * until its packets have been pulled: do not overwrite it before then.
   *
   * @throws the stored DecodeError if the reader has failed
   * @throws TypeError if `chunk` is not a Uint8Array; Error after `end()`
   */
  push(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error("CaptureReader: push() after end()");
    if (!(chunk instanceof Uint8Array)) throw new TypeError("expected a Uint8Array (a Node Buffer is one)");
    this.q.push(chunk);
  }

  /**
   * Declares the end of the input. Later `next()` calls return the packets
   * still queued, then undefined, or throw `truncated` if the input stopped
   * inside a record.
   *
   * @throws never
   */
  end(): void {
    this.ended = true;
  }

  /**
   * The next packet, or undefined if more input is needed (before `end()`)
   * or the capture is finished (after it).
   *
   * @throws DecodeError for a malformed capture (the offset is absolute)
   */
  next(): CapturePacket | undefined {
    if (this.failure) throw this.failure;
    try {
      for (;;) {
        if (this.fmt === undefined) {
          const magic = this.take(4, "the capture's magic number", "header");
          if (magic === undefined) return undefined;
          this.fmt = requireCaptureFormat(magic, this.q.offset);
        }
        const p = this.fmt === "pcap" ? this.nextPcap() : this.nextPcapng();
        if (p !== SKIPPED) return p;
      }
    } catch (e) {
      // Everything thrown above is a DecodeError built here.
      this.failure = e as DecodeError;
      throw e;
    }
  }

  /**
   * A view of the next `n` bytes, or undefined if they have not all arrived
   * (before `end()`), or if the input ended cleanly between records.
   */
  private take(n: number, what: string, path: string): Uint8Array | undefined {
    const v = this.q.peek(n);
    if (v !== undefined || !this.ended) return v;
    const have = this.q.available;
    if (have === 0 && this.fmt !== undefined && path !== "header") return undefined;
    throw new DecodeError(
      "truncated",
      this.q.offset,
      have === 0 && this.q.offset === 0
        ? "the input is empty, not a capture"
        : `${what} needs ${n} byte(s), the input ends after ${have}`,
      path,
    );
  }

  private checkSize(size: number, at: number, path: string): void {
    if (size > this.maxBlockSize) {
      throw new DecodeError(
        "invalid-value",
        at,
        `length ${size} exceeds the limit of ${this.maxBlockSize} bytes`,
        path,
      );
    }
  }

  private nextPcap(): CapturePacket | undefined {
    if (this.pcap === undefined) {
      const h = this.take(PCAP_HEADER_SIZE, "the pcap file header", "header");
      if (h === undefined) return undefined;
      this.pcap = parsePcapHeader(h, this.q.offset);
      this.q.consume(PCAP_HEADER_SIZE);
    }
    const header = this.pcap;
    const start = this.q.offset;
    const path = `records[${this.packets}]`;
    const rh = this.take(PCAP_RECORD_HEADER_SIZE, "a pcap record header", path);
    if (rh === undefined) return undefined;
    const captured = u32(rh, 8, header.littleEndian);
    this.checkSize(PCAP_RECORD_HEADER_SIZE + captured, start + 8, path);
    const r = this.take(PCAP_RECORD_HEADER_SIZE + captured, "a pcap record", path);
    if (r === undefined) return undefined;
    const packet: CapturePacket = {
      index: this.packets,
      offset: start,
      section: 0,
      interfaceId: 0,
      linkType: header.linkType,
      timestamp: pcapTimestamp(r, header),
      originalLength: u32(r, 12, header.littleEndian),
      data: r.subarray(PCAP_RECORD_HEADER_SIZE),
    };
    this.q.consume(PCAP_RECORD_HEADER_SIZE + captured);
    this.packets++;
    return packet;
  }

  private nextPcapng(): CapturePacket | undefined | typeof SKIPPED {
    const start = this.q.offset;
    const path = `blocks[${this.blocks}]`;
    const isSection =
      this.q.peek(4) !== undefined && u32(this.q.peek(4) as Uint8Array, 0) === PCAPNG_BLOCK.SECTION_HEADER;
    // A section header's length is in the byte order its byte-order magic (8 bytes in) announces.
    const h = this.take(isSection ? 12 : 8, "a pcapng block header", path);
    if (h === undefined) return undefined;
    const type = u32(h, 0, this.le);
    if (isSection) this.le = sectionIsLittleEndian(h, start, path);
    const le = this.le;
    const len = u32(h, 4, le);
    if (len < 12 || len % 4 !== 0) {
      throw new DecodeError(
        "invalid-value",
        start + 4,
        `block total length ${len} is not a multiple of 4 of at least 12`,
        path,
      );
    }
    this.checkSize(len, start + 4, path);
    const b = this.take(len, "a pcapng block", path);
    if (b === undefined) return undefined;
    if (u32(b, len - 4, le) !== len) {
      throw new DecodeError(
        "length-mismatch",
        start + len - 4,
        `trailing block length ${u32(b, len - 4, le)} differs from the leading ${len}`,
        path,
      );
    }
    let fields: PcapngPacketFields | undefined;
    if (isSection) {
      checkSectionHeader(b, le, start, path);
      this.section++;
      this.interfaces = [];
    } else if (type === PCAPNG_BLOCK.INTERFACE_DESCRIPTION) {
      this.interfaces.push(parseInterface(b, le, start, path));
    } else if (type === PCAPNG_BLOCK.ENHANCED_PACKET || type === PCAPNG_BLOCK.PACKET) {
      fields = parsePacketBlock(b, le, this.interfaces, type === PCAPNG_BLOCK.PACKET, start, path);
    } else if (type === PCAPNG_BLOCK.SIMPLE_PACKET) {
      fields = parseSimplePacketBlock(b, le, this.interfaces, start, path);
    }
    this.q.consume(len);
    this.blocks++;
    if (fields === undefined) return SKIPPED;
    return {
      index: this.packets++,
      offset: start,
      section: this.section,
      interfaceId: fields.interfaceId,
      linkType: (this.interfaces[fields.interfaceId] as PcapngInterface).linkType,
      timestamp: fields.timestamp,
      originalLength: fields.originalLength,
      data: fields.data,
    };
  }
}
