/**
 * Model-based test of the ActiveRequestor's connection states: random
 * commands and server messages, under every TLS policy and transport,
 * checked against the order RFC 7653 fixes: STARTTLS only first and only
 * over TCP (§8.2; none over QUIC, seed 000 §5), one ACTIVELEASEQUERY, one
 * LEASEQUERY-REPLY first, then DATA until DONE (§6.2.3); anything out of
 * order closes the connection.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  buildStartTlsReply,
  QUERY_TYPE,
  STATUS_CODE,
} from "../../src/index.js";
import { ActiveRequestor, type ActiveRequestorState } from "../../src/session/index.js";

type Op =
  | { op: "starttls" }
  | { op: "start" }
  | { op: "tls-reply"; refused: boolean; ours: boolean }
  | { op: "reply"; ok: boolean; ours: boolean }
  | { op: "data"; ours: boolean }
  | { op: "done" }
  | { op: "lost" };

const TLS_XID = 1;
const XID = 2;
const ours = fc.boolean();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ op: "starttls" as const }),
  fc.constant({ op: "start" as const }),
  fc.record({ op: fc.constant("tls-reply" as const), refused: fc.boolean(), ours }),
  fc.record({ op: fc.constant("reply" as const), ok: fc.boolean(), ours }),
  fc.record({ op: fc.constant("data" as const), ours }),
  fc.constant({ op: "done" as const }),
  fc.constant({ op: "lost" as const }),
);

interface Model {
  state: ActiveRequestorState;
  tlsAccepted: boolean;
}

/** The state the RFC order leads to, or "throws" for a command out of turn. */
function expected(m: Model, o: Op, tls: "off" | "prefer" | "require", quic: boolean): ActiveRequestorState | "throws" {
  const s = m.state;
  switch (o.op) {
    case "starttls":
      return s === "idle" && !quic && tls !== "off" ? "tls-requested" : "throws";
    case "start":
      if (s !== "idle" && s !== "tls-ready") return "throws";
      return tls === "require" && !quic && !m.tlsAccepted ? "throws" : "querying";
    case "lost":
      return "closed";
    default:
      break;
  }
  if (s === "closed") return "closed";
  if (o.op === "tls-reply") {
    if (s !== "tls-requested" || !o.ours) return "closed";
    if (!o.refused) return "tls-ready";
    return tls === "prefer" ? "tls-ready" : "closed";
  }
  if (o.op === "reply") return s === "querying" && o.ours && o.ok ? "active" : "closed";
  if (o.op === "data") return s === "active" && o.ours ? "active" : "closed";
  return "closed";
}

describe("ActiveRequestor states (model)", () => {
  it("follow the order of RFC 7653 under any policy, transport and message sequence", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("off" as const, "prefer" as const, "require" as const),
        fc.boolean(),
        fc.array(op, { maxLength: 12 }),
        (tls, quic, ops) => {
          const r = new ActiveRequestor({ tls, transport: quic ? "quic" : "tcp" });
          const m: Model = { state: "idle", tlsAccepted: false };
          let now = 0;
          for (const o of ops) {
            now++;
            const want = expected(m, o, tls, quic);
            const act = () => {
              switch (o.op) {
                case "starttls":
                  return r.startTls(TLS_XID, now);
                case "start":
                  return r.start(
                    buildActiveLeasequery(
                      { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "::" },
                      { transactionId: XID },
                    ),
                    now,
                  );
                case "tls-reply":
                  return r.receive(
                    buildStartTlsReply({ transactionId: o.ours ? TLS_XID : 9, refused: o.refused }),
                    now,
                  );
                case "reply":
                  return r.receive(
                    buildLeasequeryReply({
                      transactionId: o.ours ? XID : 9,
                      ...(o.ok ? {} : { statusCode: STATUS_CODE.NotAllowed }),
                    }),
                    now,
                  );
                case "data":
                  return r.receive(buildLeasequeryData({ transactionId: o.ours ? XID : 9 }), now);
                case "done":
                  return r.receive(buildLeasequeryDone({ transactionId: XID }), now);
                case "lost":
                  return r.connectionLost();
              }
            };
            if (want === "throws") {
              expect(act).toThrow(Error);
            } else {
              act();
              if (o.op === "tls-reply" && want === "tls-ready" && !o.refused) m.tlsAccepted = true;
              m.state = want;
            }
            expect(r.state).toBe(m.state);
            expect(r.closed).toBe(m.state === "closed");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
