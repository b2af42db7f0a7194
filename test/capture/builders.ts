/**
 * Hand-built captures for the tests, written field by field from the
 * format specifications (draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng,
 * RFC 791, RFC 8200, RFC 768, RFC 9293) rather than with the code under test.
 */

/** An append-only byte writer with a selectable byte order. */
export class Bytes {
  private readonly parts: number[] = [];
  constructor(private readonly le = false) {}
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.le ? this.u8(v).u8(v >>> 8) : this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.le ? this.u16(v & 0xffff).u16(v >>> 16) : this.u16(v >>> 16).u16(v & 0xffff);
  }
  /** A 64-bit value given as high and low 32-bit halves. */
  u64(hi: number, lo: number): this {
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  bytes(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i] as number);
    return this;
  }
  /** Zero bytes up to a multiple of 4. */
  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---- pcap ----

export interface PcapRecord {
  seconds?: number;
  fraction?: number;
  data: Uint8Array;
  originalLength?: number;
}

export function pcapHeader(o: { le?: boolean; nano?: boolean; linkType?: number; snaplen?: number; major?: number }) {
  const w = new Bytes(o.le ?? false);
  return w
    .u32(o.nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(o.major ?? 2)
    .u16(4)
    .u32(0) // thiszone
    .u32(0) // sigfigs
    .u32(o.snaplen ?? 65535)
    .u32(o.linkType ?? 1)
    .build();
}

export function pcapRecord(r: PcapRecord, le = false): Uint8Array {
  return new Bytes(le)
    .u32(r.seconds ?? 0)
    .u32(r.fraction ?? 0)
    .u32(r.data.length)
    .u32(r.originalLength ?? r.data.length)
    .bytes(r.data)
    .build();
}

export function pcapFile(
  o: { le?: boolean; nano?: boolean; linkType?: number; snaplen?: number },
  records: PcapRecord[],
): Uint8Array {
  return concat(pcapHeader(o), ...records.map((r) => pcapRecord(r, o.le ?? false)));
}

// ---- pcapng ----

export interface NgOption {
  code: number;
  value: Uint8Array;
}

function options(w: Bytes, opts: NgOption[] | undefined, end = true): void {
  if (!opts) return;
  for (const o of opts) w.u16(o.code).u16(o.value.length).bytes(o.value).pad4();
  if (end) w.u16(0).u16(0);
}

/** A block: type, total length, body, total length. */
export function ngBlock(type: number, body: (w: Bytes) => void, le = false): Uint8Array {
  const inner = new Bytes(le);
  body(inner);
  inner.pad4();
  const len = 12 + inner.length;
  return new Bytes(le).u32(type).u32(len).bytes(inner.build()).u32(len).build();
}

export function shb(le = false, o: { major?: number; options?: NgOption[] } = {}): Uint8Array {
  return ngBlock(
    0x0a0d0d0a,
    (w) => {
      w.u32(0x1a2b3c4d)
        .u16(o.major ?? 1)
        .u16(0)
        .u64(0xffffffff, 0xffffffff); // section length unknown
      options(w, o.options);
    },
    le,
  );
}

export function idb(le: boolean, linkType: number, o: { snaplen?: number; options?: NgOption[] } = {}): Uint8Array {
  return ngBlock(
    1,
    (w) => {
      w.u16(linkType)
        .u16(0)
        .u32(o.snaplen ?? 0);
      options(w, o.options);
    },
    le,
  );
}

export function tsresol(v: number): NgOption {
  return { code: 9, value: Uint8Array.of(v) };
}

export function tsoffset(le: boolean, hi: number, lo: number): NgOption {
  return { code: 14, value: new Bytes(le).u64(hi, lo).build() };
}

export function epb(
  le: boolean,
  o: { ifid?: number; hi?: number; lo?: number; data: Uint8Array; originalLength?: number; options?: NgOption[] },
): Uint8Array {
  return ngBlock(
    6,
    (w) => {
      w.u32(o.ifid ?? 0)
        .u32(o.hi ?? 0)
        .u32(o.lo ?? 0)
        .u32(o.data.length)
        .u32(o.originalLength ?? o.data.length)
        .bytes(o.data)
        .pad4();
      options(w, o.options);
    },
    le,
  );
}

export function opb(le: boolean, o: { ifid?: number; hi?: number; lo?: number; data: Uint8Array }): Uint8Array {
  return ngBlock(
    2,
    (w) => {
      w.u16(o.ifid ?? 0)
        .u16(0) // drops count
        .u32(o.hi ?? 0)
        .u32(o.lo ?? 0)
        .u32(o.data.length)
        .u32(o.data.length)
        .bytes(o.data)
        .pad4();
    },
    le,
  );
}

export function spb(le: boolean, data: Uint8Array, originalLength = data.length): Uint8Array {
  return ngBlock(
    3,
    (w) => {
      w.u32(originalLength).bytes(data).pad4();
    },
    le,
  );
}

// ---- link layers ----

const MAC_A = [0x02, 0, 0, 0, 0, 0x0a];
const MAC_B = [0x02, 0, 0, 0, 0, 0x0b];

export function ethernet(etherType: number, payload: Uint8Array, vlans: number[] = [], tpid = 0x8100): Uint8Array {
  const w = new Bytes().bytes(MAC_B).bytes(MAC_A);
  for (const v of vlans) w.u16(tpid).u16(v);
  return w.u16(etherType).bytes(payload).build();
}

export function sll(protocol: number, payload: Uint8Array): Uint8Array {
  return new Bytes()
    .u16(0) // packet type: to us
    .u16(1) // ARPHRD_ETHER
    .u16(6)
    .bytes([...MAC_A, 0, 0])
    .u16(protocol)
    .bytes(payload)
    .build();
}

export function sll2(protocol: number, payload: Uint8Array): Uint8Array {
  return new Bytes()
    .u16(protocol)
    .u16(0) // reserved
    .u32(2) // interface index
    .u16(1) // ARPHRD_ETHER
    .u8(4) // outgoing
    .u8(6)
    .bytes([...MAC_A, 0, 0])
    .bytes(payload)
    .build();
}

export function loopback(family: number, payload: Uint8Array, le: boolean): Uint8Array {
  return new Bytes(le).u32(family).bytes(payload).build();
}

// ---- IP ----

export function ip4(text: string): number[] {
  return text.split(".").map(Number);
}

export function ip6(text: string): number[] {
  const [head = "", tail] = text.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

export interface Ipv4Spec {
  src?: string;
  dst?: string;
  protocol: number;
  payload: Uint8Array;
  id?: number;
  moreFragments?: boolean;
  /** In bytes (a multiple of 8). */
  fragmentOffset?: number;
  /** Option bytes (a multiple of 4). */
  options?: number[];
  totalLength?: number;
}

export function ipv4(s: Ipv4Spec): Uint8Array {
  const opt = s.options ?? [];
  const hl = 20 + opt.length;
  return new Bytes()
    .u8(0x40 | (hl / 4))
    .u8(0)
    .u16(s.totalLength ?? hl + s.payload.length)
    .u16(s.id ?? 0)
    .u16((s.moreFragments ? 0x2000 : 0) | ((s.fragmentOffset ?? 0) / 8))
    .u8(64)
    .u8(s.protocol)
    .u16(0) // checksum, not verified
    .bytes(ip4(s.src ?? "192.0.2.1"))
    .bytes(ip4(s.dst ?? "192.0.2.2"))
    .bytes(opt)
    .bytes(s.payload)
    .build();
}

/** An extension header with the generic layout: next header, length in 8-octet units beyond 8. */
export interface ExtHeader {
  type: number;
  /** The header's bytes after its next-header byte (for AH and fragment too). */
  body: number[];
}

export function hopByHop(type = 0): ExtHeader {
  return { type, body: [0, 1, 4, 0, 0, 0, 0] }; // Hdr Ext Len 0, PadN of 4 bytes
}

export function routing(): ExtHeader {
  // Type 0-style layout with one address: Hdr Ext Len 2 (24 bytes).
  return { type: 43, body: [2, 0, 0, 0, 0, 0, 0, ...ip6("2001:db8::99")] };
}

export function authHeader(): ExtHeader {
  // AH: Payload Len 4 means (4 + 2) * 4 = 24 bytes.
  return { type: 51, body: [4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, ...new Array(12).fill(0)] };
}

export function fragmentHeader(offset: number, more: boolean, id: number): ExtHeader {
  const fo = offset | (more ? 1 : 0);
  return { type: 44, body: [0, fo >> 8, fo & 0xff, id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff] };
}

export interface Ipv6Spec {
  src?: string;
  dst?: string;
  /** Upper-layer protocol after the extension headers. */
  protocol: number;
  payload: Uint8Array;
  ext?: ExtHeader[];
  payloadLength?: number;
}

export function ipv6(s: Ipv6Spec): Uint8Array {
  const ext = s.ext ?? [];
  const chain = new Bytes();
  ext.forEach((h, i) => {
    chain.u8(ext[i + 1]?.type ?? s.protocol).bytes(h.body);
  });
  const rest = concat(chain.build(), s.payload);
  return new Bytes()
    .u32(0x60000000)
    .u16(s.payloadLength ?? rest.length)
    .u8(ext[0]?.type ?? s.protocol)
    .u8(64)
    .bytes(ip6(s.src ?? "2001:db8::1"))
    .bytes(ip6(s.dst ?? "2001:db8::2"))
    .bytes(rest)
    .build();
}

// ---- transport ----

export function udp(srcPort: number, dstPort: number, payload: Uint8Array, length = 8 + payload.length): Uint8Array {
  return new Bytes().u16(srcPort).u16(dstPort).u16(length).u16(0).bytes(payload).build();
}

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

export interface TcpSpec {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack?: number;
  flags: number;
  payload?: Uint8Array | undefined;
  /** Option bytes (a multiple of 4). */
  options?: number[];
}

export function tcp(s: TcpSpec): Uint8Array {
  const opt = s.options ?? [];
  return new Bytes()
    .u16(s.srcPort)
    .u16(s.dstPort)
    .u32(s.seq >>> 0)
    .u32((s.ack ?? 0) >>> 0)
    .u8(((20 + opt.length) / 4) << 4)
    .u8(s.flags)
    .u16(65535)
    .u16(0)
    .u16(0)
    .bytes(opt)
    .bytes(s.payload ?? new Uint8Array(0))
    .build();
}

/** Frames a message with its 2-octet length (RFC 5460 §5.1), written here independently of the framer. */
export function framed(message: Uint8Array): Uint8Array {
  return concat(new Bytes().u16(message.length).build(), message);
}

/** A DHCPv6-looking message: type, 3-byte transaction id, then filler. */
export function dhcpv6Message(type: number, xid: number, extra = 0): Uint8Array {
  return new Bytes()
    .u8(type)
    .u8(xid >>> 16)
    .u16(xid & 0xffff)
    .bytes(new Array(extra).fill(0x5a))
    .build();
}
