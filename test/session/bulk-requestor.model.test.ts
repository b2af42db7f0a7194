/**
 * Model-based test of BulkRequestor: random interleavings of queries,
 * replies, data, done, stray messages and the passing of time, checked
 * against a plain model of RFC 5460 §6.3 accounting.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  type Dhcpv6Message,
  type Dhcpv6Option,
  leasequeryByLinkAddress,
} from "../../src/index.js";
import { BulkRequestor, type BulkRequestorEvent } from "../../src/session/index.js";

const TIMEOUT = 1000;

interface Query {
  replied: boolean;
  bindings: number;
}

interface Model {
  queries: Map<number, Query>;
  closed: boolean;
  now: number;
  last: number;
  delivered: number;
}

interface Real {
  r: BulkRequestor;
}

type Cmd = fc.Command<Model, Real>;

const cd = (t: number): Dhcpv6Option[] => [{ code: 46, cltTime: t }];

function abortedFor(m: Model): BulkRequestorEvent[] {
  return [...m.queries].map(([transactionId, q]) => ({ type: "query-aborted", transactionId, bindings: q.bindings }));
}

function closeAll(m: Model): void {
  m.queries.clear();
  m.closed = true;
}

function check(m: Model, r: Real): void {
  expect(r.r.closed).toBe(m.closed);
  expect(r.r.pending).toEqual([...m.queries.keys()]);
  expect(r.r.deadline).toBe(m.queries.size > 0 && !m.closed ? m.last + TIMEOUT : undefined);
}

class SendQuery implements Cmd {
  constructor(readonly xid: number) {}
  check(m: Readonly<Model>) {
    return !m.closed && !m.queries.has(this.xid);
  }
  run(m: Model, r: Real) {
    const q = leasequeryByLinkAddress("2001:db8::", { transactionId: this.xid });
    expect(r.r.query(q, m.now).send).toEqual([q]);
    m.queries.set(this.xid, { replied: false, bindings: 0 });
    m.last = m.now;
    check(m, r);
  }
  toString() {
    return `query(${this.xid})`;
  }
}

class Reply implements Cmd {
  constructor(
    readonly xid: number,
    readonly bindings: number,
    readonly status: number,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.queries.get(this.xid)?.replied === false;
  }
  run(m: Model, r: Real) {
    const extra: Dhcpv6Option[] = Array.from({ length: Math.max(0, this.bindings - 1) }, () => ({
      code: 45,
      options: cd(9),
    }));
    const msg = buildLeasequeryReply(
      { transactionId: this.xid, ...(this.status ? { statusCode: this.status } : {}), options: extra },
      this.bindings > 0 ? cd(1) : undefined,
    );
    const es = r.r.receive(msg, m.now).events;
    m.last = m.now;
    const q = m.queries.get(this.xid) as Query;
    q.replied = true;
    const delivered = this.status === 0 ? this.bindings : 0;
    expect(es[0]).toMatchObject({ type: "reply", transactionId: this.xid, statusCode: this.status });
    expect(es.filter((e) => e.type === "binding").length).toBe(delivered);
    q.bindings += delivered;
    m.delivered += delivered;
    if (delivered === 0) {
      expect(es.at(-1)).toEqual({
        type: "query-complete",
        transactionId: this.xid,
        statusCode: this.status,
        statusMessage: "",
        bindings: 0,
      });
      m.queries.delete(this.xid);
    } else {
      expect(es.length).toBe(1 + delivered);
    }
    check(m, r);
  }
  toString() {
    return `reply(${this.xid}, ${this.bindings}, status ${this.status})`;
  }
}

class Data implements Cmd {
  constructor(
    readonly xid: number,
    readonly withBinding: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.queries.get(this.xid)?.replied === true;
  }
  run(m: Model, r: Real) {
    const msg = buildLeasequeryData({ transactionId: this.xid }, this.withBinding ? cd(2) : undefined);
    const es = r.r.receive(msg, m.now).events;
    m.last = m.now;
    expect(es.map((e) => e.type)).toEqual([this.withBinding ? "binding" : "discarded"]);
    if (this.withBinding) {
      (m.queries.get(this.xid) as Query).bindings++;
      m.delivered++;
    }
    check(m, r);
  }
  toString() {
    return `data(${this.xid}, ${this.withBinding})`;
  }
}

class Done implements Cmd {
  constructor(readonly xid: number) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.queries.get(this.xid)?.replied === true;
  }
  run(m: Model, r: Real) {
    const es = r.r.receive(buildLeasequeryDone({ transactionId: this.xid }), m.now).events;
    const q = m.queries.get(this.xid) as Query;
    expect(es).toEqual([
      { type: "query-complete", transactionId: this.xid, statusCode: 0, statusMessage: "", bindings: q.bindings },
    ]);
    m.queries.delete(this.xid);
    m.last = m.now;
    check(m, r);
  }
  toString() {
    return `done(${this.xid})`;
  }
}

/** DATA or DONE for a transaction-id with no outstanding query: close (RFC 5460 §6.3). */
class Stray implements Cmd {
  constructor(
    readonly xid: number,
    readonly done: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed && !m.queries.has(this.xid);
  }
  run(m: Model, r: Real) {
    const msg: Dhcpv6Message = this.done
      ? buildLeasequeryDone({ transactionId: this.xid })
      : buildLeasequeryData({ transactionId: this.xid }, cd(3));
    const es = r.r.receive(msg, m.now).events;
    expect(es).toEqual([...abortedFor(m), { type: "close", reason: "unknown-transaction", message: msg }]);
    closeAll(m);
    check(m, r);
  }
  toString() {
    return `stray(${this.xid}, ${this.done ? "DONE" : "DATA"})`;
  }
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  run(m: Model, r: Real) {
    m.now += this.ms;
    const due = !m.closed && m.queries.size > 0 && m.now >= m.last + TIMEOUT;
    const es = r.r.timeout(m.now).events;
    if (due) {
      expect(es).toEqual([...abortedFor(m), { type: "close", reason: "timeout" }]);
      closeAll(m);
    } else {
      expect(es).toEqual([]);
    }
    check(m, r);
  }
  toString() {
    return `wait(${this.ms})`;
  }
}

const xid = fc.integer({ min: 1, max: 4 });
const commands = [
  xid.map((x) => new SendQuery(x)),
  fc
    .tuple(xid, fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 0, 0, 10, 11))
    .map(([x, n, s]) => new Reply(x, n, s)),
  fc.tuple(xid, fc.boolean()).map(([x, b]) => new Data(x, b)),
  fc.tuple(xid, fc.boolean()).map(([x, b]) => new Data(x, b)),
  xid.map((x) => new Done(x)),
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean()).map(([x, d]) => new Stray(x, d)),
  fc.integer({ min: 0, max: 700 }).map((ms) => new Wait(ms)),
];

describe("BulkRequestor against its model", () => {
  it("keeps the accounting of RFC 5460 §6.3 under any interleaving", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const model: Model = { queries: new Map(), closed: false, now: 0, last: 0, delivered: 0 };
        fc.modelRun(() => ({ model, real: { r: new BulkRequestor({ dataTimeout: TIMEOUT }) } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
