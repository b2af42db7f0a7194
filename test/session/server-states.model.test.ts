/**
 * Model-based test of the ServerSession's connection states: random
 * STARTTLS, Bulk queries, answers, half-closes and losses, under each TLS
 * mode, checked against the order of RFC 7653 §8.2/§9.1 (STARTTLS first
 * only; secure mode drops a connection that does not begin with it) and
 * RFC 5460 §5.3 (after the requestor stops sending, finish what is held,
 * then close), with a cap of three queries held.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildStartTls, leasequeryByLinkAddress } from "../../src/index.js";
import { ServerSession, type ServerSessionState } from "../../src/session/index.js";

type Op = "starttls" | "query" | "answer" | "end" | "lost";
const CAP = 3;

describe("ServerSession states (model)", () => {
  it("follow STARTTLS-first, the cap and half-close under any sequence", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("refuse" as const, "accept" as const, "require" as const),
        fc.array(fc.constantFrom<Op>("starttls", "query", "answer", "end", "lost"), { maxLength: 15 }),
        (tls, ops) => {
          const s = new ServerSession({ tls, maxPendingQueries: CAP, baseTimeAt: () => 1 });
          let state: ServerSessionState = "new";
          const held: number[] = [];
          let xid = 1;
          for (const op of ops) {
            if (op === "starttls") {
              s.receive(buildStartTls({ transactionId: 99 }), 0);
              state = state === "new" ? "open" : "closed";
            } else if (op === "query") {
              const id = xid++;
              s.receive(leasequeryByLinkAddress("2001:db8::", { transactionId: id }), 0);
              if (state === "draining" || (state === "new" && tls === "require") || held.length >= CAP) {
                state = "closed";
              } else if (state !== "closed") {
                state = "open";
                held.push(id);
              }
            } else if (op === "answer") {
              if (state === "closed" || held.length === 0) continue;
              s.respondBulk(held.shift() as number, [], 0);
              if (state === "draining" && held.length === 0) state = "closed";
            } else if (op === "end") {
              s.endOfInput(0);
              if (state === "new" || state === "open") state = held.length === 0 ? "closed" : "draining";
            } else {
              s.connectionLost();
              state = "closed";
            }
            if (state === "closed") held.length = 0;
            expect(s.state).toBe(state);
            expect(s.pendingQueries).toBe(held.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
