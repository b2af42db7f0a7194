/**
 * Model-based test of ActiveRequestor: random server behaviour after an
 * ACTIVELEASEQUERY with or without LQ_START_TIME, checked against a model of
 * RFC 7653 §8.4 / §8.4.1: catch-up, the saved base time, keep-alives,
 * termination and the receive timeout. Each server message carries its
 * status, base time and binding either the DHCPv6 way or only in the
 * DHCP4o6 DHCPv4 message (seed 002 §5.2, RFC 7724): the requestor must
 * read both carriers the same.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  type Dhcpv6Option,
  QUERY_TYPE,
  STATUS_CODE,
} from "../../src/index.js";
import { ActiveRequestor } from "../../src/session/index.js";
import {
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  dhcpv4StatusCodeOption,
} from "../../src/v4/build.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { DHCPV6_EPOCH_UNIX } from "../../src/wire/time.js";

const TIMEOUT = 1000;
const XID = 7;

interface Model {
  phase: "idle" | "querying" | "active" | "closed";
  catchUp: boolean;
  saved: number | undefined;
  now: number;
  last: number;
}

interface Real {
  r: ActiveRequestor;
}

type Cmd = fc.Command<Model, Real>;

const cd: Dhcpv6Option[] = [{ code: 46, cltTime: 1 }];

/** DHCPv4 leasequery status codes of the DHCPv6 ones used here (RFC 6926, RFC 7724). */
const V4_STATUS: Record<number, number> = {
  [STATUS_CODE.Success]: 0,
  [STATUS_CODE.NotAllowed]: 4,
  [STATUS_CODE.DataMissing]: 5,
  [STATUS_CODE.CatchUpComplete]: 7,
  [STATUS_CODE.QueryTerminated]: 2,
};

/**
 * The same server message with its status, base time and binding carried
 * only by the DHCPv4 message in OPTION_DHCPV4_MSG: a DHCPLEASEACTIVE for a
 * binding (with status-code 151 when not Success), else a
 * DHCPLEASEQUERYSTATUS, or a DHCPLEASEQUERYDONE in a LEASEQUERY-DONE.
 */
function dhcp4o6(
  msgType: number,
  status: number,
  baseTime: number | undefined,
  binding: boolean,
): { msgType: number; transactionId: number; options: Dhcpv6Option[] } {
  const time = baseTime === undefined ? {} : { baseTime: baseTime + DHCPV6_EPOCH_UNIX };
  const v4Status = V4_STATUS[status] as number;
  let v4: Dhcpv4Message;
  if (msgType === 16) v4 = buildDhcpv4LeaseQueryDone({ xid: XID, statusCode: v4Status, ...time });
  else if (binding) {
    const options = status === STATUS_CODE.Success ? [] : [dhcpv4StatusCodeOption(v4Status)];
    v4 = buildDhcpv4LeaseActive({ xid: XID, address: "192.0.2.1", options, ...time });
  } else v4 = buildDhcpv4LeaseQueryStatus({ xid: XID, statusCode: v4Status, ...time });
  // A bare keep-alive stays bare: nothing to carry.
  const bare = msgType === 17 && !binding && status === STATUS_CODE.Success && baseTime === undefined;
  return { msgType, transactionId: XID, options: bare ? [] : [{ code: 87, dhcpv4Message: v4 }] };
}

function check(m: Model, r: Real): void {
  expect(r.r.baseTime).toBe(m.saved);
  expect(r.r.catchingUp).toBe(m.catchUp);
  expect(r.r.closed).toBe(m.phase === "closed");
  const timed = m.phase === "querying" || m.phase === "active";
  expect(r.r.deadline).toBe(timed ? m.last + TIMEOUT : undefined);
}

/** What the model does with a base time that arrives on a message. */
function see(m: Model, baseTime: number | undefined): void {
  if (baseTime !== undefined && !m.catchUp) m.saved = Math.max(m.saved ?? baseTime, baseTime);
}

class Start implements Cmd {
  constructor(readonly resume: boolean) {}
  check(m: Readonly<Model>) {
    return m.phase === "idle";
  }
  run(m: Model, r: Real) {
    const key = { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" } as const;
    const q = this.resume
      ? r.r.reconnectQuery(key, { transactionId: XID })
      : r.r.reconnectQuery(undefined, { transactionId: XID, requestedOptions: [100] });
    if (!this.resume) q.options = q.options.filter((o) => o.code !== 101);
    r.r.start(q, m.now);
    m.phase = "querying";
    m.catchUp = this.resume && m.saved !== undefined;
    m.last = m.now;
    check(m, r);
  }
  toString() {
    return `start(${this.resume ? "resume" : "fresh"})`;
  }
}

class Reply implements Cmd {
  constructor(
    readonly status: number,
    readonly baseTime: number | undefined,
    readonly binding: boolean,
    readonly v4: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return m.phase === "querying";
  }
  run(m: Model, r: Real) {
    const msg = this.v4
      ? dhcp4o6(15, this.status, this.baseTime, this.binding)
      : buildLeasequeryReply(
          {
            transactionId: XID,
            ...(this.status === STATUS_CODE.Success ? {} : { statusCode: this.status }),
            ...(this.baseTime === undefined ? {} : { baseTime: this.baseTime }),
          },
          this.binding ? cd : undefined,
        );
    const types = r.r.receive(msg, m.now).events.map((e) => e.type);
    m.last = m.now;
    if (this.status === STATUS_CODE.NotAllowed) {
      expect(types).toEqual(["query-failed", "close"]);
      m.phase = "closed";
      m.catchUp = false;
      check(m, r);
      return;
    }
    m.phase = "active";
    const expected = ["accepted", ...(this.binding ? ["binding"] : [])];
    if (this.status === STATUS_CODE.DataMissing) {
      expected.push("data-missing");
      m.catchUp = false;
    }
    expect(types).toEqual(expected);
    see(m, this.baseTime);
    check(m, r);
  }
  toString() {
    return `reply(status ${this.status}, base ${this.baseTime}, binding ${this.binding}${this.v4 ? ", 4o6" : ""})`;
  }
}

class Data implements Cmd {
  constructor(
    readonly kind: "binding" | "keep-alive" | "catch-up-complete" | "data-missing",
    readonly baseTime: number | undefined,
    readonly v4: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return m.phase === "active";
  }
  run(m: Model, r: Real) {
    const time = this.baseTime === undefined ? {} : { baseTime: this.baseTime };
    const status =
      this.kind === "catch-up-complete"
        ? { statusCode: STATUS_CODE.CatchUpComplete }
        : this.kind === "data-missing"
          ? { statusCode: STATUS_CODE.DataMissing }
          : {};
    const msg = this.v4
      ? dhcp4o6(17, status.statusCode ?? STATUS_CODE.Success, this.baseTime, this.kind === "binding")
      : buildLeasequeryData({ transactionId: XID, ...status, ...time }, this.kind === "binding" ? cd : undefined);
    const events = r.r.receive(msg, m.now).events;
    m.last = m.now;
    const wasCatchingUp = m.catchUp;
    if (this.kind === "binding") {
      expect(events).toMatchObject([{ type: "binding", catchUp: m.catchUp }]);
    } else if (this.kind === "keep-alive") {
      expect(events.map((e) => e.type)).toEqual(["keep-alive"]);
    } else if (this.kind === "catch-up-complete") {
      expect(events).toEqual(wasCatchingUp ? [{ type: "catch-up-complete", baseTime: this.baseTime }] : []);
      m.catchUp = false;
    } else {
      expect(events.map((e) => e.type)).toEqual(["data-missing"]);
      m.catchUp = false;
    }
    see(m, this.baseTime);
    check(m, r);
  }
  toString() {
    return `data(${this.kind}, base ${this.baseTime}${this.v4 ? ", 4o6" : ""})`;
  }
}

class Done implements Cmd {
  constructor(
    readonly baseTime: number,
    readonly v4: boolean,
  ) {}
  check(m: Readonly<Model>) {
    return m.phase === "active";
  }
  run(m: Model, r: Real) {
    const msg = this.v4
      ? dhcp4o6(16, STATUS_CODE.QueryTerminated, this.baseTime, false)
      : buildLeasequeryDone({ transactionId: XID, statusCode: STATUS_CODE.QueryTerminated, baseTime: this.baseTime });
    expect(r.r.receive(msg, m.now).events.map((e) => e.type)).toEqual(["terminated", "close"]);
    see(m, this.baseTime);
    m.phase = "closed";
    m.catchUp = false;
    check(m, r);
  }
  toString() {
    return `done(base ${this.baseTime}${this.v4 ? ", 4o6" : ""})`;
  }
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  run(m: Model, r: Real) {
    m.now += this.ms;
    const due = (m.phase === "querying" || m.phase === "active") && m.now >= m.last + TIMEOUT;
    expect(r.r.timeout(m.now).events).toEqual(due ? [{ type: "close", reason: "timeout" }] : []);
    if (due) {
      m.phase = "closed";
      m.catchUp = false;
    }
    check(m, r);
  }
  toString() {
    return `wait(${this.ms})`;
  }
}

const baseTime = fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined });
const commands = [
  fc.boolean().map((b) => new Start(b)),
  fc
    .tuple(
      fc.constantFrom(STATUS_CODE.Success, STATUS_CODE.Success, STATUS_CODE.DataMissing, STATUS_CODE.NotAllowed),
      baseTime,
      fc.boolean(),
      fc.boolean(),
    )
    .map(([s, t, b, v4]) => new Reply(s, t, b, v4)),
  fc
    .tuple(
      fc.constantFrom("binding", "binding", "binding", "keep-alive", "catch-up-complete", "data-missing" as const),
      baseTime,
      fc.boolean(),
    )
    .map(([k, t, v4]) => new Data(k as "binding", t, v4)),
  fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.boolean()).map(([t, v4]) => new Done(t, v4)),
  fc.integer({ min: 0, max: 600 }).map((ms) => new Wait(ms)),
];

describe("ActiveRequestor against its model", () => {
  it("saves base times only outside catch-up and keeps the highest", () => {
    fc.assert(
      fc.property(baseTime, fc.commands(commands, { maxCommands: 40 }), (initial, cmds) => {
        const model: Model = { phase: "idle", catchUp: false, saved: initial, now: 0, last: 0 };
        const options = { receiveTimeout: TIMEOUT, ...(initial === undefined ? {} : { baseTime: initial }) };
        fc.modelRun(() => ({ model, real: { r: new ActiveRequestor(options) } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
