import { describe, expect, it } from "vitest";
import { FragmentReassembler } from "../../src/capture/fragments.js";
import {
  decodeIPv4,
  decodeIPv6,
  decodeLinkLayer,
  decodePacket,
  decodeTcp,
  decodeUdp,
  ETHERTYPE,
  IP_PROTOCOL,
  LINKTYPE,
  TCP_FLAGS,
} from "../../src/capture/index.js";
import { decodeErrorOf } from "../helpers/errors.js";
import {
  ACK,
  authHeader,
  Bytes,
  concat,
  type ExtHeader,
  ethernet,
  fragmentHeader,
  hopByHop,
  ipv4,
  ipv6,
  loopback,
  PSH,
  routing,
  sll,
  sll2,
  tcp,
  udp,
} from "./builders.js";

const P = Uint8Array.of(0xde, 0xad);
const v4 = ipv4({ protocol: 17, payload: udp(68, 67, P) });
const v6 = ipv6({ protocol: 17, payload: udp(546, 547, P) });

describe("link layer", () => {
  it("decodes Ethernet, with and without VLAN tags", () => {
    expect(decodeLinkLayer(LINKTYPE.ETHERNET, ethernet(0x0800, v4))).toEqual({
      etherType: ETHERTYPE.IPV4,
      offset: 14,
      vlanIds: [],
    });
    expect(decodeLinkLayer(1, ethernet(0x86dd, v6, [0x2005]))).toEqual({ etherType: 0x86dd, offset: 18, vlanIds: [5] });
    expect(decodeLinkLayer(1, ethernet(0x86dd, v6, [100, 200], 0x88a8))).toEqual({
      etherType: 0x86dd,
      offset: 22,
      vlanIds: [100, 200],
    });
    expect(decodeLinkLayer(1, ethernet(0x0800, v4, [7], 0x9100))?.vlanIds).toEqual([7]);
    // An 802.3 length instead of an EtherType: not IP.
    expect(decodeLinkLayer(1, ethernet(46, new Uint8Array(46)))?.etherType).toBe(46);
  });

  it("rejects a truncated Ethernet header, VLAN tag, or too many tags", () => {
    expect(decodeErrorOf(() => decodeLinkLayer(1, new Uint8Array(13)))).toMatchObject({ code: "truncated", offset: 0 });
    const tagged = ethernet(0x0800, v4, [1]);
    expect(decodeErrorOf(() => decodeLinkLayer(1, tagged.subarray(0, 16)))).toMatchObject({
      code: "truncated",
      offset: 14,
    });
    const deep = ethernet(0x0800, v4, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(decodeErrorOf(() => decodeLinkLayer(1, deep))).toMatchObject({ code: "depth-exceeded", offset: 44 });
  });

  it("decodes Linux cooked captures v1 and v2", () => {
    expect(decodeLinkLayer(LINKTYPE.LINUX_SLL, sll(0x86dd, v6))).toEqual({
      etherType: 0x86dd,
      offset: 16,
      vlanIds: [],
    });
    expect(decodeLinkLayer(LINKTYPE.LINUX_SLL2, sll2(0x0800, v4))).toEqual({
      etherType: 0x0800,
      offset: 20,
      vlanIds: [],
    });
    expect(decodeLinkLayer(113, sll(0x8100, new Bytes().u16(9).u16(0x0800).build()))).toEqual({
      etherType: 0x0800,
      offset: 20,
      vlanIds: [9],
    });
    expect(decodeErrorOf(() => decodeLinkLayer(113, new Uint8Array(15))).code).toBe("truncated");
    expect(decodeErrorOf(() => decodeLinkLayer(276, new Uint8Array(19))).code).toBe("truncated");
  });

  it("decodes raw IP by its version nibble", () => {
    for (const lt of [LINKTYPE.RAW, LINKTYPE.RAW_12, LINKTYPE.RAW_14]) {
      expect(decodeLinkLayer(lt, v4)).toEqual({ etherType: 0x0800, offset: 0, vlanIds: [] });
      expect(decodeLinkLayer(lt, v6)).toEqual({ etherType: 0x86dd, offset: 0, vlanIds: [] });
    }
    expect(decodeLinkLayer(LINKTYPE.IPV4, v4)?.etherType).toBe(0x0800);
    expect(decodeLinkLayer(LINKTYPE.IPV6, v6)?.etherType).toBe(0x86dd);
    expect(decodeErrorOf(() => decodeLinkLayer(101, Uint8Array.of(0x50)))).toMatchObject({ code: "invalid-value" });
    expect(decodeErrorOf(() => decodeLinkLayer(101, new Uint8Array(0)))).toMatchObject({ code: "truncated" });
  });

  it("decodes BSD loopback in either byte order", () => {
    expect(decodeLinkLayer(LINKTYPE.NULL, loopback(2, v4, true))).toEqual({
      etherType: 0x0800,
      offset: 4,
      vlanIds: [],
    });
    expect(decodeLinkLayer(LINKTYPE.NULL, loopback(2, v4, false))?.etherType).toBe(0x0800);
    for (const af of [10, 24, 28, 30]) {
      expect(decodeLinkLayer(LINKTYPE.NULL, loopback(af, v6, true))?.etherType).toBe(0x86dd);
      expect(decodeLinkLayer(LINKTYPE.NULL, loopback(af, v6, false))?.etherType).toBe(0x86dd);
    }
    expect(decodeLinkLayer(LINKTYPE.LOOP, loopback(24, v6, false))?.etherType).toBe(0x86dd);
    expect(decodeLinkLayer(LINKTYPE.NULL, loopback(7, P, true))).toEqual({ etherType: 0, offset: 4, vlanIds: [] });
    expect(decodeErrorOf(() => decodeLinkLayer(0, new Uint8Array(3))).code).toBe("truncated");
  });

  it("returns undefined for other link types", () => {
    expect(decodeLinkLayer(105, v4)).toBeUndefined(); // 802.11
    expect(decodePacket(105, v4)).toBeUndefined();
  });
});

describe("IPv4", () => {
  it("decodes addresses, protocol, options and payload", () => {
    const p = ipv4({
      src: "10.1.2.3",
      dst: "255.255.255.255",
      protocol: 17,
      payload: P,
      id: 0x1234,
      options: [1, 1, 1, 0],
    });
    const ip = decodeIPv4(ethernet(0x0800, p), 14);
    expect(ip).toMatchObject({
      version: 4,
      src: "10.1.2.3",
      dst: "255.255.255.255",
      protocol: 17,
      headerLength: 24,
      totalLength: 26,
      identification: 0x1234,
      ttl: 64,
      moreFragments: false,
      fragmentOffset: 0,
      payloadOffset: 38,
      truncated: false,
    });
    expect(ip.payload).toEqual(P);
  });

  it("ignores bytes after the total length and reads fragment fields", () => {
    const p = ipv4({ protocol: 17, payload: P, moreFragments: true, fragmentOffset: 1480 });
    const ip = decodeIPv4(Uint8Array.from([...p, 0, 0, 0, 0]));
    expect(ip.payload).toEqual(P);
    expect([ip.moreFragments, ip.fragmentOffset]).toEqual([true, 1480]);
  });

  it("marks a packet cut by the snap length as truncated", () => {
    const ip = decodeIPv4(v4.subarray(0, 25));
    expect(ip.truncated).toBe(true);
    expect(ip.payload.length).toBe(5);
  });

  it("reads a total length of 0 as the rest of the data", () => {
    const ip = decodeIPv4(ipv4({ protocol: 6, payload: P, totalLength: 0 }));
    expect([ip.totalLength, ip.payload.length, ip.truncated]).toEqual([22, 2, false]);
  });

  it("rejects malformed headers", () => {
    expect(decodeErrorOf(() => decodeIPv4(v4.subarray(0, 19)))).toMatchObject({ code: "truncated", offset: 0 });
    expect(decodeErrorOf(() => decodeIPv4(v6))).toMatchObject({ code: "invalid-value", offset: 0 });
    const shortIhl = v4.slice();
    shortIhl[0] = 0x44;
    expect(decodeErrorOf(() => decodeIPv4(shortIhl))).toMatchObject({ code: "invalid-value", offset: 0 });
    const withOpts = ipv4({ protocol: 17, payload: P, options: [1, 1, 1, 0] });
    expect(decodeErrorOf(() => decodeIPv4(withOpts.subarray(0, 22)))).toMatchObject({ code: "truncated" });
    const shortTotal = ipv4({ protocol: 17, payload: P, totalLength: 19 });
    expect(decodeErrorOf(() => decodeIPv4(shortTotal))).toMatchObject({ code: "length-mismatch", offset: 2 });
  });
});

describe("IPv6", () => {
  const chain = (ext: ExtHeader[]) => ipv6({ protocol: 17, payload: udp(546, 547, P), ext });

  it("decodes the fixed header", () => {
    const ip = decodeIPv6(v6);
    expect(ip).toMatchObject({
      version: 6,
      src: "2001:db8::1",
      dst: "2001:db8::2",
      hopLimit: 64,
      extensionHeaders: [],
      protocol: 17,
      fragment: undefined,
      payloadOffset: 40,
      truncated: false,
    });
    expect(decodeUdp(ip.payload).dstPort).toBe(547);
  });

  it("walks hop-by-hop, routing, destination options, AH and atomic fragment headers", () => {
    const ext = [hopByHop(0), routing(), hopByHop(60), authHeader(), fragmentHeader(0, false, 7), hopByHop(60)];
    const ip = decodeIPv6(chain(ext));
    expect(ip.extensionHeaders).toEqual([0, 43, 60, 51, 44, 60]);
    expect(ip.protocol).toBe(17);
    expect(ip.fragment).toBeUndefined();
    expect(ip.payloadOffset).toBe(40 + 8 + 24 + 8 + 24 + 8 + 8);
    expect(decodeUdp(ip.payload).srcPort).toBe(546);
  });

  it("walks mobility, HIP, shim6 and experimental headers generically", () => {
    const ip = decodeIPv6(chain([hopByHop(135), hopByHop(139), hopByHop(140), hopByHop(253), hopByHop(254)]));
    expect(ip.extensionHeaders).toEqual([135, 139, 140, 253, 254]);
  });

  it("stops at a fragment", () => {
    const ip = decodeIPv6(chain([hopByHop(0), fragmentHeader(8, true, 0xdeadbeef)]));
    expect(ip.fragment).toEqual({ identification: 0xdeadbeef, offset: 8, more: true, nextHeader: 17 });
    expect(ip.protocol).toBe(17);
    expect(ip.payloadOffset).toBe(56);
  });

  it("stops at ESP and at no-next-header", () => {
    expect(decodeIPv6(ipv6({ protocol: IP_PROTOCOL.ESP, payload: P })).protocol).toBe(50);
    expect(decodeIPv6(ipv6({ protocol: 59, payload: new Uint8Array(0) })).payload.length).toBe(0);
  });

  it("rejects malformed headers", () => {
    expect(decodeErrorOf(() => decodeIPv6(v6.subarray(0, 39)))).toMatchObject({ code: "truncated", offset: 0 });
    expect(decodeErrorOf(() => decodeIPv6(ipv4({ protocol: 17, payload: new Uint8Array(40) })))).toMatchObject({
      code: "invalid-value",
      offset: 0,
    });
    const jumbo = ipv6({ protocol: 17, payload: udp(1, 2, P), ext: [hopByHop()], payloadLength: 0 });
    expect(decodeErrorOf(() => decodeIPv6(jumbo))).toMatchObject({ code: "invalid-value", offset: 4 });
    // The payload length ends inside the routing header.
    const short = chain([routing()]);
    short[5] = 16;
    expect(decodeErrorOf(() => decodeIPv6(short))).toMatchObject({ code: "length-mismatch", offset: 40 });
    // ... or before a header's first two bytes, or inside a fragment header.
    const tiny = chain([hopByHop()]);
    tiny[5] = 1;
    expect(decodeErrorOf(() => decodeIPv6(tiny))).toMatchObject({ code: "length-mismatch", offset: 40 });
    const frag = chain([fragmentHeader(0, true, 1)]);
    frag[5] = 4;
    expect(decodeErrorOf(() => decodeIPv6(frag))).toMatchObject({ code: "length-mismatch", offset: 40 });
    const ah = chain([authHeader()]);
    ah[5] = 1;
    expect(decodeErrorOf(() => decodeIPv6(ah))).toMatchObject({ code: "length-mismatch", offset: 40 });
  });

  it("marks a packet cut by the snap length as truncated, unless an extension header is cut", () => {
    const full = chain([routing()]);
    const ip = decodeIPv6(full.subarray(0, 40 + 24 + 4));
    expect([ip.truncated, ip.payload.length]).toEqual([true, 4]);
    expect(decodeErrorOf(() => decodeIPv6(full.subarray(0, 50)))).toMatchObject({ code: "truncated", offset: 40 });
  });
});

describe("UDP and TCP", () => {
  it("decodes UDP within the IP payload", () => {
    const d = decodeUdp(Uint8Array.from([...udp(67, 68, P), 9, 9]));
    expect(d).toEqual({ srcPort: 67, dstPort: 68, length: 10, payload: P });
    expect(decodeErrorOf(() => decodeUdp(new Uint8Array(7)))).toMatchObject({ code: "truncated", offset: 0 });
    expect(decodeErrorOf(() => decodeUdp(udp(1, 2, P, 7)))).toMatchObject({ code: "invalid-value", offset: 4 });
    expect(decodeErrorOf(() => decodeUdp(udp(1, 2, P, 11)))).toMatchObject({ code: "length-mismatch", offset: 4 });
  });

  it("decodes TCP with options", () => {
    const seg = tcp({
      srcPort: 40000,
      dstPort: 547,
      seq: 0xfffffff0,
      ack: 0x80000000,
      flags: ACK | PSH,
      payload: P,
      options: [1, 1, 1, 1],
    });
    const s = decodeTcp(seg);
    expect(s).toEqual({
      srcPort: 40000,
      dstPort: 547,
      seq: 0xfffffff0,
      ack: 0x80000000,
      flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH,
      window: 65535,
      headerLength: 24,
      payload: P,
    });
    const ns = seg.slice();
    ns[12] = (ns[12] as number) | 1;
    expect(decodeTcp(ns).flags).toBe(TCP_FLAGS.ACK | TCP_FLAGS.PSH | TCP_FLAGS.NS);
    expect(decodeErrorOf(() => decodeTcp(seg.subarray(0, 19)))).toMatchObject({ code: "truncated", offset: 0 });
    expect(decodeErrorOf(() => decodeTcp(seg.subarray(0, 22)))).toMatchObject({ code: "truncated", offset: 0 });
    const bad = seg.slice();
    bad[12] = 0x40;
    expect(decodeErrorOf(() => decodeTcp(bad))).toMatchObject({ code: "invalid-value", offset: 12 });
  });
});

describe("decodePacket", () => {
  it("decodes UDP and TCP over each link layer, with offsets from the packet start", () => {
    const t = ipv4({ protocol: 6, payload: tcp({ srcPort: 5000, dstPort: 67, seq: 1, flags: ACK, payload: P }) });
    const frames: [number, Uint8Array][] = [
      [LINKTYPE.ETHERNET, ethernet(0x0800, t, [3])],
      [LINKTYPE.LINUX_SLL, sll(0x0800, t)],
      [LINKTYPE.LINUX_SLL2, sll2(0x0800, t)],
      [LINKTYPE.RAW, t],
      [LINKTYPE.NULL, loopback(2, t, true)],
    ];
    for (const [lt, data] of frames) {
      const p = decodePacket(lt, data);
      expect(p?.tcp?.dstPort).toBe(67);
      expect(p?.tcp?.payload).toEqual(P);
      expect(p?.udp).toBeUndefined();
    }
    const u = decodePacket(1, ethernet(0x86dd, v6));
    expect(u?.udp?.payload).toEqual(P);
    expect(u?.tcp).toBeUndefined();
    const bad = ethernet(0x0800, ipv4({ protocol: 17, payload: udp(1, 2, P, 20) }));
    expect(decodeErrorOf(() => decodePacket(1, bad))).toMatchObject({ code: "length-mismatch", offset: 38 });
  });

  it("stops above IP for non-IP frames, fragments, truncated packets and other protocols", () => {
    expect(decodePacket(1, ethernet(0x0806, new Uint8Array(28)))).toEqual({
      link: { etherType: 0x0806, offset: 14, vlanIds: [] },
      ip: undefined,
      udp: undefined,
      tcp: undefined,
    });
    const frag = decodePacket(101, ipv4({ protocol: 17, payload: udp(68, 67, P), moreFragments: true }));
    expect([frag?.ip?.protocol, frag?.udp]).toEqual([17, undefined]);
    const frag2 = decodePacket(101, ipv4({ protocol: 17, payload: P, fragmentOffset: 8 }));
    expect(frag2?.udp).toBeUndefined();
    const frag6 = decodePacket(101, ipv6({ protocol: 17, payload: P, ext: [fragmentHeader(8, false, 1)] }));
    expect(frag6?.udp).toBeUndefined();
    const cut = decodePacket(101, v4.subarray(0, 29));
    expect([cut?.ip?.truncated, cut?.udp]).toEqual([true, undefined]);
    const icmp = decodePacket(101, ipv4({ protocol: 1, payload: P }));
    expect([icmp?.ip?.protocol, icmp?.udp, icmp?.tcp]).toEqual([1, undefined, undefined]);
  });
});

// Packets are written field by field by ./builders.ts (RFC 791 §3.1, RFC 8200
// §3-4, RFC 768, RFC 9293 §3.1, IEEE 802.1Q tags of 4 bytes after a 14-byte
// Ethernet header). Offsets are sums of those header sizes.
describe("layer limits, boundaries and fragment reassembly details", () => {
  // Packets are written field by field by ./builders.ts (RFC 791 §3.1,
  // RFC 8200 §3-4, RFC 768, RFC 9293 §3.1, IEEE 802.1Q tags of 4 bytes after
  // a 14-byte Ethernet header). Offsets below are sums of those header sizes.

  /** An error's code, offset and path. */
  const at = (f: () => unknown) => {
    const e = decodeErrorOf(f);
    return [e.code, e.offset, e.path];
  };

  describe("link layer limits", () => {
    it("refuses a raw IP packet whose version nibble is 5", () => {
      expect(at(() => decodeLinkLayer(101, Uint8Array.of(0x50)))).toEqual(["invalid-value", 0, ""]);
    });

    it("crosses eight stacked VLAN tags", () => {
      const ids = [1, 2, 3, 4, 5, 6, 7, 8];
      expect(decodeLinkLayer(1, ethernet(0x0800, v4, ids))).toEqual({
        etherType: 0x0800,
        offset: 14 + 8 * 4,
        vlanIds: ids,
      });
    });

    it("reads the LOOP family big-endian only", () => {
      // LINKTYPE_LOOP's family is in network byte order: 02 00 00 00 is 0x02000000, not AF_INET.
      expect(decodeLinkLayer(LINKTYPE.LOOP, loopback(2, v4, true))).toEqual({ etherType: 0, offset: 4, vlanIds: [] });
      expect(decodeLinkLayer(LINKTYPE.LOOP, loopback(2, v4, false))?.etherType).toBe(0x0800);
    });
  });

  describe("IPv4 details", () => {
    it("reads a total length of 0 as the rest of the data after the offset", () => {
      const ip = decodeIPv4(ethernet(0x0800, ipv4({ protocol: 17, payload: P, totalLength: 0 })), 14);
      expect([ip.totalLength, ip.payload, ip.truncated]).toEqual([22, P, false]);
    });

    it("does not take Don't Fragment for More Fragments", () => {
      const df = v4.slice();
      df[6] = 0x40; // flags 010: DF set, MF clear, offset 0
      const ip = decodeIPv4(df);
      expect([ip.moreFragments, ip.fragmentOffset]).toEqual([false, 0]);
      expect(decodePacket(LINKTYPE.RAW, df)?.udp?.payload).toEqual(P);
    });
  });

  describe("IPv6 extension header bounds", () => {
    const routed = (payloadLength?: number) =>
      ipv6({
        protocol: 59,
        payload: new Uint8Array(0),
        ext: [routing()],
        ...(payloadLength === undefined ? {} : { payloadLength }),
      });

    it("walks a header that ends exactly at the payload length", () => {
      // A 24-byte routing header, then No Next Header: payload length 24.
      const ip = decodeIPv6(routed());
      expect([ip.extensionHeaders, ip.protocol, ip.payloadOffset, ip.payload.length, ip.truncated]).toEqual([
        [43],
        59,
        64,
        0,
        false,
      ]);
    });

    it("calls a header cut by the capture truncated, and one cut by the payload length a mismatch", () => {
      // Payload length 24 (40 + 24 = 64) but 50 bytes captured: the header would fit the payload.
      const cut = decodeErrorOf(() => decodeIPv6(routed().subarray(0, 50)));
      expect([cut.code, cut.offset]).toEqual(["truncated", 40]);
      // Payload length 16: the header does not fit it, whatever was captured.
      const short = routed(16);
      const e = decodeErrorOf(() => decodeIPv6(short));
      expect([e.code, e.offset]).toEqual(["length-mismatch", 40]);
      const both = decodeErrorOf(() => decodeIPv6(short.subarray(0, 50)));
      expect([both.code, both.offset]).toEqual(["length-mismatch", 40]);
    });

    it("walks a generic header after hop-by-hop", () => {
      const ext: ExtHeader[] = [hopByHop(0), hopByHop(60)];
      const ip = decodeIPv6(ipv6({ protocol: 17, payload: udp(546, 547, P), ext }));
      expect([ip.extensionHeaders, ip.payloadOffset]).toEqual([[0, 60], 56]);
    });
  });

  describe("UDP and TCP details", () => {
    it("fails a UDP header past the end of the data at its offset", () => {
      const past = decodeErrorOf(() => decodeUdp(new Uint8Array(4), 6));
      expect([past.code, past.offset]).toEqual(["truncated", 6]);
    });

    it("accepts a UDP datagram of header only", () => {
      expect(decodeUdp(udp(67, 68, new Uint8Array(0)))).toEqual({
        srcPort: 67,
        dstPort: 68,
        length: 8,
        payload: new Uint8Array(0),
      });
    });
  });

  describe("decodePacket ends the transport at the IP length", () => {
    it("leaves an Ethernet frame check sequence out of the TCP payload", () => {
      const t = ipv4({ protocol: 6, payload: tcp({ srcPort: 4000, dstPort: 67, seq: 1, flags: ACK, payload: P }) });
      const frame = Uint8Array.from([...ethernet(0x0800, t), 0xfc, 0xfc, 0xfc, 0xfc]);
      expect(decodePacket(1, frame)?.tcp?.payload).toEqual(P);
      const t6 = ipv6({ protocol: 6, payload: tcp({ srcPort: 4000, dstPort: 547, seq: 1, flags: ACK, payload: P }) });
      const frame6 = Uint8Array.from([...ethernet(0x86dd, t6), 0xfc, 0xfc, 0xfc, 0xfc]);
      expect(decodePacket(1, frame6)?.tcp?.payload).toEqual(P);
    });

    it("does not let a UDP length reach into Ethernet padding", () => {
      // UDP length 12 in a 10-byte IP payload, padded to the 60-byte Ethernet minimum.
      const ip = ipv4({ protocol: 17, payload: udp(68, 67, P, 12) });
      const frame = Uint8Array.from([...ethernet(0x0800, ip), ...new Uint8Array(60 - 14 - ip.length)]);
      expect(decodeErrorOf(() => decodePacket(1, frame))).toMatchObject({ code: "length-mismatch", offset: 38 });
    });
  });

  describe("FragmentReassembler", () => {
    const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
    const collect = () => {
      const reasons: string[] = [];
      return { reasons, report: (r: string) => reasons.push(r) };
    };

    it("accepts a fragment ending exactly at byte 65535", () => {
      const f = new FragmentReassembler(4);
      const { reasons, report } = collect();
      expect(f.add("k", 65528, false, bytes(7, 1), report)).toBeUndefined();
      expect(reasons).toEqual([]);
      expect(f.add("k", 65528, false, bytes(8, 1), report)).toBeUndefined();
      expect(reasons).toHaveLength(1);
    });

    it("forgets a datagram when one of its fragments is too big", () => {
      const f = new FragmentReassembler(4);
      const { report } = collect();
      f.add("k", 0, true, bytes(8, 1), report);
      f.add("k", 65528, true, bytes(16, 1), report);
      // The first fragment was dropped with its datagram: the last one alone does not complete it.
      expect(f.add("k", 8, false, bytes(8, 2), report)).toBeUndefined();
    });

    it("keeps maxDatagrams in progress and drops the oldest to make room", () => {
      const f = new FragmentReassembler(2);
      const { reasons, report } = collect();
      f.add("a", 0, true, bytes(8, 1), report);
      f.add("b", 0, true, bytes(8, 2), report);
      expect(reasons).toEqual([]);
      f.add("c", 0, true, bytes(8, 3), report);
      expect(reasons).toHaveLength(1);
      expect(f.add("a", 8, false, bytes(8, 1), report)).toBeUndefined();
      expect(f.add("c", 8, false, bytes(8, 3), report)).toEqual(bytes(16, 3));
      // The second "a" started a new datagram, which dropped b; c then completed: only a is left.
      expect(reasons).toHaveLength(2);
      expect(f.clear()).toBe(1);
    });

    it("completes a datagram whose last fragment is empty", () => {
      const f = new FragmentReassembler(4);
      const { reasons, report } = collect();
      f.add("k", 0, true, bytes(8, 1), report);
      f.add("k", 8, true, bytes(8, 2), report);
      expect(f.add("k", 16, false, new Uint8Array(0), report)).toEqual(
        Uint8Array.from([...bytes(8, 1), ...bytes(8, 2)]),
      );
      // The empty last fragment first, then fragments ending exactly at it.
      f.add("m", 16, false, new Uint8Array(0), report);
      f.add("m", 8, true, bytes(8, 2), report);
      expect(f.add("m", 0, true, bytes(8, 1), report)?.length).toBe(16);
      expect(reasons).toEqual([]);
    });

    it("ignores an empty fragment inside data already held", () => {
      const f = new FragmentReassembler(4);
      const { reasons, report } = collect();
      f.add("k", 0, true, bytes(16, 1), report);
      f.add("k", 8, true, new Uint8Array(0), report);
      expect(f.add("k", 16, false, bytes(8, 2), report)?.length).toBe(24);
      expect(reasons).toEqual([]);
    });

    it("calls a fragment a duplicate only with the same offset, length and bytes", () => {
      const f = new FragmentReassembler(4);
      const { reasons, report } = collect();
      // Same offset, shorter, same leading bytes: an overlap.
      f.add("a", 0, true, bytes(16, 0), report);
      f.add("a", 0, true, bytes(8, 0), report);
      // Same length, different offset, same bytes: an overlap.
      f.add("b", 0, true, bytes(16, 0), report);
      f.add("b", 8, true, bytes(16, 0), report);
      expect(reasons).toHaveLength(2);
      // The exact same fragment again is ignored.
      f.add("c", 0, true, bytes(8, 5), report);
      f.add("c", 0, true, bytes(8, 5), report);
      expect(f.add("c", 8, false, bytes(8, 6), report)?.length).toBe(16);
      expect(reasons).toHaveLength(2);
    });

    it("places fragments that arrive out of order among several held ones", () => {
      const f = new FragmentReassembler(4);
      const { reasons, report } = collect();
      // Eight 8-byte fragments, byte value = fragment number, 7 the last, in a scrambled order.
      for (const i of [5, 1, 7, 3, 0, 6, 2]) {
        expect(f.add("k", i * 8, i !== 7, bytes(8, i), report)).toBeUndefined();
      }
      const whole = f.add("k", 32, true, bytes(8, 4), report);
      expect(reasons).toEqual([]);
      expect(whole).toEqual(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [...bytes(8, i)])));
    });
  });

  describe("copies and whole results", () => {
    it("keeps a copy of a held fragment, not a view of memory the caller may reuse", () => {
      const f = new FragmentReassembler(4);
      const buf = new Uint8Array(8).fill(1);
      f.add("k", 0, true, buf, () => {});
      buf.fill(9);
      expect(f.add("k", 8, false, new Uint8Array(8).fill(2), () => {})?.subarray(0, 8)).toEqual(
        new Uint8Array(8).fill(1),
      );
    });

    it("gives IP link types and loopback IPv6 no VLAN ids", () => {
      expect(decodeLinkLayer(LINKTYPE.IPV4, v4)).toEqual({ etherType: 0x0800, offset: 0, vlanIds: [] });
      expect(decodeLinkLayer(LINKTYPE.IPV6, v6)).toEqual({ etherType: 0x86dd, offset: 0, vlanIds: [] });
      expect(decodeLinkLayer(LINKTYPE.NULL, loopback(30, v6, true))).toEqual({
        etherType: 0x86dd,
        offset: 4,
        vlanIds: [],
      });
    });
  });
});

describe("short headers, an empty IPv4 payload, and a datagram's known length", () => {
  /** An error's code, offset and path. */
  const at = (f: () => unknown) => {
    const e = decodeErrorOf(f);
    return [e.code, e.offset, e.path];
  };

  // Expected values are worked out by hand from the formats: RFC 791 §3.1
  // (20-byte IPv4 header), RFC 8200 §3 (40-byte IPv6 header), RFC 768 (8-byte
  // UDP header), draft-ietf-opsawg-pcapng §4.2 (IDB: 8-byte block header,
  // link type, reserved, snap length, options, 4-byte trailing length), §4.4
  // (SPB: 12-byte header + original length, data, trailing length = 16 bytes
  // without data), §3.5 (options: code, length, value padded to 32 bits), and
  // RFC 9293 §3.4 sequence arithmetic for TCP.

  describe("short headers", () => {
    it("of link layers fail truncated at their start", () => {
      // SLL header 16 bytes, SLL2 20, raw IP at least the version byte, loopback 4.
      expect(at(() => decodeLinkLayer(LINKTYPE.LINUX_SLL, new Uint8Array(15)))).toEqual(["truncated", 0, ""]);
      expect(at(() => decodeLinkLayer(LINKTYPE.LINUX_SLL2, new Uint8Array(19)))).toEqual(["truncated", 0, ""]);
      expect(at(() => decodeLinkLayer(LINKTYPE.RAW, new Uint8Array(0)))).toEqual(["truncated", 0, ""]);
      expect(at(() => decodeLinkLayer(LINKTYPE.NULL, new Uint8Array(3)))).toEqual(["truncated", 0, ""]);
    });

    it("a UDP length overrun counts the payload from the datagram's offset", () => {
      // Two bytes before the datagram; the UDP header claims 20 bytes but only
      // 8 + 2 follow offset 2, so the IP payload is 12 - 2 = 10 bytes.
      const data = concat(Uint8Array.of(0xee, 0xee), udp(68, 67, Uint8Array.of(1, 2), 20));
      expect(at(() => decodeUdp(data, 2))).toEqual(["length-mismatch", 6, ""]);
    });
  });

  describe("boundaries", () => {
    it("an IPv4 packet of just its 20-byte header has an empty payload", () => {
      // Total length 20 equals the header length (RFC 791: total length includes the header).
      const ip = decodeIPv4(ipv4({ protocol: 17, payload: new Uint8Array(0) }));
      expect(ip.payload.length).toBe(0);
      expect(ip.protocol).toBe(17);
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
      expect(reasons).toHaveLength(1);
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
});
