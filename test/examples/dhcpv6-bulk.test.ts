/**
 * The DHCPv6 Bulk Leasequery examples on real sockets: the server and the
 * requestor on 127.0.0.1 (port 0), the bindings moved, the requestor's
 * half-close answered before the server closes.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { dhcpv6BulkQuery } from "../../examples/node/dhcpv6-bulk-requestor.js";
import { serveDhcpv6Bulk } from "../../examples/node/dhcpv6-bulk-server.js";
import { type BulkBinding, type Dhcpv6Message, leasequeryByLinkAddress } from "../../src/index.js";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

const address = (i: number) => `2001:db8::${(i + 1).toString(16)}`; // canonical text, as decoded
function bindings(n: number): BulkBinding[] {
  return Array.from({ length: n }, (_, i) => [
    { code: 5, address: address(i), preferredLifetime: i, validLifetime: i + 1, options: [] },
    { code: 46, cltTime: i },
  ]);
}

async function listening(bindingsFor: (q: Dhcpv6Message) => Iterable<BulkBinding>): Promise<number> {
  const server = serveDhcpv6Bulk(bindingsFor, 0);
  servers.push(server);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return (server.address() as AddressInfo).port;
}

const addressesOf = (got: { options: readonly { code: number }[] }[]) =>
  got.map((cd) => (cd.options.find((o) => o.code === 5) as { address: string } | undefined)?.address);

describe("examples: DHCPv6 Bulk Leasequery over TCP", () => {
  it("moves every binding from the server to the requestor", { timeout: 20_000 }, async () => {
    const all = bindings(3000);
    const port = await listening(() => all);
    const got = await dhcpv6BulkQuery("127.0.0.1", port, leasequeryByLinkAddress("2001:db8::", { transactionId: 9 }));
    expect(addressesOf(got)).toEqual(all.map((_, i) => address(i)));
  });

  it("serves several requestors at once", { timeout: 20_000 }, async () => {
    const all = bindings(300);
    const port = await listening(() => all);
    const runs = await Promise.all(
      [1, 2, 3].map((xid) => dhcpv6BulkQuery("127.0.0.1", port, leasequeryByLinkAddress("::", { transactionId: xid }))),
    );
    for (const got of runs) expect(got.length).toBe(300);
  });

  it("reports a query whose bindings fail as an error", { timeout: 20_000 }, async () => {
    function* failing(): Generator<BulkBinding> {
      yield* bindings(3);
      throw new Error("database gone");
    }
    const port = await listening(failing);
    await expect(
      dhcpv6BulkQuery("127.0.0.1", port, leasequeryByLinkAddress("::", { transactionId: 1 })),
    ).rejects.toThrow("status 1");
  });
});
