import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildLeasequeryDone,
  buildStartTls,
  type Dhcpv6Message,
  findOption,
  leasequeryByLinkAddress,
  leasequeryByRelayId,
  QUERY_TYPE,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { bulkReplies, ServerSession, type ServerSessionEvent } from "../../src/session/index.js";
import { validate } from "../../src/validate/index.js";

const uuid = { duidType: 4, uuid: new Uint8Array(16).fill(1) } as const;
const requestor = { duidType: 4, uuid: new Uint8Array(16).fill(2) } as const;
const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
const byLink = (xid: number, extra: object = {}) =>
  leasequeryByLinkAddress("2001:db8::", { transactionId: xid, requestorId: requestor, ...extra });
const active = (xid: number, extra: object = {}) =>
  buildActiveLeasequery(
    { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" },
    { transactionId: xid, ...extra },
  );
const types = (es: ServerSessionEvent[]) => es.map((e) => e.type);
const clock = { baseTimeAt: (now: number) => 1000 + Math.floor(now / 1000) };
const summary = (ms: Dhcpv6Message[]) =>
  ms.map((m) => [
    m.msgType,
    statusOf(m)?.statusCode ?? null,
    findOption(m, 100)?.baseTime ?? null,
    findOption(m, 45) ? 1 : 0,
  ]);

describe("bulkReplies", () => {
  it("sends REPLY with the first binding, DATA for the rest, DONE at the end", () => {
    const ms = [...bulkReplies(byLink(5), [cd(1), cd(2), cd(3)], { serverId: uuid })];
    expect(summary(ms)).toEqual([
      [15, null, null, 1],
      [17, null, null, 1],
      [17, null, null, 1],
      [16, null, null, 0],
    ]);
    // SERVERID and the echoed CLIENTID go in the REPLY only (RFC 5460 §5.2.1).
    expect(ms[0]?.options.map((o) => o.code)).toEqual([2, 1, 45]);
    expect(ms[1]?.options.map((o) => o.code)).toEqual([45]);
    const q = byLink(5);
    for (const m of ms) expect(validate(m, { exchange: "bulk", query: q })).toEqual([]);
  });

  it("sends one REPLY without status or CLIENT_DATA, and no DONE, when nothing matches", () => {
    expect(summary([...bulkReplies(byLink(5), [])])).toEqual([[15, null, null, 0]]);
  });

  it("puts LQ_BASE_TIME in every message when the ORO asks, and needs it then", () => {
    const q = byLink(5, { requestedOptions: [100] });
    expect(summary([...bulkReplies(q, [cd(1), cd(2)], { baseTime: 7 })]).map((s) => s[2])).toEqual([7, 7, 7]);
    expect(() => [...bulkReplies(q, [cd(1)])]).toThrow(/baseTime/);
    expect(() => [
      ...bulkReplies({ msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] }, []),
    ]).toThrow(RangeError);
  });

  it("reads the bindings lazily", () => {
    let read = 0;
    function* many() {
      for (let i = 0; i < 1e9; i++) {
        read++;
        yield cd(i);
      }
    }
    const it = bulkReplies(byLink(1), many());
    it.next();
    it.next();
    expect(read).toBe(2);
  });
});

describe("ServerSession: Bulk", () => {
  it("reports a query, then answers it with the reply sequence and base times", () => {
    const s = new ServerSession({ ...clock, serverId: uuid });
    const q = byLink(4, { requestedOptions: [100] });
    expect(s.receive(q, 0).events).toEqual([{ type: "bulk-query", transactionId: 4, query: q }]);
    const out = s.respondBulk(4, [cd(1), cd(2)], 3000);
    expect(summary(out.send)).toEqual([
      [15, null, 1003, 1],
      [17, null, 1003, 1],
      [16, null, 1003, 0],
    ]);
    expect(out.deadline).toBeUndefined();
    expect(() => s.respondBulk(4, [], 0)).toThrow(/pending/);
  });

  it("serves several queries on one connection, in any order", () => {
    const s = new ServerSession();
    s.receive(byLink(3), 0);
    s.receive(byLink(4), 0);
    expect(summary(s.respondBulk(4, [cd(1)], 0).send).map((x) => x[0])).toEqual([15, 16]);
    expect(summary(s.refuse(3, STATUS_CODE.NotConfigured, 0, "no such link").send)).toEqual([[15, 9, null, 0]]);
  });

  it("answers MalformedQuery and UnknownQueryType by itself and stays open", () => {
    const s = new ServerSession();
    const noKey = leasequeryByRelayId(uuid, { transactionId: 1 });
    noKey.options = noKey.options.map((o) => (o.code === 44 && o.options !== undefined ? { ...o, options: [] } : o));
    const noQuery: Dhcpv6Message = { msgType: 14, transactionId: 2, options: [] };
    const unknown: Dhcpv6Message = {
      msgType: 14,
      transactionId: 3,
      options: [{ code: 44, queryType: 77, linkAddress: "::", options: [] }],
    };
    const got = [noKey, noQuery, unknown].map((q) => {
      const out = s.receive(q, 0);
      expect(types(out.events)).toEqual(["query-rejected"]);
      return statusOf(out.send[0] as Dhcpv6Message)?.statusCode;
    });
    expect(got).toEqual([STATUS_CODE.MalformedQuery, STATUS_CODE.MalformedQuery, STATUS_CODE.UnknownQueryType]);
    expect(s.closed).toBe(false);
  });

  it("takes a query whose only findings are not about its form (here a DHCP4o6 query without ORO)", () => {
    const s = new ServerSession();
    const q = byLink(6);
    q.options.push({ code: 87, data: Uint8Array.of(1), malformed: "broken" });
    expect(validate(q).map((d) => d.rule)).toEqual(["dhcp4o6-oro-missing", "dhcp4o6-malformed"]);
    expect(types(s.receive(q, 0).events)).toEqual(["bulk-query"]);
  });

  it("closes on a transaction-id reused while its query is pending", () => {
    const s = new ServerSession();
    s.receive(byLink(3), 0);
    expect(s.receive(byLink(3), 0).events).toMatchObject([{ type: "close", reason: "protocol-violation" }]);
  });
});

describe("ServerSession: STARTTLS", () => {
  it("refuses in insecure mode with TLSConnectionRefused (RFC 7653 §9.1)", () => {
    const out = new ServerSession().receive(buildStartTls({ transactionId: 1 }), 0);
    expect(summary(out.send)).toEqual([[7, 15, null, 0]]);
    expect(out.events).toMatchObject([{ type: "starttls", accepted: false }]);
  });

  it("accepts with a REPLY without status in secure mode", () => {
    const out = new ServerSession({ tls: "accept", serverId: uuid }).receive(buildStartTls({ transactionId: 1 }), 0);
    expect(out.send).toEqual([{ msgType: 7, transactionId: 1, options: [{ code: 2, duid: uuid }] }]);
    expect(out.events).toMatchObject([{ type: "starttls", accepted: true }]);
  });

  it("in secure mode, accepts STARTTLS and closes a connection that does not start with it", () => {
    const ok = new ServerSession({ tls: "require" });
    expect(ok.receive(buildStartTls({ transactionId: 1 }), 0).events).toMatchObject([
      { type: "starttls", accepted: true },
    ]);
    expect(types(ok.receive(byLink(2), 1).events)).toEqual(["bulk-query"]);
    const plain = new ServerSession({ tls: "require" });
    const out = plain.receive(byLink(2), 0);
    expect(out.send).toEqual([]);
    expect(out.events).toMatchObject([{ type: "close", reason: "rejected" }]);
  });

  it("closes when STARTTLS is not the first message", () => {
    const s = new ServerSession();
    s.receive(byLink(1), 0);
    expect(s.receive(buildStartTls({ transactionId: 2 }), 0).events).toMatchObject([
      { type: "close", reason: "protocol-violation" },
    ]);
  });
});

describe("ServerSession: Active", () => {
  it("rejects LQ_END_TIME in an active query with MalformedQuery and closes (RFC 7653 §9.3)", () => {
    const s = new ServerSession(clock);
    const out = s.receive(active(1, { queryEndTime: 5 }), 0);
    expect(summary(out.send)).toEqual([[15, STATUS_CODE.MalformedQuery, 1000, 0]]);
    expect(types(out.events)).toEqual(["query-rejected", "close"]);
    expect(s.closed).toBe(true);
    expect(s.receive(active(2), 0)).toEqual({ send: [], events: [], deadline: undefined });
  });

  it("answers NotSupported from a Bulk-only server and closes (RFC 7653 §9.2)", () => {
    const s = new ServerSession({ activeLeasequery: false });
    const out = s.receive(active(1, { requestedOptions: [] }), 0);
    expect(summary(out.send)).toEqual([[15, STATUS_CODE.NotSupported, null, 0]]);
    expect(out.events.at(-1)).toMatchObject({ type: "close", reason: "rejected" });
  });

  it("answers NotAllowed to a second query beside an active one", () => {
    const s = new ServerSession(clock);
    s.receive(active(1), 0);
    expect(summary(s.receive(active(2), 0).send)).toEqual([[15, STATUS_CODE.NotAllowed, 1000, 0]]);
    expect(summary(s.receive(byLink(3), 0).send)).toEqual([[15, STATUS_CODE.NotAllowed, null, 0]]);
    const t = new ServerSession(clock);
    t.receive(byLink(3), 0);
    expect(summary(t.receive(active(4), 0).send)).toEqual([[15, STATUS_CODE.NotAllowed, 1000, 0]]);
    expect(t.closed).toBe(false);
  });

  it("runs a catch-up: REPLY, DATA per binding, DATA CatchUpComplete, all with base times", () => {
    const s = new ServerSession(clock);
    const q = active(9, { queryStartTime: 500 });
    expect(s.receive(q, 0).events).toEqual([{ type: "active-query", transactionId: 9, query: q, startTime: 500 }]);
    expect(s.catchingUp).toBe(true);
    const msgs = [
      ...s.acceptActive(1000).send,
      ...s.sendBindings([cd(1), cd(2)], 2000).send,
      ...s.catchUpComplete(3000).send,
      ...s.sendBindings([cd(3)], 4000).send,
    ];
    expect(summary(msgs)).toEqual([
      [15, null, 1001, 0],
      [17, null, 1002, 1],
      [17, null, 1002, 1],
      [17, STATUS_CODE.CatchUpComplete, 1003, 0],
      [17, null, 1004, 1],
    ]);
    expect(s.catchingUp).toBe(false);
    expect(() => s.catchUpComplete(5000)).toThrow(/catch-up/);
    for (const m of msgs) expect(validate(m, { exchange: "active", query: q })).toEqual([]);
  });

  it("answers DataMissing in the REPLY, or in a DATA once catch-up is under way", () => {
    const a = new ServerSession(clock);
    a.receive(active(1, { queryStartTime: 5, requestedOptions: [] }), 0);
    expect(summary(a.acceptActive(0, { dataMissing: true }).send)).toEqual([[15, STATUS_CODE.DataMissing, 1000, 0]]);
    expect(a.catchingUp).toBe(false);
    const b = new ServerSession(clock);
    b.receive(active(1, { queryStartTime: 5 }), 0);
    b.acceptActive(0);
    expect(summary(b.dataMissing(0).send)).toEqual([[17, STATUS_CODE.DataMissing, 1000, 0]]);
    // No catch-up was asked for: dataMissing is ignored.
    const c = new ServerSession(clock);
    c.receive(active(1, { requestedOptions: [] }), 0);
    expect(summary(c.acceptActive(0, { dataMissing: true }).send)).toEqual([[15, null, null, 0]]);
  });

  it("sends a keep-alive DATA after ACTIVE_LQ_IDLE_TIMEOUT of silence", () => {
    const s = new ServerSession(clock);
    s.receive(active(1), 0);
    expect(s.deadline).toBeUndefined();
    expect(s.acceptActive(1000).deadline).toBe(61_000);
    expect(s.sendBindings([cd(1)], 30_000).deadline).toBe(90_000);
    expect(s.timeout(89_999)).toEqual({ send: [], events: [], deadline: 90_000 });
    const out = s.timeout(90_000);
    expect(summary(out.send)).toEqual([[17, null, 1090, 0]]);
    expect(out.deadline).toBe(150_000);
    expect(validate(out.send[0] as Dhcpv6Message, { exchange: "active" })).toEqual([]);
  });

  it("shuts down with DONE QueryTerminated and LQ_BASE_TIME, REPLY for queries not taken up", () => {
    const s = new ServerSession(clock);
    s.receive(active(1, { requestedOptions: [] }), 0);
    s.acceptActive(0);
    const out = s.shutdown(7000, "going down");
    expect(summary(out.send)).toEqual([[16, STATUS_CODE.QueryTerminated, 1007, 0]]);
    expect(out.events).toEqual([{ type: "close", reason: "terminated" }]);
    expect(s.shutdown(8000).send).toEqual([]);
    const t = new ServerSession(clock);
    t.receive(active(1), 0);
    expect(summary(t.shutdown(0).send)).toEqual([[15, STATUS_CODE.QueryTerminated, 1000, 0]]);
    const u = new ServerSession(clock);
    u.receive(byLink(1), 0);
    u.receive(byLink(2), 0);
    expect(summary(u.shutdown(0).send)).toEqual([
      [15, STATUS_CODE.QueryTerminated, null, 0],
      [15, STATUS_CODE.QueryTerminated, null, 0],
    ]);
  });

  it("refuses an active query on the application's word, and closes", () => {
    const s = new ServerSession();
    s.receive(active(1, { requestedOptions: [] }), 0);
    const out = s.refuse(1, STATUS_CODE.NotAllowed, 0);
    expect(summary(out.send)).toEqual([[15, STATUS_CODE.NotAllowed, null, 0]]);
    expect(out.events).toMatchObject([{ type: "close", reason: "rejected" }]);
    expect(() => s.refuse(1, 1, 0)).toThrow(/closed/);
  });

  it("guards the order of calls", () => {
    const s = new ServerSession();
    expect(() => s.acceptActive(0)).toThrow(/waiting/);
    expect(() => s.sendBindings([], 0)).toThrow(/running/);
    expect(() => s.refuse(1, 1, 0)).toThrow(/waiting/);
    s.receive(active(1), 0);
    expect(() => s.sendBindings([], 0)).toThrow(/running/);
    expect(() => s.refuse(2, 1, 0)).toThrow(/waiting/);
    s.acceptActive(0);
    expect(() => s.acceptActive(0)).toThrow(/waiting/);
    expect(() => s.refuse(1, 1, 0)).toThrow(/waiting/);
    expect(() => s.dataMissing(0)).toThrow(/catch-up/);
    expect(() => s.timeout(Number.NaN)).toThrow(RangeError);
    expect(() => new ServerSession({ idleTimeout: 0 })).toThrow(RangeError);
  });

  it("reads now as Unix milliseconds for LQ_BASE_TIME by default", () => {
    const s = new ServerSession();
    s.receive(active(1), 0);
    const unixMs = Date.UTC(2000, 0, 1, 0, 1, 40);
    expect(findOption(s.acceptActive(unixMs).send[0] as Dhcpv6Message, 100)?.baseTime).toBe(100);
  });
});

describe("ServerSession: other input", () => {
  it("closes on messages a requestor does not send", () => {
    for (const m of [
      buildLeasequeryDone({ transactionId: 1 }),
      { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] } as Dhcpv6Message,
    ]) {
      const s = new ServerSession();
      expect(s.receive(m, 0).events).toMatchObject([{ type: "close", reason: "unexpected-message" }]);
      expect(() => s.respondBulk(1, [], 0)).toThrow(/closed/);
      expect(() => s.sendBindings([], 0)).toThrow(/closed/);
    }
  });

  it("reports a lost connection once", () => {
    const s = new ServerSession();
    expect(s.connectionLost().events).toEqual([{ type: "close", reason: "connection-lost" }]);
    expect(s.connectionLost().events).toEqual([]);
    expect(s.closed).toBe(true);
  });
});

describe("bulkReplies without a CLIENTID, and for a relay message", () => {
  const relayId = { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } as const;
  const _key = { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId } as const;
  const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
  const q = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
  const _types = (es: readonly { type: string }[]) => es.map((e) => e.type);

  describe("bulkReplies", () => {
    it("sends no CLIENTID when the query has none (RFC 5460 §5.2.1 echoes it only when present)", () => {
      const ms = [...bulkReplies(q(7), [cd(1)])];
      expect(ms.map((m) => m.msgType)).toEqual([15, 16]);
      expect(ms[0]?.options).toEqual([{ code: 45, options: [{ code: 46, cltTime: 1 }] }]);
      expect([...bulkReplies(q(7), [])]).toEqual([{ msgType: 15, transactionId: 7, options: [] }]);
    });

    it("refuses to answer a relay message", () => {
      const relay: Dhcpv6Message = { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] };
      expect(() => [...bulkReplies(relay, [])]).toThrow(RangeError);
    });
  });
});

// Expected behaviour comes from RFC 5460 §6-7 and RFC 7653 §8-9 as restated in
// PROTOCOL.md §4, and from the JSDoc contracts and examples of the sessions
// (events, CloseEvent, option defaults); option layouts from RFC 5007 /
// RFC 7653.
describe("ServerSession: getters, timers, defaults, close events and whole outputs", () => {
  const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
  const byLink = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
  const active = (xid: number, extra: object = {}) =>
    buildActiveLeasequery(
      { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" },
      { transactionId: xid, ...extra },
    );
  const clock = { baseTimeAt: (now: number) => 1000 + Math.floor(now / 1000) };
  const status = (m: Dhcpv6Message | undefined) => (m === undefined ? undefined : statusOf(m));

  describe("ServerSession: state getters", () => {
    it("is not catching up without an active query", () => {
      expect(new ServerSession().catchingUp).toBe(false);
      const s = new ServerSession();
      s.receive(byLink(1), 0);
      expect(s.catchingUp).toBe(false);
    });

    it("neither catches up nor runs a keep-alive timer once shut down during catch-up", () => {
      const s = new ServerSession(clock);
      s.receive(active(1, { queryStartTime: 5 }), 0);
      s.acceptActive(0);
      expect(s.catchingUp).toBe(true);
      expect(s.deadline).toBe(60_000);
      const out = s.shutdown(1000);
      expect(out.deadline).toBeUndefined();
      expect(s.deadline).toBeUndefined();
      expect(s.catchingUp).toBe(false);
    });

    it("runs no keep-alive timer once the connection is lost", () => {
      const s = new ServerSession(clock);
      s.receive(active(1), 0);
      s.acceptActive(0);
      expect(s.connectionLost().deadline).toBeUndefined();
      expect(s.deadline).toBeUndefined();
      expect(s.connectionLost()).toEqual({ send: [], events: [], deadline: undefined });
    });
  });

  describe("ServerSession: the keep-alive timer counts from the last message sent (RFC 7653 §8.4)", () => {
    it("is not reset by sendBindings with no binding, which sends nothing", () => {
      const s = new ServerSession({ ...clock, idleTimeout: 1000 });
      s.receive(active(1), 0);
      expect(s.acceptActive(100).deadline).toBe(1100);
      const out = s.sendBindings([], 500);
      expect(out.send).toEqual([]);
      expect(out.deadline).toBe(1100);
      expect(s.timeout(1100).send.length).toBe(1);
    });
  });

  describe("ServerSession: an ACTIVELEASEQUERY without LQ_QUERY", () => {
    it("is taken up: it asks for all bindings (RFC 7653 §6.2.1)", () => {
      const q: Dhcpv6Message = { msgType: 22, transactionId: 5, options: [{ code: 6, requestedOptions: [100] }] };
      const s = new ServerSession(clock);
      const out = s.receive(q, 0);
      expect(out.send).toEqual([]);
      expect(out.events).toEqual([{ type: "active-query", transactionId: 5, query: q, startTime: undefined }]);
    });

    it("is still MalformedQuery for a Bulk LEASEQUERY (RFC 5007 §4.1.2.1)", () => {
      const s = new ServerSession();
      const out = s.receive({ msgType: 14, transactionId: 5, options: [] }, 0);
      expect(status(out.send[0])?.statusCode).toBe(STATUS_CODE.MalformedQuery);
    });
  });

  describe("ServerSession: default status messages, as in the JSDoc examples", () => {
    it("refuse without a message sends an empty status message", () => {
      // refuse's example: [{ code: 13, statusCode: 9, statusMessage: "" }]
      const s = new ServerSession();
      s.receive(byLink(3), 0);
      expect(s.refuse(3, STATUS_CODE.NotConfigured, 0).send[0]?.options).toEqual([
        { code: 13, statusCode: 9, statusMessage: "" },
      ]);
      const t = new ServerSession();
      t.receive(active(1, { requestedOptions: [] }), 0);
      expect(t.refuse(1, STATUS_CODE.NotAllowed, 0).send[0]?.options).toEqual([
        { code: 13, statusCode: 10, statusMessage: "" },
      ]);
    });

    it("shutdown without a message sends an empty status message", () => {
      // shutdown's example: 16 [{ code: 13, statusCode: 11, statusMessage: "" }, { code: 100, baseTime: 42 }]
      const s = new ServerSession({ baseTimeAt: () => 42 });
      s.receive(active(1), 0);
      s.acceptActive(0);
      expect(s.shutdown(5).send[0]?.options).toEqual([
        { code: 13, statusCode: 11, statusMessage: "" },
        { code: 100, baseTime: 42 },
      ]);
      const u = new ServerSession();
      u.receive(byLink(1), 0);
      expect(u.shutdown(0).send[0]?.options).toEqual([{ code: 13, statusCode: 11, statusMessage: "" }]);
    });
  });

  describe("ServerSession: close events", () => {
    it("have no `message` key when no message led to them (CloseEvent)", () => {
      const s = new ServerSession();
      s.receive(byLink(1), 0);
      expect(s.shutdown(0).events).toStrictEqual([{ type: "close", reason: "terminated" }]);
      expect(new ServerSession().connectionLost()).toStrictEqual({
        send: [],
        events: [{ type: "close", reason: "connection-lost" }],
        deadline: undefined,
      });
    });
  });

  describe("ServerSession.respondBulk", () => {
    it("sends the bindings as REPLY, DATA, DONE without LQ_BASE_TIME when the ORO does not ask", () => {
      const s = new ServerSession(clock);
      s.receive(byLink(4), 0);
      const out = s.respondBulk(4, [cd(1), cd(2)], 0);
      expect(out.send).toEqual([
        { msgType: 15, transactionId: 4, options: [{ code: 45, options: [{ code: 46, cltTime: 1 }] }] },
        { msgType: 17, transactionId: 4, options: [{ code: 45, options: [{ code: 46, cltTime: 2 }] }] },
        { msgType: 16, transactionId: 4, options: [] },
      ]);
    });

    it("puts the server's DUID as SERVERID in the REPLY (ServerSessionOptions.serverId)", () => {
      const uuid = { duidType: 4, uuid: new Uint8Array(16).fill(1) } as const;
      const s = new ServerSession({ ...clock, serverId: uuid });
      s.receive(byLink(4), 0);
      expect(s.respondBulk(4, [], 0).send).toEqual([
        { msgType: 15, transactionId: 4, options: [{ code: 2, duid: uuid }] },
      ]);
    });
  });

  // SessionOutput: `send` holds only the messages to send and `events` only what
  // happened, so outputs that send or report nothing have empty lists.
  describe("ServerSession: whole outputs", () => {
    const none = { send: [], events: [], deadline: undefined };

    it("reports a Bulk query without sending, answers it without reporting", () => {
      const s = new ServerSession(clock);
      const query = byLink(4);
      expect(s.receive(query, 0)).toStrictEqual({
        send: [],
        events: [{ type: "bulk-query", transactionId: 4, query }],
        deadline: undefined,
      });
      expect(s.respondBulk(4, [], 0)).toStrictEqual({
        send: [{ msgType: 15, transactionId: 4, options: [] }],
        events: [],
        deadline: undefined,
      });
      expect(s.timeout(0)).toStrictEqual(none);
      expect(s.timeout(1e12)).toStrictEqual(none);
    });

    it("reports an active query, then sends REPLY, DATA, CatchUpComplete and keep-alive without reporting", () => {
      const s = new ServerSession({ baseTimeAt: () => 7, idleTimeout: 1000 });
      s.receive(active(1, { queryStartTime: 5 }), 0);
      expect(s.acceptActive(0)).toStrictEqual({
        send: [{ msgType: 15, transactionId: 1, options: [{ code: 100, baseTime: 7 }] }],
        events: [],
        deadline: 1000,
      });
      expect(s.sendBindings([cd(1)], 10)).toStrictEqual({
        send: [
          {
            msgType: 17,
            transactionId: 1,
            options: [
              { code: 100, baseTime: 7 },
              { code: 45, options: [{ code: 46, cltTime: 1 }] },
            ],
          },
        ],
        events: [],
        deadline: 1010,
      });
      expect(s.catchUpComplete(20)).toStrictEqual({
        send: [
          {
            msgType: 17,
            transactionId: 1,
            options: [
              { code: 13, statusCode: 13, statusMessage: "" },
              { code: 100, baseTime: 7 },
            ],
          },
        ],
        events: [],
        deadline: 1020,
      });
      expect(s.timeout(1020)).toStrictEqual({
        send: [{ msgType: 17, transactionId: 1, options: [{ code: 100, baseTime: 7 }] }],
        events: [],
        deadline: 2020,
      });
    });

    it("sends nothing when it closes on bad input, and gives the message that led to it", () => {
      const relay: Dhcpv6Message = { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] };
      const done: Dhcpv6Message = { msgType: 16, transactionId: 1, options: [] };
      const starttls: Dhcpv6Message = { msgType: 23, transactionId: 2, options: [] };
      for (const m of [relay, done]) {
        expect(new ServerSession().receive(m, 0)).toStrictEqual({
          send: [],
          events: [{ type: "close", reason: "unexpected-message", message: m }],
          deadline: undefined,
        });
      }
      const s = new ServerSession();
      s.receive(byLink(1), 0);
      expect(s.receive(starttls, 1)).toStrictEqual({
        send: [],
        events: [{ type: "close", reason: "protocol-violation", message: starttls }],
        deadline: undefined,
      });
      const t = new ServerSession();
      const again = byLink(1);
      t.receive(byLink(1), 0);
      expect(t.receive(again, 1)).toStrictEqual({
        send: [],
        events: [{ type: "close", reason: "protocol-violation", message: again }],
        deadline: undefined,
      });
      expect(t.receive(again, 2)).toStrictEqual(none);
      expect(t.shutdown(3)).toStrictEqual(none);
      expect(t.connectionLost()).toStrictEqual(none);
    });

    it("closes with `rejected` after answering an active query with LQ_END_TIME (RFC 7653 §9.3)", () => {
      const s = new ServerSession();
      const q = active(1, { queryEndTime: 5, requestedOptions: [] });
      const out = s.receive(q, 0);
      expect(out.send.map((m) => [m.msgType, status(m)?.statusCode])).toEqual([[15, STATUS_CODE.MalformedQuery]]);
      expect(out.events).toStrictEqual([
        { type: "query-rejected", transactionId: 1, statusCode: STATUS_CODE.MalformedQuery, query: q },
        { type: "close", reason: "rejected", message: q },
      ]);
      expect(out.deadline).toBeUndefined();
    });
  });
});
