/**
 * Model-based tests of the DHCPv4 Bulk Leasequery sessions: random
 * commands against plain models of the requestor's xid accounting and of
 * the server's reply streams (RFC 6926).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDhcpv4BulkLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  type Dhcpv4Message,
  findDhcpv4Option,
} from "../../../src/index.js";
import { Dhcpv4BulkRequestor, Dhcpv4BulkServer } from "../../../src/session/index.js";

const TIMEOUT = 1000;
const MAX = 3;
const q = (xid: number) => buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid });
const lease = (xid: number) => buildDhcpv4LeaseActive({ xid, address: "192.0.2.1" });
const typeOf = (m: Dhcpv4Message) => findDhcpv4Option(m, 53)?.messageType;

describe("Dhcpv4BulkRequestor against its model", () => {
  interface Model {
    queries: Map<number, number>;
    finishing: boolean;
    opened: boolean;
    closed: boolean;
    now: number;
    last: number;
  }
  type Cmd = fc.Command<Model, { r: Dhcpv4BulkRequestor }>;
  const aborted = (m: Model) => [...m.queries].map(([xid, bindings]) => ({ type: "query-aborted", xid, bindings }));
  const shut = (m: Model) => {
    m.queries.clear();
    m.closed = true;
  };
  const check = (m: Model, r: Dhcpv4BulkRequestor) => {
    expect(r.closed).toBe(m.closed);
    expect(r.pending).toEqual([...m.queries.keys()]);
    expect(r.deadline).toBe(m.queries.size > 0 && !m.closed ? m.last + TIMEOUT : undefined);
    expect(r.state).toBe(m.closed ? "closed" : m.finishing ? "finishing" : m.opened ? "open" : "idle");
  };
  const cmd = (name: string, pre: (m: Model) => boolean, run: (m: Model, r: Dhcpv4BulkRequestor) => void): Cmd => ({
    check: (m) => pre(m),
    run: (m, real) => {
      run(m, real.r);
      check(m, real.r);
    },
    toString: () => name,
  });
  const query = (xid: number) =>
    cmd(
      `query(${xid})`,
      (m) => !m.closed && !m.finishing,
      (m, r) => {
        if (m.queries.has(xid) || m.queries.size >= MAX) {
          expect(() => r.query(q(xid), m.now)).toThrow(RangeError);
          return;
        }
        expect(r.query(q(xid), m.now).send).toEqual([q(xid)]);
        m.queries.set(xid, 0);
        m.opened = true;
        m.last = m.now;
      },
    );
  const reply = (xid: number, kind: "lease" | "ok" | "done" | "error") =>
    cmd(
      `${kind}(${xid})`,
      (m) => !m.closed,
      (m, r) => {
        const msg =
          kind === "lease"
            ? lease(xid)
            : kind === "done"
              ? buildDhcpv4LeaseQueryDone({ xid })
              : buildDhcpv4LeaseQueryStatus({ xid, statusCode: kind === "ok" ? 0 : 4 });
        const es = r.receive(msg, m.now).events;
        m.last = m.now;
        const n = m.queries.get(xid);
        if (n === undefined) {
          expect(es).toEqual([...aborted(m), { type: "close", reason: "unknown-transaction", message: msg }]);
          shut(m);
          return;
        }
        if (kind === "lease") {
          m.queries.set(xid, n + 1);
          expect(es).toEqual([{ type: "binding", xid, active: true, message: msg }]);
        } else if (kind === "ok") {
          expect(es).toEqual([{ type: "status", xid, message: msg }]);
        } else {
          m.queries.delete(xid);
          const statusCode = kind === "done" ? 0 : 4;
          const done = { type: "query-complete", xid, statusCode, statusMessage: "", bindings: n, baseTime: undefined };
          const closing = m.finishing && m.queries.size === 0;
          expect(es).toEqual(closing ? [done, { type: "close", reason: "finished" }] : [done]);
          if (closing) shut(m);
        }
      },
    );
  const finish = cmd(
    "finish",
    (m) => !m.closed && !m.finishing,
    (m, r) => {
      const es = r.finish(m.now).events;
      if (m.queries.size === 0) {
        expect(es).toEqual([{ type: "close", reason: "finished" }]);
        shut(m);
      } else {
        expect(es).toEqual([]);
        m.finishing = true;
      }
    },
  );
  const wait = (ms: number) =>
    cmd(
      `wait(${ms})`,
      () => true,
      (m, r) => {
        m.now += ms;
        const es = r.timeout(m.now).events;
        if (!m.closed && m.queries.size > 0 && m.now >= m.last + TIMEOUT) {
          expect(es).toEqual([...aborted(m), { type: "close", reason: "timeout" }]);
          shut(m);
        } else expect(es).toEqual([]);
      },
    );
  const xid = fc.integer({ min: 1, max: 5 });
  const commands = [
    xid.map(query),
    xid.map(query),
    fc.tuple(xid, fc.constantFrom("lease", "lease", "ok", "done", "error" as const)).map(([x, k]) => reply(x, k)),
    fc.tuple(xid, fc.constantFrom("lease", "done" as const)).map(([x, k]) => reply(x, k)),
    fc.constant(finish),
    fc.integer({ min: 0, max: 700 }).map(wait),
  ];

  it("keeps the xid accounting under any interleaving", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const model: Model = { queries: new Map(), finishing: false, opened: false, closed: false, now: 0, last: 0 };
        fc.modelRun(
          () => ({ model, real: { r: new Dhcpv4BulkRequestor({ dataTimeout: TIMEOUT, maxPending: MAX }) } }),
          cmds,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("Dhcpv4BulkServer against its model", () => {
  const BATCH = 3;
  const IDLE = 500;
  const SEND = 300;
  interface Model {
    pending: Set<number>;
    answering: Map<number, number>;
    draining: boolean;
    closed: boolean;
    now: number;
    lastActivity: number;
    lastPull: number;
  }
  type Cmd = fc.Command<Model, { s: Dhcpv4BulkServer }>;
  const size = (m: Model) => m.pending.size + m.answering.size;
  const shut = (m: Model) => {
    m.pending.clear();
    m.answering.clear();
    m.closed = true;
  };
  /** Checks an output's messages against what each answering query has left, and the batch bound. */
  const account = (m: Model, send: Dhcpv4Message[], pulled: boolean) => {
    expect(send.length).toBeLessThanOrEqual(BATCH);
    for (const msg of send) {
      const left = m.answering.get(msg.xid);
      expect(left).toBeDefined();
      if (left === 1) {
        expect(typeOf(msg)).toBe(15);
        m.answering.delete(msg.xid);
      } else {
        expect(typeOf(msg)).toBe(13);
        m.answering.set(msg.xid, (left as number) - 1);
      }
    }
    if (pulled && m.answering.size > 0) expect(send.length).toBe(BATCH);
    if (send.length > 0) m.lastActivity = m.now;
  };
  const afterSend = (m: Model, events: { type: string }[]) => {
    if (m.draining && size(m) === 0) {
      expect(events.at(-1)).toEqual({ type: "close", reason: "finished" });
      shut(m);
    }
  };
  const check = (m: Model, s: Dhcpv4BulkServer) => {
    expect(s.closed).toBe(m.closed);
    expect(s.pending).toEqual([...m.pending]);
    expect(s.wantsToSend).toBe(m.answering.size > 0);
    const deadline = m.closed
      ? undefined
      : m.answering.size > 0
        ? m.lastPull + SEND
        : size(m) === 0 && !m.draining
          ? m.lastActivity + IDLE
          : undefined;
    expect(s.deadline).toBe(deadline);
  };
  const cmd = (name: string, pre: (m: Model) => boolean, run: (m: Model, s: Dhcpv4BulkServer) => void): Cmd => ({
    check: (m) => pre(m),
    run: (m, real) => {
      run(m, real.s);
      check(m, real.s);
    },
    toString: () => name,
  });
  const receive = (xid: number) =>
    cmd(
      `receive(${xid})`,
      (m) => !m.closed,
      (m, s) => {
        const es = s.receive(q(xid), m.now).events;
        m.lastActivity = m.now;
        if (m.draining || m.pending.has(xid) || m.answering.has(xid)) {
          expect(es).toEqual([{ type: "close", reason: "protocol-violation", message: q(xid) }]);
          shut(m);
        } else if (size(m) >= 3) {
          expect(es).toEqual([{ type: "close", reason: "too-many-queries", message: q(xid) }]);
          shut(m);
        } else {
          expect(es).toEqual([{ type: "bulk-query", xid, query: q(xid) }]);
          m.pending.add(xid);
        }
      },
    );
  const respond = (xid: number, n: number) =>
    cmd(
      `respond(${xid}, ${n})`,
      (m) => !m.closed && m.pending.has(xid),
      (m, s) => {
        const out = s.respond(
          xid,
          Array.from({ length: n }, () => lease(0)),
          m.now,
        );
        m.pending.delete(xid);
        m.answering.set(xid, n + 1);
        m.lastPull = m.now;
        account(m, out.send, true);
        afterSend(m, out.events);
      },
    );
  const pull = cmd(
    "pull",
    (m) => !m.closed,
    (m, s) => {
      const out = s.pull(m.now);
      m.lastPull = m.now;
      account(m, out.send, true);
      afterSend(m, out.events);
    },
  );
  const refuse = (xid: number) =>
    cmd(
      `refuse(${xid})`,
      (m) => !m.closed && m.pending.has(xid),
      (m, s) => {
        const out = s.refuse(xid, 4, m.now);
        expect(out.send.map((x) => [x.xid, typeOf(x)])).toEqual([[xid, 15]]);
        m.pending.delete(xid);
        m.lastActivity = m.now;
        afterSend(m, out.events);
      },
    );
  const end = cmd(
    "endOfInput",
    (m) => !m.closed && !m.draining,
    (m, s) => {
      const es = s.endOfInput(m.now).events;
      m.draining = true;
      if (size(m) === 0) {
        expect(es).toEqual([{ type: "close", reason: "finished" }]);
        shut(m);
      } else expect(es).toEqual([]);
    },
  );
  const wait = (ms: number) =>
    cmd(
      `wait(${ms})`,
      () => true,
      (m, s) => {
        m.now += ms;
        const es = s.timeout(m.now).events;
        if (!m.closed && m.answering.size > 0 && m.now >= m.lastPull + SEND) {
          expect(es).toEqual([{ type: "close", reason: "timeout" }]);
          shut(m);
        } else if (!m.closed && size(m) === 0 && !m.draining && m.now >= m.lastActivity + IDLE) {
          expect(es).toEqual([{ type: "close", reason: "idle" }]);
          shut(m);
        } else expect(es).toEqual([]);
      },
    );
  const xid = fc.integer({ min: 1, max: 5 });
  const commands = [
    xid.map(receive),
    fc.tuple(xid, fc.integer({ min: 0, max: 7 })).map(([x, n]) => respond(x, n)),
    fc.tuple(xid, fc.integer({ min: 0, max: 7 })).map(([x, n]) => respond(x, n)),
    xid.map(refuse),
    fc.constant(pull),
    fc.constant(pull),
    fc.constant(end),
    fc.integer({ min: 0, max: 400 }).map(wait),
  ];

  it("streams every query's replies, bounded per batch, and keeps its timers", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const model: Model = {
          pending: new Set(),
          answering: new Map(),
          draining: false,
          closed: false,
          now: 0,
          lastActivity: 0,
          lastPull: 0,
        };
        const s = new Dhcpv4BulkServer({
          batchSize: BATCH,
          idleTimeout: IDLE,
          sendTimeout: SEND,
          maxPendingQueries: 3,
        });
        fc.modelRun(() => ({ model, real: { s } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
