/**
 * The DHCPv4 Active Leasequery examples on real sockets: a requestor
 * follows a server, the server restarts while bindings keep changing, and
 * the requestor catches up from its saved base-time: its view ends equal
 * to the server's.
 */
import type { AddressInfo, Server, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { followDhcpv4Active } from "../../examples/node/dhcpv4-active-requestor.js";
import { serveDhcpv4Active } from "../../examples/node/dhcpv4-active-server.js";
import { LeaseLog } from "../../examples/node/lease-log.js";
import {
  buildDhcpv4LeaseActive,
  type Dhcpv4ActiveRequestorEvent,
  findDhcpv4Option,
  Reconnector,
} from "../../src/index.js";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function start(log: LeaseLog, port: number): Promise<{ server: Server; stop: () => Promise<void> }> {
  const server = serveDhcpv4Active(log, port);
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => sockets.add(s));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  cleanup.push(() => void stop());
  return new Promise((resolve) => server.once("listening", () => resolve({ server, stop })));
}

async function until(what: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const lease = (n: number, version: number) =>
  buildDhcpv4LeaseActive({ xid: 0, address: `10.0.${n >> 8}.${n & 255}`, leaseTime: version });

describe("examples: DHCPv4 Active Leasequery over TCP", () => {
  it("follows the server across a restart and catches up on what changed meanwhile", { timeout: 20_000 }, async () => {
    const log = new LeaseLog();
    for (let n = 0; n < 50; n++) log.record(lease(n, 1));
    const first = await start(log, 0);
    const port = (first.server.address() as AddressInfo).port;

    const seen = new Map<string, number>();
    const events: Dhcpv4ActiveRequestorEvent[] = [];
    const follower = followDhcpv4Active(
      "127.0.0.1",
      port,
      (e) => {
        events.push(e);
        if (e.type === "binding") seen.set(e.message.ciaddr, findDhcpv4Option(e.message, 51)?.leaseTime ?? -1);
      },
      new Reconnector({ initialDelay: 50, maxDelay: 200 }),
    );
    cleanup.push(() => follower.stop());
    await until(() => seen.size === 50);
    for (let n = 0; n < 10; n++) log.record(lease(n, 2)); // live changes
    await until(() => seen.get("10.0.0.9") === 2);

    await first.stop();
    for (let n = 40; n < 70; n++) log.record(lease(n, 3)); // while the server is down
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.get("10.0.0.69")).toBeUndefined();
    await start(log, port);
    const expected = new Map([...log.changedSince()].map((m) => [m.ciaddr, findDhcpv4Option(m, 51)?.leaseTime]));
    await until(() => seen.size === 70 && [...expected].every(([a, v]) => seen.get(a) === v));

    const catchUp = events.filter((e) => e.type === "binding" && e.catchUp);
    expect(catchUp.length).toBeGreaterThanOrEqual(30);
    expect(events.some((e) => e.type === "catch-up-complete")).toBe(true);
  });
});
