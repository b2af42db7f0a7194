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
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
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

describe("rule and path of each diagnostic, and conditions the rule tests leave open", () => {
  const uuid = { duidType: 4, uuid: new Uint8Array(16) } as const;
  const binding: Dhcpv6Option[] = [{ code: 46, cltTime: 10 }];
  const only = (ds: Diagnostic[]): Diagnostic => {
    expect(ds).toHaveLength(1);
    return ds[0] as Diagnostic;
  };

  describe("input that is not a message", () => {
    it("returns no diagnostics for null or undefined, at the top or relayed (validate never throws)", () => {
      expect(validate(null as unknown as Dhcpv6Message)).toEqual([]);
      expect(validate(undefined as unknown as Dhcpv6Message)).toEqual([]);
      const relay = {
        msgType: 12,
        hopCount: 0,
        linkAddress: "::",
        peerAddress: "::",
        options: [{ code: 9, relayMessage: null }],
      } as unknown as Dhcpv6Message;
      expect(validate(relay)).toEqual([]);
    });
  });

  describe("query diagnostics", () => {
    it("flags a QUERY_BY_ADDRESS without IAADDR even when the message has other options (RFC 5007 §4.1.2.1)", () => {
      const m = {
        msgType: 14,
        transactionId: 1,
        options: [
          { code: 44, queryType: 1, linkAddress: "::", options: [] },
          { code: 8, elapsedTime: 0 },
        ],
      } as unknown as Dhcpv6Message;
      const d = only(validate(m));
      expect([d.rule, d.path]).toEqual([RULE.QUERY_OPTION_MISSING, "options[0](LQ_QUERY).options"]);
    });

    it("flags an undefined query-type, and does not call it TCP-only over UDP", () => {
      const m = {
        msgType: 14,
        transactionId: 1,
        options: [{ code: 44, queryType: 99, linkAddress: "::", options: [] }],
      } as unknown as Dhcpv6Message;
      const d = only(validate(m, { exchange: "udp" }));
      expect([d.rule, d.path]).toEqual([RULE.UNKNOWN_QUERY_TYPE, "options[0](LQ_QUERY).queryType"]);
    });

    it("flags LQ_END_TIME in an ACTIVELEASEQUERY at the option", () => {
      // The builder puts LQ_END_TIME third among the query-options.
      const q = buildActiveLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 1, queryEndTime: 9 });
      const d = only(validate(q));
      expect([d.rule, d.path]).toEqual([RULE.ACTIVE_QUERY_END_TIME, "options[0](LQ_QUERY).options[2](LQ_END_TIME)"]);
    });
  });

  describe("reply diagnostics", () => {
    it("treats a LEASEQUERY-REPLY to an ACTIVELEASEQUERY as Active: LQ_CLIENT_LINK is flagged", () => {
      const active = buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 7 });
      const reply = buildLeasequeryReply({ transactionId: 7, options: [{ code: 48, linkAddresses: ["2001:db8::"] }] });
      // The builder's ORO asks for LQ_BASE_TIME too; only the LQ_CLIENT_LINK rule matters here.
      const d = only(validate(reply, { query: active }).filter((x) => x.rule === RULE.CLIENT_LINK_IN_BULK_REPLY));
      expect(d.path).toBe("options[0](LQ_CLIENT_LINK)");
    });

    it("flags redundant options, a status and a missing CLIENT_DATA in LEASEQUERY-DATA, each at its path", () => {
      const m = buildLeasequeryData({ transactionId: 7, serverId: uuid, statusCode: STATUS_CODE.NotConfigured });
      const ds = validate(m, { exchange: "bulk" });
      expect(ds.map((d) => [d.rule, d.path])).toEqual([
        [RULE.DATA_REDUNDANT_OPTION, "options[0](SERVERID)"],
        [RULE.DATA_REDUNDANT_OPTION, "options[1](STATUS_CODE)"],
        [RULE.DATA_WITHOUT_CLIENT_DATA, "options"],
      ]);
    });

    it("flags a binding in LEASEQUERY-DONE at its CLIENT_DATA", () => {
      const m: Dhcpv6Message = { msgType: 16, transactionId: 7, options: [clientDataOption(binding)] };
      const d = only(validate(m));
      expect([d.rule, d.path]).toEqual([RULE.DONE_WITH_CLIENT_DATA, "options[0](CLIENT_DATA)"]);
    });

    it("flags a transaction-id mismatch at the reply's transactionId", () => {
      const query = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 0x1234 });
      const d = only(validate(buildLeasequeryReply({ transactionId: 0x4321 }), { query }));
      expect([d.rule, d.path]).toEqual([RULE.TRANSACTION_ID_MISMATCH, "transactionId"]);
    });

    it("compares transaction-ids only when both messages have one", () => {
      const query = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 5 });
      // LEASEQUERY-REPLY (15, RFC 5007 §5) built by hand without a transaction-id.
      const noId = { msgType: 15, options: [] } as unknown as Dhcpv6Message;
      expect(validate(noId, { query })).toEqual([]);
    });

    it("flags a missing LQ_BASE_TIME that the query asked for (ORO 100)", () => {
      const query: Dhcpv6Message = {
        msgType: 14,
        transactionId: 7,
        options: [{ code: 6, requestedOptions: [100] }],
      };
      const d = only(validate(buildLeasequeryDone({ transactionId: 7 }), { query }));
      expect([d.rule, d.path]).toEqual([RULE.BASE_TIME_MISSING, "options"]);
    });
  });

  describe("messages outside leasequery", () => {
    it("leaves a DHCPV4-QUERY carrying a DHCPDISCOVER alone: the DHCP4o6 leasequery rules are for leasequery messages", () => {
      // RFC 7341 §6: DHCPV4-QUERY (20) carries an ordinary DHCPv4 client message
      // (here DHCPDISCOVER, message type 1, RFC 2132 §9.6) in OPTION_DHCPV4_MSG.
      // The leasequery rules (a reply must carry DHCPLEASEACTIVE, ...) do not apply.
      const lease = buildDhcpv4LeaseActive({ xid: 1, address: "0.0.0.0" });
      const discover = {
        ...lease,
        options: lease.options.map((o) => (o.code === 53 ? { code: 53, messageType: 1 } : o)),
      } as Dhcpv4Message;
      const m = {
        msgType: 20,
        flags: 0,
        options: [{ code: 87, dhcpv4Message: discover }],
      } as unknown as Dhcpv6Message;
      expect(validate(m)).toEqual([]);
      // The same DHCPv4 message in a LEASEQUERY-REPLY (15) is flagged, so the
      // message above is not simply invisible to the DHCP4o6 rules.
      const reply = {
        msgType: 15,
        transactionId: 1,
        options: [{ code: 87, dhcpv4Message: discover }],
      } as Dhcpv6Message;
      expect(validate(reply).map((d) => d.rule)).toEqual([RULE.DHCP4O6_MESSAGE_TYPE]);
    });
  });

  describe("relay nesting", () => {
    // RFC 3315 §20.1.1: a relay drops a RELAY-FORW whose hop-count is 32
    // (HOP_COUNT_LIMIT) or more, so the deepest legal chain has hop-counts 0
    // to 32: 33 RELAY-FORWs around the query. Deeper values are not looked into.
    const wrap = (inner: Dhcpv6Message, levels: number): Dhcpv6Message => {
      let m = inner;
      for (let hop = 0; hop < levels; hop++) {
        m = {
          msgType: 12,
          hopCount: hop,
          linkAddress: "::",
          peerAddress: "::",
          options: [{ code: 9, relayMessage: m }],
        };
      }
      return m;
    };
    // QUERY_BY_ADDRESS without IAADDR: RFC 5007 §4.1.2.1 requires one.
    const badQuery = {
      msgType: 14,
      transactionId: 1,
      options: [{ code: 44, queryType: 1, linkAddress: "::", options: [] }],
    } as unknown as Dhcpv6Message;

    it("checks a query inside 33 RELAY-FORWs (hop-counts 0 to 32)", () => {
      const d = only(validate(wrap(badQuery, 33)));
      expect(d.rule).toBe(RULE.QUERY_OPTION_MISSING);
      expect(d.path).toBe(`${"options[0](RELAY_MSG).relayMessage.".repeat(33)}options[0](LQ_QUERY).options`);
    });

    it("does not look into a 34th level, which no relay chain can produce", () => {
      expect(validate(wrap(badQuery, 34))).toEqual([]);
    });
  });
});

describe("hand-built option lists with holes (validate is @throws never)", () => {
  const rules = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.path]);
  const _only = (ds: Diagnostic[]): Diagnostic => {
    expect(ds).toHaveLength(1);
    return ds[0] as Diagnostic;
  };

  describe("hand-built option lists with holes", () => {
    it("skips undefined entries instead of throwing (validate is @throws never)", () => {
      const m = {
        msgType: 14,
        transactionId: 1,
        options: [undefined, { code: 44, queryType: 1, linkAddress: "::", options: [undefined] }],
      } as unknown as Dhcpv6Message;
      // QUERY_BY_ADDRESS without IAADDR (RFC 5007 §4.1.2.1); the LQ_QUERY is option 1.
      expect(rules(validate(m))).toEqual([[RULE.QUERY_OPTION_MISSING, "options[1](LQ_QUERY).options"]]);
    });

    it("reads an LQ_QUERY without an options field as one without query-options", () => {
      const m = {
        msgType: 14,
        transactionId: 1,
        options: [{ code: 44, queryType: 1, linkAddress: "::" }],
      } as unknown as Dhcpv6Message;
      expect(rules(validate(m))).toEqual([[RULE.QUERY_OPTION_MISSING, "options[0](LQ_QUERY).options"]]);
    });
  });
});
