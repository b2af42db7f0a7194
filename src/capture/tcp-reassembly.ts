/**
 * TCP stream reassembly for captures: segments in capture order in, each
 * direction's byte stream out in sequence order, with the losses a capture
 * cannot fill reported as gaps.
 * @module
 */
import type { CaptureTimestamp } from "./packet.js";
import { TCP_FLAGS } from "./tcp.js";

/** One end of a connection. */
export interface Endpoint {
  /** IPv4 dotted-decimal or IPv6 RFC 5952 text. */
  readonly address: string;
  readonly port: number;
}

/** Which way bytes flow: the client is the side that sent the first SYN. */
export type TcpDirection = "client-to-server" | "server-to-client";

/** A TCP segment as the reassembler needs it (see `decodeTcp` for the header fields). */
export interface TcpSegmentInput {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly seq: number;
  readonly ack: number;
  /** Control bits, see `TCP_FLAGS`. */
  readonly flags: number;
  readonly payload: Uint8Array;
  /** Index of the capture packet that carried the segment (copied into the events). */
  readonly packetIndex: number;
  readonly timestamp: CaptureTimestamp | null;
}

/** Why a direction's stream ended. */
export type TcpEndReason = "fin" | "reset" | "evicted" | "replaced" | "capture-end";

/** What the reassembler reports. `connection` numbers connections from 0 in order of first sight. */
export type TcpStreamEvent =
  | {
      readonly type: "open";
      readonly connection: number;
      readonly client: Endpoint;
      readonly server: Endpoint;
      /** False when the capture starts after the SYN: the client was then guessed from the ports. */
      readonly handshake: boolean;
      readonly packetIndex: number;
    }
  | {
      readonly type: "data";
      readonly connection: number;
      readonly direction: TcpDirection;
      readonly src: Endpoint;
      readonly dst: Endpoint;
      /** Position of `data[0]` in this direction's stream (bytes after the SYN, or after the first byte seen). */
      readonly offset: number;
      /**
       * In-order bytes: a view of the segment's payload, or a copy for a
       * segment that had to wait for an earlier one.
       */
      readonly data: Uint8Array;
      /** The packet whose arrival made these bytes deliverable. */
      readonly packetIndex: number;
      readonly timestamp: CaptureTimestamp | null;
    }
  | {
      readonly type: "gap";
      readonly connection: number;
      readonly direction: TcpDirection;
      /** Stream position where bytes are missing. */
      readonly offset: number;
      /** How many bytes are missing (never captured, or dropped to stay within the limits). */
      readonly length: number;
      readonly packetIndex: number;
    }
  | {
      readonly type: "end";
      readonly connection: number;
      readonly direction: TcpDirection;
      readonly reason: TcpEndReason;
      readonly packetIndex: number;
    };

/** Bounds on what the reassembler holds. */
export interface TcpReassemblyOptions {
  /** Connections tracked at once; the least recently active is evicted beyond it. Default 1024. */
  maxConnections?: number;
  /** Out-of-order bytes held per direction. Default 256 KiB. */
  maxBufferedBytesPerDirection?: number;
  /** Out-of-order segments held per direction. Default 1024. */
  maxBufferedSegmentsPerDirection?: number;
  /** Out-of-order bytes held over all connections. Default 16 MiB. */
  maxBufferedBytes?: number;
  /**
   * Ports that identify the server when the capture starts after a
   * connection's SYN. Without a match the lower port is taken as the server's.
   */
  serverPorts?: Iterable<number>;
}

/** The reassembler's defaults (see {@link TcpReassemblyOptions}). */
export const TCP_REASSEMBLY_DEFAULTS = {
  maxConnections: 1024,
  maxBufferedBytesPerDirection: 256 * 1024,
  maxBufferedSegmentsPerDirection: 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
} as const;

interface Pending {
  readonly seq: number;
  readonly data: Uint8Array;
}

interface Half {
  readonly direction: TcpDirection;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  synced: boolean;
  /** Initial sequence number, when the SYN was seen. */
  isn: number | undefined;
  /** Next sequence number expected (unsigned 32-bit). */
  next: number;
  /** Stream offset of `next`. */
  offset: number;
  /** Sequence number of the FIN, once seen. */
  fin: number | undefined;
  ended: boolean;
  /**
   * Out-of-order segments, sorted by sequence relative to `next`, none
   * starting at or before it, none overlapping another (a later copy of a
   * held byte is dropped).
   */
  pending: Pending[];
  pendingBytes: number;
}

interface Connection {
  readonly id: number;
  readonly handshake: boolean;
  readonly c2s: Half;
  readonly s2c: Half;
}

/** Signed distance from b to a in sequence space (RFC 9293 §3.4 arithmetic modulo 2^32). */
function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * Reassembles the TCP connections of a capture, one segment at a time, in
 * capture order, without I/O or clocks.
 *
 * - Each direction is delivered in sequence order from the SYN (or from the
 *   first segment seen, if the capture starts mid-connection). Sequence
 *   numbers wrap modulo 2^32.
 * - Retransmissions and overlaps: bytes already delivered are not delivered
 *   again; where two copies of a byte differ, the first one captured wins.
 * - Out-of-order segments are copied and held until the hole before them
 *   fills. When holding one more would pass a limit, or at a RST, an
 *   eviction or the end of the capture, the hole is declared lost: a `gap`
 *   event says where and how long, and delivery resumes after it. A FIN
 *   ends its direction only once every byte before it has arrived.
 * - Bounded memory: at most `maxConnections` connections (the least
 *   recently active is evicted, ending its streams), and out-of-order bytes
 *   within the per-direction and total limits. A closed connection is
 *   remembered (without buffers) so that late retransmissions are ignored;
 *   a new SYN on its addresses starts a new connection.
 *
 * @example
 * ```ts
 * import { TcpReassembler, TCP_FLAGS } from "dhcp-leasequery/capture";
 * const client = { address: "192.0.2.1", port: 50000 };
 * const server = { address: "192.0.2.2", port: 547 };
 * const seg = (seq: number, flags: number, text: string, packetIndex: number) =>
 *   ({ src: client, dst: server, seq, ack: 0, flags, payload: new TextEncoder().encode(text), packetIndex, timestamp: null });
 * const r = new TcpReassembler();
 * r.segment(seg(999, TCP_FLAGS.SYN, "", 0));
 * console.log(r.segment(seg(1003, TCP_FLAGS.ACK, "def", 1))); // []
 * const text = r.segment(seg(1000, TCP_FLAGS.ACK, "abc", 2)).map((e) => (e.type === "data" ? new TextDecoder().decode(e.data) : ""));
 * console.log(text.join("")); // "abcdef"
 * ```
 */
export class TcpReassembler {
  private readonly conns = new Map<string, Connection>();
  private readonly limits: Required<Omit<TcpReassemblyOptions, "serverPorts">>;
  private readonly serverPorts: ReadonlySet<number>;
  private nextId = 0;
  private buffered = 0;
  private out: TcpStreamEvent[] = [];
  private packetIndex = 0;

  /**
   * @param options - see {@link TcpReassemblyOptions}
   * @throws RangeError if a limit is not a positive integer
   */
  constructor(options: TcpReassemblyOptions = {}) {
    const limits = {
      maxConnections: options.maxConnections ?? TCP_REASSEMBLY_DEFAULTS.maxConnections,
      maxBufferedBytesPerDirection:
        options.maxBufferedBytesPerDirection ?? TCP_REASSEMBLY_DEFAULTS.maxBufferedBytesPerDirection,
      maxBufferedSegmentsPerDirection:
        options.maxBufferedSegmentsPerDirection ?? TCP_REASSEMBLY_DEFAULTS.maxBufferedSegmentsPerDirection,
      maxBufferedBytes: options.maxBufferedBytes ?? TCP_REASSEMBLY_DEFAULTS.maxBufferedBytes,
    };
    for (const [name, v] of Object.entries(limits)) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
    }
    this.limits = limits;
    this.serverPorts = new Set(options.serverPorts ?? []);
  }

  /** Out-of-order bytes held over all connections. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Connections tracked (open, or closed and remembered). */
  get connectionCount(): number {
    return this.conns.size;
  }

  /**
   * Feeds one segment, in capture order; returns what it makes known.
   *
   * @throws never
   */
  segment(s: TcpSegmentInput): TcpStreamEvent[] {
    this.out = [];
    this.packetIndex = s.packetIndex;
    const syn = (s.flags & TCP_FLAGS.SYN) !== 0;
    const ack = (s.flags & TCP_FLAGS.ACK) !== 0;
    const key = connectionKey(s.src, s.dst);
    let conn = this.conns.get(key);
    if (conn !== undefined && syn && !ack) {
      // A client SYN with a new initial sequence number: the ports were reused for a new connection.
      if (conn.c2s.isn !== s.seq || !sameEndpoint(conn.c2s.src, s.src)) {
        if (!closed(conn)) this.close(conn, "replaced", s.timestamp);
        this.conns.delete(key);
        conn = undefined;
      }
    }
    if (conn === undefined) {
      if (!syn && s.payload.length === 0 && (s.flags & TCP_FLAGS.FIN) === 0) return this.out; // a bare ACK or RST
      conn = this.open(key, s, syn && !ack ? "syn" : syn ? "syn-ack" : "guess");
    } else {
      // Most recently active last, so eviction takes the first.
      this.conns.delete(key);
      this.conns.set(key, conn);
    }
    if (closed(conn)) return this.out;
    const half = sameEndpoint(conn.c2s.src, s.src) ? conn.c2s : conn.s2c;
    if ((s.flags & TCP_FLAGS.RST) !== 0) {
      this.close(conn, "reset", s.timestamp);
      return this.out;
    }
    let seq = s.seq;
    if (syn) {
      if (!half.synced) {
        half.synced = true;
        half.isn = s.seq;
        half.next = (s.seq + 1) >>> 0;
      }
      // The SYN occupies one sequence number; data carried with it (TCP Fast Open) follows.
      seq = (s.seq + 1) >>> 0;
    } else if (!half.synced) {
      half.synced = true;
      half.next = s.seq;
    }
    if (half.ended) return this.out;
    if (s.payload.length > 0) this.deliver(conn, half, seq, s.payload, s.timestamp);
    if ((s.flags & TCP_FLAGS.FIN) !== 0) {
      // The first FIN captured wins, as for data: a later one elsewhere does not move the end.
      half.fin ??= (seq + s.payload.length) >>> 0;
      this.checkFin(conn, half);
    }
    return this.out;
  }

  /**
   * Ends the capture: every direction still open delivers what it holds
   * (after gaps where bytes are missing) and ends with reason
   * `capture-end`. The reassembler is then empty and can be reused.
   *
   * @throws never
   */
  finish(): TcpStreamEvent[] {
    this.out = [];
    for (const conn of this.conns.values()) {
      if (!closed(conn)) this.close(conn, "capture-end", null);
    }
    this.conns.clear();
    return this.out;
  }

  private open(key: string, s: TcpSegmentInput, how: "syn" | "syn-ack" | "guess"): Connection {
    if (this.conns.size >= this.limits.maxConnections) {
      const [oldKey, old] = this.conns.entries().next().value as [string, Connection];
      if (!closed(old)) this.close(old, "evicted", null);
      this.conns.delete(oldKey);
    }
    let srcIsClient: boolean;
    if (how === "syn") srcIsClient = true;
    else if (how === "syn-ack") srcIsClient = false;
    else if (this.serverPorts.has(s.dst.port) !== this.serverPorts.has(s.src.port)) {
      srcIsClient = this.serverPorts.has(s.dst.port);
    } else {
      srcIsClient = s.src.port > s.dst.port;
    }
    const client = srcIsClient ? s.src : s.dst;
    const server = srcIsClient ? s.dst : s.src;
    const conn: Connection = {
      id: this.nextId++,
      handshake: how !== "guess",
      c2s: newHalf("client-to-server", client, server),
      s2c: newHalf("server-to-client", server, client),
    };
    this.conns.set(key, conn);
    this.out.push({
      type: "open",
      connection: conn.id,
      client,
      server,
      handshake: conn.handshake,
      packetIndex: this.packetIndex,
    });
    return conn;
  }

  private deliver(conn: Connection, h: Half, seq: number, data: Uint8Array, ts: CaptureTimestamp | null): void {
    if (h.fin !== undefined) {
      // Nothing follows a FIN.
      const room = seqDiff(h.fin, seq);
      if (room <= 0) return;
      if (room < data.length) data = data.subarray(0, room);
    }
    const rel = seqDiff(seq, h.next);
    if (rel <= 0) {
      if (-rel >= data.length) return; // all already delivered: a retransmission
      data = data.subarray(-rel);
      seq = h.next;
    }
    // The first captured copy of a byte wins: held bytes came first, so
    // only the parts of this segment outside them are new.
    for (const [start, end] of uncovered(h, seqDiff(seq, h.next), data.length)) {
      this.deliverNew(conn, h, (seq + start) >>> 0, data.subarray(start, end), ts);
    }
  }

  /** Delivers or holds bytes no held segment covers. */
  private deliverNew(conn: Connection, h: Half, seq: number, data: Uint8Array, ts: CaptureTimestamp | null): void {
    let rel = seqDiff(seq, h.next);
    if (rel <= 0) {
      // Bytes skipped over as lost by an earlier part of the same segment are not delivered late.
      if (-rel < data.length) this.emit(conn, h, data.subarray(-rel), ts);
      this.drain(conn, h, ts);
      return;
    }
    const l = this.limits;
    const over = () =>
      h.pendingBytes + data.length > l.maxBufferedBytesPerDirection ||
      h.pending.length >= l.maxBufferedSegmentsPerDirection ||
      this.buffered + data.length > l.maxBufferedBytes;
    while (over()) {
      // Holding this segment would pass a limit: give up on the first hole.
      const first = h.pending[0];
      if (first === undefined || seqDiff(seq, first.seq) < 0) {
        // This segment is the earliest held data, so the hole ends where it starts.
        this.skipTo(conn, h, seq);
        this.emit(conn, h, data, ts);
        this.drain(conn, h, ts);
        return;
      }
      this.skipTo(conn, h, first.seq);
      this.drain(conn, h, ts);
      rel = seqDiff(seq, h.next);
      if (rel <= 0) {
        if (-rel < data.length) this.emit(conn, h, data.subarray(-rel), ts);
        this.drain(conn, h, ts);
        return;
      }
    }
    this.hold(h, seq, rel, data);
  }

  /** Inserts an out-of-order segment (a copy: the capture's memory may be reused). */
  private hold(h: Half, seq: number, rel: number, data: Uint8Array): void {
    const p = h.pending;
    let i = p.length;
    while (i > 0 && seqDiff((p[i - 1] as Pending).seq, h.next) > rel) i--;
    p.splice(i, 0, { seq, data: data.slice() });
    h.pendingBytes += data.length;
    this.buffered += data.length;
  }

  /** Delivers held segments that the stream has reached. */
  private drain(conn: Connection, h: Half, ts: CaptureTimestamp | null): void {
    for (let first = h.pending[0]; first !== undefined; first = h.pending[0]) {
      const rel = seqDiff(first.seq, h.next);
      if (rel > 0) break;
      h.pending.shift();
      h.pendingBytes -= first.data.length;
      this.buffered -= first.data.length;
      if (-rel < first.data.length) this.emit(conn, h, first.data.subarray(-rel), ts);
    }
    this.checkFin(conn, h);
  }

  /** Declares the bytes up to `seq` lost. */
  private skipTo(conn: Connection, h: Half, seq: number): void {
    const length = seqDiff(seq, h.next);
    this.out.push({
      type: "gap",
      connection: conn.id,
      direction: h.direction,
      offset: h.offset,
      length,
      packetIndex: this.packetIndex,
    });
    h.offset += length;
    h.next = seq;
  }

  private emit(conn: Connection, h: Half, data: Uint8Array, ts: CaptureTimestamp | null): void {
    this.out.push({
      type: "data",
      connection: conn.id,
      direction: h.direction,
      src: h.src,
      dst: h.dst,
      offset: h.offset,
      data,
      packetIndex: this.packetIndex,
      timestamp: ts,
    });
    h.offset += data.length;
    h.next = (h.next + data.length) >>> 0;
  }

  /** Ends the direction once every byte before its FIN has been delivered. */
  private checkFin(conn: Connection, h: Half): void {
    if (h.fin === undefined || h.ended || seqDiff(h.fin, h.next) > 0) return;
    this.end(conn, h, "fin");
  }

  private end(conn: Connection, h: Half, reason: TcpEndReason): void {
    h.ended = true;
    this.buffered -= h.pendingBytes;
    h.pending = [];
    h.pendingBytes = 0;
    this.out.push({ type: "end", connection: conn.id, direction: h.direction, reason, packetIndex: this.packetIndex });
  }

  /** Ends both directions, first delivering what they hold after declaring the holes lost. */
  private close(conn: Connection, reason: TcpEndReason, ts: CaptureTimestamp | null): void {
    for (const h of [conn.c2s, conn.s2c]) {
      while (h.pending.length > 0 && !h.ended) {
        this.skipTo(conn, h, (h.pending[0] as Pending).seq);
        this.drain(conn, h, ts);
      }
      if (!h.ended) this.end(conn, h, reason);
    }
  }
}

function newHalf(direction: TcpDirection, src: Endpoint, dst: Endpoint): Half {
  return {
    direction,
    src,
    dst,
    synced: false,
    isn: undefined,
    next: 0,
    offset: 0,
    fin: undefined,
    ended: false,
    pending: [],
    pendingBytes: 0,
  };
}

/**
 * The parts of `[rel, rel + length)` (relative to the next expected byte)
 * that no held segment covers, as `[start, end)` offsets into that range.
 * Held segments never overlap one another, so one pass in order finds them.
 */
function uncovered(h: Half, rel: number, length: number): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const p of h.pending) {
    const pStart = seqDiff(p.seq, h.next) - rel;
    const pEnd = pStart + p.data.length;
    if (pEnd <= at) continue;
    if (pStart >= length) break;
    if (pStart > at) out.push([at, pStart]);
    at = Math.max(at, pEnd);
    if (at >= length) return out;
  }
  if (at < length) out.push([at, length]);
  return out;
}

function closed(conn: Connection): boolean {
  return conn.c2s.ended && conn.s2c.ended;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.port === b.port && a.address === b.address;
}

function connectionKey(a: Endpoint, b: Endpoint): string {
  const x = `${a.address} ${a.port}`;
  const y = `${b.address} ${b.port}`;
  return x < y ? `${x} ${y}` : `${y} ${x}`;
}
