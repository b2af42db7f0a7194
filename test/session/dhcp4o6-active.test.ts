/**
 * DHCP4o6 Active Leasequery through the sessions (seed 002 §5.2, RFC 7724):
 * the catch-up start, CatchUpComplete / DataMissing and the base time are
 * understood from either carrier, the DHCPv6 options or the DHCPv4 message.
 */
import { describe, expect, it } from "vitest";
import {
  buildDhcp4o6ActiveLeasequery,
  buildDhcp4o6LeasequeryData,
  buildDhcp4o6LeasequeryReply,
} from "../../src/dhcp4o6/build.js";
import { type Dhcpv6Message, decode, encode, findOption, STATUS_CODE, statusOf } from "../../src/index.js";
import { ActiveRequestor, type ActiveRequestorEvent, ServerSession } from "../../src/session/index.js";
import { buildDhcpv4LeaseActive, buildDhcpv4LeaseQueryStatus } from "../../src/v4/build.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { validate } from "../../src/validate/index.js";

const EPOCH = 946_684_800; // 2000-01-01 in Unix seconds
const relayId = Uint8Array.of(1, 2);
const types = (es: ActiveRequestorEvent[]) => es.map((e) => e.type);
const v4Of = (m: Dhcpv6Message) => findOption(m, 87)?.dhcpv4Message as Dhcpv4Message;
const v4Option = (m: Dhcpv6Message, code: number) => v4Of(m).options.find((o) => o.code === code);
const query = (queryStartTime?: number) =>
  buildDhcp4o6ActiveLeasequery(
    { relayId },
    {
      transactionId: 3,
      xid: 0x33,
      requestedOptions: [100],
      ...(queryStartTime === undefined ? {} : { queryStartTime }),
    },
  );

describe("the start time reaches both carriers", () => {
  it("buildDhcp4o6ActiveLeasequery puts queryStartTime in option 154 and, in the DHCPv6 epoch, in LQ_START_TIME", () => {
    const q = query(EPOCH + 1000);
    const lq = findOption(q, 44);
    expect(lq?.options.find((o) => o.code === 101)).toEqual({ code: 101, queryStartTime: 1000 });
    expect(v4Option(q, 154)).toEqual({ code: 154, queryStartTime: EPOCH + 1000 });
    const r = new ActiveRequestor();
    r.start(q, 0);
    expect(r.catchingUp).toBe(true);
  });

  it("a query with only the DHCPv4 query-start-time still asks for catch-up, at both ends", () => {
    const q = query(EPOCH + 1000);
    const lq = findOption(q, 44);
    if (lq === undefined) throw new Error("no LQ_QUERY");
    lq.options = lq.options.filter((o) => o.code !== 101);
    const r = new ActiveRequestor();
    r.start(q, 0);
    expect(r.catchingUp).toBe(true);
    const s = new ServerSession();
    expect(s.receive(q, 0).events).toMatchObject([{ type: "active-query", startTime: 1000 }]);
    expect(s.catchingUp).toBe(true);
  });
});

describe("ActiveRequestor on DHCP4o6 replies", () => {
  const accepted = () => {
    const r = new ActiveRequestor({ baseTime: 500 });
    r.start(query(EPOCH + 500), 0);
    r.receive(
      buildDhcp4o6LeasequeryReply({ transactionId: 3, baseTime: 900 }, buildDhcpv4LeaseQueryStatus({ xid: 0x33 })),
      1,
    );
    return r;
  };

  it("understands CatchUpComplete given only in the DHCPv4 status-code (151), with the DHCPv4 base-time", () => {
    const r = accepted();
    const v4 = buildDhcpv4LeaseQueryStatus({ xid: 0x33, statusCode: 7, baseTime: EPOCH + 1200 });
    const data: Dhcpv6Message = { msgType: 17, transactionId: 3, options: [{ code: 87, dhcpv4Message: v4 }] };
    const out = r.receive(data, 2);
    expect(out.events).toEqual([{ type: "catch-up-complete", baseTime: 1200 }]);
    expect(r.catchingUp).toBe(false);
    expect(r.baseTime).toBe(1200);
  });

  it("reports a DATA with a DHCPLEASEACTIVE and no CLIENT_DATA as a binding, not a keep-alive", () => {
    const r = accepted();
    const lease = buildDhcpv4LeaseActive({ xid: 0x33, address: "192.0.2.5" });
    const out = r.receive(buildDhcp4o6LeasequeryData({ transactionId: 3 }, lease), 2);
    expect(out.events).toMatchObject([{ type: "binding", catchUp: true, clientData: undefined, dhcpv4: lease }]);
    expect(types(r.receive({ msgType: 17, transactionId: 3, options: [] }, 3).events)).toEqual(["keep-alive"]);
  });

  it("turns a DHCPv4 DataMissing into the recovery query: a DHCP4o6 Bulk query for the gap", () => {
    const r = new ActiveRequestor({ baseTime: 500 });
    r.start(query(EPOCH + 500), 0);
    const v4 = buildDhcpv4LeaseQueryStatus({ xid: 0x33, statusCode: 5, baseTime: EPOCH + 2000 });
    const out = r.receive({ msgType: 15, transactionId: 3, options: [{ code: 87, dhcpv4Message: v4 }] }, 1);
    expect(types(out.events)).toEqual(["accepted", "data-missing"]);
    const e = out.events[1] as Extract<ActiveRequestorEvent, { type: "data-missing" }>;
    expect(e.baseTime).toBe(2000);
    const recovery = e.recoveryQuery as Dhcpv6Message;
    expect(recovery.msgType).toBe(14);
    expect(findOption(recovery, 44)?.options.filter((o) => o.code === 101 || o.code === 102)).toEqual([
      { code: 101, queryStartTime: 500 },
      { code: 102, queryEndTime: 2000 },
    ]);
    expect(v4Option(recovery, 53)).toEqual({ code: 53, messageType: 14 });
    expect(v4Option(recovery, 154)).toEqual({ code: 154, queryStartTime: EPOCH + 500 });
    expect(v4Option(recovery, 155)).toEqual({ code: 155, queryEndTime: EPOCH + 2000 });
    expect(validate(decode(encode(recovery)))).toEqual([]);
  });
});

describe("ServerSession and ActiveRequestor, DHCP4o6 end to end", () => {
  it("accepts, sends a binding, completes catch-up and terminates, each in both carriers", () => {
    const s = new ServerSession({ baseTimeAt: (now) => 1000 + now });
    const r = new ActiveRequestor({ baseTime: 500 });
    const q = r.start(query(EPOCH + 500), 0).send[0] as Dhcpv6Message;
    s.receive(q, 0);
    const lease = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5" });
    const send = [
      ...s.acceptActive(1).send,
      ...s.sendBindings([{ dhcpv4: lease, related: [{ code: 46, cltTime: 0 }] }], 2).send,
      ...s.catchUpComplete(3).send,
      ...s.sendBindings([{ dhcpv4: lease }], 4).send,
      ...s.shutdown(5).send,
    ];
    expect(send.map((m) => [m.msgType, statusOf(m)?.statusCode ?? 0, v4Option(m, 53), v4Option(m, 151)])).toEqual([
      [15, 0, { code: 53, messageType: 17 }, { code: 151, statusCode: 0, statusMessage: "" }],
      [17, 0, { code: 53, messageType: 13 }, undefined],
      [17, 13, { code: 53, messageType: 17 }, { code: 151, statusCode: 7, statusMessage: "" }],
      [17, 0, { code: 53, messageType: 13 }, undefined],
      [16, 11, { code: 53, messageType: 15 }, { code: 151, statusCode: 2, statusMessage: "" }],
    ]);
    expect(send.map((m) => v4Of(m).xid)).toEqual([0x33, 0x33, 0x33, 0x33, 0x33]);
    for (const m of send) expect(validate(decode(encode(m)), { query: q })).toEqual([]);
    const events = send.flatMap((m) => r.receive(decode(encode(m)), 6).events);
    expect(types(events)).toEqual(["accepted", "binding", "catch-up-complete", "binding", "terminated", "close"]);
    expect(events.filter((e) => e.type === "binding").map((e) => (e as { catchUp: boolean }).catchUp)).toEqual([
      true,
      false,
    ]);
    expect(r.baseTime).toBe(1005);
  });

  it("answers DataMissing in the DHCPv4 part too", () => {
    const s = new ServerSession({ baseTimeAt: () => 4000 });
    s.receive(query(EPOCH + 1), 0);
    const [reply] = s.acceptActive(0, { dataMissing: true }).send as [Dhcpv6Message];
    expect(statusOf(reply)?.statusCode).toBe(STATUS_CODE.DataMissing);
    expect(v4Option(reply, 151)).toEqual({ code: 151, statusCode: 5, statusMessage: "" });
    expect(v4Option(reply, 152)).toEqual({ code: 152, baseTime: EPOCH + 4000 });
  });

  it("refuses a DHCP4o6 active query with a DHCPLEASEQUERYSTATUS (RFC 7724)", () => {
    const s = new ServerSession({ baseTimeAt: () => 4000 });
    s.receive(query(), 0);
    const [reply] = s.refuse(3, STATUS_CODE.NotAllowed, 0).send as [Dhcpv6Message];
    expect([reply.msgType, statusOf(reply)?.statusCode, v4Option(reply, 53), v4Option(reply, 151)]).toEqual([
      15,
      10,
      { code: 53, messageType: 17 },
      { code: 151, statusCode: 4, statusMessage: "" },
    ]);
  });
});
