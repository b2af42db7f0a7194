/**
 * End to end: ActiveRequestor and ServerSession through the framer over an
 * in-memory duplex with random chunking, with a dropped connection and a
 * catch-up in the middle (see e2e-harness.ts).
 */
import { describe, it } from "vitest";
import { checkRun, runActiveExchange } from "./e2e-harness.js";

describe("Active Leasequery end to end", () => {
  // About 1.5 s; the generous limit only keeps a slow CI machine from failing it.
  it("moves 100,000 bindings across a dropped connection and a catch-up", { timeout: 60_000 }, () => {
    checkRun(100_000, runActiveExchange(100_000, 100));
  });

  for (const seed of [1, 2, 3]) {
    it(`moves 5,000 bindings, other chunkings (seed ${seed})`, () => {
      checkRun(5000, runActiveExchange(5000, seed));
    });
  }
});

describe("DHCP4o6 Active Leasequery end to end", () => {
  // Each binding is a DHCPLEASEACTIVE in OPTION_DHCPV4_MSG, half of them with a CLIENT_DATA too; the
  // catch-up start goes as a DHCPv4 query-start-time, CatchUpComplete and the final DONE in both carriers.
  it("moves 100,000 bindings across a dropped connection and a catch-up", { timeout: 120_000 }, () => {
    checkRun(100_000, runActiveExchange(100_000, 100, "dhcp4o6"));
  });

  it("moves 5,000 bindings, other chunkings", () => {
    checkRun(5000, runActiveExchange(5000, 7, "dhcp4o6"));
  });
});
