import { describe, expect, it } from "vitest";
import {
  buildDhcp4o6ActiveLeasequery,
  buildDhcp4o6Leasequery,
  buildDhcp4o6LeasequeryData,
  buildDhcp4o6LeasequeryDone,
  buildDhcp4o6LeasequeryReply,
} from "../../src/dhcp4o6/build.js";
import { type Dhcpv6Message, decode, encode, type RawOption, STATUS_CODE } from "../../src/index.js";
import {
  buildDhcpv4BulkLeasequery,
  buildDhcpv4LeaseActive,
  buildDhcpv4LeaseQueryDone,
  buildDhcpv4LeaseQueryStatus,
  buildDhcpv4LeaseUnassigned,
} from "../../src/v4/build.js";
import { LEASEQUERY_STATUS } from "../../src/v4/codes.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import { type Diagnostic, RULE, validate } from "../../src/validate/index.js";

const rules = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.path]);
const keys = [
  { address: "192.0.2.5" },
  { clientId: { type: 1, clientIdentifier: Uint8Array.of(2, 0, 0, 0, 0, 1) } },
  { relayId: Uint8Array.of(1, 2) },
  { remoteId: Uint8Array.of(3) },
] as const;

/** Swaps the DHCPv4 message inside OPTION_DHCPV4_MSG. */
function withV4(m: Dhcpv6Message, v4: Dhcpv4Message): Dhcpv6Message {
  return {
    ...m,
    options: m.options.map((o) => (o.code === 87 ? { code: 87, dhcpv4Message: v4 } : o)),
  } as Dhcpv6Message;
}

/** Sets the LQ_QUERY query-type. */
function withQueryType(m: Dhcpv6Message, queryType: number): Dhcpv6Message {
  return { ...m, options: m.options.map((o) => (o.code === 44 ? { ...o, queryType } : o)) } as Dhcpv6Message;
}

describe("DHCP4o6 queries", () => {
  it("accepts well-formed Bulk and Active DHCP4o6 queries for every key, the key being in the DHCPv4 message", () => {
    for (const key of keys) {
      const bulk = buildDhcp4o6Leasequery(key, { transactionId: 1, requestedOptions: [5] });
      const active = buildDhcp4o6ActiveLeasequery(key, { transactionId: 1, requestedOptions: [] });
      expect(validate(bulk)).toEqual([]);
      expect(validate(active)).toEqual([]);
      expect(validate(decode(encode(bulk)))).toEqual([]);
    }
  });

  it("flags an LQ_QUERY without ORO", () => {
    const m = buildDhcp4o6Leasequery(keys[0], { transactionId: 1, requestedOptions: [] });
    const noOro = {
      ...m,
      options: m.options.map((o) => (o.code === 44 ? { ...o, options: [] } : o)),
    } as Dhcpv6Message;
    expect(rules(validate(noOro))).toEqual([[RULE.DHCP4O6_ORO_MISSING, "options[0](LQ_QUERY).options"]]);
  });

  it("flags a query-type that is not the query the DHCPv4 message makes", () => {
    // By relay id in DHCPv6, by address in DHCPv4: the DHCPv4 message has no relay-id.
    const m = withQueryType(buildDhcp4o6Leasequery(keys[0], { transactionId: 1, requestedOptions: [5] }), 3);
    const ds = validate(m);
    expect(rules(ds)).toEqual([[RULE.DHCP4O6_QUERY_TYPE_MISMATCH, "options[0](LQ_QUERY).queryType"]]);
    expect(ds[0]?.message).toContain("relay-id");
    // Every key against every other DHCPv6 query-type.
    const types = [1, 2, 3, 5];
    keys.forEach((key, i) => {
      for (const t of types) {
        const q = withQueryType(buildDhcp4o6ActiveLeasequery(key, { transactionId: 1, requestedOptions: [] }), t);
        const hit = validate(q).some((d) => d.rule === RULE.DHCP4O6_QUERY_TYPE_MISMATCH);
        expect(hit, `key ${i} as query-type ${t}`).toBe(types[i] !== t);
      }
    });
  });

  it("flags a link-address query-type beside a DHCPv4 query that asks by something", () => {
    const m = withQueryType(buildDhcp4o6Leasequery(keys[3], { transactionId: 1, requestedOptions: [5] }), 4);
    expect(rules(validate(m))).toEqual([[RULE.DHCP4O6_QUERY_TYPE_MISMATCH, "options[0](LQ_QUERY).queryType"]]);
    // A DHCPv4 query asking by nothing we can compare (e.g. by MAC) leaves query-type 4 alone.
    const byNothing = buildDhcpv4BulkLeasequery(keys[0], { xid: 1 });
    byNothing.ciaddr = "0.0.0.0";
    expect(validate(withV4(m, byNothing))).toEqual([]);
  });

  it("flags the wrong DHCPv4 message type in a query", () => {
    const bulk = buildDhcp4o6Leasequery(keys[0], { transactionId: 1, requestedOptions: [5] });
    const active = buildDhcp4o6ActiveLeasequery(keys[0], { transactionId: 1, requestedOptions: [5] });
    const swapped = withV4(active, (bulk.options[1] as { dhcpv4Message: Dhcpv4Message }).dhcpv4Message);
    const ds = validate(swapped);
    expect(rules(ds)).toEqual([[RULE.DHCP4O6_MESSAGE_TYPE, "options[1](DHCPV4_MSG).dhcpv4Message"]]);
    expect(ds[0]?.message).toBe("the DHCPv4 message has DHCPBULKLEASEQUERY; expected DHCPACTIVELEASEQUERY");
    const untyped = buildDhcpv4BulkLeasequery(keys[0], { xid: 1 });
    untyped.options = untyped.options.filter((o) => o.code !== 53);
    expect(validate(withV4(bulk, untyped))[0]?.message).toBe(
      "the DHCPv4 message has no message type; expected DHCPBULKLEASEQUERY",
    );
  });
});

describe("DHCP4o6 replies", () => {
  const active = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5" });

  it("accepts replies whose statuses agree", () => {
    const ok = [
      buildDhcp4o6LeasequeryReply({ transactionId: 1 }, active, [{ code: 46, cltTime: 1 }]),
      buildDhcp4o6LeasequeryData({ transactionId: 1 }, buildDhcpv4LeaseUnassigned({ xid: 1, address: "192.0.2.6" })),
      buildDhcp4o6LeasequeryDone(
        { transactionId: 1 },
        buildDhcpv4LeaseQueryDone({ xid: 1, statusCode: LEASEQUERY_STATUS.QueryTerminated }),
      ),
      buildDhcp4o6LeasequeryData(
        { transactionId: 1 },
        buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: LEASEQUERY_STATUS.CatchUpComplete }),
      ),
      // ConnectionActive has no DHCPv6 counterpart: nothing to compare.
      buildDhcp4o6LeasequeryReply(
        { transactionId: 1, statusCode: STATUS_CODE.UnspecFail },
        buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: LEASEQUERY_STATUS.ConnectionActive }),
      ),
      // Two failures, the DHCPv6 one without DHCPv4 counterpart.
      buildDhcp4o6LeasequeryReply(
        { transactionId: 1, statusCode: STATUS_CODE.NotConfigured },
        buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: LEASEQUERY_STATUS.UnspecFail }),
      ),
    ];
    for (const m of ok) expect(validate(m, { exchange: "active" })).toEqual([]);
  });

  it("flags statuses that disagree, at the STATUS_CODE or the option list", () => {
    const terminated = buildDhcpv4LeaseQueryDone({ xid: 1, statusCode: LEASEQUERY_STATUS.QueryTerminated });
    const wrong = buildDhcp4o6LeasequeryDone({ transactionId: 1, statusCode: STATUS_CODE.DataMissing }, terminated);
    const ds = validate(wrong);
    expect(rules(ds)).toEqual([[RULE.DHCP4O6_STATUS_MISMATCH, "options[0](STATUS_CODE)"]]);
    expect(ds[0]?.message).toBe("DHCPv6 status 12 does not mean DHCPv4 leasequery status 2 (DHCPv6 11)");
    // No DHCPv6 status (Success) beside a DHCPv4 failure.
    const silent: Dhcpv6Message = { msgType: 16, transactionId: 1, options: [{ code: 87, dhcpv4Message: terminated }] };
    expect(rules(validate(silent))).toEqual([[RULE.DHCP4O6_STATUS_MISMATCH, "options"]]);
    // A DHCPv6 failure beside a DHCPv4 success.
    const failing = buildDhcp4o6LeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.NotConfigured }, active);
    expect(rules(validate(failing))).toEqual([[RULE.DHCP4O6_STATUS_MISMATCH, "options[0](STATUS_CODE)"]]);
  });

  it("flags a DHCPv4 message type that does not answer a leasequery", () => {
    const query = buildDhcpv4BulkLeasequery(keys[0], { xid: 1 });
    const m = buildDhcp4o6LeasequeryReply({ transactionId: 1 }, query);
    const ds = validate(m);
    expect(rules(ds)).toEqual([[RULE.DHCP4O6_MESSAGE_TYPE, "options[0](DHCPV4_MSG).dhcpv4Message"]]);
    expect(ds[0]?.message).toContain("expected DHCPLEASEACTIVE, DHCPLEASEUNASSIGNED");
    const odd = { ...query, options: [{ code: 53, messageType: 99 }, { code: 255 }] } as Dhcpv4Message;
    expect(validate(buildDhcp4o6LeasequeryReply({ transactionId: 1 }, odd))[0]?.message).toContain("message type 99");
  });
});

describe("a DHCPV4_MSG that does not decode", () => {
  it("is reported when kept raw, and still counts as DHCP4o6 for the ORO rule", () => {
    const q = buildDhcp4o6Leasequery(keys[0], { transactionId: 1, requestedOptions: [] });
    const broken: Dhcpv6Message = {
      ...q,
      options: [
        {
          code: 44,
          queryType: 1,
          linkAddress: "::",
          options: [{ code: 5, address: "::1", preferredLifetime: 0, validLifetime: 0, options: [] }],
        },
        { code: 87, data: Uint8Array.of(1, 2, 3) },
      ],
    } as Dhcpv6Message;
    const bytes = encode(broken);
    const ds = validate(decode(bytes, { keepMalformedOptions: true }));
    // In message order: the LQ_QUERY (option 0) before the DHCPV4_MSG (option 1).
    expect(rules(ds)).toEqual([
      [RULE.DHCP4O6_ORO_MISSING, "options[0](LQ_QUERY).options"],
      [RULE.DHCP4O6_MALFORMED, "options[1](DHCPV4_MSG)"],
    ]);
    // Raw bytes given by hand, without a decode failure, say nothing.
    expect(validate(broken).map((d) => d.rule)).toEqual([RULE.DHCP4O6_ORO_MISSING]);
  });

  it("ignores a hand-built DHCPV4_MSG whose message is not an object", () => {
    const m = {
      msgType: 15,
      transactionId: 1,
      options: [{ code: 87, dhcpv4Message: null }],
    } as unknown as Dhcpv6Message;
    expect(validate(m)).toEqual([]);
  });
});

// Expected rules and paths are worked out from the rule summaries in RULES.
describe("DHCP4o6 rules on hand-built messages", () => {
  const rules = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.path]);
  const only = (ds: Diagnostic[]): Diagnostic => {
    expect(ds).toHaveLength(1);
    return ds[0] as Diagnostic;
  };

  describe("DHCP4o6 diagnostics: rule and path", () => {
    it("flags a DHCPV4_MSG that does not decode, kept raw with the decoder's reason", () => {
      // OPTION_DHCPV4_MSG (87) with a 3-octet body: a DHCPv4 message needs its
      // 236-octet fixed header (RFC 2131 §2), so it cannot decode.
      const m = {
        msgType: 15,
        transactionId: 1,
        options: [{ code: 87, data: Uint8Array.of(1, 2, 3) }],
      } as unknown as Dhcpv6Message;
      const decoded = decode(encode(m), { keepMalformedOptions: true });
      const raw = decoded.options[0] as RawOption;
      // RawOption.malformed is documented as the DecodeError message.
      expect(typeof raw.malformed).toBe("string");
      const d = only(validate(decoded));
      expect([d.rule, d.path]).toEqual([RULE.DHCP4O6_MALFORMED, "options[0](DHCPV4_MSG)"]);
    });

    it("flags a missing ORO where the query-options are", () => {
      const q = buildDhcp4o6Leasequery({ address: "192.0.2.5" }, { transactionId: 1, requestedOptions: [5] });
      const noOro = {
        ...q,
        options: q.options.map((o) => (o.code === 44 ? { ...o, options: [] } : o)),
      } as Dhcpv6Message;
      const d = only(validate(noOro));
      expect([d.rule, d.path]).toEqual([RULE.DHCP4O6_ORO_MISSING, "options[0](LQ_QUERY).options"]);
    });

    it("flags a query-type that has no DHCPv4 counterpart at the query-type", () => {
      // query-type 4 (QUERY_BY_LINK_ADDRESS) beside a DHCPv4 query by remote-id
      // (option 82 sub-option 2, RFC 6926 §7.2).
      const q = buildDhcp4o6Leasequery({ remoteId: Uint8Array.of(3) }, { transactionId: 1, requestedOptions: [5] });
      const m = {
        ...q,
        options: q.options.map((o) => (o.code === 44 ? { ...o, queryType: 4 } : o)),
      } as Dhcpv6Message;
      const d = only(validate(m));
      expect([d.rule, d.path]).toEqual([RULE.DHCP4O6_QUERY_TYPE_MISMATCH, "options[0](LQ_QUERY).queryType"]);
    });
  });

  describe("which messages the DHCP4o6 rules look at", () => {
    it("does not apply the ORO rule to a reply, even one that carries an LQ_QUERY", () => {
      // RULES["dhcp4o6-oro-missing"]: "A DHCP4o6 LEASEQUERY or ACTIVELEASEQUERY MUST include an ORO".
      const reply = buildDhcp4o6LeasequeryReply(
        { transactionId: 1 },
        buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5" }),
        [{ code: 46, cltTime: 1 }],
      );
      const m = {
        ...reply,
        options: [...reply.options, { code: 44, queryType: 1, linkAddress: "::", options: [] }],
      } as Dhcpv6Message;
      expect(validate(m)).toEqual([]);
    });

    it("does not count an entry that is not an object as a DHCPV4_MSG, for any rule", () => {
      // A function carrying code 87 is not an option: the query is then plain
      // DHCPv6, so QUERY_BY_ADDRESS needs its IAADDR (RFC 5007 §4.1.2.1), and
      // the DHCP4o6 ORO rule does not apply.
      const notAnOption = Object.assign(() => undefined, { code: 87 });
      const m = {
        msgType: 14,
        transactionId: 1,
        options: [{ code: 44, queryType: 1, linkAddress: "::", options: [] }, notAnOption],
      } as unknown as Dhcpv6Message;
      expect(rules(validate(m))).toEqual([[RULE.QUERY_OPTION_MISSING, "options[0](LQ_QUERY).options"]]);
    });

    it("ignores a DHCPV4_MSG whose message is a function, even one with an options array", () => {
      const notAMessage = Object.assign(() => undefined, { options: [] });
      const m = {
        msgType: 15,
        transactionId: 1,
        options: [{ code: 87, dhcpv4Message: notAMessage }],
      } as unknown as Dhcpv6Message;
      expect(validate(m)).toEqual([]);
    });
  });
});
