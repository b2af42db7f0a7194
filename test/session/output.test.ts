// The argument checks every session shares (src/session/output.ts): `now`,
// transaction-ids (24 bits, RFC 8415 §8) and timeout options.
import { describe, expect, it } from "vitest";
import { type Dhcpv6Message, leasequeryByLinkAddress, QUERY_TYPE } from "../../src/index.js";
import { ActiveRequestor, BulkRequestor, ServerSession } from "../../src/session/index.js";

const relayId = { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(1, 2) } as const;
const _key = { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId } as const;
const _cd = (t: number) => [{ code: 46, cltTime: t }] as const;
const q = (xid: number) => leasequeryByLinkAddress("2001:db8::", { transactionId: xid });
const _types = (es: readonly { type: string }[]) => es.map((e) => e.type);

describe("argument checks shared by the sessions", () => {
  it("refuses a `now` that is not finite with a RangeError", () => {
    expect(() => new BulkRequestor().timeout(Number.NaN)).toThrow(RangeError);
    expect(() => new ActiveRequestor().timeout(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("takes the whole 24-bit transaction-id range, 0 included, and nothing else (RFC 8415 §8)", () => {
    const r = new BulkRequestor();
    expect(r.query(q(0), 0).send.length).toBe(1);
    expect(r.pending).toEqual([0]);
    const half: Dhcpv6Message = { msgType: 14, transactionId: 1.5, options: [] };
    expect(() => r.query(half, 0)).toThrow(RangeError);
    expect(() => new ActiveRequestor().startTls(-1, 0)).toThrow(RangeError);
  });

  it("refuses each timeout option that is not a positive number", () => {
    expect(() => new BulkRequestor({ dataTimeout: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => new BulkRequestor({ dataTimeout: -5 })).toThrow(RangeError);
    expect(() => new ActiveRequestor({ receiveTimeout: 0 })).toThrow(RangeError);
    expect(() => new ActiveRequestor({ startTlsTimeout: 0 })).toThrow(RangeError);
    expect(() => new ServerSession({ idleTimeout: 0 })).toThrow(RangeError);
  });
});
