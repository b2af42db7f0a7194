/**
 * Cases for the mutants Stryker left alive in src/v4/find.ts and
 * src/v4/build.ts. Expected bytes are written out from RFC 2131 §2 (the
 * 236-byte header, ciaddr at byte 12), RFC 2131 §3 (the cookie), RFC 2132
 * §2 (code, length, data) and RFC 4388 §6.4.1 / RFC 6926 §6.2 (the
 * DHCPLEASEACTIVE options), not produced by the encoder.
 */
import { describe, expect, it } from "vitest";
import { toHex } from "../../src/index.js";
import { buildDhcpv4LeaseActive, buildDhcpv4LeaseQueryDone } from "../../src/v4/build.js";
import { dhcpv4OptionEntries, findDhcpv4Option, findRelayAgentSubOption } from "../../src/v4/find.js";
import { decodeDhcpv4, encodeDhcpv4 } from "../../src/v4/message.js";
import { message, opt, value } from "./helpers.js";

// op 2 (BOOTREPLY), htype 0, hlen 0, hops 0, xid 7, secs 0, flags 0,
// ciaddr 192.0.2.5, yiaddr/siaddr/giaddr 0, chaddr/sname/file zero, cookie.
const REPLY_HEADER =
  "02000000" + // op, htype, hlen, hops
  "00000007" + // xid
  "00000000" + // secs, flags
  "c0000205" + // ciaddr
  "00".repeat(12) + // yiaddr, siaddr, giaddr
  "00".repeat(16 + 64 + 128) + // chaddr, sname, file
  "63825363";

describe("buildDhcpv4LeaseActive", () => {
  it("without chaddr or leaseTime leaves the header zero and sends only type and state", () => {
    const m = buildDhcpv4LeaseActive({ xid: 7, address: "192.0.2.5" });
    // 53 = DHCPLEASEACTIVE (13), 156 = ACTIVE (2), end.
    expect(toHex(encodeDhcpv4(m))).toBe(`${REPLY_HEADER}35010d9c0102ff`);
  });

  it("copies the relay agent information and the associated addresses", () => {
    const m = buildDhcpv4LeaseActive({
      xid: 7,
      address: "192.0.2.5",
      relayAgentInformation: [{ code: 1, circuitId: Uint8Array.of(0x61, 0x62, 0x63) }],
      associatedIp: ["192.0.2.6", "192.0.2.7"],
    });
    // 82: circuit-id (1) of 3 bytes; 92: two addresses, 8 bytes.
    expect(toHex(encodeDhcpv4(m))).toBe(`${REPLY_HEADER}35010d9c0102520501036162635c08c0000206c0000207ff`);
  });
});

describe("dhcpv4OptionEntries", () => {
  it("adds file and sname only when they hold options, not their bytes", () => {
    expect(dhcpv4OptionEntries(buildDhcpv4LeaseQueryDone({ xid: 1 }))).toEqual([
      { code: 53, messageType: 15 },
      { code: 255 },
    ]);
  });
});

describe("findDhcpv4Option skips what is not an option", () => {
  it("skips null and undefined entries instead of throwing (@throws never)", () => {
    const m = value([null, undefined, { code: 53, messageType: 13 }, { code: 255 }]);
    expect(findDhcpv4Option(m, 53)).toEqual({ code: 53, messageType: 13 });
  });

  it("never returns a pad or an end entry, whatever fields it carries", () => {
    const m = value([
      { code: 0, data: Uint8Array.of(1) },
      { code: 255, data: Uint8Array.of(2) },
    ]);
    expect(findDhcpv4Option(m, 0)).toBeUndefined();
    expect(findDhcpv4Option(m, 255)).toBeUndefined();
  });

  it("does not return the continuation of a declared option kept raw", () => {
    // Option 82 in two runs: [0c 05] pad [00 00]: relay-id length 5 with 2
    // bytes left, so the joined value is kept raw and the second run is a
    // continuation entry.
    const m = decodeDhcpv4(message([...opt(82, [12, 5]), 0, ...opt(82, [0, 0]), 255]), { keepMalformedOptions: true });
    expect(m.options[2]).toEqual({ code: 82, continuation: 2 });
    expect(findDhcpv4Option(m, 82)).toBeUndefined();
    expect(findRelayAgentSubOption(m, 12)).toBeUndefined();
  });
});
