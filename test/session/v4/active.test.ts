/**
 * DHCPv4 Active Leasequery sessions (RFC 7724): catch-up from
 * query-start-time, base-time bookkeeping, CatchUpComplete / DataMissing
 * and the recovery Bulk query, keep-alives, DHCPTLS, termination.
 */
import { describe, expect, it } from "vitest";
import {
  buildDhcpv4ActiveLeasequery,
  buildDhcpv4BulkLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
  buildDhcpv4Tls,
  type Dhcpv4Message,
  findDhcpv4Option,
} from "../../../src/index.js";
import { Dhcpv4ActiveRequestor, Dhcpv4ActiveServer } from "../../../src/session/index.js";

const types = (events: readonly { type: string }[]) => events.map((e) => e.type);
const lease = (xid: number, baseTime?: number) =>
  buildDhcpv4LeaseActive({ xid, address: "192.0.2.1", ...(baseTime === undefined ? {} : { baseTime }) });
const status = (xid: number, statusCode: number, baseTime?: number) =>
  buildDhcpv4LeaseQueryStatus({ xid, statusCode, ...(baseTime === undefined ? {} : { baseTime }) });
const msgType = (m: Dhcpv4Message | undefined) => m && findDhcpv4Option(m, 53)?.messageType;

describe("Dhcpv4ActiveRequestor", () => {
  it("catch-up: keeps the saved base-time until CatchUpComplete, then the highest one", () => {
    const r = new Dhcpv4ActiveRequestor({ baseTime: 1000 });
    const q = r.reconnectQuery({ relayId: Uint8Array.of(1) }, { xid: 9 });
    expect(findDhcpv4Option(q, 154)?.queryStartTime).toBe(1000);
    r.start(q, 0);
    expect(r.state).toBe("catch-up");
    expect(r.receive(lease(9, 1600), 1).events).toEqual([
      { type: "binding", active: true, catchUp: true, message: lease(9, 1600) },
    ]);
    expect(r.baseTime).toBe(1000);
    expect(r.receive(status(9, 7, 1700), 2).events).toEqual([{ type: "catch-up-complete", baseTime: 1700 }]);
    expect(r.state).toBe("live");
    expect(r.baseTime).toBe(1700);
    const u = buildDhcpv4LeaseUnassigned({ xid: 9, address: "192.0.2.2", baseTime: 1800 });
    expect(r.receive(u, 3).events).toEqual([{ type: "binding", active: false, catchUp: false, message: u }]);
    expect(r.baseTime).toBe(1800);
    r.receive(status(9, 0, 1750), 4);
    expect(r.baseTime).toBe(1800);
    r.receive(status(9, 0, 1900), 5);
    expect(r.baseTime).toBe(1900);
  });

  it("without query-start-time it is live at once and a CatchUpComplete is silent", () => {
    const r = new Dhcpv4ActiveRequestor();
    r.start(r.reconnectQuery(undefined, { xid: 1 }), 0);
    expect(r.state).toBe("live");
    expect(r.receive(status(1, 7, 5), 1).events).toEqual([]);
    expect(r.receive(lease(1), 2).events[0]).toMatchObject({ type: "binding", catchUp: false });
  });

  it("DataMissing ends catch-up and yields the recovery Bulk query for the gap", () => {
    const r = new Dhcpv4ActiveRequestor();
    const q = buildDhcpv4ActiveLeasequery({ remoteId: Uint8Array.of(7, 7) }, { xid: 20, queryStartTime: 500 });
    r.start(q, 0);
    const out = r.receive(status(20, 5, 900), 1);
    expect(types(out.events)).toEqual(["data-missing"]);
    const e = out.events[0] as { recoveryQuery: Dhcpv4Message; baseTime: number };
    expect(e.baseTime).toBe(900);
    expect(r.state).toBe("live");
    const rq = e.recoveryQuery;
    expect(rq.xid).toBe(21);
    expect(rq.options).toEqual([
      { code: 53, messageType: 14 },
      { code: 82, suboptions: [{ code: 2, remoteId: Uint8Array.of(7, 7) }] },
      { code: 154, queryStartTime: 500 },
      { code: 155, queryEndTime: 900 },
      { code: 255 },
    ]);
    // DataMissing's base-time is the server's time now: it becomes the saved one.
    expect(r.baseTime).toBe(900);
  });

  it("the recovery query keeps ciaddr and wraps the xid", () => {
    const r = new Dhcpv4ActiveRequestor();
    r.start(buildDhcpv4ActiveLeasequery({ address: "192.0.2.9" }, { xid: 0xffffffff, queryStartTime: 1 }), 0);
    const e = r.receive(status(0xffffffff, 5), 1).events[0] as { recoveryQuery: Dhcpv4Message };
    expect([e.recoveryQuery.xid, e.recoveryQuery.ciaddr]).toEqual([0, "192.0.2.9"]);
    expect(findDhcpv4Option(e.recoveryQuery, 155)).toBeUndefined();
  });

  it("DataMissing without query-start-time has no recovery query", () => {
    const r = new Dhcpv4ActiveRequestor();
    r.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
    expect(r.receive(status(2, 5, 3), 1).events).toEqual([
      { type: "data-missing", baseTime: 3, recoveryQuery: undefined },
    ]);
  });

  it("DHCPLEASEQUERYDONE or QueryTerminated ends the query; other errors fail it", () => {
    const a = new Dhcpv4ActiveRequestor();
    a.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
    const done = buildDhcpv4LeaseQueryDone({ xid: 2, statusCode: 2, baseTime: 44 });
    expect(a.receive(done, 1).events).toEqual([
      { type: "terminated", statusCode: 2, statusMessage: "", baseTime: 44 },
      { type: "close", reason: "terminated", message: done },
    ]);
    expect(a.baseTime).toBe(44);
    const b = new Dhcpv4ActiveRequestor();
    b.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
    expect(types(b.receive(status(2, 2), 1).events)).toEqual(["terminated", "close"]);
    const c = new Dhcpv4ActiveRequestor();
    c.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
    const busy = status(2, 6);
    expect(c.receive(busy, 1).events).toEqual([
      { type: "query-failed", statusCode: 6, statusMessage: "", message: busy },
      { type: "close", reason: "query-failed", message: busy },
    ]);
  });

  it("closes on another xid, a message before the query, and an unexpected type", () => {
    const a = new Dhcpv4ActiveRequestor();
    a.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
    expect(a.receive(lease(3), 1).events.at(-1)).toMatchObject({ reason: "unknown-transaction" });
    expect(new Dhcpv4ActiveRequestor().receive(lease(3), 1).events.at(-1)).toMatchObject({
      reason: "unknown-transaction",
    });
    const b = new Dhcpv4ActiveRequestor();
    b.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0);
    expect(b.receive(buildDhcpv4Tls({ xid: 2, reply: true }), 1).events.at(-1)).toMatchObject({
      reason: "unexpected-message",
    });
    expect(b.receive(lease(2), 2).events).toEqual([]);
  });

  it("start: only a DHCPACTIVELEASEQUERY without query-end-time, only once", () => {
    const r = new Dhcpv4ActiveRequestor();
    expect(() => r.start(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 1 }), 0)).toThrow(RangeError);
    expect(() => r.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 1, queryEndTime: 5 }), 0)).toThrow(RangeError);
    expect(r.state).toBe("idle");
    r.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 1 }), 0);
    expect(() => r.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 2 }), 0)).toThrow(Error);
    expect(() => r.startTls(3, 0)).toThrow(Error);
  });

  it("receive timer: any message restarts it; silence closes", () => {
    const r = new Dhcpv4ActiveRequestor({ receiveTimeout: 100 });
    expect(r.deadline).toBeUndefined();
    r.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 1 }), 0);
    r.receive(status(1, 0), 60);
    expect(r.deadline).toBe(160);
    expect(r.timeout(159).events).toEqual([]);
    expect(r.timeout(160).events).toEqual([{ type: "close", reason: "timeout" }]);
    expect(r.deadline).toBeUndefined();
  });

  it("DHCPTLS: accepted, refused by DHCPTLS or DHCPLEASEQUERYSTATUS", () => {
    const a = new Dhcpv4ActiveRequestor();
    a.startTls(5, 0);
    expect(a.receive(buildDhcpv4Tls({ xid: 5, reply: true }), 1).events).toEqual([{ type: "tls-accepted" }]);
    a.start(buildDhcpv4ActiveLeasequery(undefined, { xid: 6 }), 2);
    expect(a.state).toBe("live");
    const b = new Dhcpv4ActiveRequestor();
    b.startTls(5, 0);
    expect(types(b.receive(buildDhcpv4Tls({ xid: 5, reply: true, statusCode: 8 }), 1).events)).toEqual([
      "tls-refused",
      "close",
    ]);
    const c = new Dhcpv4ActiveRequestor();
    c.startTls(5, 0);
    expect(c.receive(status(5, 8), 1).events[0]).toEqual({ type: "tls-refused", statusCode: 8 });
    const d = new Dhcpv4ActiveRequestor();
    d.startTls(5, 0);
    expect(d.receive(buildDhcpv4Tls({ xid: 4, reply: true }), 1).events.at(-1)).toMatchObject({
      reason: "unexpected-message",
    });
    const e = new Dhcpv4ActiveRequestor({ startTlsTimeout: 10 });
    e.startTls(5, 0);
    expect(e.deadline).toBe(10);
    expect(types(e.connectionLost().events)).toEqual(["tls-refused", "close"]);
    expect(e.connectionLost().events).toEqual([]);
  });
});

describe("Dhcpv4ActiveServer", () => {
  const server = (o = {}) => new Dhcpv4ActiveServer({ baseTimeAt: (now) => 10_000 + now, ...o });
  const aq = (xid: number, p = {}) => buildDhcpv4ActiveLeasequery(undefined, { xid, ...p });

  it("catch-up: bindings stamped with the query's xid and base-time, then CatchUpComplete", () => {
    const s = server();
    expect(s.receive(aq(4, { queryStartTime: 77 }), 0).events).toEqual([
      { type: "active-query", xid: 4, query: aq(4, { queryStartTime: 77 }), startTime: 77 },
    ]);
    expect(s.state).toBe("pending");
    expect(s.accept(1).send).toEqual([]);
    expect(s.state).toBe("catch-up");
    const out = s.sendBindings([lease(0), buildDhcpv4LeaseUnassigned({ xid: 0, address: "192.0.2.2" })], 2);
    expect(out.send.map((m) => [m.xid, msgType(m), findDhcpv4Option(m, 152)?.baseTime])).toEqual([
      [4, 13, 10_002],
      [4, 11, 10_002],
    ]);
    const end = s.catchUpComplete(3).send[0] as Dhcpv4Message;
    expect([end.xid, end.options]).toEqual([
      4,
      [
        { code: 53, messageType: 17 },
        { code: 152, baseTime: 10_003 },
        { code: 151, statusCode: 7, statusMessage: "" },
        { code: 255 },
      ],
    ]);
    expect(s.state).toBe("live");
    expect(() => s.catchUpComplete(4)).toThrow(Error);
    expect(() => s.dataMissing(4)).toThrow(Error);
  });

  it("accept with dataMissing sends DataMissing and goes live; ignored without catch-up", () => {
    const s = server();
    s.receive(aq(4, { queryStartTime: 77 }), 0);
    expect(s.accept(1, { dataMissing: true }).send[0]?.options[2]).toEqual({
      code: 151,
      statusCode: 5,
      statusMessage: "",
    });
    expect(s.state).toBe("live");
    const t = server();
    t.receive(aq(4), 0);
    expect(t.accept(1, { dataMissing: true }).send).toEqual([]);
    expect(t.state).toBe("live");
  });

  it("answers a second active query with NotAllowed and a Bulk query with a DONE NotAllowed", () => {
    const s = server();
    s.receive(aq(1), 0);
    const second = s.receive(aq(2), 0);
    expect([msgType(second.send[0]), second.send[0]?.xid, second.send[0]?.options[1]]).toEqual([
      17,
      2,
      { code: 151, statusCode: 4, statusMessage: "" },
    ]);
    expect(types(second.events)).toEqual(["query-rejected"]);
    const bulk = s.receive(buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 3 }), 0);
    expect([msgType(bulk.send[0]), bulk.send[0]?.options[1]]).toEqual([
      15,
      { code: 151, statusCode: 4, statusMessage: "" },
    ]);
    expect(s.closed).toBe(false);
  });

  it("answers query-end-time with MalformedQuery and closes", () => {
    const s = server();
    const out = s.receive(aq(1, { queryStartTime: 1, queryEndTime: 2 }), 0);
    expect(types(out.events)).toEqual(["query-rejected", "close"]);
    expect(s.closed).toBe(true);
  });

  it("refuse: an error status, then close; checks the status first", () => {
    const s = server();
    expect(() => s.refuse(6, 0)).toThrow(Error);
    s.receive(aq(1), 0);
    expect(() => s.refuse(300, 0)).toThrow(RangeError);
    expect(s.state).toBe("pending");
    const out = s.refuse(6, 0);
    expect(out.send[0]?.options[1]).toEqual({ code: 151, statusCode: 6, statusMessage: "" });
    expect(s.closed).toBe(true);
  });

  it("sendBindings refuses a non-binding before sending anything, and out of turn", () => {
    const s = server();
    expect(() => s.sendBindings([lease(0)], 0)).toThrow(Error);
    s.receive(aq(1), 0);
    expect(() => s.sendBindings([lease(0)], 0)).toThrow(Error);
    s.accept(0);
    expect(() => s.sendBindings([lease(0), status(0, 0)], 0)).toThrow(RangeError);
  });

  it("keep-alive after idleTimeout of silence; sending restarts the timer", () => {
    const s = server({ idleTimeout: 100 });
    s.receive(aq(1), 0);
    expect(s.deadline).toBeUndefined();
    s.accept(10);
    expect(s.deadline).toBe(110);
    s.sendBindings([lease(0)], 50);
    expect(s.deadline).toBe(150);
    expect(s.timeout(149).send).toEqual([]);
    const ka = s.timeout(150).send[0] as Dhcpv4Message;
    expect([msgType(ka), ka.options[2]]).toEqual([17, { code: 151, statusCode: 0, statusMessage: "" }]);
    expect(s.deadline).toBe(250);
  });

  it("shutdown: DONE with QueryTerminated for an accepted query, a status for a pending one", () => {
    const s = server();
    s.receive(aq(1), 0);
    s.accept(0);
    const out = s.shutdown(5, "bye");
    expect([msgType(out.send[0]), out.send[0]?.options[2]]).toEqual([
      15,
      { code: 151, statusCode: 2, statusMessage: "bye" },
    ]);
    expect(s.shutdown(6).send).toEqual([]);
    const t = server();
    t.receive(aq(1), 0);
    expect(msgType(t.shutdown(1).send[0])).toBe(17);
    expect(server().shutdown(1).send).toEqual([]);
  });

  it("DHCPTLS: refused, accepted, required", () => {
    expect(server().receive(buildDhcpv4Tls({ xid: 1 }), 0).send[0]?.options[1]).toEqual({
      code: 151,
      statusCode: 8,
      statusMessage: "",
    });
    const a = server({ tls: "require" });
    expect(a.receive(buildDhcpv4Tls({ xid: 1 }), 0).events).toEqual([{ type: "starttls", accepted: true }]);
    expect(types(a.receive(aq(2), 1).events)).toEqual(["active-query"]);
    expect(server({ tls: "require" }).receive(aq(2), 0).events.at(-1)).toMatchObject({ reason: "rejected" });
    const b = server({ tls: "accept" });
    b.receive(aq(2), 0);
    expect(b.receive(buildDhcpv4Tls({ xid: 1 }), 0).events.at(-1)).toMatchObject({ reason: "protocol-violation" });
  });

  it("closes on a BOOTREPLY or another type, and once lost ignores input", () => {
    expect(server().receive(lease(1), 0).events.at(-1)).toMatchObject({ reason: "unexpected-message" });
    const req = { ...aq(1), options: [{ code: 53, messageType: 3 }, { code: 255 }] } as Dhcpv4Message;
    expect(server().receive(req, 0).events.at(-1)).toMatchObject({ reason: "unexpected-message" });
    const s = server();
    expect(s.connectionLost().events).toEqual([{ type: "close", reason: "connection-lost" }]);
    expect(s.receive(aq(1), 0).events).toEqual([]);
    expect(s.connectionLost().events).toEqual([]);
  });
});
