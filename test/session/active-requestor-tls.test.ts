/**
 * The DHCPv6 ActiveRequestor's TLS policy and transport: STARTTLS over TCP
 * (RFC 7653 §8.2) and none over QUIC (DHCP6oQUIC, seed 000 §5), where
 * `tls: "require"` is met by the QUIC handshake.
 */
import { describe, expect, it } from "vitest";
import { buildActiveLeasequery, buildLeasequeryReply, buildStartTlsReply, QUERY_TYPE } from "../../src/index.js";
import { ActiveRequestor, ServerSession } from "../../src/session/index.js";

const query = (xid: number) =>
  buildActiveLeasequery(
    { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" },
    { transactionId: xid },
  );
const types = (out: { events: { type: string }[] }) => out.events.map((e) => e.type);

describe("ActiveRequestor tls policy over QUIC", () => {
  it('sends no STARTTLS and starts at once with tls: "require"', () => {
    const r = new ActiveRequestor({ tls: "require", transport: "quic" });
    expect(r.needsStartTls).toBe(false);
    expect(() => r.startTls(1, 0)).toThrow(Error);
    const out = r.start(query(2), 0);
    expect(out.send.map((m) => m.msgType)).toEqual([22]);
    expect(types(r.receive(buildLeasequeryReply({ transactionId: 2 }), 1))).toEqual(["accepted"]);
    expect(r.closed).toBe(false);
  });

  it("runs against a server session that requires nothing of QUIC but the query", () => {
    const r = new ActiveRequestor({ tls: "require", transport: "quic" });
    const s = new ServerSession({ baseTimeAt: () => 100 });
    const [q] = r.start(query(3), 0).send;
    expect(types(s.receive(q as never, 0))).toEqual(["active-query"]);
    const [reply] = s.acceptActive(0).send;
    expect(types(r.receive(reply as never, 0))).toEqual(["accepted"]);
  });
});

describe("ActiveRequestor tls policy over TCP", () => {
  it('asks for STARTTLS with "require" and "prefer", not with "off" or no policy', () => {
    expect(new ActiveRequestor({ tls: "require" }).needsStartTls).toBe(true);
    expect(new ActiveRequestor({ tls: "prefer" }).needsStartTls).toBe(true);
    expect(new ActiveRequestor({ tls: "off" }).needsStartTls).toBe(false);
    expect(new ActiveRequestor().needsStartTls).toBe(false);
    expect(() => new ActiveRequestor({ tls: "off" }).startTls(1, 0)).toThrow(Error);
  });

  it('with "require", refuses to start before STARTTLS was accepted, and closes on a refusal', () => {
    const r = new ActiveRequestor({ tls: "require" });
    expect(() => r.start(query(2), 0)).toThrow(Error);
    r.startTls(1, 0);
    expect(r.needsStartTls).toBe(false);
    const out = r.receive(buildStartTlsReply({ transactionId: 1, refused: true }), 1);
    expect(out.events).toEqual([
      { type: "tls-refused", statusCode: 15 },
      { type: "close", reason: "tls-refused", message: buildStartTlsReply({ transactionId: 1, refused: true }) },
    ]);
  });

  it('with "require", starts once STARTTLS was accepted', () => {
    const r = new ActiveRequestor({ tls: "require" });
    r.startTls(1, 0);
    expect(types(r.receive(buildStartTlsReply({ transactionId: 1 }), 1))).toEqual(["tls-accepted"]);
    expect(r.start(query(2), 2).send).toHaveLength(1);
  });

  it('with "prefer", goes on in the clear after TLSConnectionRefused', () => {
    const r = new ActiveRequestor({ tls: "prefer" });
    r.startTls(1, 0);
    expect(types(r.receive(buildStartTlsReply({ transactionId: 1, refused: true }), 1))).toEqual(["tls-refused"]);
    expect(r.closed).toBe(false);
    expect(r.start(query(2), 2).send).toHaveLength(1);
  });

  it('with "prefer", still drops a connection whose STARTTLS got no answer', () => {
    const r = new ActiveRequestor({ tls: "prefer", startTlsTimeout: 10 });
    r.startTls(1, 0);
    expect(r.timeout(10).events).toEqual([
      { type: "tls-refused", statusCode: undefined },
      { type: "close", reason: "timeout" },
    ]);
  });

  it("rejects an unknown policy or transport", () => {
    expect(() => new ActiveRequestor({ tls: "maybe" as never })).toThrow(RangeError);
    expect(() => new ActiveRequestor({ transport: "udp" as never })).toThrow(RangeError);
  });
});
