import { describe, expect, it } from "vitest";
import { FragmentReassembler } from "../../src/capture/fragments.js";
import {
  type DhcpTrafficOptions,
  decodeIPv4,
  decodeIPv6,
  decodeLinkLayer,
  decodeUdp,
  type Endpoint,
  LINKTYPE,
  readCapture,
  type TcpReassemblyOptions,
} from "../../src/capture/index.js";
import { decodeErrorOf } from "../helpers/errors.js";
import {
  ACK,
  Bytes,
  concat,
  epb,
  ethernet,
  FIN,
  fragmentHeader,
  idb,
  ipv4,
  ipv6,
  ngBlock,
  SYN,
  shb,
  spb,
  tcp,
  udp,
} from "./builders.js";
import { run } from "./run-extractor.js";
import { Wire } from "./tcp-wire.js";

// Mutants left over from the first capture pass (mutation/capture.md, "Left").
// Every expected value is worked out by hand from the formats: RFC 791 §3.1
// (20-byte IPv4 header), RFC 8200 §3 (40-byte IPv6 header), RFC 768 (8-byte
// UDP header), draft-ietf-opsawg-pcapng §4.2 (IDB: 8-byte block header,
// link type, reserved, snap length, options, 4-byte trailing length), §4.4
// (SPB: 12-byte header + original length, data, trailing length = 16 bytes
// without data), §3.5 (options: code, length, value padded to 32 bits), and
// RFC 9293 §3.4 sequence arithmetic for TCP.

describe("short headers name what they need", () => {
  it("link layers", () => {
    // SLL header 16 bytes, SLL2 20, raw IP at least the version byte, loopback 4.
    expect(decodeErrorOf(() => decodeLinkLayer(LINKTYPE.LINUX_SLL, new Uint8Array(15))).reason).toBe(
      "a Linux cooked (SLL) header needs 16 byte(s), 15 left",
    );
    expect(decodeErrorOf(() => decodeLinkLayer(LINKTYPE.LINUX_SLL2, new Uint8Array(19))).reason).toBe(
      "a Linux cooked (SLL2) header needs 20 byte(s), 19 left",
    );
    expect(decodeErrorOf(() => decodeLinkLayer(LINKTYPE.RAW, new Uint8Array(0))).reason).toBe(
      "a raw IP packet needs 1 byte(s), 0 left",
    );
    expect(decodeErrorOf(() => decodeLinkLayer(LINKTYPE.NULL, new Uint8Array(3))).reason).toBe(
      "a loopback header needs 4 byte(s), 3 left",
    );
  });

  it("IP headers", () => {
    expect(decodeErrorOf(() => decodeIPv4(new Uint8Array(19))).reason).toBe("an IPv4 header needs 20 byte(s), 19 left");
    expect(decodeErrorOf(() => decodeIPv6(new Uint8Array(39))).reason).toBe("an IPv6 header needs 40 byte(s), 39 left");
  });

  it("a UDP length overrun counts the payload from the datagram's offset", () => {
    // Two bytes before the datagram; the UDP header claims 20 bytes but only
    // 8 + 2 follow offset 2, so the IP payload is 12 - 2 = 10 bytes.
    const data = concat(Uint8Array.of(0xee, 0xee), udp(68, 67, Uint8Array.of(1, 2), 20));
    expect(decodeErrorOf(() => decodeUdp(data, 2)).reason).toBe("UDP length 20 overruns the IP payload of 10 byte(s)");
  });
});

describe("boundaries", () => {
  it("an IPv4 packet of just its 20-byte header has an empty payload", () => {
    // Total length 20 equals the header length (RFC 791: total length includes the header).
    const ip = decodeIPv4(ipv4({ protocol: 17, payload: new Uint8Array(0) }));
    expect(ip.payload.length).toBe(0);
    expect(ip.protocol).toBe(17);
  });

  it("a 16-byte Simple Packet Block holds an empty packet", () => {
    const le = true;
    const block = spb(le, new Uint8Array(0), 0);
    expect(block.length).toBe(16);
    const [p] = readCapture(concat(shb(le), idb(le, 1), block));
    expect(p?.data).toEqual(new Uint8Array(0));
    expect(p?.originalLength).toBe(0);
  });

  it("a Simple Packet Block's data stop at its body, not at the original length", () => {
    // 4 data bytes, original length 100: captured = min(100, 20 - 16) = 4.
    const le = false;
    const data = Uint8Array.of(1, 2, 3, 4);
    const [p] = readCapture(concat(shb(le), idb(le, 1, { snaplen: 0 }), spb(le, data, 100)));
    expect(p?.data).toEqual(data);
    expect(p?.originalLength).toBe(100);
  });

  it("an option that overruns the block by four bytes is refused", () => {
    // IDB of 28 bytes: options start at 16, end at 24 (before the trailing
    // length); an option header at 16 with length 8 needs 16 + 4 + 8 = 28 > 24.
    const le = false;
    const block = ngBlock(1, (w) => w.u16(1).u16(0).u32(0).u16(2).u16(8).u32(0), le);
    expect(block.length).toBe(28);
    expect(decodeErrorOf(() => readCapture(concat(shb(le), block))).reason).toBe(
      "option 2 length 8 overruns the block",
    );
  });

  it("the trailing block length is not read as an option", () => {
    // Five if_name options (code 2) of 65532 bytes each (already 32-bit
    // aligned) fill the options exactly: 5 * (4 + 65532) = 327680 bytes, a
    // block of 8 + 8 + 327680 + 4 = 327700 = 0x00050014 bytes. Little-endian,
    // the trailing length reads as code 0x0014, length 5 if taken for an option.
    const le = true;
    const name = new Uint8Array(65532).fill(0x61);
    const block = ngBlock(
      1,
      (w) => {
        w.u16(1).u16(0).u32(0);
        for (let i = 0; i < 5; i++) w.u16(2).u16(65532).bytes(name);
      },
      le,
    );
    expect(block.length).toBe(327700);
    const data = Uint8Array.of(9, 9);
    const ps = readCapture(concat(shb(le), block, epb(le, { data })));
    expect(ps.map((p) => p.data)).toEqual([data]);
  });
});

describe("FragmentReassembler and a known datagram length", () => {
  const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
  const collect = () => {
    const reasons: string[] = [];
    return { reasons, report: (r: string) => reasons.push(r) };
  };

  it("drops the datagram when a second last fragment ends elsewhere", () => {
    const { reasons, report } = collect();
    const f = new FragmentReassembler(4);
    f.add("k", 8, false, bytes(8, 2), report); // last fragment: datagram of 16 bytes
    expect(f.add("k", 16, false, bytes(8, 3), report)).toBeUndefined(); // another "last" ending at 24
    expect(reasons).toEqual(["the last fragment disagrees with the others about the datagram's length"]);
    // The datagram was forgotten: the first fragment alone completes nothing.
    expect(f.add("k", 0, true, bytes(8, 1), report)).toBeUndefined();
  });

  it("takes a repeated last fragment as a duplicate", () => {
    const { reasons, report } = collect();
    const f = new FragmentReassembler(4);
    f.add("k", 8, false, bytes(8, 2), report);
    expect(f.add("k", 8, false, bytes(8, 2), report)).toBeUndefined();
    const whole = f.add("k", 0, true, bytes(8, 1), report);
    expect(reasons).toEqual([]);
    expect(whole).toEqual(concat(bytes(8, 1), bytes(8, 2)));
  });
});

const C: Endpoint = { address: "2001:db8::c", port: 40000 };
const S: Endpoint = { address: "2001:db8::5", port: 60000 };

// Without a SYN the port rule decides the client; 60000 is named the
// server's port so that C is the client in those connections.
const wire = (options: TcpReassemblyOptions = {}) => new Wire({ serverPorts: [60000], ...options }, C, S);

describe("TcpReassembler leftovers", () => {
  it("takes the sender of a SYN-ACK seen first as the server, whatever the ports", () => {
    // The server's port (60000) is the higher one, so the port rule alone
    // would pick the other end; a SYN+ACK comes from the server (RFC 9293 §3.5).
    const w = wire({ serverPorts: [] });
    const [open] = w.s(7000, SYN | ACK);
    expect(open).toMatchObject({ type: "open", client: C, server: S, handshake: true });
  });

  it("synchronises a direction seen without its SYN only once", () => {
    // 1000 "aaaa" is delivered (next 1004); 1008 "cccc" leaves a hole and is
    // held; 1004 "bbbb" fills it.
    const w = wire();
    w.c(1000, ACK, "aaaa");
    w.c(1008, ACK, "cccc");
    w.c(1004, ACK, "bbbb");
    expect(w.stream("client-to-server")).toBe("aaaabbbbcccc");
  });

  it("holds nothing for a direction that has ended", () => {
    // c2s ends at its FIN (seq 100, no data). A later FIN at 105 and data at
    // 102-104 belong to an ended direction and must not be held, so with a
    // total limit of 3 bytes the server's out-of-order byte at 502 is held
    // (0 + 1 <= 3) instead of forcing a gap.
    const w = wire({ maxBufferedBytes: 3 });
    w.c(100, ACK | FIN);
    w.c(105, ACK | FIN);
    w.c(102, ACK, "abc");
    w.s(500, ACK, "x");
    w.s(502, ACK, "z");
    expect(w.stream("server-to-client")).toBe("x");
    expect(w.events.filter((e) => e.type === "gap")).toEqual([]);
  });

  it("holds nothing and skips nothing for a segment that held segments cover together", () => {
    // Segment limit 2. 100 "a" is delivered (next 101); 103 "d" and 104 "e"
    // are held. 103 "DE" lies in no single held segment but the two cover
    // it: it brings nothing new (the first copies win), so no limit is
    // reached and the hole 101-102 stays open until the capture ends.
    const w = wire({ maxBufferedSegmentsPerDirection: 2 });
    w.c(100, ACK, "a");
    w.c(103, ACK, "d");
    w.c(104, ACK, "e");
    w.c(103, ACK, "DE");
    expect(w.stream("client-to-server")).toBe("a");
    expect(w.r.bufferedBytes).toBe(2);
    w.finish();
    expect(w.stream("client-to-server")).toBe("a__de");
    const data = w.events.filter((e) => e.type === "data");
    expect(data.map((e) => (e.type === "data" ? e.data.length : -1))).toEqual([1, 1, 1]);
  });

  it("after a limit-forced skip, emits only the part of a segment past the drained data", () => {
    // Segment limit 1. 100 "a" delivered (next 101); 103 "d" held. 103 "def"
    // would be a second held segment: the hole 101-102 is lost, "d" drained
    // (next 104); of 103 "def" the first byte is old and "ef" is new.
    const w = wire({ maxBufferedSegmentsPerDirection: 1 });
    w.c(100, ACK, "a");
    w.c(103, ACK, "d");
    w.c(103, ACK, "def");
    expect(w.stream("client-to-server")).toBe("a__def");
  });
});

// ---- DhcpTrafficExtractor ----
// Frames: Ethernet 14 bytes, IPv6 40 (RFC 8200 §3), fragment header 8
// (RFC 8200 §4.5, offsets in bytes, multiples of 8), UDP 8, TCP 20; DHCPv6
// ports 546 / 547 (RFC 8415 §7.2), TCP 547 (RFC 5460 §5.2).

describe("DhcpTrafficExtractor leftovers", () => {
  it("passes maxBufferedSegmentsPerDirection on", () => {
    const seg = (seq: number, flags: number, payload?: Uint8Array) =>
      ethernet(0x86dd, ipv6({ protocol: 6, payload: tcp({ srcPort: 40000, dstPort: 547, seq, flags, payload }) }));
    // After the SYN (next 1): 10 and 20 leave holes. A limit of 1 segment holds
    // the byte at 10, and the byte at 20 forces the hole 1-9 to be given up at
    // packet 2; without the limit it is given up only at the end.
    const frames = [seg(0, SYN), seg(10, ACK, Uint8Array.of(1)), seg(20, ACK, Uint8Array.of(2))];
    const first = (o?: DhcpTrafficOptions) => {
      const d = run(frames, o).diagnostics[0];
      return [d?.code, d?.packetIndex];
    };
    expect(first({ maxBufferedSegmentsPerDirection: 1 })).toEqual(["tcp-gap", 2]);
    expect(first()).toEqual(["tcp-gap", null]);
    // Nothing had been framed yet, so the gap says the direction is lost.
    expect(run(frames, { maxBufferedSegmentsPerDirection: 1 }).diagnostics[0]?.message).toMatch(
      /9 byte\(s\) missing at stream offset 0; later messages of this direction are not extracted$/,
    );
  });

  it("keeps apart interleaved IPv6 fragments of different identifications", () => {
    const a = udp(546, 547, new Uint8Array(40).fill(4)); // 48 bytes
    const b = udp(546, 547, new Uint8Array(40).fill(6));
    const frag6 = (d: Uint8Array, offset: number, end: number, more: boolean, id: number) =>
      ethernet(
        0x86dd,
        ipv6({ protocol: 17, payload: d.subarray(offset, end), ext: [fragmentHeader(offset, more, id)] }),
      );
    const { messages, diagnostics } = run([
      frag6(a, 0, 24, true, 1),
      frag6(b, 0, 24, true, 2),
      frag6(a, 24, 48, false, 1),
      frag6(b, 24, 48, false, 2),
    ]);
    expect(diagnostics).toEqual([]);
    expect(messages.map((m) => [m.packetIndex, m.payload[0], m.payload.length])).toEqual([
      [2, 4, 40],
      [3, 6, 40],
    ]);
  });

  it("names a fragment header inside a reassembled datagram", () => {
    // The reassembled data (RFC 8200 §4.5) begin with a second, non-atomic
    // fragment header: next header 17, offset 0 with M set, identification 2.
    const inner = concat(Uint8Array.of(17, 0, 0, 1, 0, 0, 0, 2), udp(546, 547, Uint8Array.of(1, 0, 0, 1)));
    const frag6 = (offset: number, end: number, more: boolean) =>
      ethernet(
        0x86dd,
        ipv6({ protocol: 44, payload: inner.subarray(offset, end), ext: [fragmentHeader(offset, more, 1)] }),
      );
    const frames = [frag6(0, 8, true), frag6(8, inner.length, false)];
    const { diagnostics } = run(frames);
    expect(diagnostics.map((d) => d.code)).toEqual(["malformed-packet"]);
    expect(diagnostics[0]?.message).toMatch(/a reassembled datagram holds another fragment header/);
  });
});

describe("capture reader messages", () => {
  it("names a magic number cut short, under the file header's path", () => {
    // Two bytes of the 4-byte magic (pcap §4, pcapng §4.1), then the end.
    const e = decodeErrorOf(() => readCapture(Uint8Array.of(0xd4, 0xc3)));
    expect([e.offset, e.path, e.reason]).toEqual([
      0,
      "header",
      "the capture's magic number needs 4 byte(s), the input ends after 2",
    ]);
  });

  it("names a block total length that is not a multiple of 4", () => {
    // A block after the 28-byte SHB: type 6, total length 13 (pcapng §3.1:
    // a multiple of 4, at least 12), padded to 16 bytes.
    const le = true;
    const bad = new Bytes(le).u32(6).u32(13).u32(0).u32(0).build();
    expect(decodeErrorOf(() => readCapture(concat(shb(le), bad))).reason).toBe(
      "block total length 13 is not a multiple of 4 of at least 12",
    );
  });
});
