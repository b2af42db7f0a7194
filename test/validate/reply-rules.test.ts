/**
 * Reply rules that depend on the exchange (issue 13): LQ_BASE_TIME is not a
 * UDP rule, a DATA answering a LEASEQUERY is Bulk, LEASEQUERY-DONE carries
 * only STATUS_CODE / LQ_BASE_TIME (/ the DHCP4o6 DHCPLEASEQUERYDONE),
 * findings come in message order, and a DHCP4o6 DHCPv4 reply inside
 * CLIENT_DATA is misplaced.
 */
import { describe, expect, it } from "vitest";
import { buildDhcp4o6LeasequeryData, buildDhcp4o6LeasequeryDone } from "../../src/dhcp4o6/build.js";
import {
  buildLeasequery,
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  encode,
} from "../../src/index.js";
import { buildDhcpv4LeaseActive, buildDhcpv4LeaseQueryDone, buildDhcpv4LeaseQueryStatus } from "../../src/v4/build.js";
import { type Diagnostic, RULE, RULES, validate } from "../../src/validate/index.js";

const uuid = { duidType: 4, uuid: new Uint8Array(16) } as const;
const binding: Dhcpv6Option[] = [{ code: 46, cltTime: 10 }];
const rules = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.path]);
const byAddress = buildLeasequery(
  { queryType: 1, address: "2001:db8::1" },
  { transactionId: 7, requestedOptions: [100] },
);
const byLink = buildLeasequery({ queryType: 4, linkAddress: "2001:db8::" }, { transactionId: 7 });
const leaseActive = buildDhcpv4LeaseActive({ xid: 7, address: "192.0.2.5" });

describe("base-time-missing", () => {
  it("does not apply to UDP Leasequery (RFC 5007 has no LQ_BASE_TIME rule)", () => {
    const reply = buildLeasequeryReply({ transactionId: 7 }, binding);
    expect(validate(reply, { exchange: "udp", query: byAddress })).toEqual([]);
    expect(rules(validate(reply, { exchange: "bulk", query: byAddress }))).toEqual([
      [RULE.BASE_TIME_MISSING, "options"],
    ]);
  });
});

describe("data-without-client-data from the query alone", () => {
  it("a DATA answering a LEASEQUERY is Bulk, so a DATA without CLIENT_DATA is flagged", () => {
    const empty = buildLeasequeryData({ transactionId: 7 });
    expect(rules(validate(empty, { query: byLink }))).toEqual([[RULE.DATA_WITHOUT_CLIENT_DATA, "options"]]);
    // Without a query nothing tells Bulk from an Active keep-alive.
    expect(validate(empty)).toEqual([]);
  });

  it("a DHCP4o6 DATA whose binding is the DHCPv4 message at message level is not flagged", () => {
    const data = buildDhcp4o6LeasequeryData({ transactionId: 7 }, leaseActive);
    expect(validate(data, { query: byLink })).toEqual([]);
    expect(validate(data, { exchange: "bulk" })).toEqual([]);
  });
});

describe("done-extra-option", () => {
  it("flags options other than STATUS_CODE and LQ_BASE_TIME in LEASEQUERY-DONE, in message order", () => {
    const done: Dhcpv6Message = {
      msgType: 16,
      transactionId: 7,
      options: [
        { code: 2, duid: uuid },
        { code: 13, statusCode: 0, statusMessage: "" },
        { code: 100, baseTime: 5 },
        { code: 45, options: binding },
        { code: 46, cltTime: 1 },
      ],
    };
    const ds = validate(done);
    expect(rules(ds)).toEqual([
      [RULE.DONE_EXTRA_OPTION, "options[0](SERVERID)"],
      [RULE.DONE_WITH_CLIENT_DATA, "options[3](CLIENT_DATA)"],
      [RULE.DONE_EXTRA_OPTION, "options[4](CLT_TIME)"],
    ]);
    expect(ds[0]?.severity).toBe("warning");
    expect(RULES[RULE.DONE_EXTRA_OPTION].rfc).toBe("RFC 5460 §5.2.2");
    expect(validate(buildLeasequeryDone({ transactionId: 7, statusCode: 11, baseTime: 9 }))).toEqual([]);
  });

  it("keeps the DHCP4o6 DHCPLEASEQUERYDONE (seed 002 §5.1)", () => {
    const done = buildDhcp4o6LeasequeryDone({ transactionId: 7 }, buildDhcpv4LeaseQueryDone({ xid: 7 }));
    expect(validate(done)).toEqual([]);
  });

  it("flags an unknown option kept raw", () => {
    const done = decode(encode({ msgType: 16, transactionId: 7, options: [{ code: 999, data: Uint8Array.of(1) }] }));
    expect(rules(validate(done))).toEqual([[RULE.DONE_EXTRA_OPTION, "options[0]"]]);
  });
});

describe("message order", () => {
  it("reports DATA findings by option position, list-wide ones last, the header first", () => {
    const data: Dhcpv6Message = {
      msgType: 17,
      transactionId: 8,
      options: [
        { code: 13, statusCode: 1, statusMessage: "" },
        { code: 48, linkAddresses: ["2001:db8::"] },
        { code: 1, duid: uuid },
        { code: 2, duid: uuid },
      ],
    };
    expect(rules(validate(data, { query: byAddress }))).toEqual([
      [RULE.TRANSACTION_ID_MISMATCH, "transactionId"],
      [RULE.DATA_REDUNDANT_OPTION, "options[0](STATUS_CODE)"],
      [RULE.CLIENT_LINK_IN_BULK_REPLY, "options[1](LQ_CLIENT_LINK)"],
      [RULE.DATA_REDUNDANT_OPTION, "options[2](CLIENTID)"],
      [RULE.DATA_REDUNDANT_OPTION, "options[3](SERVERID)"],
      [RULE.DATA_WITHOUT_CLIENT_DATA, "options"],
      [RULE.BASE_TIME_MISSING, "options"],
    ]);
  });

  it("orders within a relayed message by the inner message's options", () => {
    const inner: Dhcpv6Message = {
      msgType: 17,
      transactionId: 8,
      options: [
        { code: 2, duid: uuid },
        { code: 1, duid: uuid },
      ],
    };
    const relay: Dhcpv6Message = {
      msgType: 13,
      hopCount: 0,
      linkAddress: "::",
      peerAddress: "::",
      options: [{ code: 9, relayMessage: inner }],
    };
    expect(rules(validate(relay))).toEqual([
      [RULE.DATA_REDUNDANT_OPTION, "options[0](RELAY_MSG).relayMessage.options[0](SERVERID)"],
      [RULE.DATA_REDUNDANT_OPTION, "options[0](RELAY_MSG).relayMessage.options[1](CLIENTID)"],
    ]);
  });
});

describe("dhcp4o6-message-in-client-data", () => {
  it("flags a DHCPv4 reply placed inside CLIENT_DATA (15:[45{87}])", () => {
    const wrong: Dhcpv6Message = {
      msgType: 15,
      transactionId: 7,
      options: [{ code: 45, options: [{ code: 87, dhcpv4Message: leaseActive }, ...binding] }],
    };
    const ds = validate(wrong);
    expect(rules(ds)).toEqual([
      [RULE.DHCP4O6_MESSAGE_IN_CLIENT_DATA, "options[0](CLIENT_DATA).options[0](DHCPV4_MSG)"],
    ]);
    expect(ds[0]?.severity).toBe("error");
    expect(RULES[RULE.DHCP4O6_MESSAGE_IN_CLIENT_DATA].rfc).toMatch(/§5\.1$/);
    const data = { ...wrong, msgType: 17 };
    expect(rules(validate(data, { exchange: "bulk" }))).toEqual([
      [RULE.DHCP4O6_MESSAGE_IN_CLIENT_DATA, "options[0](CLIENT_DATA).options[0](DHCPV4_MSG)"],
    ]);
  });
});

describe("dhcp4o6-message-type: the DHCPv4 reply fits its DHCPv6 message", () => {
  const status = buildDhcpv4LeaseQueryStatus({ xid: 7, statusCode: 7 });
  const at = "options[0](DHCPV4_MSG).dhcpv4Message";

  it("a LEASEQUERY-DONE carries DHCPLEASEQUERYDONE; a LEASEQUERY-DATA never does", () => {
    const doneWithLease = buildDhcp4o6LeasequeryDone({ transactionId: 7 }, leaseActive);
    expect(rules(validate(doneWithLease))).toEqual([[RULE.DHCP4O6_MESSAGE_TYPE, at]]);
    const dataWithDone = buildDhcp4o6LeasequeryData({ transactionId: 7 }, buildDhcpv4LeaseQueryDone({ xid: 7 }));
    expect(rules(validate(dataWithDone))).toEqual([[RULE.DHCP4O6_MESSAGE_TYPE, at]]);
  });

  it("DHCPLEASEQUERYSTATUS is for Active only (seed 002 §4)", () => {
    const data = buildDhcp4o6LeasequeryData({ transactionId: 7, statusCode: 13 }, status);
    expect(validate(data, { exchange: "active" })).toEqual([]);
    expect(rules(validate(data, { exchange: "bulk" }))).toEqual([
      [RULE.DATA_REDUNDANT_OPTION, "options[0](STATUS_CODE)"],
      [RULE.DHCP4O6_MESSAGE_TYPE, "options[1](DHCPV4_MSG).dhcpv4Message"],
    ]);
    // A DATA answering a LEASEQUERY is Bulk.
    expect(rules(validate(data, { query: byLink }))).toContainEqual([
      RULE.DHCP4O6_MESSAGE_TYPE,
      "options[1](DHCPV4_MSG).dhcpv4Message",
    ]);
  });
});
