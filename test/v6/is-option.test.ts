/**
 * isOption: true only for the declared option with the code, decoded; a raw
 * option carrying a declared code is not one.
 */
import { describe, expect, it } from "vitest";
import { isOption } from "../../src/v6/find.js";
import { decodeOptions } from "../../src/v6/message.js";
import { type Dhcpv6Option, OPTION } from "../../src/v6/schema.js";

// CLT_TIME (46), length 4, 60 seconds (RFC 5007 §4.1.2.3).
const cltTime = Uint8Array.of(0, 46, 0, 4, 0, 0, 0, 60);
// CLT_TIME with a 2-byte body: malformed.
const shortCltTime = Uint8Array.of(0, 46, 0, 2, 0, 60);

describe("isOption", () => {
  it("is true for a decoded declared option with the code", () => {
    const [o] = decodeOptions(cltTime);
    expect(isOption(o, OPTION.CLT_TIME)).toBe(true);
  });

  it("is true for a declared option built by hand", () => {
    expect(isOption({ code: 46, cltTime: 1 }, OPTION.CLT_TIME)).toBe(true);
  });

  it("is false for a raw option with a declared code, given as bytes", () => {
    expect(isOption({ code: 46, data: Uint8Array.of(0, 0, 0, 60) }, OPTION.CLT_TIME)).toBe(false);
  });

  it("is false for a declared option kept raw as malformed", () => {
    const [o] = decodeOptions(shortCltTime, { keepMalformedOptions: true });
    expect(o).toMatchObject({ code: 46, data: Uint8Array.of(0, 60) });
    expect(o?.code === OPTION.CLT_TIME).toBe(true);
    expect(isOption(o, OPTION.CLT_TIME)).toBe(false);
  });

  it("is false for another code", () => {
    const [o] = decodeOptions(cltTime);
    expect(isOption(o, OPTION.STATUS_CODE)).toBe(false);
    expect(isOption({ code: 13, statusCode: 0, statusMessage: "" }, OPTION.CLT_TIME)).toBe(false);
  });

  it("is false for undefined and for entries that are not options", () => {
    expect(isOption(undefined, OPTION.CLT_TIME)).toBe(false);
    expect(isOption(null as unknown as Dhcpv6Option, OPTION.CLT_TIME)).toBe(false);
    expect(isOption(46 as unknown as Dhcpv6Option, OPTION.CLT_TIME)).toBe(false);
  });

  it("is false for an undeclared code passed past the type check", () => {
    expect(isOption({ code: 200, data: Uint8Array.of(1) }, 200 as typeof OPTION.CLT_TIME)).toBe(false);
  });
});
