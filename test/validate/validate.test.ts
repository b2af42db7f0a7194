import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildLeasequery,
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  buildStartTlsReply,
  clientDataOption,
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  encode,
  QUERY_TYPE,
  STATUS_CODE,
} from "../../src/index.js";
import { type Diagnostic, RULE, RULES, validate } from "../../src/validate/index.js";

const uuid = { duidType: 4, uuid: new Uint8Array(16) } as const;
const binding: Dhcpv6Option[] = [{ code: 46, cltTime: 10 }];
const rules = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.path]);

describe("every rule is declared once, with its RFC", () => {
  it("RULES covers RULE", () => {
    expect(Object.keys(RULES).sort()).toEqual(Object.values(RULE).sort());
    for (const info of Object.values(RULES)) expect(info.rfc).toMatch(/§/);
  });
});

describe("query rules", () => {
  it("accepts well-formed queries of every type", () => {
    const keys = [
      { queryType: 1, address: "2001:db8::1" },
      { queryType: 2, clientId: uuid },
      { queryType: 3, relayId: uuid },
      { queryType: 4, linkAddress: "2001:db8::" },
      { queryType: 5, enterpriseNumber: 9, remoteId: Uint8Array.of(1) },
    ] as const;
    for (const key of keys) {
      expect(validate(buildLeasequery(key, { transactionId: 1 }), { exchange: "bulk" })).toEqual([]);
      expect(validate(buildActiveLeasequery(key, { transactionId: 1, queryStartTime: 5 }))).toEqual([]);
    }
  });

  it("flags LQ_END_TIME in an ACTIVELEASEQUERY, in the query-options and at message level", () => {
    const q = buildActiveLeasequery(
      { queryType: QUERY_TYPE.QUERY_BY_RELAY_ID, relayId: uuid },
      { transactionId: 1, queryEndTime: 9, options: [{ code: 102, queryEndTime: 9 }] },
    );
    const ds = validate(q);
    expect(rules(ds)).toEqual([
      [RULE.ACTIVE_QUERY_END_TIME, "options[0](LQ_QUERY).options[2](LQ_END_TIME)"],
      [RULE.ACTIVE_QUERY_END_TIME, "options[1](LQ_END_TIME)"],
    ]);
    expect(ds[0]).toMatchObject({ severity: "error", rfc: "RFC 7653 §6.3.3" });
    // The same option in a Bulk LEASEQUERY is fine (RFC 7653 §6.3.3).
    const bulk = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 1, queryEndTime: 9 });
    expect(validate(bulk)).toEqual([]);
  });

  it("flags an LQ_QUERY without the option its query-type needs", () => {
    const cases: [number, string][] = [
      [1, "IAADDR"],
      [2, "CLIENTID"],
      [3, "RELAY_ID"],
      [5, "REMOTE_ID"],
    ];
    for (const [queryType, name] of cases) {
      const m: Dhcpv6Message = {
        msgType: 14,
        transactionId: 1,
        options: [
          { code: 1, duid: uuid },
          { code: 44, queryType, linkAddress: "::", options: [{ code: 6, requestedOptions: [] }] },
        ],
      };
      const [d, ...rest] = validate(m);
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ rule: RULE.QUERY_OPTION_MISSING, path: "options[1](LQ_QUERY).options" });
      expect(d?.message).toContain(name);
    }
  });

  it("does not count a raw (malformed) option as the required one", () => {
    const m: Dhcpv6Message = {
      msgType: 14,
      transactionId: 1,
      options: [
        { code: 44, queryType: 1, linkAddress: "::", options: [{ code: 5, data: Uint8Array.of(1), malformed: "x" }] },
      ],
    };
    expect(rules(validate(m))).toEqual([[RULE.QUERY_OPTION_MISSING, "options[0](LQ_QUERY).options"]]);
  });

  it("warns about an undefined query-type", () => {
    const m: Dhcpv6Message = {
      msgType: 14,
      transactionId: 1,
      options: [{ code: 44, queryType: 9, linkAddress: "::", options: [] }],
    };
    const [d] = validate(m);
    expect(d).toMatchObject({
      rule: RULE.UNKNOWN_QUERY_TYPE,
      severity: "warning",
      path: "options[0](LQ_QUERY).queryType",
    });
  });

  it("flags query types 3-5 only in a UDP context", () => {
    const byLink = buildLeasequery({ queryType: 4, linkAddress: "2001:db8::" }, { transactionId: 1 });
    const byRemote = buildLeasequery(
      { queryType: 5, enterpriseNumber: 1, remoteId: Uint8Array.of(1) },
      { transactionId: 1 },
    );
    const byRelay = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 1 });
    const byAddress = buildLeasequery({ queryType: 1, address: "2001:db8::1" }, { transactionId: 1 });
    for (const m of [byLink, byRemote, byRelay]) {
      expect(rules(validate(m, { exchange: "udp" }))).toEqual([
        [RULE.QUERY_TYPE_TCP_ONLY, "options[0](LQ_QUERY).queryType"],
      ]);
      expect(validate(m)).toEqual([]);
      expect(validate(m, { exchange: "bulk" })).toEqual([]);
    }
    expect(validate(byAddress, { exchange: "udp" })).toEqual([]);
  });
});

describe("reply rules", () => {
  const query = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 7, requestedOptions: [100] });

  it("accepts a well-formed Bulk sequence", () => {
    const ctx = { exchange: "bulk", query } as const;
    expect(validate(buildLeasequeryReply({ transactionId: 7, serverId: uuid, baseTime: 1 }, binding), ctx)).toEqual([]);
    expect(validate(buildLeasequeryData({ transactionId: 7, baseTime: 1 }, binding), ctx)).toEqual([]);
    expect(validate(buildLeasequeryDone({ transactionId: 7, baseTime: 1 }), ctx)).toEqual([]);
  });

  it("flags SERVERID, CLIENTID and STATUS_CODE in LEASEQUERY-DATA", () => {
    const m = buildLeasequeryData({ transactionId: 7, serverId: uuid, clientId: uuid, statusCode: 1 }, binding);
    const ds = validate(m);
    // In message order (the builder puts SERVERID first).
    expect(rules(ds)).toEqual([
      [RULE.DATA_REDUNDANT_OPTION, "options[0](SERVERID)"],
      [RULE.DATA_REDUNDANT_OPTION, "options[1](CLIENTID)"],
      [RULE.DATA_REDUNDANT_OPTION, "options[2](STATUS_CODE)"],
    ]);
    expect(ds.every((d) => d.severity === "warning")).toBe(true);
  });

  it("allows CatchUpComplete and DataMissing in Active LEASEQUERY-DATA, not in Bulk", () => {
    for (const statusCode of [STATUS_CODE.CatchUpComplete, STATUS_CODE.DataMissing]) {
      const m = buildLeasequeryData({ transactionId: 7, statusCode, baseTime: 3 });
      expect(validate(m, { exchange: "active" })).toEqual([]);
      expect(validate(m)).toEqual([]);
      expect(rules(validate(m, { exchange: "bulk" }))).toEqual([
        [RULE.DATA_REDUNDANT_OPTION, "options[0](STATUS_CODE)"],
        [RULE.DATA_WITHOUT_CLIENT_DATA, "options"],
      ]);
    }
  });

  it("flags a Bulk LEASEQUERY-DATA without CLIENT_DATA, but not an Active keep-alive", () => {
    const keepAlive = buildLeasequeryData({ transactionId: 7 });
    expect(rules(validate(keepAlive, { exchange: "bulk" }))).toEqual([[RULE.DATA_WITHOUT_CLIENT_DATA, "options"]]);
    expect(validate(keepAlive, { exchange: "active" })).toEqual([]);
    const active = buildActiveLeasequery(
      { queryType: 4, linkAddress: "::" },
      { transactionId: 7, requestedOptions: [] },
    );
    expect(validate(keepAlive, { query: active })).toEqual([]);
    expect(validate(keepAlive)).toEqual([]);
  });

  it("warns about a binding in LEASEQUERY-DONE", () => {
    const m: Dhcpv6Message = { msgType: 16, transactionId: 7, options: [clientDataOption(binding)] };
    expect(rules(validate(m))).toEqual([[RULE.DONE_WITH_CLIENT_DATA, "options[0](CLIENT_DATA)"]]);
  });

  it("flags LQ_CLIENT_LINK in Bulk and Active replies, not in UDP Leasequery", () => {
    const link: Dhcpv6Option = { code: 48, linkAddresses: ["2001:db8::"] };
    const reply = buildLeasequeryReply({ transactionId: 7, options: [link] });
    const data = buildLeasequeryData({ transactionId: 7, options: [link] }, binding);
    expect(rules(validate(reply, { exchange: "bulk" }))).toEqual([
      [RULE.CLIENT_LINK_IN_BULK_REPLY, "options[0](LQ_CLIENT_LINK)"],
    ]);
    expect(rules(validate(reply, { exchange: "active" }))).toEqual([
      [RULE.CLIENT_LINK_IN_BULK_REPLY, "options[0](LQ_CLIENT_LINK)"],
    ]);
    expect(rules(validate(data))).toEqual([[RULE.CLIENT_LINK_IN_BULK_REPLY, "options[1](LQ_CLIENT_LINK)"]]);
    expect(validate(reply, { exchange: "udp" })).toEqual([]);
    expect(validate(reply)).toEqual([]);
  });

  it("flags a missing LQ_BASE_TIME when the query's ORO asked, wherever the ORO is", () => {
    const inQuery = query;
    const atTop: Dhcpv6Message = {
      msgType: 22,
      transactionId: 7,
      options: [{ code: 6, requestedOptions: [46, 100] }],
    };
    const none = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 7 });
    for (const q of [inQuery, atTop]) {
      for (const m of [
        buildLeasequeryReply({ transactionId: 7 }, binding),
        buildLeasequeryData({ transactionId: 7 }, binding),
        buildLeasequeryDone({ transactionId: 7 }),
      ]) {
        expect(rules(validate(m, { query: q }))).toEqual([[RULE.BASE_TIME_MISSING, "options"]]);
        expect(validate(m, { query: none })).toEqual([]);
      }
    }
  });

  it("flags a reply whose transaction-id is not its query's", () => {
    const m = buildLeasequeryReply({ transactionId: 8, baseTime: 1 });
    expect(rules(validate(m, { query }))).toEqual([[RULE.TRANSACTION_ID_MISMATCH, "transactionId"]]);
  });

  it("ignores a context query that is not a message", () => {
    const m = buildLeasequeryReply({ transactionId: 8 });
    expect(validate(m, { query: null as unknown as Dhcpv6Message })).toEqual([]);
  });
});

describe("other messages", () => {
  it("checks a relayed leasequery through RELAY_MSG, with the path", () => {
    const inner = buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 1, queryEndTime: 1 });
    const relay: Dhcpv6Message = {
      msgType: 12,
      hopCount: 0,
      linkAddress: "::",
      peerAddress: "::",
      options: [
        { code: 18, interfaceId: Uint8Array.of(1) },
        { code: 9, relayMessage: inner },
      ],
    };
    expect(rules(validate(decode(encode(relay))))).toEqual([
      [RULE.ACTIVE_QUERY_END_TIME, "options[1](RELAY_MSG).relayMessage.options[0](LQ_QUERY).options[1](LQ_END_TIME)"],
    ]);
  });

  it("stops at a cyclic hand-built relay chain", () => {
    const relay = { msgType: 12, hopCount: 0, linkAddress: "::", peerAddress: "::", options: [] as Dhcpv6Option[] };
    relay.options.push({ code: 9, relayMessage: relay as Dhcpv6Message });
    expect(validate(relay as Dhcpv6Message)).toEqual([]);
  });

  it("names unknown options by index only, and skips entries that are not options", () => {
    const m = {
      msgType: 22,
      transactionId: 1,
      options: [null, { code: 999, data: Uint8Array.of(1) }, { code: 102, queryEndTime: 1 }],
    } as unknown as Dhcpv6Message;
    expect(rules(validate(m, null as unknown as undefined))).toEqual([
      [RULE.ACTIVE_QUERY_END_TIME, "options[2](LQ_END_TIME)"],
    ]);
    const q = {
      msgType: 14,
      transactionId: 1,
      options: [{ code: 44, queryType: 2, linkAddress: "::", options: [{ code: 999, data: Uint8Array.of(1) }] }],
    } as Dhcpv6Message;
    expect(rules(validate(q))).toEqual([[RULE.QUERY_OPTION_MISSING, "options[0](LQ_QUERY).options"]]);
  });

  it("has nothing to say about other message types or non-messages", () => {
    expect(validate(buildStartTlsReply({ transactionId: 1, refused: true }))).toEqual([]);
    expect(validate({ msgType: 20, flags: 0, options: [] })).toEqual([]);
    expect(validate(null as unknown as Dhcpv6Message)).toEqual([]);
    expect(validate({ msgType: 14 } as unknown as Dhcpv6Message)).toEqual([]);
    expect(validate(buildLeasequeryReply({ transactionId: 1 }), undefined)).toEqual([]);
  });
});
