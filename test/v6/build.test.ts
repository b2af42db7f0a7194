import { describe, expect, it } from "vitest";
import {
  buildActiveLeasequery,
  buildLeasequeryData,
  buildLeasequeryDone,
  buildLeasequeryReply,
  buildStartTls,
  buildStartTlsReply,
  clientDataOf,
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  duidTypeName,
  encode,
  findClientDataOption,
  findClientDataOptions,
  findOption,
  findOptions,
  leasequeryByAddress,
  leasequeryByClientId,
  leasequeryByLinkAddress,
  leasequeryByRelayId,
  leasequeryByRemoteId,
  OPTION,
  QUERY_TYPE,
  STATUS_CODE,
  statusCodeName,
  statusOf,
  toHex,
} from "../../src/index.js";

// Expected bytes below are written field by field from RFC 5007 §4.1.2,
// RFC 5460 §5.3 and RFC 7653 §5-6, not produced by the encoder.
const ZERO16 = "00".repeat(16);
const DB8_5 = "20010db8000000000000000000000005";
const llDuid = { duidType: 3, hardwareType: 1, linkLayerAddress: Uint8Array.of(2, 0, 0, 0, 0, 1) } as const;
const LL_DUID_HEX = "00030001020000000001"; // type 3, hw 1, MAC

const hexOf = (m: Dhcpv6Message) => toHex(encode(m));

describe("LEASEQUERY constructors, one per query type", () => {
  it("QUERY_BY_ADDRESS carries an IAADDR with zero lifetimes", () => {
    const m = leasequeryByAddress("2001:db8::5", { transactionId: 0x010203 });
    // LQ_QUERY len 45 = type 1 + link 16 + IAADDR (4 + 24)
    expect(hexOf(m)).toBe(`0e010203002c002d01${ZERO16}00050018${DB8_5}0000000000000000`);
  });

  it("QUERY_BY_CLIENTID carries a CLIENTID, with the requestor's own CLIENTID first and an ORO", () => {
    const m = leasequeryByClientId(
      llDuid,
      {
        transactionId: 1,
        requestorId: { duidType: 2, enterpriseNumber: 9, identifier: Uint8Array.of(0xaa) },
        requestedOptions: [OPTION.CLT_TIME, OPTION.LQ_RELAY_DATA],
      },
      "2001:db8::",
    );
    expect(hexOf(m)).toBe(
      "0e000001" +
        "000100070002000000" +
        "09aa" + // CLIENTID: DUID-EN 9, id aa
        "002c0027" +
        "02" +
        "20010db8000000000000000000000000" + // LQ_QUERY len 41
        `0001000a${LL_DUID_HEX}` +
        "00060004002e002f",
    );
  });

  it("QUERY_BY_RELAY_ID carries a RELAY_ID and asks all links by default", () => {
    const m = leasequeryByRelayId(llDuid, { transactionId: 2 });
    expect(hexOf(m)).toBe(`0e000002002c001f03${ZERO16}0035000a${LL_DUID_HEX}`);
  });

  it("QUERY_BY_LINK_ADDRESS carries nothing extra", () => {
    const m = leasequeryByLinkAddress("2001:db8:1::", { transactionId: 3, queryStartTime: 10, queryEndTime: 20 });
    expect(hexOf(m)).toBe(
      "0e000003002c0021" + "04" + "20010db8000100000000000000000000" + "006500040000000a" + "0066000400000014",
    );
  });

  it("QUERY_BY_REMOTE_ID carries a REMOTE_ID", () => {
    const m = leasequeryByRemoteId(3561, Uint8Array.of(1, 2, 3), { transactionId: 4 }, "2001:db8::");
    expect(hexOf(m)).toBe(
      `0e000004002c001c0520010db8000000000000000000000000${"002500070000 0de9010203".replace(" ", "")}`,
    );
  });

  it("puts extra options last", () => {
    const m = leasequeryByLinkAddress("::", { transactionId: 5, options: [{ code: 14 }] });
    expect(m.options.at(-1)).toEqual({ code: 14 });
  });
});

describe("ACTIVELEASEQUERY", () => {
  it("asks for LQ_BASE_TIME by default, with or without LQ_START_TIME", () => {
    const key = { queryType: QUERY_TYPE.QUERY_BY_LINK_ADDRESS, linkAddress: "::" } as const;
    expect(hexOf(buildActiveLeasequery(key, { transactionId: 6 }))).toBe(`16000006002c001704${ZERO16}000600020064`);
    expect(hexOf(buildActiveLeasequery(key, { transactionId: 6, queryStartTime: 0x01020304 }))).toBe(
      `16000006002c001f04${ZERO16}000600020064006500040102 0304`.replace(" ", ""),
    );
    expect(hexOf(buildActiveLeasequery(key, { transactionId: 6, requestedOptions: [] }))).toBe(
      `16000006002c001504${ZERO16}00060000`,
    );
  });
});

describe("STARTTLS and its REPLY", () => {
  it("builds STARTTLS and the two answers", () => {
    expect(hexOf(buildStartTls({ transactionId: 0xabcdef }))).toBe("17abcdef");
    expect(hexOf(buildStartTls({ transactionId: 1, options: [{ code: 14 }] }))).toBe("17000001000e0000");
    expect(hexOf(buildStartTlsReply({ transactionId: 0xabcdef }))).toBe("07abcdef");
    expect(hexOf(buildStartTlsReply({ transactionId: 1, refused: true, serverId: llDuid, statusMessage: "no" }))).toBe(
      `070000010002000a${LL_DUID_HEX}000d0004000f6e6f`,
    );
  });
});

describe("replies", () => {
  const binding = [{ code: 46, cltTime: 60 }] as const;
  it("LEASEQUERY-REPLY with a status, or with the first binding and base time", () => {
    expect(hexOf(buildLeasequeryReply({ transactionId: 1, statusCode: STATUS_CODE.NotAllowed }))).toBe(
      "0f000001000d0002000a",
    );
    expect(
      hexOf(buildLeasequeryReply({ transactionId: 1, serverId: llDuid, clientId: llDuid, baseTime: 7 }, [...binding])),
    ).toBe(
      `0f0000010002000a${LL_DUID_HEX}0001000a${LL_DUID_HEX}00640004000000070 02d0008002e00040000003c`.replace(" ", ""),
    );
  });

  it("LEASEQUERY-DATA with a binding, as a keep-alive, and with CatchUpComplete", () => {
    expect(hexOf(buildLeasequeryData({ transactionId: 2 }, [...binding]))).toBe("11000002002d0008002e00040000003c");
    expect(hexOf(buildLeasequeryData({ transactionId: 2 }))).toBe("11000002");
    expect(hexOf(buildLeasequeryData({ transactionId: 2, statusCode: STATUS_CODE.CatchUpComplete, baseTime: 9 }))).toBe(
      "11000002000d0002000d006400040000 0009".replace(" ", ""),
    );
  });

  it("LEASEQUERY-DONE with QueryTerminated and LQ_BASE_TIME", () => {
    const m = buildLeasequeryDone({
      transactionId: 3,
      statusCode: STATUS_CODE.QueryTerminated,
      baseTime: 0x10,
      options: [{ code: 14 }],
    });
    expect(hexOf(m)).toBe("10000003000d0002000b0064000400000010000e0000");
  });
});

describe("finding options", () => {
  const m = decode(
    encode(
      buildLeasequeryData(
        {
          transactionId: 1,
          statusCode: 0,
          statusMessage: "ok",
          options: [{ code: 45, options: [{ code: 46, cltTime: 2 }] }],
        },
        [
          { code: 46, cltTime: 1 },
          { code: 0x1234, data: Uint8Array.of(1) },
        ],
      ),
    ),
  );

  it("finds the first and all options of a code", () => {
    expect(findOption(m, OPTION.STATUS_CODE)).toEqual({ code: 13, statusCode: 0, statusMessage: "ok" });
    expect(findOption(m.options, OPTION.LQ_BASE_TIME)).toBeUndefined();
    expect(findOptions(m, OPTION.CLIENT_DATA)).toHaveLength(2);
    expect(clientDataOf(m)).toHaveLength(2);
    expect(statusOf(m)).toEqual({ statusCode: 0, statusMessage: "ok" });
    expect(statusOf({ options: [] })).toBeUndefined();
  });

  it("finds inside CLIENT_DATA, unknown codes as raw", () => {
    expect(findClientDataOption(m, OPTION.CLT_TIME)?.cltTime).toBe(1);
    expect(findClientDataOptions(m, OPTION.CLT_TIME).map((o) => o.cltTime)).toEqual([1, 2]);
    expect(findClientDataOption(m, 0x1234)?.data).toEqual(Uint8Array.of(1));
    expect(findClientDataOption({ options: [] }, OPTION.CLT_TIME)).toBeUndefined();
  });

  it("skips a declared option kept raw", () => {
    const lenient = decode(Uint8Array.of(0x11, 0, 0, 1, 0, 46, 0, 1, 9), { keepMalformedOptions: true });
    expect(findOption(lenient, OPTION.CLT_TIME)).toBeUndefined();
    expect(lenient.options).toHaveLength(1);
  });
});

// Expected bytes are written field by field from RFC 5007 §4.1.2.1 and
// RFC 5460 §5.3 (LQ_QUERY: query-type, link-address, query-options); names
// from the RFC registries the JSDoc cites.
describe("constructor link-addresses, entries that are not options, code names", () => {
  const LINK = "20010db8000100000000000000000000"; // 2001:db8:1::
  const DB8_5 = "20010db8000000000000000000000005";
  const llDuid = { duidType: 3, hardwareType: 1, linkLayerAddress: Uint8Array.of(2, 0, 0, 0, 0, 1) } as const;
  const LL_DUID_HEX = "00030001020000000001"; // DUID-LL: type 3, hardware type 1, MAC

  describe("the link-address argument of the LEASEQUERY constructors", () => {
    it("leasequeryByAddress puts it in LQ_QUERY", () => {
      const m = leasequeryByAddress("2001:db8::5", { transactionId: 0x010203 }, "2001:db8:1::");
      // LQ_QUERY len 45 = type 1 + link 16 + IAADDR (4 + 24), lifetimes 0.
      expect(toHex(encode(m))).toBe(`0e010203002c002d01${LINK}00050018${DB8_5}0000000000000000`);
    });

    it("leasequeryByRelayId puts it in LQ_QUERY instead of ::", () => {
      const m = leasequeryByRelayId(llDuid, { transactionId: 2 }, "2001:db8:1::");
      // LQ_QUERY len 31 = type 3 + link 16 + RELAY_ID (4 + 10).
      expect(toHex(encode(m))).toBe(`0e000002002c001f03${LINK}0035000a${LL_DUID_HEX}`);
    });
  });

  describe("entries that are not options never match (findOption is @throws never)", () => {
    const clt: Dhcpv6Option = { code: 46, cltTime: 7 };

    it("skips null entries instead of throwing", () => {
      const list = [null, clt] as unknown as Dhcpv6Option[];
      expect(findOption(list, 46)).toBe(clt);
      expect(findOptions(list, 46)).toEqual([clt]);
      expect(findClientDataOption([{ code: 45, options: list }], 46)).toBe(clt);
    });

    it("skips a function carrying a code property", () => {
      const fn = Object.assign(() => 0, { code: 46, cltTime: 1 });
      const list = [fn, clt] as unknown as Dhcpv6Option[];
      expect(findOption(list, 46)).toBe(clt);
      expect(findOptions(list, 46)).toEqual([clt]);
    });

    it("skips only a declared code kept raw, i.e. with bytes in data", () => {
      // A declared option that happens to carry a `data` field which is not
      // bytes is not a raw value, so it is still found.
      const withNote = { code: 46, cltTime: 9, data: "note" } as unknown as Dhcpv6Option;
      expect(findOption([withNote], 46)).toBe(withNote);
      const raw = { code: 46, data: Uint8Array.of(1, 2, 3) } as Dhcpv6Option;
      expect(findOption([raw], 46)).toBeUndefined();
    });
  });

  describe("code names", () => {
    it("statusCodeName names the RFC 8415 §21.13, RFC 5007, RFC 5460 and RFC 7653 codes", () => {
      expect([0, 3, 7, 11, 12, 13, 15].map(statusCodeName)).toEqual([
        "Success",
        "NoBinding",
        "UnknownQueryType",
        "QueryTerminated",
        "DataMissing",
        "CatchUpComplete",
        "TLSConnectionRefused",
      ]);
      expect(statusCodeName(16)).toBeUndefined();
    });

    it("duidTypeName names the RFC 8415 §11 DUID types", () => {
      expect([1, 2, 3, 4, 5].map(duidTypeName)).toEqual(["LLT", "EN", "LL", "UUID", undefined]);
    });
  });
});
