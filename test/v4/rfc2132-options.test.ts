/**
 * The RFC 2132 options a leasequery reply carries (and RFC 4702's client
 * FQDN), decoded from bytes written out by hand from the RFC layouts.
 *
 * Cross-checked with Wireshark 4.0 (`/work/shared/tools/dissect --v4`):
 * - The ACTIVE message below: Wireshark reads every option as we do
 *   (mask 255.255.255.0, routers 192.0.2.1 and 192.0.2.2, T1 1800 s,
 *   T2 3150 s, host name "host1", FQDN flags 0x05 = S|E, A-RR and PTR-RR
 *   results 255, client name host1.example.com).
 * - Wireshark is wrong on option 58 split in two instances of 2 octets
 *   (`3a020000 3a020708`): it reports "length isn't 4" on each instance,
 *   while RFC 3396 §7 makes them one 4-octet value, 0x00000708 = 1800 s.
 * - Two whole instances of 59 (`3b0400000c4e 3b0400000c4f`): Wireshark
 *   shows two values (3150 s, 3151 s); RFC 3396 §7 joins them into one of
 *   8 octets, which is no valid T2, so a strict decode rejects it and a
 *   lenient one keeps the 8 bytes raw.
 * - A NUL-terminated host name (`0c06 686f73743100`): Wireshark shows
 *   "host1" and hides the NUL; we keep the 6 bytes, NUL included, so that
 *   the message re-encodes as it came.
 * - Routers with a length of 6 (not a multiple of 4): Wireshark shows the
 *   first router and an error; we reject it (length-mismatch), or keep it
 *   raw when lenient.
 */
import { describe, expect, it } from "vitest";
import { DHCPV4_OPTION, decodeDhcpv4, encodeDhcpv4, findDhcpv4Option, hex, toHex } from "../../src/index.js";
import { decodeError, header, message } from "./helpers.js";

const ETHERNET_HEADER = (() => {
  const h = header({ htype: 1, hlen: 6, chaddr: [0x00, 0x11, 0x22, 0x33, 0x44, 0x55] });
  h.splice(4, 4, 0x12, 0x34, 0x56, 0x78); // xid
  h.splice(12, 4, 192, 0, 2, 10); // ciaddr
  return h;
})();

/** DHCPLEASEACTIVE with one instance of each option, in this order. */
const OPTIONS = [
  "35010d", // 53 message type 13
  "3604c0000201", // 54 server 192.0.2.1
  "330400000e10", // 51 lease 3600 s
  "3a0400000708", // 58 T1 1800 s
  "3b0400000c4e", // 59 T2 3150 s
  "0104ffffff00", // 1 subnet mask
  "0308c0000201c0000202", // 3 routers
  "0604c0000235", // 6 DNS 192.0.2.53
  "0c05686f737431", // 12 "host1"
  "0f0b6578616d706c652e636f6d", // 15 "example.com"
  "1c04c00002ff", // 28 broadcast 192.0.2.255
  "3204c000020a", // 50 requested 192.0.2.10
  "3703010306", // 55 [1, 3, 6]
  "3d0701001122334455", // 61 type 1 + MAC
  // 81: flags S|E, rcode1 255, rcode2 255, host1.example.com in DNS wire format
  "5116 05ffff 05686f737431 076578616d706c65 03636f6d 00",
  "ff",
].join("");

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("RFC 2132 options of a leasequery reply", () => {
  const bytes = message([...hex(OPTIONS)], ETHERNET_HEADER);

  it("decode to named fields", () => {
    const m = decodeDhcpv4(bytes);
    expect(m.chaddr).toBe("00:11:22:33:44:55");
    expect(m.options).toEqual([
      { code: 53, messageType: 13 },
      { code: 54, serverIdentifier: "192.0.2.1" },
      { code: 51, leaseTime: 3600 },
      { code: 58, renewalTime: 1800 },
      { code: 59, rebindingTime: 3150 },
      { code: 1, subnetMask: "255.255.255.0" },
      { code: 3, routers: ["192.0.2.1", "192.0.2.2"] },
      { code: 6, domainNameServers: ["192.0.2.53"] },
      { code: 12, hostName: ascii("host1") },
      { code: 15, domainName: ascii("example.com") },
      { code: 28, broadcastAddress: "192.0.2.255" },
      { code: 50, requestedAddress: "192.0.2.10" },
      { code: 55, parameterRequestList: [1, 3, 6] },
      { code: 61, type: 1, clientIdentifier: Uint8Array.of(0x00, 0x11, 0x22, 0x33, 0x44, 0x55) },
      {
        code: 81,
        flags: 0x05,
        rcode1: 255,
        rcode2: 255,
        domainName: Uint8Array.of(5, ...ascii("host1"), 7, ...ascii("example"), 3, ...ascii("com"), 0),
      },
      { code: 255 },
    ]);
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(bytes));
  });

  it("are found by code", () => {
    const m = decodeDhcpv4(bytes);
    expect(findDhcpv4Option(m, DHCPV4_OPTION.DHCP_RENEWAL_TIME)?.renewalTime).toBe(1800);
    expect(findDhcpv4Option(m, DHCPV4_OPTION.DHCP_REBINDING_TIME)?.rebindingTime).toBe(3150);
    expect(findDhcpv4Option(m, DHCPV4_OPTION.CLIENT_FQDN)?.flags).toBe(5);
  });

  it("join RFC 3396 instances before the layout applies (58 in two instances of 2 octets)", () => {
    const split = message([...hex("35010d 3a020000 3a020708 ff")], ETHERNET_HEADER);
    const m = decodeDhcpv4(split);
    expect(m.options[1]).toEqual({ code: 58, renewalTime: 1800, split: [2, 2] });
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(split));
  });

  it("reject two whole instances of 59 (one 8-octet value), or keep them raw when lenient", () => {
    const twice = message([...hex("3b0400000c4e 3b0400000c4f ff")], ETHERNET_HEADER);
    const e = decodeError(twice);
    // At the first instance's length byte, as for any joined value that does not fit.
    expect([e.code, e.offset, e.path]).toEqual(["length-mismatch", 241, "options[0](dhcp-rebinding-time)"]);
    const m = decodeDhcpv4(twice, { keepMalformedOptions: true });
    expect(m.options[0]).toMatchObject({ code: 59, data: hex("00000c4e00000c4f") });
    expect(toHex(encodeDhcpv4(m))).toBe(toHex(twice));
  });

  it("keep a NUL-terminated host name as its bytes, NUL included", () => {
    const m = decodeDhcpv4(message([...hex("0c06686f73743100 ff")], ETHERNET_HEADER));
    expect(m.options[0]).toEqual({ code: 12, hostName: Uint8Array.of(...ascii("host1"), 0) });
  });

  it("reject routers whose length is not a multiple of 4", () => {
    const e = decodeError(message([...hex("0306c0000201c000 ff")], ETHERNET_HEADER));
    expect([e.code, e.path]).toEqual(["length-mismatch", "options[0](routers)"]);
  });

  it("leave undeclared codes raw (option 119, domain search, RFC 3397)", () => {
    const m = decodeDhcpv4(message([...hex("7705 03636f6d00 ff")], ETHERNET_HEADER));
    expect(m.options[0]).toEqual({ code: 119, data: hex("03636f6d00") });
  });
});
