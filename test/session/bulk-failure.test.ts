/**
 * A Bulk answer streamed lazily, and a binding source that fails in the
 * middle (seed 003 §7.2): the query always ends, with a LEASEQUERY-REPLY
 * carrying an error when nothing was sent yet, else a LEASEQUERY-DONE
 * carrying one, and the server closes the connection.
 */
import { describe, expect, it } from "vitest";
import { buildDhcp4o6Leasequery } from "../../src/dhcp4o6/build.js";
import {
  type Dhcpv6Message,
  type Dhcpv6Option,
  findOption,
  leasequeryByLinkAddress,
  STATUS_CODE,
  statusOf,
} from "../../src/index.js";
import { BulkRequestor, ServerSession } from "../../src/session/index.js";
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";

const q = (transactionId: number) => leasequeryByLinkAddress("2001:db8::", { transactionId });
const cd = (t: number): Dhcpv6Option[] => [{ code: 46, cltTime: t }];
const shape = (ms: Dhcpv6Message[]) => ms.map((m) => [m.msgType, statusOf(m) ?? null]);

function* failingAfter(n: number, counter = { pulled: 0 }): Generator<Dhcpv6Option[]> {
  for (let i = 0; i < n; i++) {
    counter.pulled++;
    yield cd(i);
  }
  throw new Error("binding store unavailable");
}

describe("a binding source that throws", () => {
  it("before any binding: a LEASEQUERY-REPLY with UnspecFail, then close", () => {
    const s = new ServerSession();
    s.receive(q(1), 0);
    const out = s.respondBulk(1, failingAfter(0), 0);
    expect(shape(out.send)).toEqual([
      [15, { statusCode: STATUS_CODE.UnspecFail, statusMessage: "binding store unavailable" }],
    ]);
    expect(out.events.map((e) => e.type)).toEqual(["query-aborted", "close"]);
    expect(out.events[0]).toMatchObject({ transactionId: 1, error: new Error("binding store unavailable") });
    expect(out.events[1]).toEqual({ type: "close", reason: "aborted" });
    expect(s.closed).toBe(true);
  });

  it("after two bindings: REPLY, DATA, then a LEASEQUERY-DONE with the error; the requestor sees the query end", () => {
    const s = new ServerSession();
    s.receive(q(2), 0);
    const out = s.respondBulk(2, failingAfter(2), 0);
    expect(shape(out.send)).toEqual([
      [15, null],
      [17, null],
      [16, { statusCode: STATUS_CODE.UnspecFail, statusMessage: "binding store unavailable" }],
    ]);
    const r = new BulkRequestor();
    r.query(q(2), 0);
    const events = out.send.flatMap((m) => r.receive(m, 1).events);
    expect(events.at(-1)).toEqual({
      type: "query-complete",
      transactionId: 2,
      statusCode: STATUS_CODE.UnspecFail,
      statusMessage: "binding store unavailable",
      bindings: 2,
    });
    expect(r.pending).toEqual([]);
  });

  it("ends a DHCP4o6 query with a DHCPLEASEQUERYDONE carrying the error in both parts", () => {
    const s = new ServerSession();
    const query = buildDhcp4o6Leasequery({ address: "192.0.2.0" }, { transactionId: 3, requestedOptions: [] });
    s.receive(query, 0);
    function* bindings() {
      yield { dhcpv4: buildDhcpv4LeaseActive({ xid: 3, address: "192.0.2.1" }) };
      throw new Error("gone");
    }
    const done = s.respondBulk(3, bindings(), 0).send[1] as Dhcpv6Message;
    expect(done.msgType).toBe(16);
    expect(statusOf(done)).toEqual({ statusCode: STATUS_CODE.UnspecFail, statusMessage: "gone" });
    const v4 = findOption(done, 87)?.dhcpv4Message as Dhcpv4Message;
    expect(v4.options.filter((o) => o.code === 53 || o.code === 151)).toEqual([
      { code: 53, messageType: 15 },
      { code: 151, statusCode: 1, statusMessage: "gone" },
    ]);
  });
});

describe("streamBulk", () => {
  it("reads one binding per message asked for, never the whole source", () => {
    const s = new ServerSession();
    s.receive(q(4), 0);
    const counter = { pulled: 0 };
    const stream = s.streamBulk(4, failingAfter(1_000_000, counter), 0);
    expect(counter.pulled).toBe(0);
    const first = [stream.next(), stream.next(), stream.next()].map((r) => (r.value as Dhcpv6Message).msgType);
    expect(first).toEqual([15, 17, 17]);
    expect(counter.pulled).toBe(3);
  });

  it("checks its arguments at the call, before the query is taken", () => {
    const s = new ServerSession();
    s.receive(q(5), 0);
    expect(() => s.streamBulk(6, [], 0)).toThrow(RangeError);
    expect(() => s.streamBulk(5, [], Number.NaN)).toThrow(RangeError);
    // Still pending: it can be answered.
    expect(shape([...s.streamBulk(5, [cd(1)], 0)])).toEqual([
      [15, null],
      [16, null],
    ]);
  });

  it("a shutdown while streaming ends the query with DONE QueryTerminated, and the stream stops", () => {
    const s = new ServerSession();
    s.receive(q(7), 0);
    const stream = s.streamBulk(7, failingAfter(100), 0);
    stream.next();
    stream.next();
    const out = s.shutdown(1);
    expect(shape(out.send)).toEqual([[16, { statusCode: STATUS_CODE.QueryTerminated, statusMessage: "" }]]);
    const rest = stream.next();
    expect(rest.done).toBe(true);
  });

  it("a shutdown before the first message ends the query with a REPLY QueryTerminated", () => {
    const s = new ServerSession();
    s.receive(q(8), 0);
    const stream = s.streamBulk(8, [cd(1)], 0);
    expect(shape(s.shutdown(1).send)).toEqual([[15, { statusCode: STATUS_CODE.QueryTerminated, statusMessage: "" }]]);
    expect(stream.next().done).toBe(true);
  });

  it("its return value is the session output", () => {
    const s = new ServerSession();
    s.receive(q(9), 0);
    const stream = s.streamBulk(9, [], 0);
    expect((stream.next().value as Dhcpv6Message).msgType).toBe(15);
    const end = stream.next();
    expect(end).toEqual({ done: true, value: { send: [], events: [], deadline: undefined } });
  });

  it("a transaction-id being answered cannot be reused until its answer ends", () => {
    const s = new ServerSession();
    s.receive(q(10), 0);
    const stream = s.streamBulk(10, [cd(1)], 0);
    stream.next();
    expect(s.receive(q(10), 0).events).toMatchObject([{ type: "close", reason: "protocol-violation" }]);
  });
});
