/**
 * Cases for the mutants Stryker left alive in src/v6/find.ts, build.ts and
 * codes.ts. Expected bytes are written field by field from RFC 5007
 * §4.1.2.1 and RFC 5460 §5.3 (LQ_QUERY: query-type, link-address,
 * query-options); names from the RFC registries the JSDoc cites.
 */
import { describe, expect, it } from "vitest";
import {
  type Dhcpv6Option,
  duidTypeName,
  encode,
  findClientDataOption,
  findOption,
  findOptions,
  leasequeryByAddress,
  leasequeryByRelayId,
  statusCodeName,
  toHex,
} from "../../src/index.js";

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
