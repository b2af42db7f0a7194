// Tests written for surviving Stryker mutants of src/validate/validate.ts
// (see MUTATION.md): the sentence each diagnostic carries, and conditions
// the other tests did not pin down. Messages are hand-built objects.
import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildLeasequery,
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  clientDataOption,
  type Dhcpv6Message,
  type Dhcpv6Option,
  STATUS_CODE,
} from "../../src/index.js";
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { type Diagnostic, RULE, validate } from "../../src/validate/index.js";

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
    expect(d.message).toMatch(/query-type 1\b/);
  });

  it("names an undefined query-type, and does not call it TCP-only over UDP", () => {
    const m = {
      msgType: 14,
      transactionId: 1,
      options: [{ code: 44, queryType: 99, linkAddress: "::", options: [] }],
    } as unknown as Dhcpv6Message;
    const d = only(validate(m, { exchange: "udp" }));
    expect([d.rule, d.path]).toEqual([RULE.UNKNOWN_QUERY_TYPE, "options[0](LQ_QUERY).queryType"]);
    expect(d.message).toMatch(/query-type 99\b/);
  });

  it("says LQ_END_TIME in an ACTIVELEASEQUERY", () => {
    const q = buildActiveLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 1, queryEndTime: 9 });
    expect(only(validate(q)).message).toMatch(/LQ_END_TIME/);
  });
});

describe("reply diagnostics", () => {
  it("treats a LEASEQUERY-REPLY to an ACTIVELEASEQUERY as Active: LQ_CLIENT_LINK is flagged", () => {
    const active = buildActiveLeasequery({ queryType: 4, linkAddress: "::" }, { transactionId: 7 });
    const reply = buildLeasequeryReply({ transactionId: 7, options: [{ code: 48, linkAddresses: ["2001:db8::"] }] });
    // The builder's ORO asks for LQ_BASE_TIME too; only the LQ_CLIENT_LINK rule matters here.
    const d = only(validate(reply, { query: active }).filter((x) => x.rule === RULE.CLIENT_LINK_IN_BULK_REPLY));
    expect(d.path).toBe("options[0](LQ_CLIENT_LINK)");
    expect(d.message).toMatch(/LQ_CLIENT_LINK/);
  });

  it("explains redundant options, a status and a missing CLIENT_DATA in LEASEQUERY-DATA", () => {
    const m = buildLeasequeryData({ transactionId: 7, serverId: uuid, statusCode: STATUS_CODE.NotConfigured });
    const ds = validate(m, { exchange: "bulk" });
    expect(ds.map((d) => d.rule)).toEqual([
      RULE.DATA_REDUNDANT_OPTION,
      RULE.DATA_REDUNDANT_OPTION,
      RULE.DATA_WITHOUT_CLIENT_DATA,
    ]);
    expect(ds[0]?.message).toMatch(/LEASEQUERY-DATA/);
    expect(ds[1]?.message).toMatch(new RegExp(`status ${STATUS_CODE.NotConfigured}\\b`));
    expect(ds[2]?.message).toMatch(/CLIENT_DATA/);
  });

  it("explains a binding in LEASEQUERY-DONE", () => {
    const m: Dhcpv6Message = { msgType: 16, transactionId: 7, options: [clientDataOption(binding)] };
    expect(only(validate(m)).message).toMatch(/LEASEQUERY-DONE/);
  });

  it("gives both transaction-ids of a mismatch", () => {
    const query = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 0x1234 });
    const d = only(validate(buildLeasequeryReply({ transactionId: 0x4321 }), { query }));
    expect(d.rule).toBe(RULE.TRANSACTION_ID_MISMATCH);
    expect(d.message).toMatch(new RegExp(`\\b${0x4321}\\b.*\\b${0x1234}\\b`));
  });

  it("compares transaction-ids only when both messages have one", () => {
    const query = buildLeasequery({ queryType: 3, relayId: uuid }, { transactionId: 5 });
    // LEASEQUERY-REPLY (15, RFC 5007 §5) built by hand without a transaction-id.
    const noId = { msgType: 15, options: [] } as unknown as Dhcpv6Message;
    expect(validate(noId, { query })).toEqual([]);
  });

  it("explains a missing LQ_BASE_TIME", () => {
    const query: Dhcpv6Message = {
      msgType: 14,
      transactionId: 7,
      options: [{ code: 6, requestedOptions: [100] }],
    };
    expect(only(validate(buildLeasequeryDone({ transactionId: 7 }), { query })).message).toMatch(/LQ_BASE_TIME/);
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
    const reply = { msgType: 15, transactionId: 1, options: [{ code: 87, dhcpv4Message: discover }] } as Dhcpv6Message;
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
      m = { msgType: 12, hopCount: hop, linkAddress: "::", peerAddress: "::", options: [{ code: 9, relayMessage: m }] };
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
