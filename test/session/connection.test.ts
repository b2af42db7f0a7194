/**
 * Connection management as deadlines (RFC 5460 §6.1, §7.1; DHCP6oQUIC seed
 * 000 §3.2.2, §5): back-off, attempt timeout, reconnect pacing, the
 * connection limit, and the TLS decisions over TCP and QUIC.
 */
import { describe, expect, it } from "vitest";
import {
  ACTIVE_LQ_IDLE_TIMEOUT,
  BULK_LQ_CONN_TIMEOUT,
  BULK_LQ_MAX_CONNS,
  BULK_LQ_MAX_RETRY,
  ConnectionLimit,
  DHCP6OQUIC_PROFILE,
  Reconnector,
  sendsStartTls,
  tlsPolicyMet,
} from "../../src/index.js";

/** Fails every attempt at once and returns the gaps between attempt starts. */
function gaps(r: Reconnector, n: number): number[] {
  const out: number[] = [];
  let t = 0;
  r.start(t);
  for (let i = 0; i < n; i++) {
    const next = r.failed(t).deadline as number;
    const go = r.timeout(next);
    expect(go.connect).toBe(true);
    out.push(next - t);
    t = next;
  }
  return out;
}

describe("Reconnector", () => {
  it("backs off exponentially from initialDelay up to BULK_LQ_MAX_RETRY", () => {
    expect(gaps(new Reconnector(), 9)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(BULK_LQ_MAX_RETRY).toBe(60);
  });

  it("starts again from initialDelay after a success", () => {
    const r = new Reconnector({ initialDelay: 10 });
    r.start(0);
    r.failed(0);
    r.timeout(10);
    r.failed(10);
    expect(r.consecutiveFailures).toBe(2);
    r.timeout(30);
    r.connected(31);
    expect(r.consecutiveFailures).toBe(0);
    expect(r.failed(1000).deadline).toBe(1010);
  });

  it("paces attempts no closer than minInterval (DHCP6oQUIC: one per ACTIVE_LQ_IDLE_TIMEOUT)", () => {
    const r = new Reconnector({ minInterval: DHCP6OQUIC_PROFILE.reconnectInterval });
    expect(DHCP6OQUIC_PROFILE.reconnectInterval).toBe(ACTIVE_LQ_IDLE_TIMEOUT * 1000);
    expect(gaps(r, 3)).toEqual([60000, 60000, 60000]);
    // A connection that lived longer than the interval may be retried after the back-off alone.
    const s = new Reconnector({ minInterval: 60000 });
    s.start(0);
    s.connected(5);
    expect(s.failed(100_000).deadline).toBe(101_000);
  });

  it("aborts an attempt after connectTimeout (BULK_LQ_CONN_TIMEOUT) and counts it as failed", () => {
    const r = new Reconnector();
    expect(r.start(0)).toEqual({ connect: true, abort: false, deadline: BULK_LQ_CONN_TIMEOUT * 1000 });
    expect(r.timeout(29_999)).toEqual({ connect: false, abort: false, deadline: 30_000 });
    expect(r.timeout(30_000)).toEqual({ connect: false, abort: true, deadline: 31_000 });
    expect(r.state).toBe("waiting");
    expect(r.consecutiveFailures).toBe(1);
  });

  it("refuses reports out of turn, and stops for good", () => {
    const r = new Reconnector();
    expect(() => r.connected(0)).toThrow(Error);
    expect(() => r.failed(0)).toThrow(Error);
    r.start(0);
    expect(() => r.start(0)).toThrow(Error);
    expect(r.stop()).toEqual({ connect: false, abort: false, deadline: undefined });
    expect(r.timeout(1e9).connect).toBe(false);
    expect(() => r.failed(1)).toThrow(Error);
    expect(() => new Reconnector({ initialDelay: 0 })).toThrow(RangeError);
    expect(() => new Reconnector({ minInterval: Number.NaN })).toThrow(RangeError);
    expect(() => r.timeout(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("ConnectionLimit", () => {
  it("holds at most BULK_LQ_MAX_CONNS by default", () => {
    const limit = new ConnectionLimit<number>();
    const taken = Array.from({ length: 12 }, (_, i) => limit.open(i));
    expect(taken.filter(Boolean).length).toBe(BULK_LQ_MAX_CONNS);
    expect(taken.slice(10)).toEqual([false, false]);
    expect(limit.close(0)).toBe(true);
    expect(limit.open(11)).toBe(true);
    expect(limit.size).toBe(10);
    expect(() => new ConnectionLimit(0)).toThrow(RangeError);
  });
});

describe("TLS over TCP and QUIC", () => {
  it("sends STARTTLS over TCP only, and a QUIC connection meets tls: require", () => {
    expect([sendsStartTls("off", "tcp"), sendsStartTls("prefer", "tcp"), sendsStartTls("prefer", "quic")]).toEqual([
      false,
      true,
      false,
    ]);
    expect(tlsPolicyMet("require", "quic", false)).toBe(true);
    expect(tlsPolicyMet("require", "tcp", false)).toBe(false);
    expect(tlsPolicyMet("require", "tcp", true)).toBe(true);
    expect(tlsPolicyMet("off", "tcp", false)).toBe(true);
    expect(DHCP6OQUIC_PROFILE.maxIdleTimeout).toBe(0);
    expect(DHCP6OQUIC_PROFILE.alpn).toBe("DHCP6oQ");
    expect(DHCP6OQUIC_PROFILE.carries).toBe("active-leasequery");
  });
});
