/**
 * The DHCPv6 ServerSession's connection limits: the cap on queries held per
 * connection, half-close (RFC 5460 §5.3: the server finishes what it holds
 * when the requestor stops sending), and the BULK_LQ_DATA_TIMEOUT read and
 * send timers of RFC 5460 §7.1-7.2, as deadlines.
 */
import { describe, expect, it } from "vitest";
import {
  BULK_LQ_DATA_TIMEOUT,
  buildActiveLeasequery,
  type Dhcpv6Message,
  leasequeryByLinkAddress,
  QUERY_TYPE,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { DEFAULT_MAX_PENDING_QUERIES, ServerSession } from "../../src/session/index.js";

const byLink = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
const cd = (t: number) => [{ code: 46, cltTime: t }] as const;
const clock = { baseTimeAt: () => 1000 };
const statuses = (ms: Dhcpv6Message[]) => ms.map((m) => [m.msgType, statusOf(m)?.statusCode ?? null]);

describe("ServerSession: queries held per connection", () => {
  it("holds 100 queries by default and closes on the 101st, ending the held ones with QueryTerminated", () => {
    expect(DEFAULT_MAX_PENDING_QUERIES).toBe(100);
    const s = new ServerSession(clock);
    for (let xid = 1; xid <= 100; xid++) {
      expect(s.receive(byLink(xid), 0).events.map((e) => e.type)).toEqual(["bulk-query"]);
    }
    expect(s.pendingQueries).toBe(100);
    const out = s.receive(byLink(101), 0);
    expect(out.events).toEqual([{ type: "close", reason: "too-many-queries", message: byLink(101) }]);
    expect(out.send).toHaveLength(100);
    expect(new Set(out.send.map((m) => ("transactionId" in m ? m.transactionId : -1)))).toEqual(
      new Set(Array.from({ length: 100 }, (_, i) => i + 1)),
    );
    expect(out.send.every((m) => m.msgType === 15 && statusOf(m)?.statusCode === STATUS_CODE.QueryTerminated)).toBe(
      true,
    );
    expect(s.closed).toBe(true);
    expect(s.pendingQueries).toBe(0);
  });

  it("counts answers still streaming, and frees a place when a query is answered", () => {
    const s = new ServerSession({ ...clock, maxPendingQueries: 2 });
    s.receive(byLink(1), 0);
    s.receive(byLink(2), 0);
    const stream = s.streamBulk(1, [cd(1), cd(2)], 0);
    stream.next();
    expect(s.pendingQueries).toBe(2);
    s.respondBulk(2, [], 0);
    expect(s.pendingQueries).toBe(1);
    expect(s.receive(byLink(3), 0).events.map((e) => e.type)).toEqual(["bulk-query"]);
    const out = s.receive(byLink(4), 0);
    expect(out.events.at(-1)).toMatchObject({ type: "close", reason: "too-many-queries" });
    // The streaming answer ends with DONE, the pending one with a REPLY, both QueryTerminated.
    expect(statuses(out.send)).toEqual([
      [15, STATUS_CODE.QueryTerminated],
      [16, STATUS_CODE.QueryTerminated],
    ]);
    expect(stream.next().done).toBe(true);
  });

  it("rejects a cap that is not a positive integer", () => {
    expect(() => new ServerSession({ maxPendingQueries: 0 })).toThrow(RangeError);
    expect(() => new ServerSession({ maxPendingQueries: 1.5 })).toThrow(RangeError);
  });
});

describe("ServerSession: half-close", () => {
  it("finishes the queries it holds, then closes with reason finished", () => {
    const s = new ServerSession(clock);
    s.receive(byLink(1), 0);
    s.receive(byLink(2), 0);
    expect(s.endOfInput(1)).toEqual({ send: [], events: [], deadline: undefined });
    expect(s.closed).toBe(false);
    expect(s.respondBulk(1, [cd(1)], 2).events).toEqual([]);
    const out = s.refuse(2, STATUS_CODE.NotConfigured, 3);
    expect(statuses(out.send)).toEqual([[15, STATUS_CODE.NotConfigured]]);
    expect(out.events).toEqual([{ type: "close", reason: "finished" }]);
    expect(s.closed).toBe(true);
  });

  it("closes at once when nothing is held, and only once", () => {
    const s = new ServerSession();
    expect(s.endOfInput(0).events).toEqual([{ type: "close", reason: "finished" }]);
    expect(s.endOfInput(0).events).toEqual([]);
  });

  it("closes as the last streaming answer's final message is taken", () => {
    const s = new ServerSession(clock);
    s.receive(byLink(1), 0);
    const stream = s.streamBulk(1, [cd(1)], 0);
    s.endOfInput(0);
    expect(stream.next().value).toMatchObject({ msgType: 15 });
    expect(s.closed).toBe(false);
    expect(stream.next().value).toMatchObject({ msgType: 16 });
    expect(stream.next()).toMatchObject({ done: true, value: { events: [{ type: "close", reason: "finished" }] } });
    expect(s.closed).toBe(true);
  });

  it("keeps a running active query going until shutdown", () => {
    const s = new ServerSession(clock);
    s.receive(
      buildActiveLeasequery(
        { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "::" },
        { transactionId: 9, requestedOptions: [] },
      ),
      0,
    );
    s.acceptActive(0);
    expect(s.endOfInput(1).events).toEqual([]);
    expect(s.sendBindings([cd(1)], 2).send).toHaveLength(1);
    expect(s.shutdown(3).events).toEqual([{ type: "close", reason: "terminated" }]);
  });

  it("treats a message after the half-close as a protocol violation", () => {
    const s = new ServerSession(clock);
    s.receive(byLink(1), 0);
    s.endOfInput(0);
    expect(s.receive(byLink(2), 1).events).toEqual([
      { type: "close", reason: "protocol-violation", message: byLink(2) },
    ]);
  });
});

describe("ServerSession: BULK_LQ_DATA_TIMEOUT as deadlines", () => {
  const T = BULK_LQ_DATA_TIMEOUT * 1000;

  it("has no Bulk timer unless one is asked for", () => {
    const s = new ServerSession(clock);
    expect(s.deadline).toBeUndefined();
    s.receive(byLink(1), 0);
    s.streamBulk(1, [cd(1)], 0).next();
    expect(s.deadline).toBeUndefined();
  });

  it("closes a connection that carries no query for the read timeout, counting from the last query", () => {
    const s = new ServerSession({ ...clock, readTimeout: T, openedAt: 500 });
    expect(s.deadline).toBe(500 + T);
    s.receive(byLink(1), 1000);
    expect(s.deadline).toBeUndefined();
    expect(s.respondBulk(1, [], 2000).deadline).toBe(2000 + T);
    expect(s.timeout(2000 + T - 1).events).toEqual([]);
    expect(s.timeout(2000 + T).events).toEqual([{ type: "close", reason: "idle" }]);
    expect(s.deadline).toBeUndefined();
  });

  it("closes a blocked answer after the send timeout, and not one whose messages are taken", () => {
    const s = new ServerSession({ ...clock, sendTimeout: T });
    s.receive(byLink(1), 0);
    const stream = s.streamBulk(1, [cd(1), cd(2), cd(3)], 0);
    expect(s.deadline).toBe(T);
    stream.next();
    // Progress since the last look pushes the deadline out.
    expect(s.timeout(T).events).toEqual([]);
    expect(s.deadline).toBe(2 * T);
    // Nothing taken since: blocked.
    const out = s.timeout(2 * T);
    expect(out).toEqual({ send: [], events: [{ type: "close", reason: "timeout" }], deadline: undefined });
    expect(s.pendingQueries).toBe(0);
    expect(stream.next().done).toBe(true);
  });

  it("rejects timers that are not positive numbers", () => {
    expect(() => new ServerSession({ readTimeout: 0 })).toThrow(RangeError);
    expect(() => new ServerSession({ sendTimeout: Number.NaN })).toThrow(RangeError);
    expect(() => new ServerSession({ openedAt: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});
