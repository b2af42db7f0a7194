/**
 * DHCP traffic out of captured packets: DHCPv6 and DHCPv4 messages carried
 * by UDP, and the TCP streams of Bulk and Active Leasequery, reassembled and
 * split into messages by their 2-octet framing. Message contents are not
 * decoded here: payloads are handed on as bytes.
 * @module
 */
import { DecodeError, isDecodeError } from "../errors.js";
import { FrameDecoder, type FrameDecoderOptions } from "../stream/framer.js";
import { u16 } from "./bytes.js";
import { decodeIp, isFragment } from "./decode-packet.js";
import { FragmentReassembler } from "./fragments.js";
import { IP_PROTOCOL, walkIPv6Extensions } from "./ipv6.js";
import { decodeLinkLayer } from "./link-layer.js";
import type { CapturePacket, CaptureTimestamp } from "./packet.js";
import { decodeTcp } from "./tcp.js";
import {
  type Endpoint,
  type TcpDirection,
  type TcpEndReason,
  TcpReassembler,
  type TcpReassemblyOptions,
  type TcpStreamEvent,
} from "./tcp-reassembly.js";
import { decodeUdp } from "./udp.js";

/** Well-known DHCP ports (RFC 2131 §4.1; RFC 8415 §7.2; RFC 5460 §5.2 and RFC 6926 §6.1 for TCP). */
export const DHCP_PORTS = {
  DHCPV4_SERVER: 67,
  DHCPV4_CLIENT: 68,
  DHCPV6_CLIENT: 546,
  DHCPV6_SERVER: 547,
} as const;

/** Which protocol a payload belongs to. */
export type DhcpKind = "dhcpv6" | "dhcpv4";

/** Ports that mark DHCP traffic; a packet matches if either of its ports is listed. */
export interface DhcpPorts {
  /** Default 546 and 547. */
  dhcpv6Udp?: Iterable<number>;
  /** Default 67 and 68. */
  dhcpv4Udp?: Iterable<number>;
  /** Bulk and Active Leasequery over TCP (RFC 5460, RFC 7653). Default 547. */
  dhcpv6Tcp?: Iterable<number>;
  /** DHCPv4 Bulk and Active Leasequery over TCP (RFC 6926, RFC 7724). Default 67. */
  dhcpv4Tcp?: Iterable<number>;
}

/** Options of {@link DhcpTrafficExtractor}. */
export interface DhcpTrafficOptions extends Omit<TcpReassemblyOptions, "serverPorts">, FrameDecoderOptions {
  /** Ports to extract (e.g. a test server on a high port); see {@link DhcpPorts}. */
  ports?: DhcpPorts;
  /** IP datagrams being reassembled from fragments at once (each at most 64 KiB). Default 64. */
  maxFragmentedDatagrams?: number;
}

/** A DHCP message payload found in the capture. */
export interface CapturedDhcpMessage {
  readonly type: "message";
  readonly kind: DhcpKind;
  readonly transport: "udp" | "tcp";
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** Time of the packet that carried the message (for TCP, that completed it). */
  readonly timestamp: CaptureTimestamp | null;
  /** Index of that packet in the capture, from 0. */
  readonly packetIndex: number;
  /** TCP connection number (see `TcpReassembler`); null over UDP. */
  readonly connection: number | null;
  readonly direction: TcpDirection | null;
  /** Position of the message among its TCP direction's frames, from 0; null over UDP. */
  readonly frameIndex: number | null;
  /** The DHCP message (for TCP, without its 2-octet size): a view of the capture's bytes or of an assembly buffer. */
  readonly payload: Uint8Array;
}

/** In-order bytes of a DHCP TCP connection, for callers that frame streams themselves. */
export interface DhcpStreamChunk {
  readonly type: "stream";
  readonly kind: DhcpKind;
  readonly connection: number;
  readonly direction: TcpDirection;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** Position of `data[0]` in the direction's stream; a jump past the previous chunk's end is a gap. */
  readonly offset: number;
  readonly data: Uint8Array;
  readonly packetIndex: number;
  readonly timestamp: CaptureTimestamp | null;
}

/** The end of one direction of a DHCP TCP connection. */
export interface DhcpStreamEnd {
  readonly type: "stream-end";
  readonly kind: DhcpKind;
  readonly connection: number;
  readonly direction: TcpDirection;
  readonly reason: TcpEndReason;
  readonly packetIndex: number;
}

/**
 * Why something in the capture could not be used. None of these stops the
 * extraction; a malformed capture file (as opposed to a malformed packet)
 * is a DecodeError thrown by the reader.
 *
 * - `unsupported-link-type`: packets of this link type are skipped (reported once per type).
 * - `malformed-packet`: a link, IP, UDP or TCP header is malformed (`error` says where, counting
 *   from the start of the packet's data or of its reassembled datagram).
 * - `packet-truncated`: a DHCP packet was cut by the capture's snap length; it is skipped.
 * - `fragment-dropped`: an IP datagram's fragments overlapped, disagreed, or never all arrived.
 * - `tcp-no-handshake`: a connection was first seen after its SYN; its framing is assumed to
 *   start at the first byte captured.
 * - `tcp-gap`: stream bytes were never captured (or dropped to stay within the limits); messages
 *   of that direction after the gap are not extracted, since the framing is lost.
 * - `tcp-frame-error`: the stream's framing is broken (an empty frame, or a stream ending inside one).
 * - `tcp-evicted`: a connection was dropped to stay within `maxConnections`.
 */
export type CaptureDiagnosticCode =
  | "unsupported-link-type"
  | "malformed-packet"
  | "packet-truncated"
  | "fragment-dropped"
  | "tcp-no-handshake"
  | "tcp-gap"
  | "tcp-frame-error"
  | "tcp-evicted";

/** Something in the capture that could not be used, and why. */
export interface CaptureDiagnostic {
  readonly type: "diagnostic";
  readonly code: CaptureDiagnosticCode;
  readonly message: string;
  /** The packet concerned, or null at the end of the capture. */
  readonly packetIndex: number | null;
  readonly connection: number | null;
  readonly direction: TcpDirection | null;
  /** The underlying error, for `malformed-packet` and `tcp-frame-error`. */
  readonly error: DecodeError | null;
}

/** Everything {@link DhcpTrafficExtractor} reports. */
export type DhcpTrafficEvent = CapturedDhcpMessage | DhcpStreamChunk | DhcpStreamEnd | CaptureDiagnostic;

interface Framing {
  /** Undefined once the framing is lost. */
  decoder: FrameDecoder | undefined;
  frames: number;
}

interface ConnState {
  readonly kind: DhcpKind;
  ended: number;
}

const DEFAULT_MAX_FRAGMENTED = 64;

/**
 * Finds DHCP traffic in captured packets, fed one at a time in capture
 * order. UDP datagrams on the DHCP ports give one message each; TCP
 * connections on the DHCP server ports are reassembled (see
 * `TcpReassembler`) and split into messages by their 2-octet framing
 * (`FrameDecoder`, RFC 5460 §5.1). IP fragments are reassembled (bounded:
 * `maxFragmentedDatagrams` in progress, the oldest dropped).
 *
 * Memory is bounded by the reassembly limits plus, per TCP direction, one
 * partial frame (at most 65537 bytes).
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * import { DhcpTrafficExtractor, LINKTYPE } from "dhcp-leasequery/capture";
 * const x = new DhcpTrafficExtractor();
 * const data = hex("6000000000101140 20010db8000000000000000000000001 20010db8000000000000000000000002 0222022300100000 0e000001 00000000");
 * const [m] = x.packet({ index: 0, offset: 0, section: 0, interfaceId: 0, linkType: LINKTYPE.RAW, timestamp: null, originalLength: data.length, data });
 * console.log(m?.type === "message" && [m.kind, m.transport, m.src.address, m.dst.port, m.payload.length]); // ["dhcpv6", "udp", "2001:db8::1", 547, 8]
 * ```
 */
export class DhcpTrafficExtractor {
  private readonly tcp: TcpReassembler;
  private readonly fragments: FragmentReassembler;
  private readonly frameOptions: FrameDecoderOptions;
  private readonly v6Udp: ReadonlySet<number>;
  private readonly v4Udp: ReadonlySet<number>;
  private readonly v6Tcp: ReadonlySet<number>;
  private readonly v4Tcp: ReadonlySet<number>;
  private readonly unsupported = new Set<number>();
  private readonly conns = new Map<number, ConnState>();
  private readonly framing = new Map<string, Framing>();
  private out: DhcpTrafficEvent[] = [];
  private packetIndex: number | null = null;

  /**
   * @param options - see {@link DhcpTrafficOptions}
   * @throws RangeError if a limit is not a positive integer
   */
  constructor(options: DhcpTrafficOptions = {}) {
    const ports = options.ports ?? {};
    this.v6Udp = new Set(ports.dhcpv6Udp ?? [DHCP_PORTS.DHCPV6_CLIENT, DHCP_PORTS.DHCPV6_SERVER]);
    this.v4Udp = new Set(ports.dhcpv4Udp ?? [DHCP_PORTS.DHCPV4_SERVER, DHCP_PORTS.DHCPV4_CLIENT]);
    this.v6Tcp = new Set(ports.dhcpv6Tcp ?? [DHCP_PORTS.DHCPV6_SERVER]);
    this.v4Tcp = new Set(ports.dhcpv4Tcp ?? [DHCP_PORTS.DHCPV4_SERVER]);
    const maxFragmented = options.maxFragmentedDatagrams ?? DEFAULT_MAX_FRAGMENTED;
    if (!Number.isInteger(maxFragmented) || maxFragmented < 1) {
      throw new RangeError(`maxFragmentedDatagrams must be a positive integer, got ${maxFragmented}`);
    }
    this.fragments = new FragmentReassembler(maxFragmented);
    const tcpOptions: TcpReassemblyOptions = { serverPorts: [...this.v6Tcp, ...this.v4Tcp] };
    if (options.maxConnections !== undefined) tcpOptions.maxConnections = options.maxConnections;
    if (options.maxBufferedBytes !== undefined) tcpOptions.maxBufferedBytes = options.maxBufferedBytes;
    if (options.maxBufferedBytesPerDirection !== undefined) {
      tcpOptions.maxBufferedBytesPerDirection = options.maxBufferedBytesPerDirection;
    }
    if (options.maxBufferedSegmentsPerDirection !== undefined) {
      tcpOptions.maxBufferedSegmentsPerDirection = options.maxBufferedSegmentsPerDirection;
    }
    this.tcp = new TcpReassembler(tcpOptions);
    this.frameOptions = options.allowEmptyFrames === undefined ? {} : { allowEmptyFrames: options.allowEmptyFrames };
  }

  /**
   * Takes the next packet of the capture and returns what it makes known.
   * A malformed packet becomes a `malformed-packet` diagnostic.
   *
   * @throws never for malformed packets (only a bug escapes)
   */
  packet(p: CapturePacket): DhcpTrafficEvent[] {
    this.out = [];
    this.packetIndex = p.index;
    try {
      this.dissect(p);
    } catch (e) {
      if (!isDecodeError(e)) throw e;
      this.diagnostic("malformed-packet", `packet ${p.index}: ${e.message}`, null, null, e);
    }
    return this.out;
  }

  /**
   * Ends the capture: TCP streams still open deliver what they hold and
   * end, and datagrams still waiting for fragments are reported dropped.
   *
   * @throws never
   */
  finish(): DhcpTrafficEvent[] {
    this.out = [];
    this.packetIndex = null;
    for (const ev of this.tcp.finish()) this.onTcp(ev);
    const waiting = this.fragments.clear();
    if (waiting > 0) {
      this.diagnostic("fragment-dropped", `${waiting} datagram(s) still missing fragments at the end of the capture`);
    }
    return this.out;
  }

  private dissect(p: CapturePacket): void {
    const link = decodeLinkLayer(p.linkType, p.data);
    if (link === undefined) {
      if (!this.unsupported.has(p.linkType)) {
        this.unsupported.add(p.linkType);
        this.diagnostic("unsupported-link-type", `link type ${p.linkType} is not supported; its packets are skipped`);
      }
      return;
    }
    const ip = decodeIp(link, p.data);
    if (ip === undefined) return;
    let protocol = ip.protocol;
    let data = p.data;
    let start = ip.payloadOffset;
    let end = start + ip.payload.length;
    if (isFragment(ip)) {
      // A fragment cut by the snap length cannot complete its datagram.
      if (ip.truncated) return;
      const report = (reason: string) => this.diagnostic("fragment-dropped", `packet ${p.index}: ${reason}`);
      let whole: Uint8Array | undefined;
      if (ip.version === 4) {
        if (protocol !== IP_PROTOCOL.UDP && protocol !== IP_PROTOCOL.TCP) return;
        const key = `4 ${ip.src} ${ip.dst} ${protocol} ${ip.identification}`;
        whole = this.fragments.add(key, ip.fragmentOffset, ip.moreFragments, ip.payload, report);
      } else {
        const f = ip.fragment as NonNullable<typeof ip.fragment>;
        whole = this.fragments.add(`6 ${ip.src} ${ip.dst} ${f.identification}`, f.offset, f.more, ip.payload, report);
      }
      if (whole === undefined) return;
      data = whole;
      start = 0;
      end = whole.length;
      if (ip.version === 6) {
        const walk = walkIPv6Extensions(whole, protocol, 0, end);
        if (walk.fragment !== undefined) {
          throw new DecodeError(
            "invalid-value",
            walk.offset - 8,
            "a reassembled datagram holds another fragment header",
          );
        }
        protocol = walk.protocol;
        start = walk.offset;
      }
    }
    if (protocol !== IP_PROTOCOL.UDP && protocol !== IP_PROTOCOL.TCP) return;
    const udp = protocol === IP_PROTOCOL.UDP;
    if (ip.truncated) {
      if (end - start >= 4 && this.kindOf(udp, u16(data, start), u16(data, start + 2)) !== undefined) {
        this.diagnostic(
          "packet-truncated",
          `packet ${p.index}: ${p.data.length} of ${p.originalLength} byte(s) captured; the DHCP ${udp ? "message" : "segment"} is incomplete`,
        );
      }
      return;
    }
    if (udp) {
      const d = decodeUdp(data, start, end);
      const kind = this.kindOf(true, d.srcPort, d.dstPort);
      if (kind === undefined) return;
      this.out.push({
        type: "message",
        kind,
        transport: "udp",
        src: { address: ip.src, port: d.srcPort },
        dst: { address: ip.dst, port: d.dstPort },
        timestamp: p.timestamp,
        packetIndex: p.index,
        connection: null,
        direction: null,
        frameIndex: null,
        payload: d.payload,
      });
      return;
    }
    const s = decodeTcp(data, start, end);
    if (this.kindOf(false, s.srcPort, s.dstPort) === undefined) return;
    const events = this.tcp.segment({
      src: { address: ip.src, port: s.srcPort },
      dst: { address: ip.dst, port: s.dstPort },
      seq: s.seq,
      ack: s.ack,
      flags: s.flags,
      payload: s.payload,
      packetIndex: p.index,
      timestamp: p.timestamp,
    });
    for (const ev of events) this.onTcp(ev);
  }

  private kindOf(udp: boolean, a: number, b: number): DhcpKind | undefined {
    const v6 = udp ? this.v6Udp : this.v6Tcp;
    const v4 = udp ? this.v4Udp : this.v4Tcp;
    if (v6.has(a) || v6.has(b)) return "dhcpv6";
    if (v4.has(a) || v4.has(b)) return "dhcpv4";
    return undefined;
  }

  private onTcp(ev: TcpStreamEvent): void {
    if (ev.type === "open") {
      const kind = this.kindOf(false, ev.client.port, ev.server.port) as DhcpKind;
      this.conns.set(ev.connection, { kind, ended: 0 });
      if (!ev.handshake) {
        this.diagnostic(
          "tcp-no-handshake",
          `connection ${ev.connection} (${show(ev.client)} to ${show(ev.server)}) was first seen after its SYN; framing assumes its first captured byte starts a message`,
          ev.connection,
        );
      }
      return;
    }
    const conn = this.conns.get(ev.connection) as ConnState;
    const key = `${ev.connection} ${ev.direction}`;
    if (ev.type === "data") {
      this.out.push({
        type: "stream",
        kind: conn.kind,
        connection: ev.connection,
        direction: ev.direction,
        src: ev.src,
        dst: ev.dst,
        offset: ev.offset,
        data: ev.data,
        packetIndex: ev.packetIndex,
        timestamp: ev.timestamp,
      });
      let f = this.framing.get(key);
      if (f === undefined) {
        f = { decoder: new FrameDecoder(this.frameOptions), frames: 0 };
        this.framing.set(key, f);
      }
      this.frame(f, ev, conn.kind);
      return;
    }
    if (ev.type === "gap") {
      const f = this.framing.get(key);
      const lost = f === undefined || f.decoder !== undefined;
      this.framing.set(key, { decoder: undefined, frames: f?.frames ?? 0 });
      this.diagnostic(
        "tcp-gap",
        `connection ${ev.connection} ${ev.direction}: ${ev.length} byte(s) missing at stream offset ${ev.offset}${lost ? "; later messages of this direction are not extracted" : ""}`,
        ev.connection,
        ev.direction,
      );
      return;
    }
    const f = this.framing.get(key);
    this.framing.delete(key);
    if (f?.decoder !== undefined) {
      try {
        f.decoder.end();
      } catch (e) {
        this.frameError(e, ev.connection, ev.direction);
      }
    }
    if (ev.reason === "evicted") {
      this.diagnostic(
        "tcp-evicted",
        `connection ${ev.connection} ${ev.direction} was dropped to stay within the connection limit`,
        ev.connection,
        ev.direction,
      );
    }
    this.out.push({
      type: "stream-end",
      kind: conn.kind,
      connection: ev.connection,
      direction: ev.direction,
      reason: ev.reason,
      packetIndex: ev.packetIndex,
    });
    if (++conn.ended === 2) this.conns.delete(ev.connection);
  }

  private frame(f: Framing, ev: Extract<TcpStreamEvent, { type: "data" }>, kind: DhcpKind): void {
    const decoder = f.decoder;
    if (decoder === undefined) return;
    let frames: Uint8Array[] = [];
    try {
      frames = decoder.push(ev.data);
    } catch (e) {
      this.frameError(e, ev.connection, ev.direction);
      f.decoder = undefined;
    }
    for (const payload of frames) {
      this.out.push({
        type: "message",
        kind,
        transport: "tcp",
        src: ev.src,
        dst: ev.dst,
        timestamp: ev.timestamp,
        packetIndex: ev.packetIndex,
        connection: ev.connection,
        direction: ev.direction,
        frameIndex: f.frames++,
        payload,
      });
    }
    // The good frames of a chunk come out before its bad one.
    if (f.decoder !== undefined && decoder.error !== undefined) {
      this.frameError(decoder.error, ev.connection, ev.direction);
      f.decoder = undefined;
    }
  }

  private frameError(e: unknown, connection: number, direction: TcpDirection): void {
    if (!isDecodeError(e)) throw e;
    this.diagnostic(
      "tcp-frame-error",
      `connection ${connection} ${direction}: ${e.message}; later messages of this direction are not extracted`,
      connection,
      direction,
      e,
    );
  }

  private diagnostic(
    code: CaptureDiagnosticCode,
    message: string,
    connection: number | null = null,
    direction: TcpDirection | null = null,
    error: DecodeError | null = null,
  ): void {
    this.out.push({ type: "diagnostic", code, message, packetIndex: this.packetIndex, connection, direction, error });
  }
}

function show(e: Endpoint): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
