/**
 * Captures of a real ISC dhcpd 4.4.3-P1 answering leasequeries
 * (fixtures/isc, made by fixtures/isc/make-captures.sh). Every DHCP message
 * in them is found by the capture reader and decoded; the expected values
 * were read by hand from the bytes and agree with tshark 4.0.17's reading
 * (fixtures/isc/*.pcap.tshark.txt) unless a comment says otherwise.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CapturedDhcpMessage, dhcpMessagesFromCapture, readCapture } from "../../src/capture/index.js";
import {
  DecodeError,
  type Dhcpv4Message,
  type Dhcpv6Message,
  decode,
  decodeDhcpv4,
  encode,
  encodeDhcpv4,
  findOption,
  toHex,
} from "../../src/index.js";

const dir = join(__dirname, "fixtures", "isc");
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));

function messagesOf(name: string): { messages: CapturedDhcpMessage[]; notes: string[] } {
  const notes: string[] = [];
  const messages = [...dhcpMessagesFromCapture(file(name), { onDiagnostic: (d) => notes.push(d.code) })].map((m) => ({
    ...m,
    payload: m.payload.slice(),
  }));
  return { messages, notes };
}

/** The body of the first DHCPv4 option `code`, found by walking the option area by hand (RFC 2132 §2). */
function v4OptionBody(m: Uint8Array, code: number): string | undefined {
  for (let p = 240; p < m.length; ) {
    const c = m[p] as number;
    if (c === 255) return undefined;
    if (c === 0) {
      p++;
      continue;
    }
    const len = m[p + 1] as number;
    if (c === code) return toHex(m.subarray(p + 2, p + 2 + len));
    p += 2 + len;
  }
  return undefined;
}

const u32 = (n: number): string => n.toString(16).padStart(8, "0");

describe("ISC dhcpd -6: LEASEQUERY over UDP (isc-dhcpv6.pcap)", () => {
  const { messages, notes } = messagesOf("isc-dhcpv6.pcap");
  const v6 = (i: number): Dhcpv6Message => decode((messages[i] as CapturedDhcpMessage).payload);

  it("finds the 16 UDP messages of the 18 packets; the refused TCP connection carries none", () => {
    // tshark: frames 1-16 DHCPv6, 17 a SYN to port 547, 18 the RST, ACK.
    expect(readCapture(file("isc-dhcpv6.pcap")).length).toBe(18);
    expect(messages.map((m) => [m.kind, m.transport, m.packetIndex])).toEqual(
      Array.from({ length: 16 }, (_, i) => ["dhcpv6", "udp", i]),
    );
    expect(notes).toEqual([]);
    // Requests from the requestor's port 546 to 547, replies back.
    for (const [i, m] of messages.entries()) {
      const [from, to] = i % 2 === 0 ? ["fd14:c::2", "fd14:c::1"] : ["fd14:c::1", "fd14:c::2"];
      expect([m.src.address, m.src.port, m.dst.address, m.dst.port]).toEqual(
        i % 2 === 0 ? [from, 546, to, 547] : [from, 547, to, 546],
      );
    }
    // tshark frame 1: epoch 1796588754.116983 (pcap microseconds); frame 2: .122485.
    expect(messages[0]?.timestamp).toEqual({ seconds: 1796588754, nanoseconds: 116983000 });
    expect(messages[1]?.timestamp).toEqual({ seconds: 1796588754, nanoseconds: 122485000 });
  });

  it("decodes every message, LEASEQUERY then LEASEQUERY-REPLY with the same xid, and re-encodes each byte for byte", () => {
    for (const [i, m] of messages.entries()) {
      const d = decode(m.payload);
      expect(d.msgType).toBe(i % 2 === 0 ? 14 : 15);
      // make-queries.ts numbers its queries 0x0a0001 to 0x0a0008.
      expect("transactionId" in d ? d.transactionId : undefined).toBe(0x0a0001 + Math.floor(i / 2));
      expect(toHex(encode(d))).toBe(toHex(m.payload));
    }
  });

  it("answers a query by a leased address with CLIENT_DATA: the client's DUID, the IAADDR, CLT_TIME", () => {
    // Frame 2, bytes 4-57: option 45 (len 50) = CLIENTID 00030001 020000000200,
    // IAADDR fd14:c::100 preferred 0x708 valid 0xe10, CLT_TIME 0x6b15b6b9.
    for (const i of [1, 3]) {
      const reply = v6(i);
      const data = findOption(reply.options, 45);
      expect(data?.options.map((o) => o.code)).toEqual([1, 5, 46]);
      expect(findOption(data?.options ?? [], 1)?.duid).toEqual({
        duidType: 3,
        hardwareType: 1,
        linkLayerAddress: Uint8Array.of(2, 0, 0, 0, 2, 0),
      });
      const iaaddr = findOption(data?.options ?? [], 5);
      expect([iaaddr?.address, iaaddr?.preferredLifetime, iaaddr?.validLifetime]).toEqual(["fd14:c::100", 1800, 3600]);
      // RFC 5007 §4.1.2.2 makes CLT_TIME seconds since the client's last
      // transaction; ISC sends the lease's cltt as seconds since 1970
      // (1796585145 = 2026-12-06 19:25:45 UTC, an hour before the capture).
      // Wireshark 4.0 shows the number ("Clt_time: 1796585145") without
      // noticing it is not a duration.
      expect(findOption(data?.options ?? [], 46)?.cltTime).toBe(0x6b15b6b9);
      // The requestor's own CLIENTID echoed, and the server's DUID-LL.
      expect(findOption(reply.options, 1)?.duid).toEqual({
        duidType: 3,
        hardwareType: 1,
        linkLayerAddress: Uint8Array.of(2, 0, 0, 0, 0, 2),
      });
      expect(findOption(reply.options, 2)?.duid).toEqual({
        duidType: 3,
        hardwareType: 1,
        linkLayerAddress: Uint8Array.of(2, 0, 0, 0, 0, 0x0a),
      });
    }
  });

  it("reads the status ISC gives to what it does not answer", () => {
    // Frame 6: an address in the pool that is not leased: no CLIENT_DATA, no STATUS_CODE (Success).
    expect(v6(5).options.map((o) => o.code)).toEqual([1, 2]);
    // Frames 8, 10, 12, 14, 16: STATUS_CODE (13) with the code and text read from the bytes.
    const status = (i: number) => {
      const s = findOption(v6(i).options, 13);
      return [s?.statusCode, s?.statusMessage];
    };
    expect(status(7)).toEqual([9, "Address not in a pool."]); // NotConfigured
    for (const i of [9, 11, 13]) expect(status(i)).toEqual([7, "QUERY_BY_CLIENTID not supported."]); // UnknownQueryType
    expect(status(15)).toEqual([7, "Unknown query-type."]);
  });
});

describe("ISC dhcpd -4: DHCPLEASEQUERY (isc-dhcpv4.pcap)", () => {
  const { messages, notes } = messagesOf("isc-dhcpv4.pcap");
  const payload = (i: number): Uint8Array => (messages[i] as CapturedDhcpMessage).payload;
  const v4 = (i: number): Dhcpv4Message => decodeDhcpv4(payload(i));
  const lenient = (i: number): Dhcpv4Message => decodeDhcpv4(payload(i), { lenientHeader: true });
  /** The replies that carry hlen 255 (tshark frames 4 and 20). */
  const HLEN_255 = [3, 19];

  it("finds the 20 messages, queries from giaddr's port 67 and replies back to it", () => {
    expect(notes).toEqual([]);
    expect(messages.map((m) => [m.kind, m.transport, m.packetIndex])).toEqual(
      Array.from({ length: 20 }, (_, i) => ["dhcpv4", "udp", i]),
    );
    for (const [i, m] of messages.entries()) {
      const ends = [`${m.src.address}:${m.src.port}`, `${m.dst.address}:${m.dst.port}`];
      expect(ends).toEqual(i % 2 === 0 ? ["10.140.0.2:67", "10.140.0.1:67"] : ["10.140.0.1:67", "10.140.0.2:67"]);
    }
    // tshark frame 20: epoch 1796588765.553909.
    expect(messages[19]?.timestamp).toEqual({ seconds: 1796588765, nanoseconds: 553909000 });
  });

  it("decodes every message (the two hlen-255 replies with lenientHeader), and re-encodes each byte for byte", () => {
    // [xid, option 53, ciaddr] of each message, read from bytes 4-7, 12-15 and option 53.
    const expected: [number, number, string][] = [
      [0x40000001, 10, "10.140.0.100"],
      [0x40000001, 13, "10.140.0.100"],
      [0x40000009, 10, "10.140.0.104"],
      [0x40000009, 13, "10.140.0.104"],
      [0x40000002, 10, "10.140.0.102"],
      [0x40000002, 11, "10.140.0.102"],
      [0x40000003, 10, "10.140.0.103"],
      [0x40000003, 11, "10.140.0.103"],
      [0x40000004, 10, "10.140.0.140"],
      [0x40000004, 11, "10.140.0.140"],
      [0x40000005, 10, "192.0.2.7"],
      [0x40000005, 12, "192.0.2.7"],
      [0x40000006, 10, "0.0.0.0"],
      [0x40000006, 13, "10.140.0.101"],
      [0x40000007, 10, "0.0.0.0"],
      [0x40000007, 12, "0.0.0.0"],
      [0x40000008, 10, "0.0.0.0"],
      [0x40000008, 13, "10.140.0.100"],
      [0x4000000a, 10, "0.0.0.0"],
      [0x4000000a, 13, "10.140.0.104"],
    ];
    expect(messages.map((_, i) => v4OptionBody(payload(i), 53))).toEqual(
      expected.map(([, t]) => t.toString(16).padStart(2, "0")),
    );
    for (const [i, [xid, type, ciaddr]] of expected.entries()) {
      const m = HLEN_255.includes(i) ? lenient(i) : v4(i);
      expect([m.op, m.xid, m.options[0], m.ciaddr, m.giaddr]).toEqual([
        i % 2 === 0 ? 1 : 2,
        xid,
        { code: 53, messageType: type },
        ciaddr,
        "10.140.0.2",
      ]);
      expect(toHex(encodeDhcpv4(m))).toBe(toHex(payload(i)));
    }
  });

  it("reads the lease of an active binding: chaddr, lease time, renewal and rebinding, last transaction, client id", () => {
    // Frame 2 (by address .100): htype 1, hlen 6, chaddr 02:00:00:00:01:00;
    // 51 = 0x1c0d (7181 s), 58 = 0x6f5 (1781 s), 59 = 0x16c7 (5831 s), 91 = 0xe23 (3619 s), 61 = 01 020000000100.
    const r = v4(1);
    expect([r.htype, r.hlen, r.chaddr]).toEqual([1, 6, "02:00:00:00:01:00"]);
    expect(r.options.map((o) => o.code)).toEqual([53, 54, 51, 58, 59, 91, 61, 255]);
    expect(r.options[1]).toEqual({ code: 54, serverIdentifier: "10.140.0.1" });
    expect(r.options[2]).toEqual({ code: 51, leaseTime: 7181 });
    expect(r.options[5]).toEqual({ code: 91, clientLastTransactionTime: 3619 });
    expect(r.options[6]).toEqual({ code: 61, type: 1, clientIdentifier: Uint8Array.of(2, 0, 0, 0, 1, 0) });
    // Options 58 and 59 are checked on the bytes: their decoded form is not this test's concern.
    expect([v4OptionBody(payload(1), 58), v4OptionBody(payload(1), 59)]).toEqual([u32(1781), u32(5831)]);
    // Frame 14 (by MAC .101): the same options but no client id (the lease has none); a second later, one second less.
    const byMac = v4(13);
    expect([byMac.chaddr, byMac.options.map((o) => o.code)]).toEqual([
      "02:00:00:00:01:01",
      [53, 54, 51, 58, 59, 91, 255],
    ]);
    expect(byMac.options[2]).toEqual({ code: 51, leaseTime: 7180 });
  });

  it("reads what ISC adds to unassigned and unknown replies: the subnet's routers, DNS server and domain name", () => {
    // Frames 6, 8, 10 (DHCPLEASEUNASSIGNED) and 12, 16 (DHCPLEASEUNKNOWN): 53, 54, 3, 6, 15 "lq.test".
    for (const i of [5, 7, 9, 11, 15]) {
      const m = v4(i);
      expect(m.options.map((o) => o.code)).toEqual([53, 54, 3, 6, 15, 255]);
      expect(v4OptionBody(payload(i), 15)).toBe(toHex(new TextEncoder().encode("lq.test")));
    }
    // Frame 16: the unknown MAC is echoed in chaddr.
    expect([v4(15).htype, v4(15).hlen, v4(15).chaddr]).toEqual([1, 6, "02:00:00:00:01:99"]);
  });

  it("decodes ISC's hlen 255 (an active lease without hardware) with lenientHeader: the lease, and the anomaly at hlen", () => {
    // Frames 4 and 20, read from the bytes: 02 00 ff 00 (op 2, htype 0, hlen 255, hops 0),
    // xid 40000009 / 4000000a, secs 0, flags 0, ciaddr 0a8c0068 (10.140.0.104), yiaddr,
    // siaddr 0, giaddr 0a8c0002, chaddr bytes 28-43 all zero, sname and file zero.
    // Options: 53 = 0d, 54 = 0a8c0001, 51 = 00001c0d / 00001c0c (7181 s / 7180 s),
    // 58 = 000006f5 / 000006f4, 59 = 000016c7 / 000016c6, 91 = 00000e23 / 00000e24,
    // 61 = 01 020000000104, 255. tshark agrees (frame 4: "Lease Active", 7181 s, 1781 s, 5831 s, 3619 s).
    // Wireshark 4.0 names htype 0 "NET/ROM pseudo", shows "Hardware address
    // length: 255" and "Client address not given", and decodes the options.
    const facts = [
      [0x40000009, 7181, 1781, 5831, 3619],
      [0x4000000a, 7180, 1780, 5830, 3620],
    ];
    for (const [k, i] of HLEN_255.entries()) {
      const [xid, lease, renewal, rebinding, clt] = facts[k] as number[];
      const p = payload(i);
      const m = lenient(i);
      expect([m.op, m.htype, m.hlen, m.hops, m.xid, m.secs, m.flags]).toEqual([2, 0, 255, 0, xid, 0, 0]);
      expect([m.ciaddr, m.yiaddr, m.siaddr, m.giaddr]).toEqual(["10.140.0.104", "0.0.0.0", "0.0.0.0", "10.140.0.2"]);
      // hlen 255 cannot describe chaddr: its 16 bytes are kept raw.
      expect(m.chaddr).toEqual(new Uint8Array(16));
      expect(m.options).toEqual([
        { code: 53, messageType: 13 },
        { code: 54, serverIdentifier: "10.140.0.1" },
        { code: 51, leaseTime: lease },
        expect.objectContaining({ code: 58 }),
        expect.objectContaining({ code: 59 }),
        { code: 91, clientLastTransactionTime: clt },
        { code: 61, type: 1, clientIdentifier: Uint8Array.of(2, 0, 0, 0, 1, 4) },
        { code: 255 },
      ]);
      expect([v4OptionBody(p, 58), v4OptionBody(p, 59)]).toEqual([u32(renewal as number), u32(rebinding as number)]);
      expect(m.headerAnomalies?.map((a) => [a.code, a.offset, a.path])).toEqual([["invalid-value", 2, "hlen"]]);
      // hlen is kept as read, so the message re-encodes byte for byte.
      expect(toHex(encodeDhcpv4(m))).toBe(toHex(p));
    }
    // Only these two carry an anomaly.
    const flagged = messages.map((_, i) => lenient(i).headerAnomalies !== undefined);
    expect(flagged.flatMap((f, i) => (f ? [i] : []))).toEqual(HLEN_255);
  });

  it("rejects ISC's hlen 255 in strict mode (the library default), at hlen", () => {
    for (const i of HLEN_255) {
      let error: unknown;
      try {
        decodeDhcpv4(payload(i));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DecodeError);
      expect([(error as DecodeError).code, (error as DecodeError).offset, (error as DecodeError).path]).toEqual([
        "invalid-value",
        2,
        "hlen",
      ]);
    }
  });
});
