/** The infinite DHCPv4 lease (RFC 2131 §3.3: lease time 0xffffffff is "infinity"). */
import { describe, expect, it } from "vitest";
import { buildDhcpv4LeaseActive } from "../../src/v4/build.js";
import { dhcpv4BindingTimes } from "../../src/v4/time.js";

describe("dhcpv4BindingTimes and the infinite lease", () => {
  it("reads lease time 0xffffffff as infinite, not as a date in 2156", () => {
    const m = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", baseTime: 1_600_000_000, leaseTime: 0xffffffff });
    expect(dhcpv4BindingTimes(m).leaseExpires).toBe("infinite");
  });

  it("still dates the longest finite lease", () => {
    const m = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", baseTime: 0, leaseTime: 0xfffffffe });
    expect(dhcpv4BindingTimes(m).leaseExpires).toEqual(new Date(0xfffffffe * 1000));
  });
});
