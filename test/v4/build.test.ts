/**
 * The constructors against the hand-built vectors: a built message must
 * encode to the vector's bytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encode, toHex } from "../../src/index.js";
import {
  buildDhcp4o6ActiveLeasequery,
  buildDhcp4o6Leasequery,
  buildDhcp4o6LeasequeryData,
  buildDhcp4o6LeasequeryDone,
  buildDhcp4o6LeasequeryReply,
  buildDhcpv4ActiveLeasequery,
  buildDhcpv4BulkLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
  dhcp4o6QueryType,
  dhcpv4StatusCodeOption,
  dhcpv6StatusOf,
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

describe("DHCP4o6 builders", () => {
  it("LEASEQUERY by address matches the vector", () => {
    const m = buildDhcp4o6Leasequery(
      { address: "192.0.2.5" },
      { transactionId: 1, xid: 0x101, requestedOptions: [5, 46], parameterRequestList: [51, 82, 153] },
    );
    expect(toHex(encode(m))).toBe(vector("dhcp4o6-leasequery-by-address"));
  });

  it("ACTIVELEASEQUERY by relay id matches the vector", () => {
    const m = buildDhcp4o6ActiveLeasequery(
      { relayId: Uint8Array.of(1, 2) },
      {
        transactionId: 2,
        xid: 0x201,
        requestedOptions: [100],
        queryOptions: [{ code: 53, duid: { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } }],
      },
    );
    expect(toHex(encode(m))).toBe(vector("dhcp4o6-activeleasequery-by-relay-id"));
  });

  it("query types, requestor id, link address and the default xid", () => {
    expect(dhcp4o6QueryType({ address: "192.0.2.1" })).toBe(1);
    expect(dhcp4o6QueryType({ clientId: { type: 0, clientIdentifier: Uint8Array.of(1) } })).toBe(2);
    expect(dhcp4o6QueryType({ relayId: Uint8Array.of(1) })).toBe(3);
    expect(dhcp4o6QueryType({ remoteId: Uint8Array.of(1) })).toBe(5);
    const m = buildDhcp4o6Leasequery(
      { remoteId: Uint8Array.of(1) },
      {
        transactionId: 7,
        requestedOptions: [],
        linkAddress: "2001:db8::",
        requestorId: { duidType: 4, uuid: new Uint8Array(16) },
      },
    );
    expect(m.options[0]).toEqual({ code: 1, duid: { duidType: 4, uuid: new Uint8Array(16) } });
    expect(m.options[1]).toMatchObject({ code: 44, queryType: 5, linkAddress: "2001:db8::" });
    const v4 = (m.options[2] as { dhcpv4Message: { xid: number } }).dhcpv4Message;
    expect(v4.xid).toBe(7);
  });

  it("LEASEQUERY-REPLY, -DATA and -DONE match the vectors", () => {
    const active = buildDhcpv4LeaseActive({
      xid: 0x202,
      address: "192.0.2.5",
      chaddr: "02:00:00:00:00:01",
      baseTime: 1600000000,
      leaseTime: 3600,
    });
    const reply = buildDhcp4o6LeasequeryReply({ transactionId: 3 }, active, [
      { code: 5, address: "2001:db8::5", preferredLifetime: 1800, validLifetime: 3600, options: [] },
      { code: 46, cltTime: 60 },
    ]);
    expect(toHex(encode(reply))).toBe(vector("dhcp4o6-leasequery-reply-active"));

    const unassigned = buildDhcpv4LeaseUnassigned({ xid: 0x203, address: "192.0.2.9", dhcpState: 1 });
    const data = buildDhcp4o6LeasequeryData({ transactionId: 3 }, unassigned, [{ code: 46, cltTime: 0 }]);
    expect(toHex(encode(data))).toBe(vector("dhcp4o6-leasequery-data-unassigned"));

    const done = buildDhcp4o6LeasequeryDone(
      { transactionId: 3 },
      buildDhcpv4LeaseQueryDone({ xid: 0x204, statusCode: 2 }),
    );
    expect(toHex(encode(done))).toBe(vector("dhcp4o6-leasequery-done-terminated"));

    const status = buildDhcp4o6LeasequeryData(
      { transactionId: 2, baseTime: 653316800 },
      buildDhcpv4LeaseQueryStatus({ xid: 0x205, statusCode: 7 }),
    );
    expect(toHex(encode(status))).toBe(vector("dhcp4o6-leasequery-data-status"));
  });

  it("status: explicit, derived, Success and ConnectionActive", () => {
    const status6 = (m: { options: { code: number }[] }) => m.options.find((o) => o.code === 13);
    const success = buildDhcp4o6LeasequeryDone(
      { transactionId: 1 },
      buildDhcpv4LeaseQueryDone({ xid: 1, statusCode: 0 }),
    );
    expect(status6(success)).toBeUndefined();
    const active = buildDhcp4o6LeasequeryDone(
      { transactionId: 1 },
      buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: 6 }),
    );
    expect(status6(active)).toBeUndefined();
    const explicit = buildDhcp4o6LeasequeryDone(
      { transactionId: 1, statusCode: 10, statusMessage: "no", serverId: { duidType: 4, uuid: new Uint8Array(16) } },
      buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: 4, statusMessage: "nope" }),
    );
    expect(explicit.options.slice(0, 2)).toEqual([
      { code: 2, duid: { duidType: 4, uuid: new Uint8Array(16) } },
      { code: 13, statusCode: 10, statusMessage: "no" },
    ]);
    const derivedText = buildDhcp4o6LeasequeryDone(
      { transactionId: 1 },
      buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: 5, statusMessage: "gone" }),
    );
    expect(status6(derivedText)).toEqual({ code: 13, statusCode: 12, statusMessage: "gone" });
    expect(buildDhcp4o6LeasequeryDone({ transactionId: 1, statusCode: 11 }).options).toEqual([
      { code: 13, statusCode: 11, statusMessage: "" },
    ]);
    expect(buildDhcpv4LeaseQueryDone({ xid: 1 }).options).toEqual([{ code: 53, messageType: 15 }, { code: 255 }]);
    const bare = buildDhcp4o6LeasequeryDone({ transactionId: 1, options: [{ code: 46, cltTime: 1 }] });
    expect(bare.options).toEqual([{ code: 46, cltTime: 1 }]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(dhcpv6StatusOf)).toEqual([
      0,
      1,
      11,
      8,
      10,
      12,
      undefined,
      13,
      15,
      undefined,
    ]);
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
