/**
 * Hand-written capture builders for the CLI tests and for
 * scripts/make-demo-capture.ts: pcap and pcapng containers, Ethernet, Linux
 * cooked (SLL) and raw-IP link layers, IPv4 / IPv6 with UDP and TCP, with
 * real checksums so that tshark reads the packets without complaint.
 *
 * Written field by field from the format documents (draft-ietf-opsawg-pcap
 * §4-5, draft-ietf-opsawg-pcapng §4.1-4.3, RFC 791 §3.1, RFC 8200 §3,
 * RFC 768, RFC 9293 §3.1, tcpdump.org's LINKTYPE_LINUX_SLL page), not with
 * the library's capture reader.
 */

/** LINKTYPE_ values used here (tcpdump.org/linktypes.html). */
export const LINK = { ETHERNET: 1, RAW: 101, LINUX_SLL: 113 } as const;

/** Big-endian byte builder. */
class Out {
  readonly b: number[] = [];
  u8(v: number): this {
    this.b.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }
  bytes(x: ArrayLike<number>): this {
    for (let i = 0; i < x.length; i++) this.b.push(x[i] as number);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.b);
  }
}

/** Little-endian variant, for the pcap / pcapng headers a little-endian host writes. */
class OutLE extends Out {
  override u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }
  override u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
}

/** Concatenates byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Parses IPv4 dotted or IPv6 text into its bytes (IPv6 `::` allowed once). */
export function addr(text: string): number[] {
  if (!text.includes(":")) return text.split(".").map(Number);
  const [head = "", tail] = text.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  return [...h, ...new Array(8 - h.length - t.length).fill(0), ...t].flatMap((g) => [g >> 8, g & 0xff]);
}

/** The Internet checksum (RFC 1071) of the concatenated parts. */
function checksum(...parts: ArrayLike<number>[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const x = p[i] as number;
      if (odd === undefined) odd = x;
      else {
        sum += (odd << 8) | x;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** An endpoint: address text and port. */
export interface Peer {
  address: string;
  port: number;
}

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

function pseudoHeader(src: number[], dst: number[], protocol: number, length: number): number[] {
  if (src.length === 4) return [...src, ...dst, 0, protocol, length >> 8, length & 0xff];
  return [...src, ...dst, 0, 0, length >> 8, length & 0xff, 0, 0, 0, protocol];
}

/** An IP packet (version from the address form) around a transport segment whose checksum is at `csumAt`. */
function ipPacket(src: string, dst: string, protocol: number, segment: Uint8Array, csumAt: number): Uint8Array {
  const s = addr(src);
  const d = addr(dst);
  const c = checksum(pseudoHeader(s, d, protocol, segment.length), segment);
  // RFC 768: a computed UDP checksum of 0 is sent as all ones.
  const csum = protocol === IPPROTO_UDP && c === 0 ? 0xffff : c;
  segment[csumAt] = csum >> 8;
  segment[csumAt + 1] = csum & 0xff;
  if (s.length === 16) {
    return new Out()
      .u32(6 << 28)
      .u16(segment.length)
      .u8(protocol)
      .u8(64) // hop limit
      .bytes(s)
      .bytes(d)
      .bytes(segment)
      .done();
  }
  const header = new Out()
    .u8(0x45)
    .u8(0)
    .u16(20 + segment.length)
    .u16(0x1234) // identification
    .u16(0x4000) // don't fragment
    .u8(64)
    .u8(protocol)
    .u16(0)
    .bytes(s)
    .bytes(d)
    .done();
  const hc = checksum(header);
  header[10] = hc >> 8;
  header[11] = hc & 0xff;
  return cat(header, segment);
}

/** An IPv4 or IPv6 packet carrying one UDP datagram. */
export function udpPacket(src: Peer, dst: Peer, payload: Uint8Array): Uint8Array {
  const seg = new Out()
    .u16(src.port)
    .u16(dst.port)
    .u16(8 + payload.length)
    .u16(0)
    .bytes(payload)
    .done();
  return ipPacket(src.address, dst.address, IPPROTO_UDP, seg, 6);
}

/** TCP flag bits (RFC 9293 §3.1). */
export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

/** An IPv4 or IPv6 packet carrying one TCP segment (20-byte header, no options). */
export function tcpPacket(
  src: Peer,
  dst: Peer,
  seg: { seq: number; ack?: number; flags: number; payload?: Uint8Array },
): Uint8Array {
  const payload = seg.payload ?? new Uint8Array(0);
  const bytes = new Out()
    .u16(src.port)
    .u16(dst.port)
    .u32(seg.seq >>> 0)
    .u32((seg.ack ?? 0) >>> 0)
    .u8(5 << 4) // data offset: 5 words
    .u8(seg.flags)
    .u16(65535) // window
    .u16(0) // checksum, filled below
    .u16(0) // urgent pointer
    .bytes(payload)
    .done();
  return ipPacket(src.address, dst.address, IPPROTO_TCP, bytes, 16);
}

/** Ethernet II around an IP packet (EtherType from its version nibble). */
export function ethernet(ip: Uint8Array): Uint8Array {
  const etherType = (ip[0] as number) >> 4 === 6 ? 0x86dd : 0x0800;
  return new Out()
    .bytes([0x00, 0x00, 0x5e, 0x00, 0x53, 0x02]) // destination (RFC 7042 documentation range)
    .bytes([0x00, 0x00, 0x5e, 0x00, 0x53, 0x01]) // source
    .u16(etherType)
    .bytes(ip)
    .done();
}

/** A Linux cooked (SLL v1) header around an IP packet: 16 bytes, protocol last. */
export function linuxCooked(ip: Uint8Array): Uint8Array {
  const protocol = (ip[0] as number) >> 4 === 6 ? 0x86dd : 0x0800;
  return new Out()
    .u16(0) // packet type: sent to us
    .u16(1) // ARPHRD_ETHER
    .u16(6) // address length
    .bytes([0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0, 0])
    .u16(protocol)
    .bytes(ip)
    .done();
}

/** One captured packet for the file writers. */
export interface Frame {
  /** Seconds since 1970. */
  seconds: number;
  /** Microseconds within the second. */
  micros?: number;
  data: Uint8Array;
  /** pcapng interface index; ignored by pcap. */
  iface?: number;
}

/** A classic pcap file (microsecond timestamps), big-endian unless `le`. */
export function pcapFile(linkType: number, frames: readonly Frame[], le = false): Uint8Array {
  const o = le ? new OutLE() : new Out();
  o.u32(0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(linkType);
  for (const f of frames) {
    o.u32(f.seconds)
      .u32(f.micros ?? 0)
      .u32(f.data.length)
      .u32(f.data.length)
      .bytes(f.data);
  }
  return o.done();
}

function pcapngBlock(le: boolean, type: number, body: number[]): number[] {
  while (body.length % 4 !== 0) body.push(0);
  const len = 12 + body.length;
  const o = le ? new OutLE() : new Out();
  return o.u32(type).u32(len).bytes(body).u32(len).b;
}

/**
 * A pcapng file: one section, one Interface Description Block per link
 * type given (interface i has `linkTypes[i]`, default microsecond
 * resolution), then one Enhanced Packet Block per frame.
 */
export function pcapngFile(linkTypes: readonly number[], frames: readonly Frame[], le = true): Uint8Array {
  const mk = () => (le ? new OutLE() : new Out());
  const out: number[] = [];
  // Section Header Block: byte-order magic, version 1.0, section length unknown (-1).
  out.push(...pcapngBlock(le, 0x0a0d0d0a, mk().u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).b));
  for (const lt of linkTypes) out.push(...pcapngBlock(le, 1, mk().u16(lt).u16(0).u32(262144).b));
  for (const f of frames) {
    // 64-bit microsecond timestamp, high word first.
    const us = BigInt(f.seconds) * 1000000n + BigInt(f.micros ?? 0);
    const body = mk()
      .u32(f.iface ?? 0)
      .u32(Number(us >> 32n))
      .u32(Number(us & 0xffffffffn))
      .u32(f.data.length)
      .u32(f.data.length)
      .bytes(f.data).b;
    out.push(...pcapngBlock(le, 6, body));
  }
  return Uint8Array.from(out);
}

/** `message` with its 2-octet message-size in front (RFC 5460 §5.1). */
export function framed(message: Uint8Array): Uint8Array {
  return cat(Uint8Array.of(message.length >> 8, message.length & 0xff), message);
}

/** Options of {@link tcpConversation}. */
export interface Conversation {
  client: Peer;
  server: Peer;
  /** Bytes the client sends, as the segments it sends them in. */
  clientSegments: Uint8Array[];
  /** Bytes the server sends, as the segments it sends them in. */
  serverSegments: Uint8Array[];
  /** Indexes of server segments sent twice (the copy right after the original). */
  retransmit?: number[];
  /** Pairs [i, i+1] of server segments sent in swapped order. */
  swap?: number[];
  /** Initial sequence numbers. */
  clientIsn?: number;
  serverIsn?: number;
}

/**
 * A whole TCP connection as IP packets: handshake, the client's segments,
 * the server's segments (with the requested retransmissions and swaps),
 * and a FIN from each side.
 */
export function tcpConversation(c: Conversation): Uint8Array[] {
  const { client, server } = c;
  let cs = c.clientIsn ?? 1000;
  let ss = c.serverIsn ?? 5000;
  const out: Uint8Array[] = [];
  out.push(tcpPacket(client, server, { seq: cs, flags: TCP.SYN }));
  out.push(tcpPacket(server, client, { seq: ss, ack: cs + 1, flags: TCP.SYN | TCP.ACK }));
  cs++;
  ss++;
  out.push(tcpPacket(client, server, { seq: cs, ack: ss, flags: TCP.ACK }));
  for (const p of c.clientSegments) {
    out.push(tcpPacket(client, server, { seq: cs, ack: ss, flags: TCP.PSH | TCP.ACK, payload: p }));
    cs += p.length;
  }
  const segs = c.serverSegments.map((payload) => {
    const s = tcpPacket(server, client, { seq: ss, ack: cs, flags: TCP.PSH | TCP.ACK, payload });
    ss += payload.length;
    return s;
  });
  const order = segs.map((_, i) => i);
  for (const i of c.swap ?? []) [order[i], order[i + 1]] = [order[i + 1] as number, order[i] as number];
  for (const i of order) {
    out.push(segs[i] as Uint8Array);
    if (c.retransmit?.includes(i)) out.push(segs[i] as Uint8Array);
  }
  out.push(tcpPacket(server, client, { seq: ss, ack: cs, flags: TCP.FIN | TCP.ACK }));
  out.push(tcpPacket(client, server, { seq: cs, ack: ss + 1, flags: TCP.FIN | TCP.ACK }));
  out.push(tcpPacket(server, client, { seq: ss + 1, ack: cs + 1, flags: TCP.ACK }));
  return out;
}

/** Splits bytes into pieces of the given sizes (the last piece takes the rest). */
export function split(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  if (at < bytes.length) out.push(bytes.subarray(at));
  return out;
}
