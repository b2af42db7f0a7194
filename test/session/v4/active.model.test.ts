/**
 * Model-based tests of the DHCPv4 Active Leasequery sessions (RFC 7724):
 * random server messages and commands against plain models of catch-up,
 * the saved base-time, keep-alives and termination.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDhcpv4ActiveLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  type Dhcpv4Message,
  findDhcpv4Option,
} from "../../../src/index.js";
import { Dhcpv4ActiveRequestor, Dhcpv4ActiveServer } from "../../../src/session/index.js";

const XID = 7;
const TIMEOUT = 1000;
const typeOf = (m: Dhcpv4Message | undefined) => (m ? findDhcpv4Option(m, 53)?.messageType : undefined);

describe("Dhcpv4ActiveRequestor against its model", () => {
  interface Model {
    state: "catch-up" | "live" | "closed";
    saved: number | undefined;
    startTime: number | undefined;
    now: number;
    last: number;
  }
  type Cmd = fc.Command<Model, { r: Dhcpv4ActiveRequestor }>;
  const check = (m: Model, r: Dhcpv4ActiveRequestor) => {
    expect(r.state).toBe(m.state);
    expect(r.baseTime).toBe(m.saved);
    expect(r.deadline).toBe(m.state === "closed" ? undefined : m.last + TIMEOUT);
  };
  const keep = (m: Model, bt: number | undefined) => {
    if (bt !== undefined && m.state === "live") m.saved = Math.max(m.saved ?? bt, bt);
  };
  type Kind = "lease" | "keep-alive" | "catch-up-complete" | "data-missing" | "terminated" | "failed" | "stray";
  const message = (kind: Kind, bt: number | undefined): Dhcpv4Message => {
    const time = bt === undefined ? {} : { baseTime: bt };
    switch (kind) {
      case "lease":
        return buildDhcpv4LeaseActive({ xid: XID, address: "192.0.2.1", ...time });
      case "keep-alive":
        return buildDhcpv4LeaseQueryStatus({ xid: XID, statusCode: 0, ...time });
      case "catch-up-complete":
        return buildDhcpv4LeaseQueryStatus({ xid: XID, statusCode: 7, ...time });
      case "data-missing":
        return buildDhcpv4LeaseQueryStatus({ xid: XID, statusCode: 5, ...time });
      case "terminated":
        return buildDhcpv4LeaseQueryDone({ xid: XID, statusCode: 2, ...time });
      case "failed":
        return buildDhcpv4LeaseQueryStatus({ xid: XID, statusCode: 6, ...time });
      case "stray":
        return buildDhcpv4LeaseActive({ xid: XID + 1, address: "192.0.2.1", ...time });
    }
  };
  const receive = (kind: Kind, bt: number | undefined): Cmd => ({
    check: (m) => m.state !== "closed",
    run: (m, { r }) => {
      const msg = message(kind, bt);
      const es = r.receive(msg, m.now).events;
      m.last = m.now;
      const catchUp = m.state === "catch-up";
      const types = es.map((e) => e.type);
      if (kind === "lease") {
        expect(es).toEqual([{ type: "binding", active: true, catchUp, message: msg }]);
      } else if (kind === "keep-alive") {
        expect(types).toEqual(["keep-alive"]);
      } else if (kind === "catch-up-complete") {
        expect(types).toEqual(catchUp ? ["catch-up-complete"] : []);
        m.state = "live";
      } else if (kind === "data-missing") {
        expect(types).toEqual(["data-missing"]);
        const recovery = (es[0] as { recoveryQuery: Dhcpv4Message | undefined }).recoveryQuery;
        expect(recovery && findDhcpv4Option(recovery, 154)?.queryStartTime).toBe(m.startTime);
        expect(recovery && findDhcpv4Option(recovery, 155)?.queryEndTime).toBe(
          m.startTime === undefined ? undefined : bt,
        );
        m.state = "live";
      } else if (kind === "terminated") {
        expect(types).toEqual(["terminated", "close"]);
      } else if (kind === "failed") {
        expect(types).toEqual(["query-failed", "close"]);
      } else {
        expect(es).toEqual([{ type: "close", reason: "unknown-transaction", message: msg }]);
      }
      if (kind !== "failed" && kind !== "stray") keep(m, bt);
      if (kind === "terminated" || kind === "failed" || kind === "stray") m.state = "closed";
      check(m, r);
    },
    toString: () => `${kind}(${bt})`,
  });
  const wait = (ms: number): Cmd => ({
    check: () => true,
    run: (m, { r }) => {
      m.now += ms;
      const es = r.timeout(m.now).events;
      if (m.state !== "closed" && m.now >= m.last + TIMEOUT) {
        expect(es).toEqual([{ type: "close", reason: "timeout" }]);
        m.state = "closed";
      } else expect(es).toEqual([]);
      check(m, r);
    },
    toString: () => `wait(${ms})`,
  });
  const bt = fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined });
  const kinds = fc.constantFrom<Kind>(
    "lease",
    "lease",
    "lease",
    "keep-alive",
    "keep-alive",
    "catch-up-complete",
    "data-missing",
    "terminated",
    "failed",
    "stray",
  );
  const commands = [fc.tuple(kinds, bt).map(([k, b]) => receive(k, b)), fc.integer({ min: 0, max: 700 }).map(wait)];

  it("saves only post-catch-up base-times, the highest one, under any sequence", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        fc.commands(commands, { maxCommands: 40 }),
        (start, cmds) => {
          const r = new Dhcpv4ActiveRequestor({
            receiveTimeout: TIMEOUT,
            ...(start === undefined ? {} : { baseTime: start }),
          });
          r.start(r.reconnectQuery({ address: "192.0.2.1" }, { xid: XID }), 0);
          const model: Model = {
            state: start === undefined ? "live" : "catch-up",
            saved: start,
            startTime: start,
            now: 0,
            last: 0,
          };
          fc.modelRun(() => ({ model, real: { r } }), cmds);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Dhcpv4ActiveServer against its model", () => {
  const IDLE = 500;
  interface Model {
    state: "pending" | "catch-up" | "live" | "closed";
    catchUpAsked: boolean;
    now: number;
    lastSent: number;
  }
  type Cmd = fc.Command<Model, { s: Dhcpv4ActiveServer }>;
  const check = (m: Model, s: Dhcpv4ActiveServer) => {
    expect(s.state).toBe(m.state);
    expect(s.deadline).toBe(m.state === "catch-up" || m.state === "live" ? m.lastSent + IDLE : undefined);
  };
  const cmd = (name: string, pre: (m: Model) => boolean, run: (m: Model, s: Dhcpv4ActiveServer) => void): Cmd => ({
    check: pre,
    run: (m, { s }) => {
      run(m, s);
      check(m, s);
    },
    toString: () => name,
  });
  const accept = (missing: boolean) =>
    cmd(
      `accept(${missing})`,
      (m) => m.state === "pending",
      (m, s) => {
        const out = s.accept(m.now, { dataMissing: missing });
        m.lastSent = m.now;
        if (m.catchUpAsked && missing) {
          expect(out.send.map((x) => [typeOf(x), findDhcpv4Option(x, 151)?.statusCode])).toEqual([[17, 5]]);
          m.state = "live";
        } else {
          expect(out.send).toEqual([]);
          m.state = m.catchUpAsked ? "catch-up" : "live";
        }
      },
    );
  const send = (n: number) =>
    cmd(
      `send(${n})`,
      () => true,
      (m, s) => {
        const bindings = Array.from({ length: n }, () => buildDhcpv4LeaseActive({ xid: 0, address: "192.0.2.1" }));
        if (m.state !== "catch-up" && m.state !== "live") {
          expect(() => s.sendBindings(bindings, m.now)).toThrow(Error);
          return;
        }
        const out = s.sendBindings(bindings, m.now);
        expect(out.send.map((x) => [x.xid, typeOf(x), findDhcpv4Option(x, 152)?.baseTime])).toEqual(
          bindings.map(() => [XID, 13, m.now]),
        );
        if (n > 0) m.lastSent = m.now;
      },
    );
  const endCatchUp = cmd(
    "catchUpComplete",
    () => true,
    (m, s) => {
      if (m.state !== "catch-up") {
        expect(() => s.catchUpComplete(m.now)).toThrow(Error);
        return;
      }
      expect(s.catchUpComplete(m.now).send.map((x) => findDhcpv4Option(x, 151)?.statusCode)).toEqual([7]);
      m.lastSent = m.now;
      m.state = "live";
    },
  );
  const shutdown = cmd(
    "shutdown",
    (m) => m.state !== "closed",
    (m, s) => {
      const out = s.shutdown(m.now);
      expect(out.send.map(typeOf)).toEqual([m.state === "pending" ? 17 : 15]);
      expect(out.events).toEqual([{ type: "close", reason: "terminated" }]);
      m.state = "closed";
    },
  );
  const wait = (ms: number) =>
    cmd(
      `wait(${ms})`,
      () => true,
      (m, s) => {
        m.now += ms;
        const out = s.timeout(m.now);
        if ((m.state === "catch-up" || m.state === "live") && m.now >= m.lastSent + IDLE) {
          expect(out.send.map((x) => [typeOf(x), findDhcpv4Option(x, 151)?.statusCode])).toEqual([[17, 0]]);
          m.lastSent = m.now;
        } else expect(out.send).toEqual([]);
      },
    );
  const commands = [
    fc.boolean().map(accept),
    fc.integer({ min: 0, max: 3 }).map(send),
    fc.constant(endCatchUp),
    fc.constant(shutdown),
    fc.integer({ min: 0, max: 400 }).map(wait),
    fc.integer({ min: 0, max: 400 }).map(wait),
  ];

  it("sends what its state allows and keeps the connection alive", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.commands(commands, { maxCommands: 40 }), (catchUpAsked, cmds) => {
        const s = new Dhcpv4ActiveServer({ idleTimeout: IDLE, baseTimeAt: (now) => now });
        const q = buildDhcpv4ActiveLeasequery(undefined, { xid: XID, ...(catchUpAsked ? { queryStartTime: 1 } : {}) });
        expect(s.receive(q, 0).events.map((e) => e.type)).toEqual(["active-query"]);
        const model: Model = { state: "pending", catchUpAsked, now: 0, lastSent: 0 };
        fc.modelRun(() => ({ model, real: { s } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
