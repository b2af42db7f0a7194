/**
 * Back-off and pacing of DHCPv6 Active requestors across connections: the
 * exponential back-off of RFC 5460 §6.1 over TCP, and over DHCP6oQUIC no
 * more than one attempt per ACTIVE_LQ_IDLE_TIMEOUT (seed 000 §3.2.2), with
 * the saved base time carried into each new connection's catch-up.
 */
import { describe, expect, it } from "vitest";
import { ACTIVE_LQ_IDLE_TIMEOUT, BULK_LQ_MAX_RETRY, findOption } from "../../src/index.js";
import { ActiveRequestor, leasequeryReconnector, ServerSession } from "../../src/session/index.js";

/** Starts of connection attempts when every connection is lost right after it comes up. */
function attempts(transport: "tcp" | "quic", count: number): number[] {
  const schedule = leasequeryReconnector(transport);
  const starts: number[] = [];
  let now = 0;
  let out = schedule.start(now);
  while (starts.length < count) {
    if (out.connect) {
      starts.push(now);
      schedule.connected(now + 5);
      out = schedule.failed(now + 10);
    }
    now = out.deadline as number;
    out = schedule.timeout(now);
  }
  return starts;
}

describe("reconnect pacing", () => {
  it("over TCP, waits the initial back-off after each loss of a connection that came up", () => {
    const starts = attempts("tcp", 9);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number) - 10);
    expect(gaps).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
  });

  it("over QUIC, makes no more than one attempt per ACTIVE_LQ_IDLE_TIMEOUT", () => {
    const starts = attempts("quic", 5);
    expect(starts).toEqual([0, 1, 2, 3, 4].map((i) => i * ACTIVE_LQ_IDLE_TIMEOUT * 1000));
  });

  it("over TCP, doubles the wait for consecutive failed attempts, capped", () => {
    const schedule = leasequeryReconnector("tcp");
    let now = 0;
    schedule.start(now);
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const next = schedule.failed(now).deadline as number;
      waits.push(next - now);
      now = next;
      expect(schedule.timeout(now).connect).toBe(true);
    }
    expect(BULK_LQ_MAX_RETRY).toBe(60);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it("resumes catch-up from the saved base time on the paced QUIC reconnect", () => {
    const schedule = leasequeryReconnector("quic");
    const server = () => new ServerSession({ baseTimeAt: (now) => 1000 + Math.floor(now / 1000) });
    let r = new ActiveRequestor({ tls: "require", transport: "quic" });
    let s = server();
    expect(schedule.start(0).connect).toBe(true);
    schedule.connected(0);
    s.receive(r.start(r.reconnectQuery(undefined, { transactionId: 1 }), 0).send[0] as never, 0);
    r.receive(s.acceptActive(0).send[0] as never, 0);
    r.receive(s.sendBindings([[{ code: 46, cltTime: 0 }]], 5000).send[0] as never, 5000);
    expect(r.baseTime).toBe(1005);
    // The server restarts: the connection is lost.
    r.connectionLost();
    const wait = schedule.failed(6000);
    expect(wait.deadline).toBe(ACTIVE_LQ_IDLE_TIMEOUT * 1000);
    expect(schedule.timeout(59_999).connect).toBe(false);
    expect(schedule.timeout(60_000).connect).toBe(true);
    r = new ActiveRequestor({ baseTime: r.baseTime as number, tls: "require", transport: "quic" });
    s = server();
    const q = r.start(r.reconnectQuery(undefined, { transactionId: 2 }), 60_000).send[0];
    expect(findOption(q as never, 101)?.queryStartTime).toBe(1005);
    const ev = s.receive(q as never, 60_000).events[0];
    expect(ev).toMatchObject({ type: "active-query", startTime: 1005 });
  });
});
