/**
 * The constructors against the hand-built vectors: a built message must
 * encode to the vector's bytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toHex } from "../../src/index.js";
import {
  buildDhcpv4ActiveLeasequery,
  buildDhcpv4BulkLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
  dhcpv4StatusCodeOption,
} from "../../src/v4/build.js";
import { encodeDhcpv4 } from "../../src/v4/message.js";

const vector = (name: string): string =>
  (JSON.parse(readFileSync(join(__dirname, "..", "..", "vectors", "v4", `${name}.json`), "utf8")) as { hex: string })
    .hex;

describe("DHCPv4 builders", () => {
  it("bulk leasequery by address, client id, relay id and remote id", () => {
    const byAddress = buildDhcpv4BulkLeasequery(
      { address: "192.0.2.5" },
      { xid: 0x101, parameterRequestList: [51, 82, 153] },
    );
    expect(toHex(encodeDhcpv4(byAddress))).toBe(vector("bulk-leasequery-by-address"));
    const byClientId = buildDhcpv4BulkLeasequery(
      { clientId: { type: 1, clientIdentifier: Uint8Array.of(2, 0, 0, 0, 0, 1) } },
      { xid: 0x102 },
    );
    expect(toHex(encodeDhcpv4(byClientId))).toBe(vector("bulk-leasequery-by-client-id"));
    const byRelayId = buildDhcpv4BulkLeasequery(
      { relayId: Uint8Array.of(1, 2, 3, 4) },
      { xid: 0x103, queryStartTime: 1600000000, queryEndTime: 1600086400 },
    );
    expect(toHex(encodeDhcpv4(byRelayId))).toBe(vector("bulk-leasequery-by-relay-id"));
    const byRemoteId = buildDhcpv4BulkLeasequery({ remoteId: Uint8Array.of(0x61, 0x62, 0x63) }, { xid: 0x104 });
    // The vector also has 3 bytes of padding after the end option.
    expect(`${toHex(encodeDhcpv4(byRemoteId))}000000`).toBe(vector("bulk-leasequery-by-remote-id"));
  });

  it("active leasequery, with extra options", () => {
    const m = buildDhcpv4ActiveLeasequery(undefined, {
      xid: 0x109,
      queryStartTime: 1600000000,
      parameterRequestList: [152, 153],
    });
    // The vector puts query-start-time before the parameter request list.
    expect(m.options.map((o) => o.code)).toEqual([53, 55, 154, 255]);
    const extra = buildDhcpv4ActiveLeasequery(
      { address: "192.0.2.1" },
      { xid: 1, options: [{ code: 43, data: Uint8Array.of(1) }] },
    );
    expect(extra.ciaddr).toBe("192.0.2.1");
    expect(extra.options.map((o) => o.code)).toEqual([53, 43, 255]);
  });

  it("lease unassigned, done and status", () => {
    const unassigned = buildDhcpv4LeaseUnassigned({
      xid: 0x106,
      address: "192.0.2.9",
      serverIdentifier: "192.0.2.1",
      baseTime: 1600000000,
      dhcpState: 3,
      startTimeOfState: 120,
    });
    expect(toHex(encodeDhcpv4(unassigned))).toBe(vector("lease-unassigned"));
    const done = buildDhcpv4LeaseQueryDone({ xid: 0x108, statusCode: 2, statusMessage: "terminated" });
    expect(toHex(encodeDhcpv4(done))).toBe(vector("leasequery-done-terminated"));
    const status = buildDhcpv4LeaseQueryStatus({ xid: 0x10a, statusCode: 7, baseTime: 1600000000 });
    expect(toHex(encodeDhcpv4(status))).toBe(vector("leasequery-status-catch-up-complete"));
    expect(buildDhcpv4LeaseQueryStatus({ xid: 1 }).options[1]).toEqual({ code: 151, statusCode: 0, statusMessage: "" });
    expect(buildDhcpv4LeaseUnassigned({ xid: 1, address: "192.0.2.1" }).options).toEqual([
      { code: 53, messageType: 11 },
      { code: 255 },
    ]);
    expect(dhcpv4StatusCodeOption(4, "no")).toEqual({ code: 151, statusCode: 4, statusMessage: "no" });
  });

  it("lease active with every field", () => {
    const m = buildDhcpv4LeaseActive({
      xid: 0x12345678,
      address: "192.0.2.5",
      chaddr: "02:00:00:00:00:01",
      serverIdentifier: "192.0.2.1",
      baseTime: 1600000000,
      leaseTime: 3600,
      startTimeOfState: 3600,
      clientLastTransactionTime: 60,
      dataSource: 1,
      clientId: { type: 1, clientIdentifier: Uint8Array.of(2, 0, 0, 0, 0, 1) },
      relayAgentInformation: [{ code: 1, circuitId: Uint8Array.of(0, 0, 0, 1) }],
      associatedIp: ["192.0.2.6", "192.0.2.7"],
      options: [{ code: 43, data: Uint8Array.of(1, 2) }],
    });
    expect(m.flags).toBe(0);
    expect(m.options.map((o) => o.code)).toEqual([53, 54, 152, 51, 153, 91, 156, 157, 61, 82, 92, 43, 255]);
    const bytes = encodeDhcpv4(m);
    expect(toHex(bytes.subarray(0, 12))).toBe("020106001234567800000000");
    expect(toHex(bytes.subarray(28, 34))).toBe("020000000001");
  });
});

// Expected bytes are written out from RFC 2131 §2 (the 236-byte header,
// ciaddr at byte 12), RFC 2131 §3 (the cookie), RFC 2132 §2 (code, length,
// data) and RFC 4388 §6.4.1 / RFC 6926 §6.2 (the DHCPLEASEACTIVE options).
describe("buildDhcpv4LeaseActive: the optional fields, byte for byte", () => {
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
});
