/**
 * DataMissing recovery end to end, through the framer: the server lacks the
 * data the Active query asks to catch up from, answers DataMissing, and the
 * requestor recovers the gap with the Bulk query the `data-missing` event
 * gives, on a second connection (RFC 7653 §9.4, followed over the §8.4.1
 * "single connection" aside; see src/session/active-requestor.ts), while the
 * active connection keeps delivering real-time updates.
 */
import { describe, expect, it } from "vitest";
import { type Dhcpv6Message, findOption, QUERY_TYPE, STATUS_CODE, statusOf } from "../../src/index.js";
import {
  ActiveRequestor,
  type ActiveRequestorEvent,
  BulkRequestor,
  type BulkRequestorEvent,
  ServerSession,
  type ServerSessionEvent,
} from "../../src/session/index.js";
import { encodeFramed, MessageDecoder } from "../../src/stream/index.js";
import { binding, idOf, prng } from "./e2e-harness.js";

/** One direction of a connection: frames written, read back in random chunks. */
function wire(rnd: () => number) {
  const decoder = new MessageDecoder();
  return (ms: Dhcpv6Message[]): Dhcpv6Message[] => {
    const bytes = ms.map((m) => encodeFramed(m));
    const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of bytes) {
      all.set(b, at);
      at += b.length;
    }
    const out: Dhcpv6Message[] = [];
    for (let i = 0; i < all.length; ) {
      const size = 1 + Math.floor(rnd() * 700);
      out.push(...decoder.push(all.subarray(i, i + size)));
      i += size;
    }
    return out;
  };
}

describe("DataMissing recovery", () => {
  it("recovers the gap on a second connection while the active one goes on; none lost", () => {
    const rnd = prng(13);
    let t = 10_000; // server time, seconds since 2000
    const baseTimeAt = () => t;
    const changedAt: number[] = [];
    const change = () => {
      changedAt.push(t);
      if (changedAt.length % 7 === 0) t++;
      return changedAt.length - 1;
    };
    // Before the requestor went away: ids 0-99, which it has. Then 400 changes while it is away.
    for (let i = 0; i < 100; i++) change();
    const saved = t;
    t++;
    for (let i = 0; i < 400; i++) change();
    const keptFrom = t - 20; // the server keeps only the last 20 s of changes: not enough to catch up

    // Connection A: the Active query asks to catch up from `saved`; the server answers DataMissing.
    const key = { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "2001:db8::" } as const;
    const requestor = new ActiveRequestor({ baseTime: saved });
    const serverA = new ServerSession({ baseTimeAt });
    const toServerA = wire(rnd);
    const toRequestorA = wire(rnd);
    const activeEvents: ActiveRequestorEvent[] = [];
    const deliverA = (ms: Dhcpv6Message[]) => {
      for (const m of toRequestorA(ms)) activeEvents.push(...requestor.receive(m, t * 1000).events);
    };
    const [activeQuery] = toServerA(requestor.start(requestor.reconnectQuery(key, { transactionId: 1 }), 0).send);
    const seen = serverA.receive(activeQuery as Dhcpv6Message, t * 1000).events;
    expect(seen).toMatchObject([{ type: "active-query", startTime: saved }]);
    expect(saved < keptFrom).toBe(true);
    deliverA(serverA.acceptActive(t * 1000, { dataMissing: true }).send);
    const missing = activeEvents.find((e) => e.type === "data-missing");
    if (missing?.type !== "data-missing" || missing.recoveryQuery === undefined) throw new Error("no recovery query");
    const recovery = missing.recoveryQuery;
    const end = missing.baseTime as number;
    expect(findOption(recovery, 44)?.options.filter((o) => o.code === 101 || o.code === 102)).toEqual([
      { code: 101, queryStartTime: saved },
      { code: 102, queryEndTime: end },
    ]);

    // The server and the docs agree: the same recovery query on the active connection is NotAllowed
    // (RFC 7653 §9.4), and the active query is not disturbed by it.
    const refused = serverA.receive(recovery, t * 1000);
    expect(refused.events).toMatchObject([{ type: "query-rejected", statusCode: STATUS_CODE.NotAllowed }]);
    expect(statusOf(refused.send[0] as Dhcpv6Message)?.statusCode).toBe(STATUS_CODE.NotAllowed);
    expect(serverA.closed).toBe(false);

    // Connection B: a BulkRequestor sends the recovery query; the server answers from its full
    // binding store for [LQ_START_TIME, LQ_END_TIME], streaming, while A carries live changes.
    const bulk = new BulkRequestor();
    const serverB = new ServerSession({ baseTimeAt });
    const toServerB = wire(rnd);
    const toRequestorB = wire(rnd);
    const bulkEvents: BulkRequestorEvent[] = [];
    const serverBEvents: ServerSessionEvent[] = [];
    for (const m of toServerB(bulk.query(recovery, t * 1000).send)) {
      serverBEvents.push(...serverB.receive(m, t * 1000).events);
    }
    const asked = serverBEvents.find((e) => e.type === "bulk-query");
    if (asked?.type !== "bulk-query") throw new Error("server B saw no Bulk query");
    const lq = findOption(asked.query, 44);
    const from = lq?.options.find((o) => o.code === 101) as { queryStartTime: number };
    const until = lq?.options.find((o) => o.code === 102) as { queryEndTime: number };
    const inGap = changedAt.flatMap((at, id) => (at >= from.queryStartTime && at <= until.queryEndTime ? [id] : []));
    const stream = serverB.streamBulk(asked.transactionId, inGap.map(binding), t * 1000);
    let live = 0;
    for (let r = stream.next(); !r.done; r = stream.next()) {
      for (const m of toRequestorB([r.value])) bulkEvents.push(...bulk.receive(m, t * 1000).events);
      if (rnd() < 0.2) {
        t++;
        live++;
        deliverA(serverA.sendBindings([binding(change())], t * 1000).send);
      }
    }

    // Nothing lost: every id the requestor did not have came by recovery or as a live update.
    const got = new Set<number>();
    for (const e of bulkEvents) if (e.type === "binding") got.add(idOf(e.clientData));
    for (const e of activeEvents) if (e.type === "binding") got.add(idOf(e.clientData));
    const missingIds = changedAt.flatMap((at, id) => (at >= saved && !got.has(id) ? [id] : []));
    expect(missingIds).toEqual([]);
    expect(live).toBeGreaterThan(0);
    expect(bulkEvents.at(-1)).toMatchObject({ type: "query-complete", statusCode: 0, bindings: inGap.length });
    // Neither connection was closed: the active query goes on after the recovery.
    expect(requestor.closed).toBe(false);
    expect(activeEvents.some((e) => e.type === "close")).toBe(false);
    expect(bulk.pending).toEqual([]);
  });
});
