/**
 * ServerSession checks its inputs before it changes state: a bad `now`
 * (outside the Date range with the default clock), a base time that does
 * not fit LQ_BASE_TIME, or a status code that is not 16 bits is a
 * RangeError, and the query it concerned is still pending afterwards.
 */
import { describe, expect, it } from "vitest";
import { buildActiveLeasequery, encode, leasequeryByLinkAddress, STATUS_CODE, statusOf } from "../../src/index.js";
import { ServerSession } from "../../src/session/index.js";

const q = (transactionId: number) => leasequeryByLinkAddress("2001:db8::", { transactionId, requestedOptions: [100] });
const active = (transactionId: number) =>
  buildActiveLeasequery({ queryType: 4, linkAddress: "2001:db8::" }, { transactionId, queryStartTime: 1 });
const BEYOND = 8.64e15 + 1;
const NOW = Date.UTC(2026, 0, 1);

describe("a finite now outside the Date range", () => {
  it("is refused by respondBulk before the query is taken", () => {
    const s = new ServerSession();
    s.receive(q(3), NOW);
    expect(() => s.respondBulk(3, [], BEYOND)).toThrow(RangeError);
    expect(() => s.respondBulk(3, [], -BEYOND)).toThrow(RangeError);
    expect(s.respondBulk(3, [], NOW).send.map((m) => m.msgType)).toEqual([15]);
  });

  it("is refused by receive, acceptActive and timeout before anything changes", () => {
    const s = new ServerSession();
    expect(() => s.receive(active(4), BEYOND)).toThrow(RangeError);
    expect(s.receive(active(4), NOW).events.map((e) => e.type)).toEqual(["active-query"]);
    expect(() => s.acceptActive(BEYOND)).toThrow(RangeError);
    expect(s.acceptActive(NOW).send).toHaveLength(1);
    expect(() => s.timeout(BEYOND)).toThrow(RangeError);
  });

  it("is fine with a clock of one's own", () => {
    const s = new ServerSession({ baseTimeAt: () => 5 });
    s.receive(q(3), BEYOND);
    expect(s.respondBulk(3, [], BEYOND).send).toHaveLength(1);
  });
});

describe("a base time that LQ_BASE_TIME cannot carry", () => {
  for (const bad of [-1, 2 ** 32, 1.5, Number.NaN]) {
    it(`(${bad}) is a RangeError, and the query stays pending`, () => {
      let t = bad;
      const s = new ServerSession({ baseTimeAt: () => t });
      s.receive(q(3), 0);
      expect(() => s.respondBulk(3, [], 0)).toThrow(RangeError);
      t = 7;
      expect(s.respondBulk(3, [], 0).send).toHaveLength(1);
    });
  }
});

describe("refuse", () => {
  for (const bad of [65536, -1, 2.5]) {
    it(`refuses status code ${bad} and keeps the query`, () => {
      const s = new ServerSession();
      s.receive(q(3), NOW);
      expect(() => s.refuse(3, bad, NOW)).toThrow(RangeError);
      const [reply] = s.refuse(3, STATUS_CODE.NotAllowed, NOW).send;
      expect(reply && statusOf(reply)?.statusCode).toBe(STATUS_CODE.NotAllowed);
      // What refuse returns can always be encoded.
      expect(() => encode(reply as Parameters<typeof encode>[0])).not.toThrow();
    });
  }

  it("takes 65535, the largest status code", () => {
    const s = new ServerSession();
    s.receive(q(3), NOW);
    const [reply] = s.refuse(3, 65535, NOW).send;
    expect(() => encode(reply as Parameters<typeof encode>[0])).not.toThrow();
  });
});
