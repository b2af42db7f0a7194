import { describe, expect, it } from "vitest";
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
