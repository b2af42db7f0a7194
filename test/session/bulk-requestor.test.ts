import { describe, expect, it } from "vitest";
import {
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  buildStartTlsReply,
  type Dhcpv6Message,
  hex,
  leasequeryByLinkAddress,
  leasequeryByRelayId,
  QUERY_TYPE,
  STATUS_CODE,
} from "../../src/index.js";
import { BulkRequestor, type BulkRequestorEvent } from "../../src/session/index.js";
import { deframeMessages } from "../../src/stream/index.js";
import { INTERLEAVED_HEX } from "../stream/golden.js";

const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
const q = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
const types = (es: BulkRequestorEvent[]) => es.map((e) => e.type);

function feed(r: BulkRequestor, ms: Dhcpv6Message[], now = 1): BulkRequestorEvent[] {
  return ms.flatMap((m) => r.receive(m, now).events);
}

describe("seed 003 §6.5.1: interleaved replies to two queries on one connection", () => {
  it("accounts REPLY, DATA*, DONE per transaction-id and delivers every binding once", () => {
    const r = new BulkRequestor();
    // xid 2 first, alone.
    r.query(q(2), 0);
    const first = feed(r, [
      buildLeasequeryReply({ transactionId: 2 }, cd(1)),
      buildLeasequeryData({ transactionId: 2 }, cd(2)),
      buildLeasequeryData({ transactionId: 2 }, cd(3)),
      buildLeasequeryDone({ transactionId: 2 }),
    ]);
    expect(first.at(-1)).toEqual({
      type: "query-complete",
      transactionId: 2,
      statusCode: 0,
      statusMessage: "",
      bindings: 3,
    });
    // Then xid 3 and 4 together, their replies interleaved as in the seed (golden framed stream).
    r.query(q(3), 2);
    r.query(q(4), 2);
    expect(r.pending).toEqual([3, 4]);
    const events = feed(r, deframeMessages(hex(INTERLEAVED_HEX)), 3);
    const got = events.flatMap((e) =>
      e.type === "binding"
        ? [[e.transactionId, (e.clientData?.options[0] as { cltTime: number } | undefined)?.cltTime]]
        : [],
    );
    expect(got).toEqual([
      [4, 3600],
      [4, 60],
      [3, 1],
      [4, 61],
      [3, 2],
      [4, 62],
    ]);
    const done = events.filter((e) => e.type === "query-complete");
    expect(done).toEqual([
      { type: "query-complete", transactionId: 3, statusCode: 0, statusMessage: "", bindings: 2 },
      { type: "query-complete", transactionId: 4, statusCode: 0, statusMessage: "", bindings: 4 },
    ]);
    expect(r.pending).toEqual([]);
    expect(r.deadline).toBeUndefined();
    expect(r.closed).toBe(false);
  });
});

describe("BulkRequestor", () => {
  it("ends a query whose REPLY has no binding, and closes on a DONE that follows it", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    const a = r.receive(buildLeasequeryReply({ transactionId: 1 }), 1).events;
    expect(types(a)).toEqual(["reply", "query-complete"]);
    expect(a[1]).toMatchObject({ bindings: 0, statusCode: 0 });
    const b = r.receive(buildLeasequeryDone({ transactionId: 1 }), 2).events;
    expect(b).toMatchObject([{ type: "close", reason: "unknown-transaction" }]);
    expect(r.closed).toBe(true);
  });

  it("ends a query refused with an error status", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    const reply = buildLeasequeryReply(
      { transactionId: 1, statusCode: STATUS_CODE.NotAllowed, statusMessage: "no" },
      cd(1),
    );
    const es = r.receive(reply, 1).events;
    expect(types(es)).toEqual(["reply", "query-complete"]);
    expect(es[1]).toMatchObject({ statusCode: 10, statusMessage: "no", bindings: 0 });
  });

  it("reports an error status in LEASEQUERY-DONE with the bindings so far", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    feed(r, [buildLeasequeryReply({ transactionId: 1 }, cd(1))]);
    const es = r.receive(buildLeasequeryDone({ transactionId: 1, statusCode: STATUS_CODE.QueryTerminated }), 2).events;
    expect(es).toEqual([{ type: "query-complete", transactionId: 1, statusCode: 11, statusMessage: "", bindings: 1 }]);
  });

  it("discards LEASEQUERY-DATA without CLIENT_DATA, with an event", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    feed(r, [buildLeasequeryReply({ transactionId: 1 }, cd(1))]);
    const es = r.receive(buildLeasequeryData({ transactionId: 1 }), 2).events;
    expect(types(es)).toEqual(["discarded"]);
    expect(r.pending).toEqual([1]);
  });

  it("delivers each CLIENT_DATA of a message", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    const m = buildLeasequeryReply({ transactionId: 1, options: [{ code: 45, options: [] }] }, cd(1));
    expect(types(r.receive(m, 1).events)).toEqual(["reply", "binding", "binding"]);
  });

  it("closes on DATA or DONE for an unknown transaction-id, aborting what is outstanding", () => {
    for (const m of [buildLeasequeryData({ transactionId: 9 }, cd(1)), buildLeasequeryDone({ transactionId: 9 })]) {
      const r = new BulkRequestor();
      r.query(q(1), 0);
      feed(r, [buildLeasequeryReply({ transactionId: 1 }, cd(1))]);
      const es = r.receive(m, 1).events;
      expect(es).toEqual([
        { type: "query-aborted", transactionId: 1, bindings: 1 },
        { type: "close", reason: "unknown-transaction", message: m },
      ]);
      // Closed: later input is ignored, and queries are refused.
      expect(r.receive(buildLeasequeryDone({ transactionId: 1 }), 2).events).toEqual([]);
      expect(() => r.query(q(2), 3)).toThrow(/closed/);
      expect(r.deadline).toBeUndefined();
    }
  });

  it("treats DATA or DONE before the REPLY, and a second REPLY, as protocol violations", () => {
    const cases: Dhcpv6Message[][] = [
      [buildLeasequeryData({ transactionId: 1 }, cd(1))],
      [buildLeasequeryDone({ transactionId: 1 })],
      [buildLeasequeryReply({ transactionId: 1 }, cd(1)), buildLeasequeryReply({ transactionId: 1 }, cd(1))],
    ];
    for (const ms of cases) {
      const r = new BulkRequestor();
      r.query(q(1), 0);
      expect(feed(r, ms).at(-1)).toMatchObject({ type: "close", reason: "protocol-violation" });
    }
  });

  it("closes on a message type that has no place in Bulk Leasequery", () => {
    const r = new BulkRequestor();
    expect(r.receive(buildStartTlsReply({ transactionId: 1 }), 0).events).toMatchObject([
      { type: "close", reason: "unexpected-message" },
    ]);
    const relay: Dhcpv6Message = { msgType: 13, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] };
    expect(new BulkRequestor().receive(relay, 0).events).toMatchObject([
      { type: "close", reason: "unexpected-message" },
    ]);
  });

  it("runs BULK_LQ_DATA_TIMEOUT from the last message while a query is outstanding", () => {
    const r = new BulkRequestor();
    expect(r.deadline).toBeUndefined();
    expect(r.timeout(1e9).events).toEqual([]);
    expect(r.query(q(1), 1000).deadline).toBe(31_000);
    expect(r.receive(buildLeasequeryReply({ transactionId: 1 }, cd(1)), 5000).deadline).toBe(35_000);
    expect(r.timeout(34_999)).toEqual({ send: [], events: [], deadline: 35_000 });
    const out = r.timeout(35_000);
    expect(out.events).toEqual([
      { type: "query-aborted", transactionId: 1, bindings: 1 },
      { type: "close", reason: "timeout" },
    ]);
    expect(out.deadline).toBeUndefined();
  });

  it("takes its data timeout from the options", () => {
    expect(new BulkRequestor({ dataTimeout: 5 }).query(q(1), 10).deadline).toBe(15);
    expect(() => new BulkRequestor({ dataTimeout: 0 })).toThrow(RangeError);
    expect(() => new BulkRequestor({ dataTimeout: Number.NaN })).toThrow(RangeError);
  });

  it("refuses what is not a new LEASEQUERY, and bad times", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    expect(() => r.query(q(1), 0)).toThrow(/already outstanding/);
    expect(() => r.query(buildLeasequeryDone({ transactionId: 2 }), 0)).toThrow(RangeError);
    expect(() => r.query({ msgType: 14, transactionId: -1, options: [] }, 0)).toThrow(RangeError);
    expect(() =>
      r.query(leasequeryByRelayId({ duidType: 4, uuid: new Uint8Array(16) }, { transactionId: 2 }), Number.NaN),
    ).toThrow(RangeError);
    expect(() => r.receive(buildLeasequeryDone({ transactionId: 1 }), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => r.timeout(Number.NaN)).toThrow(RangeError);
  });

  it("reports outstanding queries as aborted when the connection is lost", () => {
    const r = new BulkRequestor();
    r.query(q(1), 0);
    r.query(q(2), 0);
    expect(types(r.connectionLost().events)).toEqual(["query-aborted", "query-aborted", "close"]);
    expect(r.connectionLost().events).toEqual([]);
  });
});

// Expected behaviour comes from RFC 5460 §6-7 and RFC 7653 §8-9 as restated in
// PROTOCOL.md §4, and from the JSDoc contracts and examples of the sessions
// (events, CloseEvent, option defaults); option layouts from RFC 5007 /
// RFC 7653.
describe("BulkRequestor: close events, refusals and whole outputs", () => {
  const relayId = { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } as const;
  const _key = { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId } as const;
  const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
  const q = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
  const _types = (es: readonly { type: string }[]) => es.map((e) => e.type);

  describe("BulkRequestor", () => {
    it("gives close events without a `message` key when no message led to them (CloseEvent)", () => {
      const r = new BulkRequestor({ dataTimeout: 10 });
      r.query(q(1), 0);
      const closeEvent = r.timeout(10).events.at(-1);
      expect(closeEvent).toStrictEqual({ type: "close", reason: "timeout" });
      const s = new BulkRequestor();
      expect(s.connectionLost().events).toStrictEqual([{ type: "close", reason: "connection-lost" }]);
    });

    it("refuses a message that is not a LEASEQUERY", () => {
      expect(() => new BulkRequestor().query(buildLeasequeryDone({ transactionId: 1 }), 0)).toThrow(RangeError);
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
});
