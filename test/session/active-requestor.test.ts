import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  buildStartTlsReply,
  type Dhcpv6Message,
  findOption,
  leasequeryByLinkAddress,
  QUERY_TYPE,
  STATUS_CODE,
} from "../../src/index.js";
import { ActiveRequestor, type ActiveRequestorEvent } from "../../src/session/index.js";
import { validate } from "../../src/validate/index.js";

const relayId = { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } as const;
const key = { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId } as const;
const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
const types = (es: ActiveRequestorEvent[]) => es.map((e) => e.type);

function feed(r: ActiveRequestor, ms: Dhcpv6Message[], now = 1): ActiveRequestorEvent[] {
  return ms.flatMap((m) => r.receive(m, now).events);
}

describe("seed 001 §8.6 flows", () => {
  it("§8.6.1 query failure: a REPLY with an error ends it", () => {
    const r = new ActiveRequestor();
    r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
    const reply = buildLeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.NotAllowed, baseTime: 5 });
    const es = r.receive(reply, 1).events;
    expect(es).toEqual([
      { type: "query-failed", statusCode: 10, statusMessage: "", message: reply },
      { type: "close", reason: "query-failed", message: reply },
    ]);
    expect(r.closed).toBe(true);
    expect(r.deadline).toBeUndefined();
  });

  it("§8.6.2 data missing: DataMissing in the REPLY ends catch-up and yields the recovery Bulk query", () => {
    const r = new ActiveRequestor({ baseTime: 1000 });
    const query = r.reconnectQuery(key, { transactionId: 2 });
    r.start(query, 0);
    expect(r.catchingUp).toBe(true);
    const reply = buildLeasequeryReply({ transactionId: 2, statusCode: STATUS_CODE.DataMissing, baseTime: 5000 });
    const es = r.receive(reply, 1).events;
    expect(types(es)).toEqual(["accepted", "data-missing"]);
    const dm = es[1] as Extract<ActiveRequestorEvent, { type: "data-missing" }>;
    expect(dm.baseTime).toBe(5000);
    const rq = dm.recoveryQuery as Dhcpv6Message;
    expect(rq.msgType).toBe(14);
    expect(rq).toMatchObject({ transactionId: 3 });
    const lq = findOption(rq, 44);
    expect(lq?.queryType).toBe(3);
    expect(findOption(lq ?? [], 101)?.queryStartTime).toBe(1000);
    expect(findOption(lq ?? [], 102)?.queryEndTime).toBe(5000);
    expect(findOption(lq ?? [], 6)?.requestedOptions).toEqual([100]);
    expect(validate(rq, { exchange: "bulk" })).toEqual([]);
    // Catch-up is over: real-time updates follow and their base times are kept.
    expect(r.catchingUp).toBe(false);
    expect(r.baseTime).toBe(5000);
    const more = feed(
      r,
      [1, 2, 3].map((i) => buildLeasequeryData({ transactionId: 2, baseTime: 5000 + i }, cd(i))),
    );
    expect(more.map((e) => e.type === "binding" && e.catchUp)).toEqual([false, false, false]);
    expect(r.baseTime).toBe(5003);
  });

  it("§8.6.3 successful query: REPLY, DATA..., then DONE with an error ends it", () => {
    const r = new ActiveRequestor();
    r.start(buildActiveLeasequery(key, { transactionId: 3 }), 0);
    const es = feed(r, [
      buildLeasequeryReply({ transactionId: 3, baseTime: 10 }),
      ...[1, 2, 3, 4].map((i) => buildLeasequeryData({ transactionId: 3, baseTime: 10 + i }, cd(i))),
      buildLeasequeryDone({ transactionId: 3, statusCode: STATUS_CODE.QueryTerminated, baseTime: 20 }),
    ]);
    expect(types(es)).toEqual(["accepted", "binding", "binding", "binding", "binding", "terminated", "close"]);
    expect(es[5]).toEqual({ type: "terminated", statusCode: 11, statusMessage: "", baseTime: 20 });
    expect(es[6]).toMatchObject({ reason: "terminated" });
    expect(r.baseTime).toBe(20);
  });
});

describe("catch-up and the saved base time", () => {
  it("keeps the old base time through catch-up and saves only after CatchUpComplete", () => {
    const r = new ActiveRequestor({ baseTime: 100 });
    r.start(r.reconnectQuery(key, { transactionId: 7 }), 0);
    const es = feed(r, [
      buildLeasequeryReply({ transactionId: 7, baseTime: 300 }, cd(1)),
      buildLeasequeryData({ transactionId: 7, baseTime: 305 }, cd(2)),
    ]);
    expect(es.flatMap((e) => (e.type === "binding" ? [e.catchUp] : []))).toEqual([true, true]);
    expect(r.baseTime).toBe(100);
    const end = r.receive(
      buildLeasequeryData({ transactionId: 7, statusCode: STATUS_CODE.CatchUpComplete, baseTime: 306 }),
      2,
    );
    expect(end.events).toEqual([{ type: "catch-up-complete", baseTime: 306 }]);
    expect(r.baseTime).toBe(306);
    r.receive(buildLeasequeryData({ transactionId: 7, baseTime: 400 }, cd(3)), 3);
    expect(r.baseTime).toBe(400);
  });

  it("keeps the highest base time, not the latest", () => {
    const r = new ActiveRequestor();
    r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
    feed(r, [
      buildLeasequeryReply({ transactionId: 1, baseTime: 50 }),
      buildLeasequeryData({ transactionId: 1, baseTime: 60 }, cd(1)),
      buildLeasequeryData({ transactionId: 1, baseTime: 55 }, cd(2)),
    ]);
    expect(r.baseTime).toBe(60);
  });

  it("does not save base times from a DONE that arrives during catch-up", () => {
    const r = new ActiveRequestor({ baseTime: 100 });
    r.start(r.reconnectQuery(key, { transactionId: 1 }), 0);
    const es = feed(r, [
      buildLeasequeryReply({ transactionId: 1, baseTime: 300 }),
      buildLeasequeryDone({ transactionId: 1, statusCode: STATUS_CODE.QueryTerminated, baseTime: 301 }),
    ]);
    expect(types(es)).toEqual(["accepted", "terminated", "close"]);
    expect(r.baseTime).toBe(100);
  });

  it("ends catch-up on DataMissing in a LEASEQUERY-DATA", () => {
    const r = new ActiveRequestor({ baseTime: 100 });
    r.start(r.reconnectQuery(key, { transactionId: 1 }), 0);
    const es = feed(r, [
      buildLeasequeryReply({ transactionId: 1, baseTime: 300 }, cd(1)),
      buildLeasequeryData({ transactionId: 1, statusCode: STATUS_CODE.DataMissing, baseTime: 310 }),
    ]);
    expect(types(es)).toEqual(["accepted", "binding", "data-missing"]);
    expect(r.baseTime).toBe(310);
    expect(r.catchingUp).toBe(false);
  });

  it("has no recovery query for an active query without LQ_QUERY, and no start time to copy without one", () => {
    const r = new ActiveRequestor({ baseTime: 100 });
    r.start(r.reconnectQuery(undefined, { transactionId: 1 }), 0);
    const [, dm] = r.receive(
      buildLeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.DataMissing, baseTime: 9 }),
      1,
    ).events;
    expect(dm).toEqual({ type: "data-missing", baseTime: 9, recoveryQuery: undefined });
    // An odd server: DataMissing without catch-up and without base time.
    const s = new ActiveRequestor();
    s.start(buildActiveLeasequery(key, { transactionId: 0xffffff }), 0);
    const [, dm2] = s.receive(
      buildLeasequeryReply({ transactionId: 0xffffff, statusCode: STATUS_CODE.DataMissing }),
      1,
    ).events;
    const rq = (dm2 as Extract<ActiveRequestorEvent, { type: "data-missing" }>).recoveryQuery as Dhcpv6Message;
    expect(rq).toMatchObject({ msgType: 14, transactionId: 0 });
    expect((findOption(rq, 44)?.options ?? []).map((o) => o.code)).toEqual([53, 6]);
  });

  it("moves a message-level LQ_START_TIME into the recovery query's LQ_QUERY, keeping other options", () => {
    const r = new ActiveRequestor();
    const q = buildActiveLeasequery(key, {
      transactionId: 1,
      requestorId: relayId,
      options: [{ code: 101, queryStartTime: 50 }],
    });
    r.start(q, 0);
    expect(r.catchingUp).toBe(true);
    const [, dm] = r.receive(
      buildLeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.DataMissing, baseTime: 60 }),
      1,
    ).events;
    const rq = (dm as Extract<ActiveRequestorEvent, { type: "data-missing" }>).recoveryQuery as Dhcpv6Message;
    expect(rq.options.map((o) => o.code)).toEqual([1, 44]);
    expect((findOption(rq, 44)?.options ?? []).map((o) => o.code)).toEqual([53, 6, 101, 102]);
    expect(findOption(findOption(rq, 44) ?? [], 101)?.queryStartTime).toBe(50);
  });

  it("accepts a REPLY with CatchUpComplete as the end of catch-up", () => {
    const r = new ActiveRequestor({ baseTime: 1 });
    r.start(r.reconnectQuery(key, { transactionId: 1 }), 0);
    const es = r.receive(
      buildLeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.CatchUpComplete, baseTime: 4 }),
      1,
    ).events;
    expect(types(es)).toEqual(["accepted", "catch-up-complete"]);
    expect(r.baseTime).toBe(4);
    // A second CatchUpComplete changes nothing.
    expect(
      r.receive(buildLeasequeryData({ transactionId: 1, statusCode: STATUS_CODE.CatchUpComplete }), 2).events,
    ).toEqual([]);
  });
});

describe("keep-alive and timers", () => {
  it("recognises a keep-alive LEASEQUERY-DATA and restarts ACTIVE_LQ_RCV_TIMEOUT on every message", () => {
    const r = new ActiveRequestor();
    expect(r.deadline).toBeUndefined();
    expect(r.start(buildActiveLeasequery(key, { transactionId: 1 }), 1000).deadline).toBe(121_000);
    r.receive(buildLeasequeryReply({ transactionId: 1, baseTime: 1 }), 2000);
    const out = r.receive(buildLeasequeryData({ transactionId: 1, baseTime: 61 }), 62_000);
    expect(types(out.events)).toEqual(["keep-alive"]);
    expect(out.deadline).toBe(182_000);
    expect(r.baseTime).toBe(61);
    expect(r.timeout(181_999).events).toEqual([]);
    expect(r.timeout(182_000).events).toEqual([{ type: "close", reason: "timeout" }]);
    expect(r.timeout(999_999).events).toEqual([]);
  });

  it("takes its timeouts from the options", () => {
    const r = new ActiveRequestor({ receiveTimeout: 10 });
    expect(r.start(buildActiveLeasequery(key, { transactionId: 1 }), 5).deadline).toBe(15);
    expect(() => new ActiveRequestor({ startTlsTimeout: -1 })).toThrow(RangeError);
  });
});

describe("STARTTLS", () => {
  it("goes ahead on a REPLY without status, then starts the query", () => {
    const r = new ActiveRequestor();
    const out = r.startTls(9, 0);
    expect(out.send).toEqual([{ msgType: 23, transactionId: 9, options: [] }]);
    expect(out.deadline).toBe(120_000);
    expect(() => r.start(buildActiveLeasequery(key, { transactionId: 1 }), 1)).toThrow(/cannot start/);
    expect(types(r.receive(buildStartTlsReply({ transactionId: 9 }), 1).events)).toEqual(["tls-accepted"]);
    expect(r.deadline).toBeUndefined();
    expect(r.start(buildActiveLeasequery(key, { transactionId: 1 }), 2).send.length).toBe(1);
  });

  it("drops the connection on TLSConnectionRefused", () => {
    const r = new ActiveRequestor();
    r.startTls(9, 0);
    const refusal = buildStartTlsReply({ transactionId: 9, refused: true });
    expect(r.receive(refusal, 1).events).toEqual([
      { type: "tls-refused", statusCode: 15 },
      { type: "close", reason: "tls-refused", message: refusal },
    ]);
  });

  it("drops the connection when no answer comes by the deadline, or the connection goes", () => {
    const r = new ActiveRequestor({ startTlsTimeout: 100 });
    r.startTls(9, 0);
    expect(r.timeout(99).events).toEqual([]);
    expect(r.timeout(100).events).toEqual([
      { type: "tls-refused", statusCode: undefined },
      { type: "close", reason: "timeout" },
    ]);
    const s = new ActiveRequestor();
    s.startTls(9, 0);
    expect(types(s.connectionLost().events)).toEqual(["tls-refused", "close"]);
    expect(s.connectionLost().events).toEqual([]);
  });

  it("must be the first message", () => {
    const r = new ActiveRequestor();
    r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
    expect(() => r.startTls(2, 0)).toThrow(/first message/);
    expect(() => new ActiveRequestor().startTls(0x1000000, 0)).toThrow(RangeError);
  });
});

describe("protocol errors", () => {
  it("closes on replies for another transaction-id or before the query", () => {
    const before = new ActiveRequestor();
    expect(before.receive(buildLeasequeryData({ transactionId: 1 }), 0).events).toMatchObject([
      { type: "close", reason: "unknown-transaction" },
    ]);
    const r = new ActiveRequestor();
    r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
    expect(r.receive(buildLeasequeryDone({ transactionId: 2 }), 1).events).toMatchObject([
      { type: "close", reason: "unknown-transaction" },
    ]);
    expect(r.receive(buildLeasequeryReply({ transactionId: 1 }), 2).events).toEqual([]);
  });

  it("closes on DATA before the REPLY and on a second REPLY", () => {
    for (const ms of [
      [buildLeasequeryData({ transactionId: 1 }, cd(1))],
      [buildLeasequeryReply({ transactionId: 1 }), buildLeasequeryReply({ transactionId: 1 })],
    ]) {
      const r = new ActiveRequestor();
      r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      expect(feed(r, ms).at(-1)).toMatchObject({ type: "close", reason: "protocol-violation" });
    }
  });

  it("closes on a message type that has no place here", () => {
    const r = new ActiveRequestor();
    r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
    expect(r.receive(buildStartTlsReply({ transactionId: 1 }), 1).events).toMatchObject([
      { type: "close", reason: "unexpected-message" },
    ]);
  });

  it("refuses queries that are not ACTIVELEASEQUERY or carry LQ_END_TIME", () => {
    const r = new ActiveRequestor();
    expect(() => r.start(buildLeasequeryDone({ transactionId: 1 }), 0)).toThrow(RangeError);
    expect(() => r.start(buildActiveLeasequery(key, { transactionId: 1, queryEndTime: 3 }), 0)).toThrow(/LQ_END_TIME/);
    expect(() => r.start({ msgType: 22, transactionId: 2 ** 24, options: [] }, 0)).toThrow(RangeError);
    expect(() => r.receive(buildLeasequeryDone({ transactionId: 1 }), Number.NaN)).toThrow(RangeError);
  });
});

describe("reconnectQuery", () => {
  it("puts the saved base time in LQ_START_TIME, in the LQ_QUERY or at message level", () => {
    const r = new ActiveRequestor({ baseTime: 42 });
    const withKey = r.reconnectQuery(key, { transactionId: 1 });
    expect(findOption(findOption(withKey, 44) ?? [], 101)?.queryStartTime).toBe(42);
    const all = r.reconnectQuery(undefined, {
      transactionId: 1,
      requestorId: relayId,
      requestedOptions: [46, 100],
      options: [{ code: 8, elapsedTime: 0 }],
    });
    expect(all.options.map((o) => o.code)).toEqual([1, 6, 101, 8]);
    expect(validate(all)).toEqual([]);
  });

  it("starts fresh without a saved base time, and sends no ORO when asked for none", () => {
    const r = new ActiveRequestor();
    expect(r.reconnectQuery(undefined, { transactionId: 1, requestedOptions: [] }).options).toEqual([]);
    expect(findOption(findOption(r.reconnectQuery(key, { transactionId: 1 }), 44) ?? [], 101)).toBeUndefined();
  });
});

// Expected behaviour comes from RFC 5460 §6-7 and RFC 7653 §8-9 as restated in
// PROTOCOL.md §4, and from the JSDoc contracts and examples of the sessions
// (events, CloseEvent, option defaults); option layouts from RFC 5007 /
// RFC 7653.
describe("ActiveRequestor: state, STARTTLS, statuses, base time, recovery and whole outputs", () => {
  const relayId = { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } as const;
  const key = { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId } as const;
  const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
  const q = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
  const types = (es: readonly { type: string }[]) => es.map((e) => e.type);

  describe("ActiveRequestor: state before and after", () => {
    it("is not catching up before any query", () => {
      expect(new ActiveRequestor({ baseTime: 5 }).catchingUp).toBe(false);
    });

    it("is not catching up once closed during catch-up", () => {
      const r = new ActiveRequestor({ baseTime: 5 });
      r.start(r.reconnectQuery(key, { transactionId: 1 }), 0);
      expect(r.catchingUp).toBe(true);
      r.connectionLost();
      expect(r.catchingUp).toBe(false);
    });

    it("reports a lost connection outside STARTTLS as a plain close, with no `message` key", () => {
      const r = new ActiveRequestor();
      r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      expect(r.connectionLost().events).toStrictEqual([{ type: "close", reason: "connection-lost" }]);
      const t = new ActiveRequestor({ receiveTimeout: 10 });
      t.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      expect(t.timeout(10).events).toStrictEqual([{ type: "close", reason: "timeout" }]);
    });

    it("start refuses a message that is not an ACTIVELEASEQUERY", () => {
      expect(() => new ActiveRequestor().start(q(1), 0)).toThrow(RangeError);
    });
  });

  describe("ActiveRequestor.reconnectQuery without a key", () => {
    it("asks for LQ_BASE_TIME (100) in the ORO by default", () => {
      const m = new ActiveRequestor().reconnectQuery(undefined, { transactionId: 1 });
      expect(m).toEqual({ msgType: 22, transactionId: 1, options: [{ code: 6, requestedOptions: [100] }] });
    });

    it("puts the requested options in the ORO as given", () => {
      const m = new ActiveRequestor().reconnectQuery(undefined, { transactionId: 1, requestedOptions: [46, 100] });
      expect(findOption(m, 6)?.requestedOptions).toEqual([46, 100]);
    });
  });

  describe("ActiveRequestor while STARTTLS is pending (RFC 7653 §8.2)", () => {
    it("does not take a LEASEQUERY-REPLY with the STARTTLS transaction-id as the answer", () => {
      // Only a REPLY (7) answers STARTTLS; no query is outstanding, so a
      // LEASEQUERY-REPLY matches no transaction.
      const r = new ActiveRequestor();
      r.startTls(9, 0);
      const m = buildLeasequeryReply({ transactionId: 9 });
      expect(r.receive(m, 1).events).toEqual([{ type: "close", reason: "unknown-transaction", message: m }]);
    });

    it("does not take a REPLY for another transaction-id as the answer", () => {
      const r = new ActiveRequestor();
      r.startTls(9, 0);
      const m = buildStartTlsReply({ transactionId: 8 });
      expect(r.receive(m, 1).events).toEqual([{ type: "close", reason: "unexpected-message", message: m }]);
    });

    it("takes no LEASEQUERY-DATA after TLS was accepted and before the query", () => {
      const r = new ActiveRequestor();
      r.startTls(9, 0);
      r.receive(buildStartTlsReply({ transactionId: 9 }), 1);
      const m = buildLeasequeryData({ transactionId: 9 }, cd(1));
      expect(r.receive(m, 2).events).toEqual([{ type: "close", reason: "unknown-transaction", message: m }]);
    });
  });

  describe("ActiveRequestor: statuses in the wrong place", () => {
    it("ends the query on a DONE carrying CatchUpComplete, without ending catch-up or saving its base time", () => {
      // Catch-up ends with a DATA (or REPLY) carrying CatchUpComplete; a DONE ends the query.
      const r = new ActiveRequestor({ baseTime: 100 });
      r.start(r.reconnectQuery(key, { transactionId: 1 }), 0);
      r.receive(buildLeasequeryReply({ transactionId: 1, baseTime: 300 }), 1);
      const es = r.receive(
        buildLeasequeryDone({ transactionId: 1, statusCode: STATUS_CODE.CatchUpComplete, baseTime: 301 }),
        2,
      ).events;
      expect(types(es)).toEqual(["terminated", "close"]);
      expect(es[0]).toEqual({ type: "terminated", statusCode: 13, statusMessage: "", baseTime: 301 });
      expect(r.baseTime).toBe(100);
    });

    it("ends the query on a DONE carrying DataMissing, with no recovery query", () => {
      const r = new ActiveRequestor({ baseTime: 100 });
      r.start(r.reconnectQuery(key, { transactionId: 1 }), 0);
      r.receive(buildLeasequeryReply({ transactionId: 1, baseTime: 300 }), 1);
      const es = r.receive(
        buildLeasequeryDone({ transactionId: 1, statusCode: STATUS_CODE.DataMissing, baseTime: 301 }),
        2,
      ).events;
      expect(types(es)).toEqual(["terminated", "close"]);
    });

    it("does not call a LEASEQUERY-DATA with an error status a keep-alive", () => {
      // Keep-alive: a DATA with neither binding nor status (RFC 7653 §8.4).
      const r = new ActiveRequestor();
      r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      r.receive(buildLeasequeryReply({ transactionId: 1, baseTime: 5 }), 1);
      const es = r.receive(buildLeasequeryData({ transactionId: 1, statusCode: STATUS_CODE.UnspecFail }), 2).events;
      expect(es).toEqual([]);
    });
  });

  describe("ActiveRequestor: the saved base time", () => {
    it("keeps it when a message carries no LQ_BASE_TIME", () => {
      const r = new ActiveRequestor();
      r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      r.receive(buildLeasequeryReply({ transactionId: 1, baseTime: 50 }), 1);
      r.receive(buildLeasequeryData({ transactionId: 1 }, cd(1)), 2);
      expect(r.baseTime).toBe(50);
      const fresh = new ActiveRequestor();
      fresh.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      fresh.receive(buildLeasequeryReply({ transactionId: 1 }), 1);
      expect(fresh.baseTime).toBeUndefined();
    });
  });

  describe("ActiveRequestor: the recovery query after DataMissing (RFC 7653 §8.4.1)", () => {
    it("replaces the LQ_QUERY's LQ_START_TIME rather than adding a second one", () => {
      // reconnectQuery(key) puts LQ_START_TIME 1000 in the LQ_QUERY: options
      // RELAY_ID (53), ORO (6), LQ_START_TIME (101). The recovery query's
      // LQ_QUERY holds RELAY_ID, ORO, LQ_START_TIME = 1000 and LQ_END_TIME = the
      // base time of the DataMissing REPLY, once each.
      const r = new ActiveRequestor({ baseTime: 1000 });
      r.start(r.reconnectQuery(key, { transactionId: 2 }), 0);
      const es = r.receive(
        buildLeasequeryReply({ transactionId: 2, statusCode: STATUS_CODE.DataMissing, baseTime: 5000 }),
        1,
      ).events;
      const dm = es[1] as Extract<ActiveRequestorEvent, { type: "data-missing" }>;
      const lq = findOption(dm.recoveryQuery as Dhcpv6Message, 44);
      expect(lq?.options).toEqual([
        { code: 53, duid: relayId },
        { code: 6, requestedOptions: [100] },
        { code: 101, queryStartTime: 1000 },
        { code: 102, queryEndTime: 5000 },
      ]);
    });
  });

  // SessionOutput: `send` holds only the messages to send and `events` only what
  // happened, so outputs that send or report nothing have empty lists.
  describe("ActiveRequestor: whole outputs", () => {
    it("reports nothing when it sends STARTTLS or the query, and sends nothing on receipt", () => {
      const r = new ActiveRequestor({ startTlsTimeout: 50, receiveTimeout: 100 });
      expect(r.closed).toBe(false);
      expect(r.startTls(9, 0)).toStrictEqual({
        send: [{ msgType: 23, transactionId: 9, options: [] }],
        events: [],
        deadline: 50,
      });
      const ok = buildStartTlsReply({ transactionId: 9 });
      expect(r.receive(ok, 1)).toStrictEqual({
        send: [],
        events: [{ type: "tls-accepted", message: ok }],
        deadline: undefined,
      });
      const query = buildActiveLeasequery(key, { transactionId: 1 });
      expect(r.start(query, 2)).toStrictEqual({ send: [query], events: [], deadline: 102 });
      const reply = buildLeasequeryReply({ transactionId: 1 });
      expect(r.receive(reply, 3)).toStrictEqual({
        send: [],
        events: [{ type: "accepted", message: reply }],
        deadline: 103,
      });
      expect(r.timeout(4)).toStrictEqual({ send: [], events: [], deadline: 103 });
      expect(r.timeout(103)).toStrictEqual({
        send: [],
        events: [{ type: "close", reason: "timeout" }],
        deadline: undefined,
      });
      const none = { send: [], events: [], deadline: undefined };
      expect(r.receive(reply, 200)).toStrictEqual(none);
      expect(r.connectionLost()).toStrictEqual(none);
      expect(r.closed).toBe(true);
    });

    it("reports the status of a DONE, its text, or none (Success, empty text) without STATUS_CODE", () => {
      const r = new ActiveRequestor();
      r.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      r.receive(buildLeasequeryReply({ transactionId: 1 }), 1);
      const done = buildLeasequeryDone({
        transactionId: 1,
        statusCode: STATUS_CODE.QueryTerminated,
        statusMessage: "bye",
      });
      expect(r.receive(done, 2).events[0]).toStrictEqual({
        type: "terminated",
        statusCode: 11,
        statusMessage: "bye",
        baseTime: undefined,
      });
      const s = new ActiveRequestor();
      s.start(buildActiveLeasequery(key, { transactionId: 1 }), 0);
      s.receive(buildLeasequeryReply({ transactionId: 1 }), 1);
      const plain = s.receive(buildLeasequeryDone({ transactionId: 1 }), 2);
      expect(plain.events[0]).toStrictEqual({
        type: "terminated",
        statusCode: 0,
        statusMessage: "",
        baseTime: undefined,
      });
      expect(plain.send).toStrictEqual([]);
    });

    it("does not touch the active query when it builds the recovery query", () => {
      const r = new ActiveRequestor({ baseTime: 1000 });
      const query = r.reconnectQuery(key, { transactionId: 2 });
      r.start(query, 0);
      r.receive(buildLeasequeryReply({ transactionId: 2, statusCode: STATUS_CODE.DataMissing, baseTime: 5000 }), 1);
      expect(findOption(query, 44)?.options.map((o) => o.code)).toEqual([53, 6, 101]);
    });
  });
});
