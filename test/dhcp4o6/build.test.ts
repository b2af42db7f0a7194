/**
 * The DHCP4o6 constructors against the hand-built vectors: a built message
 * must encode to the vector's bytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildDhcp4o6ActiveLeasequery,
  buildDhcp4o6Leasequery,
  buildDhcp4o6LeasequeryData,
  buildDhcp4o6LeasequeryDone,
  buildDhcp4o6LeasequeryReply,
  dhcp4o6QueryType,
  dhcpv6StatusOf,
} from "../../src/dhcp4o6/build.js";
import { encode, toHex } from "../../src/index.js";
import {
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
} from "../../src/v4/build.js";

const vector = (name: string): string =>
  (JSON.parse(readFileSync(join(__dirname, "..", "..", "vectors", "v4", `${name}.json`), "utf8")) as { hex: string })
    .hex;

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
