/**
 * isDhcpv4Option: true only for the declared DHCPv4 option with the code,
 * decoded; a raw option carrying a declared code, or a pad, end or
 * continuation entry, is not one.
 */
import { describe, expect, it } from "vitest";
import { DHCPV4_OPTION } from "../../src/v4/codes.js";
import { isDhcpv4Option } from "../../src/v4/find.js";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import type { Dhcpv4OptionEntry } from "../../src/v4/schema.js";
import { message, opt } from "./helpers.js";

const LEASE_TIME = DHCPV4_OPTION.DHCP_LEASE_TIME;

describe("isDhcpv4Option", () => {
  it("is true for a decoded declared option, and false for the pad and end around it", () => {
    // pad, lease time 3600 (RFC 2132 §9.2), end
    const m = decodeDhcpv4(message([0, ...opt(51, [0, 0, 0x0e, 0x10]), 255]));
    expect(m.options.map((o) => isDhcpv4Option(o, LEASE_TIME))).toEqual([false, true, false]);
  });

  it("is false for a declared option kept raw as malformed", () => {
    const m = decodeDhcpv4(message([...opt(51, [0, 0, 1]), 255]), { keepMalformedOptions: true });
    expect(m.options[0]).toMatchObject({ code: 51, data: Uint8Array.of(0, 0, 1) });
    expect(isDhcpv4Option(m.options[0], LEASE_TIME)).toBe(false);
  });

  it("is false for a raw option with a declared code, given as bytes", () => {
    expect(isDhcpv4Option({ code: 51, data: Uint8Array.of(0, 0, 0, 1) }, LEASE_TIME)).toBe(false);
  });

  it("is false for a later run of a split option", () => {
    // lease time split in two runs apart (RFC 3396): the run after the pad is a continuation.
    const m = decodeDhcpv4(message([...opt(51, [0, 0]), 0, ...opt(51, [0x0e, 0x10]), 255]));
    expect(m.options[2]).toEqual({ code: 51, continuation: 2 });
    expect(m.options.map((o) => isDhcpv4Option(o, LEASE_TIME))).toEqual([true, false, false, false]);
  });

  it("is false for another code, undefined and entries that are not options", () => {
    expect(isDhcpv4Option({ code: 51, leaseTime: 1 }, DHCPV4_OPTION.STATUS_CODE)).toBe(false);
    expect(isDhcpv4Option(undefined, LEASE_TIME)).toBe(false);
    expect(isDhcpv4Option(null as unknown as Dhcpv4OptionEntry, LEASE_TIME)).toBe(false);
  });

  it("is false for an undeclared code passed past the type check", () => {
    expect(isDhcpv4Option({ code: 250, data: Uint8Array.of(1) }, 250 as typeof LEASE_TIME)).toBe(false);
  });
});
