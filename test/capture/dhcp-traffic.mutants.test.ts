import { describe, expect, it } from "vitest";
import { DhcpTrafficExtractor } from "../../src/capture/index.js";
import {
  ACK,
  concat,
  dhcpv6Message,
  ethernet,
  FIN,
  fragmentHeader,
  framed,
  ipv4,
  ipv6,
  SYN,
  tcp,
  udp,
} from "./builders.js";
import { run } from "./run-extractor.js";

// Frames are written field by field by ./builders.ts (Ethernet 14 bytes,
// IPv4 20, IPv6 40, UDP 8, TCP 20); DHCP ports from RFC 2131 §4.1 (67, 68),
// RFC 8415 §7.2 (546, 547), RFC 5460 §5.2 and RFC 6926 §6.1 (TCP 547, 67).

const udp6 = (src: number, dst: number, payload: Uint8Array) =>
  ethernet(0x86dd, ipv6({ protocol: 17, payload: udp(src, dst, payload) }));
const udp4 = (src: number, dst: number, payload: Uint8Array) =>
  ethernet(0x0800, ipv4({ protocol: 17, payload: udp(src, dst, payload) }));

describe("DHCP ports", () => {
  it("matches a UDP datagram by either of its ports", () => {
    const m = Uint8Array.of(1, 0, 0, 1);
    const { messages } = run([udp6(546, 40000, m), udp6(40000, 547, m), udp4(68, 40000, m), udp4(40000, 67, m)]);
    expect(messages.map((x) => x.kind)).toEqual(["dhcpv6", "dhcpv6", "dhcpv4", "dhcpv4"]);
  });

  it("takes the configured TCP ports as the server's when the handshake was not captured", () => {
    // The client port 5000 is lower than the server port: only the configured ports tell them apart.
    const v6 = ethernet(
      0x86dd,
      ipv6({
        src: "2001:db8::c",
        dst: "2001:db8::5",
        protocol: 6,
        payload: tcp({ srcPort: 5000, dstPort: 10547, seq: 1, flags: ACK, payload: framed(dhcpv6Message(14, 1)) }),
      }),
    );
    const v4 = ethernet(
      0x0800,
      ipv4({
        protocol: 6,
        payload: tcp({ srcPort: 5000, dstPort: 10067, seq: 1, flags: ACK, payload: framed(Uint8Array.of(1, 2)) }),
      }),
    );
    const { messages, diagnostics } = run([v6, v4], { ports: { dhcpv6Tcp: [10547], dhcpv4Tcp: [10067] } });
    expect(messages.map((m) => [m.kind, m.direction])).toEqual([
      ["dhcpv6", "client-to-server"],
      ["dhcpv4", "client-to-server"],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "connection 0 ([2001:db8::c]:5000 to [2001:db8::5]:10547) was first seen after its SYN; framing assumes its first captured byte starts a message",
      "connection 1 (192.0.2.1:5000 to 192.0.2.2:10067) was first seen after its SYN; framing assumes its first captured byte starts a message",
    ]);
  });
});

describe("diagnostic messages", () => {
  it("prefixes a malformed packet's error with the packet number", () => {
    const bad = ethernet(0x0800, ipv4({ protocol: 17, payload: udp(68, 67, Uint8Array.of(1), 4) }));
    const [d] = run([udp4(68, 67, Uint8Array.of(1)), bad]).diagnostics;
    expect(d?.error?.reason).toBe("UDP length 4 is below 8");
    expect(d?.message).toBe(`packet 1: ${d?.error?.message}`);
  });

  it("names an unsupported link type", () => {
    const x = new DhcpTrafficExtractor();
    const p = { index: 0, offset: 0, section: 0, interfaceId: 0, linkType: 105, timestamp: null };
    const [d] = x.packet({ ...p, originalLength: 1, data: Uint8Array.of(1) });
    expect(d).toMatchObject({
      code: "unsupported-link-type",
      message: "link type 105 is not supported; its packets are skipped",
    });
  });

  it("reports a DHCP datagram cut after its ports, not one cut inside them", () => {
    // Ethernet 14 + IPv6 40: UDP starts at 54; 58 bytes hold both ports, 57 only one and a half.
    const full = udp6(546, 547, dhcpv6Message(1, 1, 20));
    const { diagnostics } = run([
      { data: full.subarray(0, 58), originalLength: full.length },
      { data: full.subarray(0, 57), originalLength: full.length },
    ]);
    expect(diagnostics.map((d) => [d.code, d.packetIndex, d.message])).toEqual([
      ["packet-truncated", 0, `packet 0: 58 of ${full.length} byte(s) captured; the DHCP message is incomplete`],
    ]);
  });

  it("numbers the packet of a dropped fragment and counts datagrams left at the end", () => {
    const dgram = udp(68, 67, new Uint8Array(40).fill(3)); // 48 bytes
    const frag = (offset: number, end: number, more: boolean, id: number) =>
      ethernet(
        0x0800,
        ipv4({ protocol: 17, payload: dgram.subarray(offset, end), id, moreFragments: more, fragmentOffset: offset }),
      );
    const changed = frag(0, 24, true, 1);
    changed[40] = 0xee;
    const { diagnostics } = run([frag(0, 24, true, 1), changed, frag(0, 24, true, 2)]);
    expect(diagnostics.map((d) => [d.packetIndex, d.message])).toEqual([
      [1, "packet 1: fragments overlap (RFC 5722)"],
      [null, "1 datagram(s) still missing fragments at the end of the capture"],
    ]);
  });

  it("names the connection and direction of an eviction and of a framing error", () => {
    const c = (srcPort: number, seq: number, flags: number, payload?: Uint8Array) =>
      ethernet(0x86dd, ipv6({ protocol: 6, payload: tcp({ srcPort, dstPort: 547, seq, flags, payload }) }));
    const evicted = run([c(40000, 0, SYN), c(40001, 0, SYN)], { maxConnections: 1 }).diagnostics;
    expect(evicted[0]?.message).toBe("connection 0 client-to-server was dropped to stay within the connection limit");
    const cut = run([c(40000, 0, SYN), c(40000, 1, ACK | FIN, Uint8Array.of(0, 9, 1))]).diagnostics;
    expect(cut.map((d) => d.code)).toEqual(["tcp-frame-error"]);
    expect(cut[0]?.message).toMatch(
      /^connection 0 client-to-server: .+; later messages of this direction are not extracted$/,
    );
  });

  it("rejects a bad maxFragmentedDatagrams by name", () => {
    expect(() => new DhcpTrafficExtractor({ maxFragmentedDatagrams: 1.5 })).toThrow(
      "maxFragmentedDatagrams must be a positive integer, got 1.5",
    );
  });
});

describe("limits passed to the TCP reassembler one at a time", () => {
  const seg = (seq: number, flags: number, payload?: Uint8Array) =>
    ethernet(0x86dd, ipv6({ protocol: 6, payload: tcp({ srcPort: 40000, dstPort: 547, seq, flags, payload }) }));
  // Three out-of-order bytes after a SYN: more than a limit of 2 can hold.
  const frames = [seg(0, SYN), seg(10, ACK, Uint8Array.of(1, 2, 3))];

  for (const options of [{ maxBufferedBytes: 2 }, { maxBufferedBytesPerDirection: 2 }]) {
    it(`passes ${Object.keys(options)[0]} on`, () => {
      // With the limit the hole is given up at packet 1; without it, only at the end of the capture.
      expect(run(frames, options).diagnostics.map((d) => [d.code, d.packetIndex])).toEqual([["tcp-gap", 1]]);
      expect(run(frames).diagnostics.map((d) => [d.code, d.packetIndex])).toEqual([["tcp-gap", null]]);
    });
  }
});

describe("fragment reassembly keys", () => {
  it("keeps apart interleaved datagrams that differ only in protocol or identification", () => {
    const u = udp(68, 67, new Uint8Array(40).fill(4)); // 48 bytes
    const t = tcp({ srcPort: 4000, dstPort: 67, seq: 1, flags: ACK, payload: framed(new Uint8Array(30).fill(5)) }); // 52
    const frag = (protocol: number, d: Uint8Array, offset: number, end: number, more: boolean, id: number) =>
      ethernet(
        0x0800,
        ipv4({ protocol, payload: d.subarray(offset, end), id, moreFragments: more, fragmentOffset: offset }),
      );
    const u2 = udp(68, 67, new Uint8Array(40).fill(6));
    const { messages, diagnostics } = run([
      frag(17, u, 0, 24, true, 7),
      frag(6, t, 0, 24, true, 7),
      frag(17, u2, 0, 24, true, 8),
      frag(17, u, 24, 48, false, 7),
      frag(6, t, 24, 52, false, 7),
      frag(17, u2, 24, 48, false, 8),
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(["tcp-no-handshake"]);
    expect(messages.map((m) => [m.transport, m.packetIndex, m.payload[0], m.payload.length])).toEqual([
      ["udp", 3, 4, 40],
      ["tcp", 4, 5, 30],
      ["udp", 5, 6, 40],
    ]);
  });

  it("reassembles IPv6 fragments of another protocol and then ignores them", () => {
    const icmp = new Uint8Array(32).fill(1);
    const frag6 = (offset: number, end: number, more: boolean) =>
      ethernet(
        0x86dd,
        ipv6({ protocol: 58, payload: icmp.subarray(offset, end), ext: [fragmentHeader(offset, more, 9)] }),
      );
    expect(run([frag6(0, 16, true), frag6(16, 32, false)]).events).toEqual([]);
  });
});

describe("stream events", () => {
  it("gives the DHCPv4 kind to every event of a port-67 connection", () => {
    const seg = (seq: number, flags: number, payload?: Uint8Array) =>
      ethernet(0x0800, ipv4({ protocol: 6, payload: tcp({ srcPort: 4000, dstPort: 67, seq, flags, payload }) }));
    const m = Uint8Array.of(1, 2, 3);
    const { events } = run([seg(0, SYN), seg(1, ACK | FIN, concat(framed(m)))]);
    expect(events.map((e) => (e.type === "diagnostic" ? e.code : [e.type, e.kind]))).toEqual([
      ["stream", "dhcpv4"],
      ["message", "dhcpv4"],
      ["stream-end", "dhcpv4"],
      ["stream-end", "dhcpv4"],
    ]);
  });
});

describe("what the extractor leaves alone, and when it reports", () => {
  it("ignores TCP data between ports that are not DHCP's", () => {
    const seg = ethernet(
      0x0800,
      ipv4({
        protocol: 6,
        payload: tcp({ srcPort: 80, dstPort: 40000, seq: 1, flags: ACK, payload: Uint8Array.of(1) }),
      }),
    );
    expect(run([seg]).events).toEqual([]);
  });

  it("reports a bad frame at the packet that carried it, after the good frames before it", () => {
    const c = (seq: number, flags: number, payload?: Uint8Array) =>
      ethernet(0x86dd, ipv6({ protocol: 6, payload: tcp({ srcPort: 40000, dstPort: 547, seq, flags, payload }) }));
    const good = framed(dhcpv6Message(14, 1));
    const { events } = run([c(0, SYN), c(1, ACK, concat(good, Uint8Array.of(0, 0)))]);
    expect(events.slice(0, 3).map((e) => [e.type, e.packetIndex])).toEqual([
      ["stream", 1],
      ["message", 1],
      ["diagnostic", 1],
    ]);
  });
});
