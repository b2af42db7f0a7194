// Tests written for surviving Stryker mutants of src/session/server.ts (see
// mutation/session.md). Expected behaviour comes from RFC 5460 §7 and
// RFC 7653 §9 as restated in PROTOCOL.md §4, and from the JSDoc contracts and
// examples of ServerSession (the examples are quoted where a value comes
// from one).
import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  type Dhcpv6Message,
  leasequeryByLinkAddress,
  QUERY_TYPE,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { ServerSession } from "../../src/session/index.js";

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

describe("ServerSession: status messages of its own refusals say why", () => {
  it("names the running Active Leasequery when refusing a Bulk query beside it", () => {
    const s = new ServerSession();
    s.receive(active(1), 0);
    expect(status(s.receive(byLink(2), 0).send[0])?.statusMessage).toMatch(/Active Leasequery/);
  });

  it("names the other query when refusing a second one", () => {
    const s = new ServerSession();
    s.receive(byLink(1), 0);
    expect(status(s.receive(active(2), 0).send[0])?.statusMessage).toMatch(/another query/);
  });

  it("says Active Leasequery is not supported on a Bulk-only server", () => {
    const s = new ServerSession({ activeLeasequery: false });
    expect(status(s.receive(active(1), 0).send[0])?.statusMessage).toMatch(/not supported/);
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
