/**
 * The DHCPv4 Bulk Leasequery examples on real sockets: the server and the
 * requestor on 127.0.0.1 (port 0), the bindings moved, both ends closed.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { dhcpv4BulkQuery } from "../../examples/node/dhcpv4-bulk-requestor.js";
import { serveDhcpv4Bulk } from "../../examples/node/dhcpv4-bulk-server.js";
import { buildDhcpv4LeaseActive, buildDhcpv4LeaseUnassigned, type Dhcpv4Message } from "../../src/index.js";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function leases(n: number): Dhcpv4Message[] {
  return Array.from({ length: n }, (_, i) => {
    const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    return i % 5 === 0
      ? buildDhcpv4LeaseUnassigned({ xid: 0, address })
      : buildDhcpv4LeaseActive({ xid: 0, address, leaseTime: i });
  });
}

async function listening(leasesFor: () => Iterable<Dhcpv4Message>): Promise<number> {
  const server = serveDhcpv4Bulk(leasesFor, 0);
  servers.push(server);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return (server.address() as AddressInfo).port;
}

describe("examples: DHCPv4 Bulk Leasequery over TCP", () => {
  it("moves every binding from the server to the requestor", { timeout: 20_000 }, async () => {
    const all = leases(2000);
    const port = await listening(() => all);
    const got = await dhcpv4BulkQuery("127.0.0.1", port, { relayId: Uint8Array.of(1) });
    expect(got.map((m) => m.ciaddr)).toEqual(all.map((m) => m.ciaddr));
    expect(new Set(got.map((m) => m.xid))).toEqual(new Set([1]));
  });

  it("serves several requestors at once", { timeout: 20_000 }, async () => {
    const all = leases(300);
    const port = await listening(() => all);
    const runs = await Promise.all([1, 2, 3].map(() => dhcpv4BulkQuery("127.0.0.1", port, { address: "10.0.0.1" })));
    for (const got of runs) expect(got.length).toBe(300);
  });

  it("reports a server that drops the connection as an error", { timeout: 20_000 }, async () => {
    function* failing(): Generator<Dhcpv4Message> {
      yield* leases(3);
      throw new Error("database gone");
    }
    const port = await listening(failing);
    await expect(dhcpv4BulkQuery("127.0.0.1", port, { address: "10.0.0.1" })).rejects.toThrow("status 1");
  });
});
