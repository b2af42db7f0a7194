/**
 * Model-based test of ServerSession: random requestor input and application
 * calls, checked against a model of what RFC 5460 §7 and RFC 7653 §9 make
 * the server send; every message sent must also pass `validate` with its
 * query as context.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildStartTls,
  type Dhcpv6Message,
  type Dhcpv6Option,
  leasequeryByLinkAddress,
  QUERY_TYPE,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { ServerSession, type ServerSessionEvent } from "../../src/session/index.js";
import { validate } from "../../src/validate/index.js";

const IDLE = 1000;
const ACTIVE_XID = 100;

interface ActiveModel {
  query: Dhcpv6Message;
  accepted: boolean;
  catchUp: boolean;
}

interface Model {
  first: boolean;
  closed: boolean;
  bulk: Map<number, Dhcpv6Message>;
  active: ActiveModel | undefined;
  now: number;
  lastSent: number;
}

interface Real {
  s: ServerSession;
}

type Cmd = fc.Command<Model, Real>;

const cd = (t: number): Dhcpv6Option[] => [{ code: 46, cltTime: t }];
const types = (es: ServerSessionEvent[]) => es.map((e) => e.type);
const shape = (ms: Dhcpv6Message[]) => ms.map((m) => [m.msgType, statusOf(m)?.statusCode ?? null]);

function sent(m: Model, r: Real, out: { send: Dhcpv6Message[]; deadline: number | undefined }, query?: Dhcpv6Message) {
  if (out.send.length > 0) m.lastSent = m.now;
  if (query !== undefined) {
    const exchange = query.msgType === 22 ? "active" : "bulk";
    for (const msg of out.send) expect(validate(msg, { exchange, query })).toEqual([]);
  }
  expect(r.s.closed).toBe(m.closed);
  const deadline = m.active?.accepted && !m.closed ? m.lastSent + IDLE : undefined;
  expect(out.deadline).toBe(deadline);
  expect(r.s.deadline).toBe(deadline);
  expect(r.s.catchingUp).toBe(!m.closed && m.active?.catchUp === true);
}

class StartTls implements Cmd {
  check(m: Readonly<Model>) {
    return !m.closed;
  }
  run(m: Model, r: Real) {
    const out = r.s.receive(buildStartTls({ transactionId: 1 }), m.now);
    if (m.first) {
      expect(shape(out.send)).toEqual([[7, STATUS_CODE.TLSConnectionRefused]]);
    } else {
      expect(out.events).toMatchObject([{ type: "close", reason: "protocol-violation" }]);
      m.closed = true;
    }
    m.first = false;
    sent(m, r, out);
  }
  toString() {
    return "starttls";
  }
}

class Bulk implements Cmd {
  constructor(
    readonly xid: number,
    readonly baseTime: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed;
  }
  run(m: Model, r: Real) {
    const q = leasequeryByLinkAddress("2001:db8::", {
      transactionId: this.xid,
      requestedOptions: this.baseTime ? [100] : [],
    });
    const out = r.s.receive(q, m.now);
    m.first = false;
    if (m.bulk.has(this.xid)) {
      expect(out.events).toMatchObject([{ type: "close", reason: "protocol-violation" }]);
      m.closed = true;
      m.bulk.clear();
      m.active = undefined;
    } else if (m.active !== undefined) {
      expect(types(out.events)).toEqual(["query-rejected"]);
      expect(shape(out.send)).toEqual([[15, STATUS_CODE.NotAllowed]]);
    } else {
      expect(types(out.events)).toEqual(["bulk-query"]);
      expect(out.send).toEqual([]);
      m.bulk.set(this.xid, q);
    }
    sent(m, r, out, q);
  }
  toString() {
    return `bulk(${this.xid}, base ${this.baseTime})`;
  }
}

class RespondBulk implements Cmd {
  constructor(
    readonly pick: number,
    readonly n: number,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.bulk.size > 0;
  }
  run(m: Model, r: Real) {
    const [xid, q] = [...m.bulk][this.pick % m.bulk.size] as [number, Dhcpv6Message];
    const out = r.s.respondBulk(
      xid,
      Array.from({ length: this.n }, (_, i) => cd(i)),
      m.now,
    );
    const expected = this.n === 0 ? [15] : [15, ...Array(this.n - 1).fill(17), 16];
    expect(out.send.map((x) => x.msgType)).toEqual(expected);
    m.bulk.delete(xid);
    sent(m, r, out, q);
  }
  toString() {
    return `respondBulk(#${this.pick}, ${this.n})`;
  }
}

class Active implements Cmd {
  constructor(
    readonly start: boolean,
    readonly end: boolean,
    readonly baseTime: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed;
  }
  run(m: Model, r: Real) {
    const q = buildActiveLeasequery(
      { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" },
      {
        transactionId: ACTIVE_XID,
        requestedOptions: this.baseTime ? [100] : [],
        ...(this.start ? { queryStartTime: 5 } : {}),
        ...(this.end ? { queryEndTime: 9 } : {}),
      },
    );
    const out = r.s.receive(q, m.now);
    m.first = false;
    if (m.active !== undefined || m.bulk.size > 0) {
      expect(shape(out.send)).toEqual([[15, STATUS_CODE.NotAllowed]]);
    } else if (this.end) {
      expect(shape(out.send)).toEqual([[15, STATUS_CODE.MalformedQuery]]);
      expect(types(out.events)).toEqual(["query-rejected", "close"]);
      m.closed = true;
    } else {
      expect(out.events).toEqual([
        { type: "active-query", transactionId: ACTIVE_XID, query: q, startTime: this.start ? 5 : undefined },
      ]);
      m.active = { query: q, accepted: false, catchUp: this.start };
    }
    sent(m, r, out, this.end ? undefined : q);
  }
  toString() {
    return `active(start ${this.start}, end ${this.end}, base ${this.baseTime})`;
  }
}

class Accept implements Cmd {
  constructor(readonly missing: boolean) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.active?.accepted === false;
  }
  run(m: Model, r: Real) {
    const a = m.active as ActiveModel;
    const out = r.s.acceptActive(m.now, { dataMissing: this.missing });
    const missing = this.missing && a.catchUp;
    expect(shape(out.send)).toEqual([[15, missing ? STATUS_CODE.DataMissing : null]]);
    a.accepted = true;
    if (missing) a.catchUp = false;
    sent(m, r, out, a.query);
  }
  toString() {
    return `accept(missing ${this.missing})`;
  }
}

class Bindings implements Cmd {
  constructor(readonly n: number) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.active?.accepted === true;
  }
  run(m: Model, r: Real) {
    const out = r.s.sendBindings(
      Array.from({ length: this.n }, (_, i) => cd(i)),
      m.now,
    );
    expect(shape(out.send)).toEqual(Array(this.n).fill([17, null]));
    sent(m, r, out, (m.active as ActiveModel).query);
  }
  toString() {
    return `bindings(${this.n})`;
  }
}

class EndCatchUp implements Cmd {
  constructor(readonly missing: boolean) {}
  check(m: Readonly<Model>) {
    return !m.closed && m.active?.accepted === true && m.active.catchUp;
  }
  run(m: Model, r: Real) {
    const out = this.missing ? r.s.dataMissing(m.now) : r.s.catchUpComplete(m.now);
    expect(shape(out.send)).toEqual([[17, this.missing ? STATUS_CODE.DataMissing : STATUS_CODE.CatchUpComplete]]);
    (m.active as ActiveModel).catchUp = false;
    sent(m, r, out, (m.active as ActiveModel).query);
  }
  toString() {
    return this.missing ? "dataMissing" : "catchUpComplete";
  }
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  run(m: Model, r: Real) {
    m.now += this.ms;
    const due = !m.closed && m.active?.accepted === true && m.now >= m.lastSent + IDLE;
    const out = r.s.timeout(m.now);
    expect(shape(out.send)).toEqual(due ? [[17, null]] : []);
    if (due) expect(out.send[0]?.options.some((o) => o.code === 45)).toBe(false);
    sent(m, r, out, m.active?.query);
  }
  toString() {
    return `wait(${this.ms})`;
  }
}

class Shutdown implements Cmd {
  check(m: Readonly<Model>) {
    return !m.closed;
  }
  run(m: Model, r: Real) {
    const out = r.s.shutdown(m.now);
    const expected: (number | null)[][] = [...m.bulk].map(() => [15, STATUS_CODE.QueryTerminated]);
    if (m.active !== undefined) expected.push([m.active.accepted ? 16 : 15, STATUS_CODE.QueryTerminated]);
    expect(shape(out.send)).toEqual(expected);
    expect(types(out.events)).toEqual(["close"]);
    m.closed = true;
    m.bulk.clear();
    m.active = undefined;
    sent(m, r, out);
  }
  toString() {
    return "shutdown";
  }
}

const wait = fc.integer({ min: 0, max: 1500 }).map((ms) => new Wait(ms));
const active = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 5 }), fc.boolean())
  .map(([s, e, b]) => new Active(s, e === 0, b));
const accept = fc.boolean().map((b) => new Accept(b));
const bindings = fc.integer({ min: 0, max: 3 }).map((n) => new Bindings(n));
// Commands that close the session (STARTTLS out of turn, shutdown) come rarely, so that runs get far.
const commands = [
  fc.constant(new StartTls()),
  fc.tuple(fc.integer({ min: 1, max: 5 }), fc.boolean()).map(([x, b]) => new Bulk(x, b)),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 })).map(([p, n]) => new RespondBulk(p, n)),
  active,
  active,
  accept,
  accept,
  bindings,
  bindings,
  fc.boolean().map((b) => new EndCatchUp(b)),
  wait,
  wait,
  wait,
  fc.constant(new Shutdown()),
];

describe("ServerSession against its model", () => {
  it("sends the replies RFC 5460 §7 and RFC 7653 §9 call for, all valid", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 50 }), (cmds) => {
        const model: Model = { first: true, closed: false, bulk: new Map(), active: undefined, now: 0, lastSent: 0 };
        const session = new ServerSession({ idleTimeout: IDLE, baseTimeAt: (now) => Math.floor(now / 10) });
        fc.modelRun(() => ({ model, real: { s: session } }), cmds);
      }),
      { numRuns: 1500 },
    );
  });
});
