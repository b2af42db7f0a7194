// Tests written for surviving Stryker mutants of src/dhcp4o6/rules.ts and
// src/validate/walk.ts (see mutation/validate.md): the sentences of the
// DHCP4o6 diagnostics, which messages the ORO rule applies to, hand-built
// values that are not options or not messages, and the path / search
// contracts of the option walkers. Messages are hand-built objects; expected
// rules, paths and counts are worked out from the rule summaries in RULES and
// the JSDoc of walk.ts.
import { describe, expect, it } from "vitest";
import { buildDhcp4o6Leasequery, buildDhcp4o6LeasequeryReply } from "../../src/dhcp4o6/build.js";
import { type Dhcpv6Message, type Dhcpv6Option, decode, encode, type RawOption } from "../../src/index.js";
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import { type Diagnostic, RULE, validate } from "../../src/validate/index.js";
import { locate, locateInQuery, optionSegment } from "../../src/validate/walk.js";

const rules = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.path]);
const only = (ds: Diagnostic[]): Diagnostic => {
  expect(ds).toHaveLength(1);
  return ds[0] as Diagnostic;
};

describe("DHCP4o6 diagnostic sentences", () => {
  it("gives the decoder's reason for a DHCPV4_MSG that does not decode", () => {
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
    expect(d.message).toMatch(/does not decode/);
    expect(d.message).toContain(raw.malformed as string);
  });

  it("names the ORO in the missing-ORO diagnostic", () => {
    const q = buildDhcp4o6Leasequery({ address: "192.0.2.5" }, { transactionId: 1, requestedOptions: [5] });
    const noOro = {
      ...q,
      options: q.options.map((o) => (o.code === 44 ? { ...o, options: [] } : o)),
    } as Dhcpv6Message;
    const d = only(validate(noOro));
    expect(d.rule).toBe(RULE.DHCP4O6_ORO_MISSING);
    expect(d.message).toMatch(/\bORO\b/);
  });

  it("names the query-type and the DHCPv4 key when the query-type has no DHCPv4 counterpart", () => {
    // query-type 4 (QUERY_BY_LINK_ADDRESS) beside a DHCPv4 query by remote-id
    // (option 82 sub-option 2, RFC 6926 §7.2).
    const q = buildDhcp4o6Leasequery({ remoteId: Uint8Array.of(3) }, { transactionId: 1, requestedOptions: [5] });
    const m = {
      ...q,
      options: q.options.map((o) => (o.code === 44 ? { ...o, queryType: 4 } : o)),
    } as Dhcpv6Message;
    const d = only(validate(m));
    expect([d.rule, d.path]).toEqual([RULE.DHCP4O6_QUERY_TYPE_MISMATCH, "options[0](LQ_QUERY).queryType"]);
    expect(d.message).toMatch(/query-type 4\b/);
    expect(d.message).toMatch(/remote-id/);
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

describe("walk.ts", () => {
  it("optionSegment reads like DecodeError paths: index only for an undeclared code, index and name otherwise", () => {
    // Same convention as the codec's paths (e.g. "options[0]" for code 9999 in test/v6/message.test.ts).
    expect(optionSegment(3, 999)).toBe("options[3]");
    expect(optionSegment(0, 44)).toBe("options[0](LQ_QUERY)");
  });

  it("locate finds an undeclared code kept as raw bytes, and nothing in a missing list", () => {
    const raw: Dhcpv6Option = { code: 999, data: Uint8Array.of(1) };
    const found = locate([{ code: 8, elapsedTime: 0 }, raw], 999, "x");
    expect(found).toEqual([{ option: raw, path: "x.options[1]" }]);
    expect(locate(undefined, 999, "")).toEqual([]);
    expect(locate([undefined, null, 5] as unknown as Dhcpv6Option[], 999, "")).toEqual([]);
  });

  it("locateInQuery looks at message level and in LQ_QUERY only, not inside other options", () => {
    // STATUS_CODE (13) may sit inside IAADDR (RFC 8415 §21.6), but that one is
    // neither at message level nor in the query-options.
    const status = (statusCode: number) => ({ code: 13, statusCode, statusMessage: "" }) as Dhcpv6Option;
    const options = [
      { code: 5, address: "::1", preferredLifetime: 0, validLifetime: 0, options: [status(1)] },
      { code: 44, queryType: 1, linkAddress: "::", options: [status(2)] },
      status(3),
    ] as Dhcpv6Option[];
    const found = locateInQuery(options, 13, "");
    expect(found.map((l) => l.path)).toEqual([
      "options[1](LQ_QUERY).options[0](STATUS_CODE)",
      "options[2](STATUS_CODE)",
    ]);
  });
});
