import { describe, expect, it } from "vitest";
import { buildDhcpv4LeaseActive, buildDhcpv4LeaseQueryDone } from "../../src/v4/build.js";
import {
  BOOTP_OP,
  bootpOpName,
  DHCP_STATE,
  DHCPV4_MESSAGE_TYPE,
  DHCPV4_OPTION,
  dhcpStateName,
  dhcpv4MessageTypeName,
  LEASEQUERY_STATUS,
  leasequeryStatusName,
  RELAY_AGENT_SUBOPTION,
} from "../../src/v4/codes.js";
import {
  dhcpv4MessageTypeOf,
  dhcpv4OptionEntries,
  findDhcpv4Option,
  findRelayAgentSubOption,
} from "../../src/v4/find.js";
import { decodeDhcpv4 } from "../../src/v4/message.js";
import { DHCPV4_OPTION_DEFS, RELAY_AGENT_SUBOPTION_DEFS } from "../../src/v4/schema.js";
import { dhcpv4BindingTimes, dhcpv4TimeBefore } from "../../src/v4/time.js";
import { area, header, message, opt, value } from "./helpers.js";

describe("code tables", () => {
  it("name the RFC values", () => {
    expect(dhcpv4MessageTypeName(10)).toBe("DHCPLEASEQUERY");
    expect(dhcpv4MessageTypeName(18)).toBe("DHCPTLS");
    expect(dhcpv4MessageTypeName(19)).toBeUndefined();
    expect(DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYSTATUS).toBe(17);
    expect([5, 6, 7, 8].map(leasequeryStatusName)).toEqual([
      "DataMissing",
      "ConnectionActive",
      "CatchUpComplete",
      "TLSConnectionRefused",
    ]);
    expect(LEASEQUERY_STATUS.NotAllowed).toBe(4);
    expect([1, 8, 9].map(dhcpStateName)).toEqual(["AVAILABLE", "TRANSITIONING", undefined]);
    expect(DHCP_STATE.REMOTE).toBe(7);
    expect([bootpOpName(BOOTP_OP.BOOTREQUEST), bootpOpName(3)]).toEqual(["BOOTREQUEST", undefined]);
  });

  it("DHCPV4_OPTION and RELAY_AGENT_SUBOPTION agree with the declarations", () => {
    for (const d of DHCPV4_OPTION_DEFS) {
      const key = d.name.toUpperCase().replace(/-/g, "_") as keyof typeof DHCPV4_OPTION;
      expect([d.name, DHCPV4_OPTION[key]]).toEqual([d.name, d.code]);
    }
    for (const d of RELAY_AGENT_SUBOPTION_DEFS) {
      const key = d.name.toUpperCase().replace(/-/g, "_") as keyof typeof RELAY_AGENT_SUBOPTION;
      expect(RELAY_AGENT_SUBOPTION[key]).toBe(d.code);
    }
    expect([DHCPV4_OPTION.PAD, DHCPV4_OPTION.END]).toEqual([0, 255]);
  });

  it("declarations carry names and units for docs and inspectors", () => {
    type FieldKind = {
      names?: (v: number) => string | undefined;
      unit?: string;
      item?: { kind: { names?: (v: number) => string | undefined } };
    };
    const k = (code: number, field: number): FieldKind => {
      const def = DHCPV4_OPTION_DEFS.find((d) => d.code === code);
      if (def === undefined) throw new Error(`no option ${code}`);
      const fields = (def.body.kind as unknown as { fields: [string, { kind: FieldKind }][] }).fields;
      return (fields[field] as [string, { kind: FieldKind }])[1].kind;
    };
    expect(k(52, 0).names?.(3)).toBe("file and sname");
    expect(k(52, 0).names?.(0)).toBeUndefined();
    expect(k(53, 0).names?.(13)).toBe("DHCPLEASEACTIVE");
    expect(k(55, 0).item?.kind.names?.(82)).toBe("relay-agent-information");
    expect(k(151, 0).names?.(2)).toBe("QueryTerminated");
    expect(k(156, 0).names?.(5)).toBe("ABANDONED");
    expect([k(152, 0).unit, k(153, 0).unit]).toEqual(["time-since-1970", "seconds"]);
  });
});

describe("finding options", () => {
  const file = area([...opt(152, [0x5f, 0x5e, 0x10, 0]), 255], 128);
  const sname = area([...opt(43, [1]), 255], 64);
  const m = decodeDhcpv4(
    message(
      [...opt(53, [13]), ...opt(52, [3]), ...opt(82, [2, 1, 7]), ...opt(51, [0, 0]), 0, ...opt(51, [0, 60]), 255],
      header({ file, sname }),
    ),
  );

  it("reads the options field, then file, then sname", () => {
    expect(dhcpv4OptionEntries(m).map((o) => o.code)).toEqual([53, 52, 82, 51, 0, 51, 255, 152, 255, 43, 255]);
    expect(findDhcpv4Option(m, 152)?.baseTime).toBe(1600000000);
    expect(findDhcpv4Option(m, 43)).toEqual({ code: 43, data: Uint8Array.of(1) });
    expect(findDhcpv4Option(m, 51)?.leaseTime).toBe(60);
    expect(dhcpv4MessageTypeOf(m)).toBe(13);
    expect(findRelayAgentSubOption(m, 2)).toEqual({ code: 2, remoteId: Uint8Array.of(7) });
    expect(findRelayAgentSubOption(m, 1)).toBeUndefined();
  });

  it("skips pads, ends, continuations and declared codes kept raw", () => {
    expect(findDhcpv4Option(m, 0)).toBeUndefined();
    expect(findDhcpv4Option(m, 255)).toBeUndefined();
    const raw = value([{ code: 51, data: Uint8Array.of(1) }, { code: 255 }]);
    expect(findDhcpv4Option(raw, 51)).toBeUndefined();
    expect(dhcpv4MessageTypeOf(raw)).toBeUndefined();
    expect(findRelayAgentSubOption(raw, 1)).toBeUndefined();
  });
});

describe("times", () => {
  it("counts relative times back from base-time (RFC 6926 §6.2.3)", () => {
    expect(dhcpv4TimeBefore(1600000000, 0).toISOString()).toBe("2020-09-13T12:26:40.000Z");
    expect(dhcpv4TimeBefore(1600000000, 86400).toISOString()).toBe("2020-09-12T12:26:40.000Z");
    expect(() => dhcpv4TimeBefore(1, -1)).toThrow(RangeError);
  });

  it("resolves a lease's dates against its base-time", () => {
    const m = buildDhcpv4LeaseActive({
      xid: 1,
      address: "192.0.2.5",
      baseTime: 1600000000,
      leaseTime: 3600,
      startTimeOfState: 60,
      clientLastTransactionTime: 10,
    });
    const t = dhcpv4BindingTimes(m);
    expect(
      [t.baseTime, t.stateSince, t.lastTransaction, t.leaseExpires].map((d) =>
        d instanceof Date ? d.toISOString() : d,
      ),
    ).toEqual([
      "2020-09-13T12:26:40.000Z",
      "2020-09-13T12:25:40.000Z",
      "2020-09-13T12:26:30.000Z",
      "2020-09-13T13:26:40.000Z",
    ]);
    expect(dhcpv4BindingTimes(buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", leaseTime: 5 }))).toEqual({});
    expect(dhcpv4BindingTimes(buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.5", baseTime: 0 }))).toEqual({
      baseTime: new Date(0),
    });
  });
});

describe("finding options in hand-built values", () => {
  describe("dhcpv4OptionEntries", () => {
    it("adds file and sname only when they hold options, not their bytes", () => {
      expect(dhcpv4OptionEntries(buildDhcpv4LeaseQueryDone({ xid: 1 }))).toEqual([
        { code: 53, messageType: 15 },
        { code: 255 },
      ]);
    });
  });

  describe("findDhcpv4Option skips what is not an option", () => {
    it("skips null and undefined entries instead of throwing (@throws never)", () => {
      const m = value([null, undefined, { code: 53, messageType: 13 }, { code: 255 }]);
      expect(findDhcpv4Option(m, 53)).toEqual({ code: 53, messageType: 13 });
    });

    it("never returns a pad or an end entry, whatever fields it carries", () => {
      const m = value([
        { code: 0, data: Uint8Array.of(1) },
        { code: 255, data: Uint8Array.of(2) },
      ]);
      expect(findDhcpv4Option(m, 0)).toBeUndefined();
      expect(findDhcpv4Option(m, 255)).toBeUndefined();
    });

    it("does not return the continuation of a declared option kept raw", () => {
      // Option 82 in two runs: [0c 05] pad [00 00]: relay-id length 5 with 2
      // bytes left, so the joined value is kept raw and the second run is a
      // continuation entry.
      const m = decodeDhcpv4(message([...opt(82, [12, 5]), 0, ...opt(82, [0, 0]), 255]), {
        keepMalformedOptions: true,
      });
      expect(m.options[2]).toEqual({ code: 82, continuation: 2 });
      expect(findDhcpv4Option(m, 82)).toBeUndefined();
      expect(findRelayAgentSubOption(m, 12)).toBeUndefined();
    });
  });
});
