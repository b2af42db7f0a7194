/**
 * DHCP4o6 Bulk Leasequery through the sessions (seed 002 §4, §5.1): a
 * binding is a DHCPV4_MSG, a CLIENT_DATA or both; the server's replies put
 * the DHCPLEASEACTIVE / DHCPLEASEUNASSIGNED at message level and end with
 * a DHCPLEASEQUERYDONE; DHCPLEASEQUERYSTATUS (Active only) is refused.
 */
import { describe, expect, it } from "vitest";
import {
  buildDhcp4o6Leasequery,
  buildDhcp4o6LeasequeryData,
  buildDhcp4o6LeasequeryDone,
  buildDhcp4o6LeasequeryReply,
  type Dhcp4o6Binding,
} from "../../src/dhcp4o6/build.js";
import {
  type Dhcpv6Message,
  decode,
  encode,
  findOption,
  leasequeryByLinkAddress,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { BulkRequestor, type BulkRequestorEvent, ServerSession } from "../../src/session/index.js";
import {
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
} from "../../src/v4/build.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { validate } from "../../src/validate/index.js";

const leaseActive = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5" });
const unassigned = buildDhcpv4LeaseUnassigned({ xid: 1, address: "192.0.2.9", dhcpState: 1 });
const query = (transactionId: number) =>
  buildDhcp4o6Leasequery({ address: "192.0.2.0" }, { transactionId, requestedOptions: [46] });
const types = (es: BulkRequestorEvent[]) => es.map((e) => (e.type === "close" ? `close:${e.reason}` : e.type));
/** The message type (option 53) of the DHCPv4 message at message level, or null. */
const v4Type = (m: Dhcpv6Message): number | null => {
  const v4 = findOption(m, 87)?.dhcpv4Message as Dhcpv4Message | undefined;
  const o = v4?.options.find((x) => x.code === 53) as { messageType: number } | undefined;
  return o?.messageType ?? null;
};
const v4Of = (m: Dhcpv6Message) => findOption(m, 87)?.dhcpv4Message as Dhcpv4Message;

describe("BulkRequestor on DHCP4o6 replies", () => {
  it("counts a DHCPV4_MSG without CLIENT_DATA as a binding: the REPLY does not end the query", () => {
    const r = new BulkRequestor();
    r.query(query(1), 0);
    const reply = buildDhcp4o6LeasequeryReply({ transactionId: 1 }, leaseActive);
    const out = r.receive(reply, 1);
    expect(types(out.events)).toEqual(["reply", "binding"]);
    expect(out.events[1]).toMatchObject({ type: "binding", clientData: undefined, dhcpv4: leaseActive });
    expect(r.pending).toEqual([1]);
    // The next DATA belongs to the query still open, not to an unknown transaction.
    const data = buildDhcp4o6LeasequeryData({ transactionId: 1 }, unassigned, [{ code: 46, cltTime: 3 }]);
    const more = r.receive(data, 2).events;
    expect(types(more)).toEqual(["binding"]);
    expect(more[0]).toMatchObject({
      dhcpv4: unassigned,
      clientData: { code: 45, options: [{ code: 46, cltTime: 3 }] },
    });
    const done = buildDhcp4o6LeasequeryDone({ transactionId: 1 }, buildDhcpv4LeaseQueryDone({ xid: 1 }));
    expect(r.receive(done, 3).events).toEqual([
      { type: "query-complete", transactionId: 1, statusCode: 0, statusMessage: "", bindings: 2 },
    ]);
  });

  it("counts a CLIENT_DATA alone as a binding too", () => {
    const r = new BulkRequestor();
    r.query(query(1), 0);
    r.receive(buildDhcp4o6LeasequeryReply({ transactionId: 1 }, leaseActive), 1);
    const data: Dhcpv6Message = { msgType: 17, transactionId: 1, options: [{ code: 45, options: [] }] };
    expect(r.receive(data, 2).events).toMatchObject([{ type: "binding", dhcpv4: undefined }]);
  });

  it("ends on a REPLY carrying a DHCPLEASEQUERYDONE (no binding), with the DHCPv4 status read", () => {
    const r = new BulkRequestor();
    r.query(query(1), 0);
    r.query(query(2), 0);
    const empty = buildDhcp4o6LeasequeryReply({ transactionId: 1 }, buildDhcpv4LeaseQueryDone({ xid: 1 }));
    expect(r.receive(empty, 1).events.at(-1)).toEqual({
      type: "query-complete",
      transactionId: 1,
      statusCode: 0,
      statusMessage: "",
      bindings: 0,
    });
    // NotAllowed (DHCPv4 4) with no DHCPv6 STATUS_CODE: the DHCPv6 meaning is NotAllowed (10).
    const refused: Dhcpv6Message = {
      msgType: 15,
      transactionId: 2,
      options: [{ code: 87, dhcpv4Message: buildDhcpv4LeaseQueryDone({ xid: 2, statusCode: 4, statusMessage: "no" }) }],
    };
    expect(r.receive(refused, 2).events).toMatchObject([
      { type: "reply", statusCode: STATUS_CODE.NotAllowed, statusMessage: "no" },
      { type: "query-complete", statusCode: STATUS_CODE.NotAllowed, bindings: 0 },
    ]);
  });

  const violations: [string, (id: number) => Dhcpv6Message][] = [
    ["a DONE without DHCPLEASEQUERYDONE", (id) => ({ msgType: 16, transactionId: id, options: [] })],
    [
      "a DONE carrying a DHCPLEASEACTIVE",
      (id) => ({ msgType: 16, transactionId: id, options: [{ code: 87, dhcpv4Message: leaseActive }] }),
    ],
    [
      "a DATA carrying a DHCPLEASEQUERYDONE",
      (id) => buildDhcp4o6LeasequeryData({ transactionId: id }, buildDhcpv4LeaseQueryDone({ xid: 1 })),
    ],
    [
      "a DATA carrying a DHCPLEASEQUERYSTATUS (Active only, RFC 7724)",
      (id) => buildDhcp4o6LeasequeryData({ transactionId: id }, buildDhcpv4LeaseQueryStatus({ xid: 1 })),
    ],
  ];
  for (const [name, build] of violations) {
    it(`closes on ${name}`, () => {
      const r = new BulkRequestor();
      r.query(query(1), 0);
      r.receive(buildDhcp4o6LeasequeryReply({ transactionId: 1 }, leaseActive), 1);
      expect(types(r.receive(build(1), 2).events)).toEqual(["query-aborted", "close:protocol-violation"]);
    });
  }

  it("closes on a REPLY without a DHCPv4 message or with a DHCPLEASEQUERYSTATUS", () => {
    for (const reply of [
      { msgType: 15, transactionId: 1, options: [] } as Dhcpv6Message,
      buildDhcp4o6LeasequeryReply({ transactionId: 1 }, buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: 4 })),
    ]) {
      const r = new BulkRequestor();
      r.query(query(1), 0);
      expect(types(r.receive(reply, 1).events)).toEqual(["query-aborted", "close:protocol-violation"]);
    }
  });

  it("does not apply the DHCP4o6 checks to a DHCPv6 query", () => {
    const r = new BulkRequestor();
    r.query(leasequeryByLinkAddress("2001:db8::", { transactionId: 1 }), 0);
    expect(types(r.receive({ msgType: 15, transactionId: 1, options: [] }, 1).events)).toEqual([
      "reply",
      "query-complete",
    ]);
  });
});

describe("ServerSession answering a DHCP4o6 Bulk query", () => {
  const bindings: Dhcp4o6Binding[] = [
    { dhcpv4: buildDhcpv4LeaseActive({ xid: 999, address: "192.0.2.5", leaseTime: 60 }) },
    { dhcpv4: unassigned, related: [{ code: 46, cltTime: 7 }] },
    { dhcpv4: leaseActive, related: [{ code: 46, cltTime: 8 }] },
  ];

  it("puts each DHCPv4 binding at message level and ends with a DHCPLEASEQUERYDONE", () => {
    const s = new ServerSession({ serverId: { duidType: 4, uuid: new Uint8Array(16) } });
    const q = query(4);
    const xid = v4Of(q).xid;
    s.receive(q, 0);
    const send = s.respondBulk(4, bindings, 0).send;
    expect(send.map((m) => [m.msgType, v4Type(m), m.options.map((o) => o.code)])).toEqual([
      [15, 13, [2, 87]],
      [17, 11, [87, 45]],
      [17, 13, [87, 45]],
      [16, 15, [87]],
    ]);
    // Every DHCPv4 reply carries the query's xid (RFC 6926 §7.4), whatever the application set.
    expect(send.map((m) => v4Of(m).xid)).toEqual([xid, xid, xid, xid]);
    // Nothing lands inside CLIENT_DATA: `15:[45{87}]` is gone.
    for (const m of send) {
      const cd = findOption(m, 45);
      expect(cd?.options.some((o) => o.code === 87) ?? false).toBe(false);
      expect(validate(decode(encode(m)), { query: q })).toEqual([]);
    }
    // And the library's own requestor takes the whole answer.
    const r = new BulkRequestor();
    r.query(q, 0);
    const events = send.flatMap((m) => r.receive(m, 1).events);
    expect(types(events)).toEqual(["reply", "binding", "binding", "binding", "query-complete"]);
    expect(events.at(-1)).toMatchObject({ bindings: 3, statusCode: 0 });
  });

  it("answers a query with no binding with one REPLY carrying a DHCPLEASEQUERYDONE", () => {
    const s = new ServerSession();
    s.receive(query(4), 0);
    const send = s.respondBulk(4, [], 0).send;
    expect(send.map((m) => [m.msgType, v4Type(m), statusOf(m) ?? null])).toEqual([[15, 15, null]]);
  });

  it("refuses a DHCP4o6 query with the status in both parts", () => {
    const s = new ServerSession();
    s.receive(query(4), 0);
    const [reply] = s.refuse(4, STATUS_CODE.NotAllowed, 0, "not you").send as [Dhcpv6Message];
    expect(reply.msgType).toBe(15);
    expect(statusOf(reply)).toEqual({ statusCode: STATUS_CODE.NotAllowed, statusMessage: "not you" });
    expect(v4Type(reply)).toBe(15);
    expect(v4Of(reply).options.find((o) => o.code === 151)).toEqual({
      code: 151,
      statusCode: 4,
      statusMessage: "not you",
    });
    expect(validate(reply, { query: query(4) })).toEqual([]);
  });

  it("ends a DHCPv6 query given a DHCP4o6 binding with an error, never a misplaced binding", () => {
    const s = new ServerSession();
    s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: 5 }), 0);
    const out = s.respondBulk(5, [{ dhcpv4: leaseActive }], 0);
    expect(out.send.map((m) => [m.msgType, statusOf(m)?.statusCode])).toEqual([[15, STATUS_CODE.UnspecFail]]);
    expect(out.events.map((e) => e.type)).toEqual(["query-aborted", "close"]);
  });
});

describe("DHCP4o6 query by MAC address", () => {
  it("sets htype, hlen and chaddr, and asks QUERY_BY_CLIENTID with the MAC as a DUID-LL", () => {
    const mac = Uint8Array.of(2, 0, 0, 0, 0, 1);
    const q = buildDhcp4o6Leasequery({ mac }, { transactionId: 9, requestedOptions: [46] });
    const bytes = encode(q);
    const back = decode(bytes);
    const lq = findOption(back, 44);
    expect(lq?.queryType).toBe(2);
    expect(lq?.options[0]).toEqual({ code: 1, duid: { duidType: 3, hardwareType: 1, linkLayerAddress: mac } });
    const v4 = v4Of(back);
    expect([v4.htype, v4.hlen, v4.chaddr]).toEqual([1, 6, "02:00:00:00:00:01"]);
    expect(validate(back)).toEqual([]);
    const other = buildDhcp4o6Leasequery(
      { mac: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), htype: 6 },
      {
        transactionId: 9,
        requestedOptions: [],
      },
    );
    expect([v4Of(other).htype, v4Of(other).hlen]).toEqual([6, 8]);
  });
});
