import { describe, expect, it } from "vitest";
import { FragmentReassembler } from "../../src/capture/fragments.js";
import {
  decodeIPv4,
  decodeIPv6,
  decodeLinkLayer,
  decodePacket,
  decodeTcp,
  decodeUdp,
  LINKTYPE,
} from "../../src/capture/index.js";
import { decodeErrorOf } from "../helpers/errors.js";
import { ACK, type ExtHeader, ethernet, hopByHop, ipv4, ipv6, loopback, routing, tcp, udp } from "./builders.js";

// Packets are written field by field by ./builders.ts (RFC 791 §3.1,
// RFC 8200 §3-4, RFC 768, RFC 9293 §3.1, IEEE 802.1Q tags of 4 bytes after
// a 14-byte Ethernet header). Offsets below are sums of those header sizes.

const P = Uint8Array.of(0xde, 0xad);
const v4 = ipv4({ protocol: 17, payload: udp(68, 67, P) }); // 20 + 8 + 2 = 30 bytes
const v6 = ipv6({ protocol: 17, payload: udp(546, 547, P) });

describe("link layer limits and messages", () => {
  it("names what a short header needs", () => {
    expect(decodeErrorOf(() => decodeLinkLayer(1, new Uint8Array(13))).reason).toBe(
      "an Ethernet header needs 14 byte(s), 13 left",
    );
    const tagged = ethernet(0x0800, v4, [1]);
    expect(decodeErrorOf(() => decodeLinkLayer(1, tagged.subarray(0, 16))).reason).toBe(
      "a VLAN tag needs 4 byte(s), 2 left",
    );
    expect(decodeErrorOf(() => decodeLinkLayer(101, Uint8Array.of(0x50))).reason).toBe(
      "raw IP packet has version 5, neither 4 nor 6",
    );
  });

  it("crosses eight stacked VLAN tags and names the limit past them", () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(decodeLinkLayer(1, ethernet(0x0800, v4, ids))).toEqual({
      etherType: 0x0800,
      offset: 14 + 8 * 4,
      vlanIds: ids,
    });
    const e = decodeErrorOf(() => decodeLinkLayer(1, ethernet(0x0800, v4, [...ids, 9])));
    expect(e.reason).toBe("more than 8 stacked VLAN tags");
  });

  it("reads the LOOP family big-endian only", () => {
    // LINKTYPE_LOOP's family is in network byte order: 02 00 00 00 is 0x02000000, not AF_INET.
    expect(decodeLinkLayer(LINKTYPE.LOOP, loopback(2, v4, true))).toEqual({ etherType: 0, offset: 4, vlanIds: [] });
    expect(decodeLinkLayer(LINKTYPE.LOOP, loopback(2, v4, false))?.etherType).toBe(0x0800);
  });
});

describe("IPv4 details", () => {
  it("names each header problem", () => {
    expect(decodeErrorOf(() => decodeIPv4(v6)).reason).toBe("IP version 6 in an IPv4 header");
    const shortIhl = v4.slice();
    shortIhl[0] = 0x44;
    expect(decodeErrorOf(() => decodeIPv4(shortIhl)).reason).toBe("IPv4 header length 16 is below 20");
    const withOpts = ipv4({ protocol: 17, payload: P, options: [1, 1, 1, 0] });
    expect(decodeErrorOf(() => decodeIPv4(withOpts.subarray(0, 22))).reason).toBe(
      "an IPv4 header with options needs 24 byte(s), 22 left",
    );
    const shortTotal = ipv4({ protocol: 17, payload: P, totalLength: 19 });
    expect(decodeErrorOf(() => decodeIPv4(shortTotal)).reason).toBe(
      "IPv4 total length 19 is shorter than its header (20)",
    );
  });

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

  it("names each header problem", () => {
    expect(decodeErrorOf(() => decodeIPv6(ipv4({ protocol: 17, payload: new Uint8Array(40) }))).reason).toBe(
      "IP version 4 in an IPv6 header",
    );
    const jumbo = ipv6({ protocol: 17, payload: udp(1, 2, P), ext: [hopByHop()], payloadLength: 0 });
    expect(decodeErrorOf(() => decodeIPv6(jumbo)).reason).toBe("jumbograms (RFC 2675) are not supported");
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
    expect([cut.code, cut.offset, cut.reason]).toEqual([
      "truncated",
      40,
      "IPv6 extension header 43 needs 24 byte(s), the capture holds 10",
    ]);
    // Payload length 16: the header does not fit it, whatever was captured.
    const short = routed(16);
    const e = decodeErrorOf(() => decodeIPv6(short));
    expect([e.code, e.offset, e.reason]).toEqual([
      "length-mismatch",
      40,
      "IPv6 extension header 43 needs 24 byte(s), the payload length leaves 16",
    ]);
    const both = decodeErrorOf(() => decodeIPv6(short.subarray(0, 50)));
    expect([both.code, both.reason]).toEqual([
      "length-mismatch",
      "IPv6 extension header 43 needs 24 byte(s), the payload length leaves 16",
    ]);
  });

  it("walks a generic header after hop-by-hop", () => {
    const ext: ExtHeader[] = [hopByHop(0), hopByHop(60)];
    const ip = decodeIPv6(ipv6({ protocol: 17, payload: udp(546, 547, P), ext }));
    expect([ip.extensionHeaders, ip.payloadOffset]).toEqual([[0, 60], 56]);
  });
});

describe("UDP and TCP details", () => {
  it("names UDP problems, with no negative count of bytes left", () => {
    expect(decodeErrorOf(() => decodeUdp(new Uint8Array(7))).reason).toBe("a UDP header needs 8 byte(s), 7 left");
    const past = decodeErrorOf(() => decodeUdp(new Uint8Array(4), 6));
    expect([past.offset, past.reason]).toEqual([6, "a UDP header needs 8 byte(s), 0 left"]);
    expect(decodeErrorOf(() => decodeUdp(udp(1, 2, P, 7))).reason).toBe("UDP length 7 is below 8");
    expect(decodeErrorOf(() => decodeUdp(udp(1, 2, P, 11))).reason).toBe(
      "UDP length 11 overruns the IP payload of 10 byte(s)",
    );
  });

  it("accepts a UDP datagram of header only", () => {
    expect(decodeUdp(udp(67, 68, new Uint8Array(0)))).toEqual({
      srcPort: 67,
      dstPort: 68,
      length: 8,
      payload: new Uint8Array(0),
    });
  });

  it("names TCP problems", () => {
    const seg = tcp({ srcPort: 1, dstPort: 547, seq: 0, flags: ACK, payload: P, options: [1, 1, 1, 1] });
    expect(decodeErrorOf(() => decodeTcp(seg.subarray(0, 19))).reason).toBe("a TCP header needs 20 byte(s), 19 left");
    expect(decodeErrorOf(() => decodeTcp(seg.subarray(0, 22))).reason).toBe(
      "a TCP header with options needs 24 byte(s), 22 left",
    );
    const bad = seg.slice();
    bad[12] = 0x40;
    expect(decodeErrorOf(() => decodeTcp(bad)).reason).toBe("TCP data offset 16 is below 20 bytes");
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
    expect(reasons).toEqual(["a fragment ends at byte 65536, past the largest datagram (65535)"]);
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
    expect(reasons).toEqual(["an incomplete datagram was dropped to stay within 2 in progress"]);
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
    expect(f.add("k", 16, false, new Uint8Array(0), report)).toEqual(Uint8Array.from([...bytes(8, 1), ...bytes(8, 2)]));
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
    expect(reasons).toEqual(["fragments overlap (RFC 5722)", "fragments overlap (RFC 5722)"]);
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
