/**
 * The DHCPv6 Active Leasequery examples on real sockets: a requestor
 * follows a server, the server restarts while bindings keep changing, and
 * the requestor catches up from its saved base time (LQ_START_TIME): its
 * view ends equal to the server's.
 */
import type { AddressInfo, Server, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { followDhcpv6Active } from "../../examples/node/dhcpv6-active-requestor.js";
import { serveDhcpv6Active } from "../../examples/node/dhcpv6-active-server.js";
import { Dhcpv6LeaseLog } from "../../examples/node/dhcpv6-lease-log.js";
import { type ActiveRequestorEvent, type Dhcpv6Option, leasequeryReconnector } from "../../src/index.js";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function start(log: Dhcpv6LeaseLog, port: number): Promise<{ server: Server; stop: () => Promise<void> }> {
  const server = serveDhcpv6Active(log, port);
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

const addr = (n: number) => `2001:db8::${(n + 1).toString(16)}`; // canonical text, as decoded
const record = (log: Dhcpv6LeaseLog, n: number, version: number) =>
  log.record(addr(n), [{ code: 5, address: addr(n), preferredLifetime: version, validLifetime: version, options: [] }]);
const iaaddr = (options: readonly Dhcpv6Option[]) =>
  options.find((o) => o.code === 5) as { address: string; validLifetime: number } | undefined;

describe("examples: DHCPv6 Active Leasequery over TCP", () => {
  it("follows the server across a restart and catches up on what changed meanwhile", { timeout: 20_000 }, async () => {
    const log = new Dhcpv6LeaseLog();
    for (let n = 0; n < 50; n++) record(log, n, 1);
    const first = await start(log, 0);
    const port = (first.server.address() as AddressInfo).port;

    const seen = new Map<string, number>();
    const events: ActiveRequestorEvent[] = [];
    const follower = followDhcpv6Active(
      "127.0.0.1",
      port,
      (e) => {
        events.push(e);
        const a = e.type === "binding" ? iaaddr(e.clientData?.options ?? []) : undefined;
        if (a !== undefined) seen.set(a.address, a.validLifetime);
      },
      leasequeryReconnector("tcp", { initialDelay: 50, maxDelay: 200 }),
    );
    cleanup.push(() => follower.stop());
    await until(() => seen.size === 50);
    for (let n = 0; n < 10; n++) record(log, n, 2); // live changes
    await until(() => seen.get(addr(9)) === 2);

    await first.stop();
    for (let n = 40; n < 70; n++) record(log, n, 3); // while the server is down
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.get(addr(69))).toBeUndefined();
    await start(log, port);
    const expected = new Map([...log.changedSince()].map((b) => [iaaddr(b)?.address, iaaddr(b)?.validLifetime]));
    await until(() => seen.size === 70 && [...expected].every(([a, v]) => seen.get(a as string) === v));

    const catchUp = events.filter((e) => e.type === "binding" && e.catchUp);
    expect(catchUp.length).toBeGreaterThanOrEqual(30);
    expect(events.some((e) => e.type === "catch-up-complete")).toBe(true);
  });
});
