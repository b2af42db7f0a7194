// Tests written for surviving Stryker mutants of src/session/bulk-requestor.ts,
// active-requestor.ts, bulk-replies.ts and output.ts (see mutation/session.md).
// Expected behaviour comes from RFC 5460 §6 and RFC 7653 §8 as restated in
// PROTOCOL.md §4, and from the JSDoc contracts of the sessions (events,
// CloseEvent, option defaults); option layouts from RFC 5007 / RFC 7653.
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
import {
  ActiveRequestor,
  type ActiveRequestorEvent,
  BulkRequestor,
  bulkReplies,
  ServerSession,
} from "../../src/session/index.js";

const relayId = { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } as const;
const key = { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId } as const;
const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
const q = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
const types = (es: readonly { type: string }[]) => es.map((e) => e.type);

describe("shared argument checks (output.ts)", () => {
  it("names the bad `now` in its RangeError", () => {
    expect(() => new BulkRequestor().timeout(Number.NaN)).toThrow(/now must be a finite number/);
    expect(() => new ActiveRequestor().timeout(Number.POSITIVE_INFINITY)).toThrow(/now must be a finite number/);
  });

  it("takes the whole 24-bit transaction-id range, 0 included, and nothing else (RFC 8415 §8)", () => {
    const r = new BulkRequestor();
    expect(r.query(q(0), 0).send.length).toBe(1);
    expect(r.pending).toEqual([0]);
    const half: Dhcpv6Message = { msgType: 14, transactionId: 1.5, options: [] };
    expect(() => r.query(half, 0)).toThrow(RangeError);
    expect(() => r.query(half, 0)).toThrow(/24 bits/);
    expect(() => new ActiveRequestor().startTls(-1, 0)).toThrow(/24 bits/);
  });

  it("names the option of a timeout that is not a positive number", () => {
    expect(() => new BulkRequestor({ dataTimeout: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => new BulkRequestor({ dataTimeout: -5 })).toThrow(/dataTimeout/);
    expect(() => new ActiveRequestor({ receiveTimeout: 0 })).toThrow(/receiveTimeout/);
    expect(() => new ActiveRequestor({ startTlsTimeout: 0 })).toThrow(/startTlsTimeout/);
    expect(() => new ServerSession({ idleTimeout: 0 })).toThrow(/idleTimeout/);
    expect(() => new ServerSession({ idleTimeout: 0 })).toThrow(/positive number of milliseconds/);
  });
});

describe("bulkReplies", () => {
  it("sends no CLIENTID when the query has none (RFC 5460 §5.2.1 echoes it only when present)", () => {
    const ms = [...bulkReplies(q(7), [cd(1)])];
    expect(ms.map((m) => m.msgType)).toEqual([15, 16]);
    expect(ms[0]?.options).toEqual([{ code: 45, options: [{ code: 46, cltTime: 1 }] }]);
    expect([...bulkReplies(q(7), [])]).toEqual([{ msgType: 15, transactionId: 7, options: [] }]);
  });

  it("says why a relay message cannot be answered", () => {
    const relay: Dhcpv6Message = { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] };
    expect(() => [...bulkReplies(relay, [])]).toThrow(/LEASEQUERY/);
  });
});

describe("BulkRequestor", () => {
  it("gives close events without a `message` key when no message led to them (CloseEvent)", () => {
    const r = new BulkRequestor({ dataTimeout: 10 });
    r.query(q(1), 0);
    const closeEvent = r.timeout(10).events.at(-1);
    expect(closeEvent).toStrictEqual({ type: "close", reason: "timeout" });
    const s = new BulkRequestor();
    expect(s.connectionLost().events).toStrictEqual([{ type: "close", reason: "connection-lost" }]);
  });

  it("says what it takes when given something else", () => {
    expect(() => new BulkRequestor().query(buildLeasequeryDone({ transactionId: 1 }), 0)).toThrow(/LEASEQUERY/);
  });
});

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

  it("says what start takes", () => {
    expect(() => new ActiveRequestor().start(q(1), 0)).toThrow(/ACTIVELEASEQUERY/);
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
describe("BulkRequestor: whole outputs", () => {
  it("sends the query and reports nothing, then sends nothing while replies arrive", () => {
    const r = new BulkRequestor({ dataTimeout: 100 });
    const query = q(1);
    expect(r.query(query, 0)).toStrictEqual({ send: [query], events: [], deadline: 100 });
    const reply = buildLeasequeryReply({ transactionId: 1 }, cd(1));
    const out = r.receive(reply, 1);
    expect(out.send).toStrictEqual([]);
    // No STATUS_CODE: Success (0) and no status text.
    expect(out.events[0]).toStrictEqual({
      type: "reply",
      transactionId: 1,
      statusCode: 0,
      statusMessage: "",
      message: reply,
    });
    const data = buildLeasequeryData({ transactionId: 1 });
    expect(r.receive(data, 2)).toStrictEqual({
      send: [],
      events: [{ type: "discarded", transactionId: 1, message: data }],
      deadline: 102,
    });
    expect(r.receive(buildLeasequeryDone({ transactionId: 1 }), 3)).toStrictEqual({
      send: [],
      events: [{ type: "query-complete", transactionId: 1, statusCode: 0, statusMessage: "", bindings: 1 }],
      deadline: undefined,
    });
  });

  it("sends nothing when it closes, and nothing once closed", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    const m = buildLeasequeryDone({ transactionId: 9 });
    expect(r.receive(m, 1)).toStrictEqual({
      send: [],
      events: [
        { type: "query-aborted", transactionId: 1, bindings: 0 },
        { type: "close", reason: "unknown-transaction", message: m },
      ],
      deadline: undefined,
    });
    const none = { send: [], events: [], deadline: undefined };
    expect(r.receive(m, 2)).toStrictEqual(none);
    expect(r.connectionLost()).toStrictEqual(none);
    expect(r.timeout(1e9)).toStrictEqual(none);
  });

  it("reports a second REPLY as a protocol violation, with the message", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    const reply = buildLeasequeryReply({ transactionId: 1 }, cd(1));
    r.receive(reply, 1);
    expect(r.receive(reply, 2)).toStrictEqual({
      send: [],
      events: [
        { type: "query-aborted", transactionId: 1, bindings: 1 },
        { type: "close", reason: "protocol-violation", message: reply },
      ],
      deadline: undefined,
    });
  });
});

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
