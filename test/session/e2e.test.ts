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
