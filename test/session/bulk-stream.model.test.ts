/**
 * Model-based test of the streamed Bulk answer (ServerSession.streamBulk)
 * and of the requestor's accounting, DHCPv6 and DHCP4o6 mixed on one
 * connection: random queries, answers started, messages pulled from the
 * open streams in any order, binding sources that fail part-way, and
 * shutdown. Every message the server sends goes to a BulkRequestor; the
 * model says what each query's next message must be, and at the end every
 * query the requestor sent has ended, with as many bindings as were sent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDhcp4o6Leasequery } from "../../src/dhcp4o6/build.js";
import { type Dhcpv6Message, leasequeryByLinkAddress, STATUS_CODE, statusOf } from "../../src/index.js";
import { BulkRequestor, type BulkRequestorEvent, ServerSession } from "../../src/session/index.js";
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import { validate } from "../../src/validate/index.js";

interface QueryModel {
  readonly query: Dhcpv6Message;
  readonly dhcp4o6: boolean;
  /** How many bindings the source yields before it throws (or ends, when `fails` is false). */
  n: number;
  fails: boolean;
  /** Messages pulled so far; undefined while pending (not yet answered). */
  pulled: number | undefined;
  stream: Generator<Dhcpv6Message, unknown, undefined> | undefined;
  ended: boolean;
  bindings: number;
}

interface Model {
  closed: boolean;
  queries: Map<number, QueryModel>;
  completed: Map<number, { statusCode: number; bindings: number }>;
}

interface Real {
  s: ServerSession;
  r: BulkRequestor;
}

type Cmd = fc.Command<Model, Real>;

function deliver(m: Model, r: Real, q: QueryModel, msg: Dhcpv6Message): BulkRequestorEvent[] {
  expect(validate(msg, { query: q.query })).toEqual([]);
  const events = r.r.receive(msg, 0).events;
  expect(events.some((e) => e.type === "close")).toBe(false);
  for (const e of events) {
    if (e.type === "binding") q.bindings++;
    if (e.type === "query-complete")
      m.completed.set(e.transactionId, { statusCode: e.statusCode, bindings: e.bindings });
  }
  return events;
}

class Query implements Cmd {
  constructor(
    readonly xid: number,
    readonly dhcp4o6: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed && !m.queries.has(this.xid);
  }
  run(m: Model, r: Real) {
    const query = this.dhcp4o6
      ? buildDhcp4o6Leasequery({ address: "192.0.2.0" }, { transactionId: this.xid, requestedOptions: [100] })
      : leasequeryByLinkAddress("2001:db8::", { transactionId: this.xid, requestedOptions: [100] });
    r.r.query(query, 0);
    expect(r.s.receive(query, 0).events.map((e) => e.type)).toEqual(["bulk-query"]);
    const q: QueryModel = {
      query,
      dhcp4o6: this.dhcp4o6,
      n: 0,
      fails: false,
      pulled: undefined,
      stream: undefined,
      ended: false,
      bindings: 0,
    };
    m.queries.set(this.xid, q);
  }
  toString() {
    return `query(${this.xid}${this.dhcp4o6 ? ", 4o6" : ""})`;
  }
}

class Answer implements Cmd {
  constructor(
    readonly pick: number,
    readonly n: number,
    readonly fails: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return !m.closed && [...m.queries.values()].some((q) => q.pulled === undefined);
  }
  run(m: Model, r: Real) {
    const pending = [...m.queries].filter(([, q]) => q.pulled === undefined);
    const [xid, q] = pending[this.pick % pending.length] as [number, QueryModel];
    const { n, fails } = this;
    function* source() {
      for (let i = 0; i < n; i++) {
        yield q.dhcp4o6
          ? { dhcpv4: buildDhcpv4LeaseActive({ xid: 0, address: `192.0.2.${i % 250}` }) }
          : [{ code: 46 as const, cltTime: i }];
      }
      if (fails) throw new Error("source failed");
    }
    q.stream = r.s.streamBulk(xid, source(), 0);
    q.n = n;
    q.fails = fails;
    q.pulled = 0;
  }
  toString() {
    return `answer(#${this.pick}, ${this.n}${this.fails ? ", fails" : ""})`;
  }
}

/** Whether the whole answer (its last message included) has been pulled. */
function answered(q: QueryModel): boolean {
  return q.pulled !== undefined && expected(q, q.pulled) === "end";
}

/** What the model expects as message `k` (0-based) of an answer: [msgType, statusCode] or "end". */
function expected(q: QueryModel, k: number): [number, number] | "end" {
  const total = q.n === 0 ? 1 : q.n + 1;
  if (k > total - 1) return "end";
  if (k < q.n) return [k === 0 ? 15 : 17, 0];
  // The last message: DONE (or a lone REPLY when nothing went before), with UnspecFail on failure.
  return [q.n === 0 ? 15 : 16, q.fails ? STATUS_CODE.UnspecFail : 0];
}

class Pull implements Cmd {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) {
    return !m.closed && [...m.queries.values()].some((q) => q.stream !== undefined && !q.ended);
  }
  run(m: Model, r: Real) {
    const open = [...m.queries.values()].filter((q) => q.stream !== undefined && !q.ended);
    const q = open[this.pick % open.length] as QueryModel;
    const k = q.pulled as number;
    const next = (q.stream as Generator<Dhcpv6Message>).next();
    const want = expected(q, k);
    if (want === "end") {
      expect(next.done).toBe(true);
      q.ended = true;
      return;
    }
    expect(next.done).toBe(false);
    const msg = next.value as Dhcpv6Message;
    expect([msg.msgType, statusOf(msg)?.statusCode ?? 0]).toEqual(want);
    q.pulled = k + 1;
    deliver(m, r, q, msg);
    if (q.fails && k === q.n) {
      // The failure closes the session (seed 003 §7.2); the stream then ends every other open
      // query with QueryTerminated (RFC 7653 §9.5), and has nothing more.
      expect(r.s.closed).toBe(true);
      const others = [...m.queries.values()].filter((o) => o !== q && !o.ended && !answered(o));
      for (let rest = q.stream?.next(); rest !== undefined && !rest.done; rest = q.stream?.next()) {
        const other = m.queries.get((rest.value as { transactionId: number }).transactionId) as QueryModel;
        expect(others).toContain(other);
        expect(statusOf(rest.value)?.statusCode).toBe(STATUS_CODE.QueryTerminated);
        deliver(m, r, other, rest.value);
        other.ended = true;
      }
      expect(others.every((o) => o.ended)).toBe(true);
      for (const o of m.queries.values()) o.ended = true;
      m.closed = true;
    }
  }
  toString() {
    return `pull(#${this.pick})`;
  }
}

class Shutdown implements Cmd {
  check(m: Readonly<Model>) {
    return !m.closed;
  }
  run(m: Model, r: Real) {
    const out = r.s.shutdown(0);
    // Every query whose answer has not gone out whole gets exactly one last message, with QueryTerminated.
    expect(out.send.length).toBe([...m.queries.values()].filter((q) => !q.ended && !answered(q)).length);
    for (const msg of out.send) {
      expect(statusOf(msg)?.statusCode).toBe(STATUS_CODE.QueryTerminated);
      const q = m.queries.get((msg as { transactionId: number }).transactionId) as QueryModel;
      deliver(m, r, q, msg);
    }
    for (const q of m.queries.values()) {
      if (q.stream !== undefined) expect(q.stream.next().done).toBe(true);
      q.ended = true;
    }
    m.closed = true;
  }
  toString() {
    return "shutdown";
  }
}

const commands = [
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean()).map(([x, b]) => new Query(x, b)),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 }), fc.boolean()).map(([p, n, f]) => new Answer(p, n, f)),
  fc.nat().map((p) => new Pull(p)),
  fc.nat().map((p) => new Pull(p)),
  fc.nat().map((p) => new Pull(p)),
  fc.constant(new Shutdown()),
];

describe("streamed Bulk answers against a model", () => {
  it("end every query the requestor sent, in order, with every binding counted once", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const model: Model = { closed: false, queries: new Map(), completed: new Map() };
        const real: Real = { s: new ServerSession({ baseTimeAt: () => 5 }), r: new BulkRequestor() };
        fc.modelRun(() => ({ model, real }), cmds);
        // Finish: drain what is still open (if the session is still up), then shut down.
        if (!model.closed) {
          for (const q of model.queries.values()) {
            while (q.stream !== undefined && !q.ended && !model.closed) new Pull(0).run(model, real);
          }
          if (!model.closed) new Shutdown().run(model, real);
        }
        expect(real.r.pending).toEqual([]);
        for (const [xid, q] of model.queries) {
          const done = model.completed.get(xid);
          expect(done).toBeDefined();
          expect(done?.bindings).toBe(q.bindings);
        }
      }),
      { numRuns: 400 },
    );
  });
});
