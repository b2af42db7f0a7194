/**
 * DHCPv4 Bulk Leasequery sessions (RFC 6926): the requestor's xid
 * accounting and the server's lazy, interleaved reply streams, each flow
 * on its own and both ends joined through the framer.
 */
import { describe, expect, it } from "vitest";
import {
  buildDhcpv4ActiveLeasequery,
  buildDhcpv4BulkLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
  buildDhcpv4Tls,
  type Dhcpv4Message,
  decodeDhcpv4,
  encodeDhcpv4,
  FrameDecoder,
  frame,
  hex,
  toHex,
} from "../../../src/index.js";
import { Dhcpv4BulkRequestor, type Dhcpv4BulkRequestorEvent, Dhcpv4BulkServer } from "../../../src/session/index.js";

const q = (xid: number) => buildDhcpv4BulkLeasequery({ relayId: Uint8Array.of(9) }, { xid });
const active = (xid: number, n = 1) => buildDhcpv4LeaseActive({ xid, address: `192.0.2.${n}` });
const unassigned = (xid: number, n = 1) => buildDhcpv4LeaseUnassigned({ xid, address: `192.0.2.${n}` });
const done = (xid: number, statusCode?: number) =>
  buildDhcpv4LeaseQueryDone(statusCode === undefined ? { xid } : { xid, statusCode });
const types = (events: readonly { type: string }[]) => events.map((e) => e.type);
const msgType = (m: Dhcpv4Message) =>
  m.options.find((o) => o.code === 53 && "messageType" in o) as { messageType: number };

describe("Dhcpv4BulkRequestor", () => {
  it("accounts bindings per xid across interleaved replies of two queries", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(1), 0);
    r.query(q(2), 0);
    const events: Dhcpv4BulkRequestorEvent[] = [];
    for (const m of [active(1), unassigned(2), active(2, 2), active(1, 3), done(2), done(1)]) {
      events.push(...r.receive(m, 1).events);
    }
    expect(events.filter((e) => e.type === "binding").map((e) => e.type === "binding" && [e.xid, e.active])).toEqual([
      [1, true],
      [2, false],
      [2, true],
      [1, true],
    ]);
    expect(events.filter((e) => e.type === "query-complete")).toEqual([
      { type: "query-complete", xid: 2, statusCode: 0, statusMessage: "", bindings: 2, baseTime: undefined },
      { type: "query-complete", xid: 1, statusCode: 0, statusMessage: "", bindings: 2, baseTime: undefined },
    ]);
    expect(r.pending).toEqual([]);
    expect(r.closed).toBe(false);
    expect(r.deadline).toBeUndefined();
  });

  it("reports the DONE's status and base-time", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(5), 0);
    const m = buildDhcpv4LeaseQueryDone({ xid: 5, statusCode: 2, statusMessage: "bye", baseTime: 1234 });
    expect(r.receive(m, 1).events).toEqual([
      { type: "query-complete", xid: 5, statusCode: 2, statusMessage: "bye", bindings: 0, baseTime: 1234 },
    ]);
  });

  it("ends a query on a DHCPLEASEQUERYSTATUS with an error, and goes on after one with Success", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(5), 0);
    const ok = buildDhcpv4LeaseQueryStatus({ xid: 5 });
    expect(r.receive(ok, 1).events).toEqual([{ type: "status", xid: 5, message: ok }]);
    expect(types(r.receive(buildDhcpv4LeaseUnassigned({ xid: 5, address: "192.0.2.1" }), 2).events)).toEqual([
      "binding",
    ]);
    const err = buildDhcpv4LeaseQueryStatus({ xid: 5, statusCode: 4 });
    expect(r.receive(err, 3).events).toEqual([
      { type: "query-complete", xid: 5, statusCode: 4, statusMessage: "", bindings: 1, baseTime: undefined },
    ]);
    expect(r.pending).toEqual([]);
  });

  it("reports DHCPLEASEUNKNOWN without counting a binding", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(5), 0);
    const unknown = { ...active(5), options: [{ code: 53, messageType: 12 }, { code: 255 }] } as Dhcpv4Message;
    expect(types(r.receive(unknown, 1).events)).toEqual(["lease-unknown"]);
    expect(r.receive(done(5), 2).events[0]).toMatchObject({ bindings: 0 });
  });

  it("closes on a reply for an unknown xid, aborting what is outstanding", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(1), 0);
    r.receive(active(1), 1);
    const out = r.receive(active(7), 2);
    expect(out.events).toEqual([
      { type: "query-aborted", xid: 1, bindings: 1 },
      { type: "close", reason: "unknown-transaction", message: active(7) },
    ]);
    expect(r.closed).toBe(true);
    expect(r.receive(active(1), 3).events).toEqual([]);
  });

  it("closes on a reply for a query already complete", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(1), 0);
    r.receive(done(1), 1);
    expect(types(r.receive(done(1), 2).events)).toEqual(["close"]);
  });

  it("closes on a message type with no place here", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(1), 0);
    const out = r.receive(q(1), 1);
    expect(out.events.at(-1)).toMatchObject({ type: "close", reason: "unexpected-message" });
  });

  it("finish: closes once the last outstanding query is over", () => {
    const r = new Dhcpv4BulkRequestor();
    r.query(q(1), 0);
    r.query(q(2), 0);
    expect(r.finish(1).events).toEqual([]);
    expect(r.state).toBe("finishing");
    expect(() => r.query(q(3), 2)).toThrow(Error);
    expect(types(r.receive(done(1), 3).events)).toEqual(["query-complete"]);
    expect(r.receive(done(2), 4).events).toEqual([
      { type: "query-complete", xid: 2, statusCode: 0, statusMessage: "", bindings: 0, baseTime: undefined },
      { type: "close", reason: "finished" },
    ]);
    expect(r.state).toBe("closed");
  });

  it("refuses a second query with an outstanding xid, a non-query, and more than maxPending", () => {
    const r = new Dhcpv4BulkRequestor({ maxPending: 2 });
    r.query(q(1), 0);
    expect(() => r.query(q(1), 0)).toThrow(RangeError);
    expect(() => r.query(active(3), 0)).toThrow(RangeError);
    expect(() => r.query(buildDhcpv4ActiveLeasequery(undefined, { xid: 3 }), 0)).toThrow(RangeError);
    r.query(q(2), 0);
    expect(() => r.query(q(3), 0)).toThrow(/maxPending/);
    expect(r.pending).toEqual([1, 2]);
    expect(() => new Dhcpv4BulkRequestor({ maxPending: 0 })).toThrow(RangeError);
    expect(() => new Dhcpv4BulkRequestor({ dataTimeout: -1 })).toThrow(RangeError);
  });

  it("times out after dataTimeout without a message while a query is outstanding", () => {
    const r = new Dhcpv4BulkRequestor({ dataTimeout: 100 });
    expect(r.deadline).toBeUndefined();
    r.query(q(1), 0);
    r.receive(active(1), 50);
    expect(r.deadline).toBe(150);
    expect(r.timeout(149).events).toEqual([]);
    expect(r.timeout(150).events).toEqual([
      { type: "query-aborted", xid: 1, bindings: 1 },
      { type: "close", reason: "timeout" },
    ]);
  });

  it("DHCPTLS: accepted, then queries; refused; unanswered; only first", () => {
    const a = new Dhcpv4BulkRequestor({ startTlsTimeout: 10 });
    const sent = a.startTls(4, 0).send[0] as Dhcpv4Message;
    expect(msgType(sent).messageType).toBe(18);
    expect(a.deadline).toBe(10);
    expect(() => a.query(q(1), 0)).toThrow(Error);
    expect(a.receive(buildDhcpv4Tls({ xid: 4, reply: true }), 1).events).toEqual([{ type: "tls-accepted" }]);
    expect(a.state).toBe("tls-ready");
    a.query(q(1), 2);
    expect(a.state).toBe("open");
    expect(() => a.startTls(5, 3)).toThrow(Error);

    const b = new Dhcpv4BulkRequestor();
    b.startTls(4, 0);
    expect(types(b.receive(buildDhcpv4Tls({ xid: 4, reply: true, statusCode: 8 }), 1).events)).toEqual([
      "tls-refused",
      "close",
    ]);
    const c = new Dhcpv4BulkRequestor({ startTlsTimeout: 10 });
    c.startTls(4, 0);
    expect(c.timeout(10).events).toEqual([
      { type: "tls-refused", statusCode: undefined },
      { type: "close", reason: "timeout" },
    ]);
    const d = new Dhcpv4BulkRequestor();
    d.startTls(4, 0);
    expect(types(d.connectionLost().events)).toEqual(["tls-refused", "close"]);
    const e = new Dhcpv4BulkRequestor();
    e.startTls(4, 0);
    expect(e.receive(active(4), 1).events.at(-1)).toMatchObject({ reason: "unexpected-message" });
  });

  it("checks its arguments before changing state", () => {
    const r = new Dhcpv4BulkRequestor();
    expect(() => r.query(q(1), Number.NaN)).toThrow(RangeError);
    expect(() => r.startTls(2 ** 32, 0)).toThrow(RangeError);
    expect(r.state).toBe("idle");
    expect(r.pending).toEqual([]);
  });
});

describe("Dhcpv4BulkServer", () => {
  const server = (o = {}) => new Dhcpv4BulkServer({ baseTimeAt: (now) => 1_000_000 + now, ...o });

  it("reports a query, and answers it with stamped bindings then DONE", () => {
    const s = server({ serverIdentifier: "192.0.2.254" });
    expect(s.receive(q(3), 0).events).toEqual([{ type: "bulk-query", xid: 3, query: q(3) }]);
    expect(s.pending).toEqual([3]);
    const out = s.respond(3, [active(0), unassigned(99)], 5);
    expect(out.send.map((m) => [m.xid, msgType(m).messageType])).toEqual([
      [3, 13],
      [3, 11],
      [3, 15],
    ]);
    expect(out.send[0]?.options.slice(0, 2)).toEqual([
      { code: 53, messageType: 13 },
      { code: 152, baseTime: 1_000_005 },
    ]);
    expect(out.send[2]?.options).toEqual([
      { code: 53, messageType: 15 },
      { code: 54, serverIdentifier: "192.0.2.254" },
      { code: 152, baseTime: 1_000_005 },
      { code: 255 },
    ]);
    expect(out.events).toEqual([{ type: "query-answered", xid: 3, bindings: 2 }]);
    expect(s.pending).toEqual([]);
  });

  it("keeps a binding's own base-time", () => {
    const s = server();
    s.receive(q(3), 0);
    const b = buildDhcpv4LeaseActive({ xid: 0, address: "192.0.2.1", baseTime: 7 });
    expect(s.respond(3, [b], 5).send[0]?.options[1]).toEqual({ code: 152, baseTime: 7 });
  });

  it("interleaves the replies of two queries, a batch at a time, reading lazily", () => {
    const s = server({ batchSize: 3 });
    s.receive(q(1), 0);
    s.receive(q(2), 0);
    let read = 0;
    function* many(n: number) {
      for (let i = 0; i < n; i++) {
        read++;
        yield active(0, i);
      }
    }
    const first = s.respond(1, many(4), 1);
    expect(first.send.length).toBe(3);
    expect(read).toBe(3);
    const second = s.respond(2, many(2), 2);
    expect(second.send.map((m) => [m.xid, msgType(m).messageType])).toEqual([
      [1, 13],
      [2, 13],
      [1, 15],
    ]);
    const rest = s.pull(3);
    expect(rest.send.map((m) => [m.xid, msgType(m).messageType])).toEqual([
      [2, 13],
      [2, 15],
    ]);
    expect(s.wantsToSend).toBe(false);
    expect(read).toBe(6);
  });

  it("ends a query whose source throws with DONE UnspecFail, and keeps serving the others", () => {
    const s = server();
    s.receive(q(1), 0);
    s.receive(q(2), 0);
    const boom = new Error("disk");
    function* failing() {
      yield active(0);
      throw boom;
    }
    const out = s.respond(1, failing(), 1);
    expect(out.send.map((m) => msgType(m).messageType)).toEqual([13, 15]);
    expect(out.send[1]?.options[2]).toEqual({
      code: 151,
      statusCode: 1,
      statusMessage: "the bindings could not be read",
    });
    expect(out.events).toEqual([{ type: "query-failed", xid: 1, bindings: 1, error: boom }]);
    expect(s.respond(2, [active(0)], 2).send.length).toBe(2);
  });

  it("ends a query whose source gives a message that is no binding with UnspecFail", () => {
    const s = server();
    s.receive(q(1), 0);
    const out = s.respond(1, [done(0)], 1);
    expect(out.send.map((m) => msgType(m).messageType)).toEqual([15]);
    expect(out.events[0]).toMatchObject({ type: "query-failed", xid: 1, bindings: 0 });
    expect((out.events[0] as { error: unknown }).error).toBeInstanceOf(RangeError);
  });

  it("refuses with a status, checking the status first", () => {
    const s = server();
    s.receive(q(1), 0);
    expect(() => s.refuse(1, 256, 0)).toThrow(RangeError);
    expect(() => s.refuse(9, 4, 0)).toThrow(RangeError);
    expect(s.pending).toEqual([1]);
    const out = s.refuse(1, 4, 0, "no");
    expect(out.send[0]?.options.at(-2)).toEqual({ code: 151, statusCode: 4, statusMessage: "no" });
    expect(() => s.respond(1, [], 0)).toThrow(RangeError);
  });

  it("half-close: finishes the outstanding queries, then asks to close", () => {
    const s = server();
    s.receive(q(1), 0);
    s.receive(q(2), 0);
    expect(s.endOfInput(1).events).toEqual([]);
    expect(s.state).toBe("draining");
    expect(s.receive(q(3), 2).events.at(-1)).toMatchObject({ type: "close", reason: "protocol-violation" });

    const t = server();
    t.receive(q(1), 0);
    t.receive(q(2), 0);
    t.endOfInput(1);
    expect(types(t.respond(1, [active(0)], 2).events)).toEqual(["query-answered"]);
    expect(t.refuse(2, 1, 3).events).toEqual([{ type: "close", reason: "finished" }]);
    expect(t.closed).toBe(true);
  });

  it("closes a connection that holds more than maxPendingQueries", () => {
    const s = server({ maxPendingQueries: 2 });
    s.receive(q(1), 0);
    s.receive(q(2), 0);
    expect(s.receive(q(3), 0).events).toEqual([{ type: "close", reason: "too-many-queries", message: q(3) }]);
    expect(s.closed).toBe(true);
  });

  it("closes on a repeated xid, an Active query is refused with NotAllowed", () => {
    const s = server();
    s.receive(q(1), 0);
    const aq = buildDhcpv4ActiveLeasequery(undefined, { xid: 5 });
    const out = s.receive(aq, 0);
    expect(out.events).toEqual([{ type: "query-rejected", xid: 5, statusCode: 4, query: aq }]);
    expect(out.send[0]?.options.at(-2)).toMatchObject({ code: 151, statusCode: 4 });
    expect(s.receive(q(1), 0).events.at(-1)).toMatchObject({ reason: "protocol-violation" });
  });

  it("answers query-end-time before query-start-time with MalformedQuery", () => {
    const s = server();
    const bad = buildDhcpv4BulkLeasequery({ address: "192.0.2.1" }, { xid: 1, queryStartTime: 10, queryEndTime: 9 });
    expect(s.receive(bad, 0).events).toEqual([{ type: "query-rejected", xid: 1, statusCode: 3, query: bad }]);
    expect(s.pending).toEqual([]);
  });

  it("closes on a reply from the requestor side", () => {
    expect(server().receive(active(1), 0).events.at(-1)).toMatchObject({ reason: "unexpected-message" });
  });

  it("DHCPTLS: refused by default, accepted on request, required", () => {
    const refused = server().receive(buildDhcpv4Tls({ xid: 1 }), 0);
    expect(refused.send[0]?.op).toBe(2);
    expect(refused.send[0]?.options[1]).toEqual({ code: 151, statusCode: 8, statusMessage: "" });
    const ok = server({ tls: "accept" });
    const accepted = ok.receive(buildDhcpv4Tls({ xid: 1 }), 0);
    expect(accepted.send[0]?.options).toEqual([{ code: 53, messageType: 18 }, { code: 255 }]);
    expect(ok.receive(buildDhcpv4Tls({ xid: 2 }), 0).events.at(-1)).toMatchObject({ reason: "protocol-violation" });
    expect(server({ tls: "require" }).receive(q(1), 0).events).toEqual([
      { type: "close", reason: "rejected", message: q(1) },
    ]);
    const req = server({ tls: "require" });
    req.receive(buildDhcpv4Tls({ xid: 1 }), 0);
    expect(types(req.receive(q(2), 1).events)).toEqual(["bulk-query"]);
  });

  it("idle timer: no query for idleTimeout closes; a query stops it", () => {
    const s = server({ idleTimeout: 100, openedAt: 5 });
    expect(s.deadline).toBe(105);
    s.receive(q(1), 50);
    expect(s.deadline).toBeUndefined();
    s.respond(1, [], 60);
    expect(s.deadline).toBe(160);
    expect(s.timeout(159).events).toEqual([]);
    expect(s.timeout(160).events).toEqual([{ type: "close", reason: "idle" }]);
  });

  it("send timer: replies not pulled for sendTimeout close a blocked connection", () => {
    const s = server({ sendTimeout: 100, batchSize: 1 });
    s.receive(q(1), 0);
    s.respond(1, [active(0), active(0)], 10);
    expect(s.deadline).toBe(110);
    s.pull(50);
    expect(s.deadline).toBe(150);
    expect(s.timeout(150).events).toEqual([{ type: "close", reason: "timeout" }]);
  });

  it("shutdown ends every held query with QueryTerminated", () => {
    const s = server({ batchSize: 1 });
    s.receive(q(1), 0);
    s.receive(q(2), 0);
    s.respond(2, [active(0), active(0)], 0);
    const out = s.shutdown(1);
    const terminated = { code: 151, statusCode: 2, statusMessage: "" };
    expect(out.send.map((m) => [m.xid, msgType(m).messageType, m.options.at(-2)])).toEqual([
      [1, 15, terminated],
      [2, 15, terminated],
    ]);
    expect(types(out.events)).toEqual(["close"]);
    expect(s.shutdown(2).send).toEqual([]);
    expect(() => s.respond(1, [], 3)).toThrow(Error);
  });

  it("connectionLost closes once", () => {
    const s = server();
    expect(s.connectionLost().events).toEqual([{ type: "close", reason: "connection-lost" }]);
    expect(s.connectionLost().events).toEqual([]);
  });
});

describe("DHCPv4 Bulk Leasequery through the framer", () => {
  it("moves bindings of two queries from server to requestor, byte for byte", () => {
    const r = new Dhcpv4BulkRequestor();
    const s = new Dhcpv4BulkServer({ baseTimeAt: () => 1_600_000_000, batchSize: 5 });
    const toServer = new FrameDecoder();
    const toRequestor = new FrameDecoder();
    const wire = (ms: Dhcpv4Message[]) => ms.map((m) => frame(encodeDhcpv4(m)));
    const got: string[] = [];
    const onServer = (chunks: Uint8Array[]) => {
      for (const c of chunks) {
        for (const body of toServer.push(c)) {
          for (const e of s.receive(decodeDhcpv4(body), 0).events) {
            if (e.type === "bulk-query") {
              const n = e.xid === 1 ? 7 : 3;
              onRequestor(
                wire(
                  s.respond(
                    e.xid,
                    Array.from({ length: n }, (_, i) => active(0, i + 1)),
                    0,
                  ).send,
                ),
              );
            }
          }
        }
      }
      while (s.wantsToSend) onRequestor(wire(s.pull(0).send));
    };
    const onRequestor = (chunks: Uint8Array[]) => {
      for (const c of chunks) {
        for (const body of toRequestor.push(c)) {
          for (const e of r.receive(decodeDhcpv4(body), 0).events) {
            if (e.type === "binding") got.push(`${e.xid}:${e.message.ciaddr}`);
            if (e.type === "close") got.push(`close:${e.reason}`);
          }
        }
      }
    };
    const queries = [...wire(r.query(q(1), 0).send), ...wire(r.query(q(2), 0).send)];
    expect(r.finish(0).events).toEqual([]);
    onServer(queries);
    expect(got.slice(0, 7).map((g) => g.slice(0, 2))).toEqual(["1:", "1:", "1:", "1:", "1:", "1:", "2:"]);
    expect(got.filter((g) => g.startsWith("1:")).length).toBe(7);
    expect(got.filter((g) => g.startsWith("2:")).length).toBe(3);
    expect(got.at(-1)).toBe("close:finished");
    expect(new Set(got).size).toBe(got.length);
  });

  it("encodes DHCPTLS as RFC 2131 layout with message type 18", () => {
    const bytes = encodeDhcpv4(buildDhcpv4Tls({ xid: 0x01020304 }));
    expect(toHex(bytes.subarray(0, 8))).toBe("0100000001020304");
    expect(toHex(bytes.subarray(236))).toBe(toHex(hex("63825363 350112 ff")));
  });
});
