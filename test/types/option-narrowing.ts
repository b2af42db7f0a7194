/**
 * Compile-time checks of how a decoded DHCPv6 or DHCPv4 option narrows (on a
 * code check, a switch, a field check and the isOption / isDhcpv4Option guards); checked by
 * option-narrowing.test.ts (and by `tsc -p .`). Each `@ts-expect-error` line
 * must fail to compile; every other line must compile.
 */
import {
  DHCPV4_OPTION,
  type Dhcpv4Option,
  type Dhcpv4OptionEntry,
  type Dhcpv6Option,
  type Dhcpv6OptionOf,
  type Dhcpv6RawOption,
  decodeOptions,
  encodeOptions,
  isDhcpv4Option,
  isOption,
  OPTION,
  type RawOption,
  RELAY_AGENT_SUBOPTION,
  type RelayAgentRemoteIdSubOption,
  type RelayAgentSubOption,
} from "../../src/index.js";

declare const o: Dhcpv6Option;
declare const anyCode: number;
const bytes = new Uint8Array(4);

// A code check alone: a CLT_TIME or a raw option with code 46 (given as
// bytes, or malformed under keepMalformedOptions), so the field may be absent.
if (o.code === OPTION.CLT_TIME) {
  const t: number | undefined = o.cltTime;
  // @ts-expect-error a raw option with code 46 has no cltTime
  const u: number = o.cltTime;
  // @ts-expect-error STATUS_CODE's field is not on a CLT_TIME
  const s: number | undefined = o.statusCode;
  void [t, u, s];
}

// Checking the field narrows to the declared option.
if (o.code === OPTION.CLT_TIME && o.cltTime !== undefined) {
  const t: number = o.cltTime;
  const same: Dhcpv6OptionOf<46> = o;
  void [t, same];
}
if (o.code === OPTION.STATUS_CODE && o.statusCode !== undefined) {
  const m: string = o.statusMessage;
  void m;
}

// A switch on the code narrows as the code check does.
switch (o.code) {
  case OPTION.CLT_TIME: {
    const t: number | undefined = o.cltTime;
    // @ts-expect-error a raw option with code 46 has no cltTime
    const u: number = o.cltTime;
    void [t, u];
    break;
  }
  case OPTION.STATUS_CODE:
    if (o.statusCode !== undefined) void (o.statusMessage satisfies string);
    break;
}

// The guard narrows to exactly the declared option.
if (isOption(o, OPTION.CLT_TIME)) {
  const t: number = o.cltTime;
  const same: Dhcpv6OptionOf<46> = o;
  const back: typeof o = same;
  // @ts-expect-error a CLT_TIME has no data
  const d: Uint8Array = o.data;
  void [t, back, d];
} else if (o.code === OPTION.CLT_TIME) {
  // The guard said no, so a code-46 option here is the raw form.
  const r: Dhcpv6RawOption = o;
  // @ts-expect-error no declared CLT_TIME is left
  const t: number = o.cltTime;
  void [r, t];
}
declare const maybe: Dhcpv6Option | undefined;
if (isOption(maybe, OPTION.STATUS_CODE)) void (maybe.statusMessage satisfies string);
declare const eitherCode: 13 | 46;
// @ts-expect-error one code at a time: the false branch of a union would be unsound
isOption(o, eitherCode);
// @ts-expect-error a code without a declaration has nothing to narrow to
isOption(o, 200);
// @ts-expect-error any number is not one declared code
isOption(o, anyCode);

// Codes without a declaration stay comparable and narrow to the raw form.
if (o.code === 200) {
  const d: Uint8Array = o.data;
  void d;
}
if (o.code === anyCode) void o;

// The encoder takes raw options with any code, declared or not.
encodeOptions([
  { code: OPTION.CLT_TIME, data: bytes },
  { code: 200, data: bytes },
  { code: anyCode, data: bytes },
  { code: OPTION.CLT_TIME, cltTime: 60 },
]);
const raw: RawOption = { code: 46, data: bytes, malformed: "truncated" };
encodeOptions([raw, ...decodeOptions(bytes)]);

// @ts-expect-error a declared field has its declared type
encodeOptions([{ code: OPTION.CLT_TIME, cltTime: "60" }]);
// @ts-expect-error a declared option needs its fields or raw data
encodeOptions([{ code: OPTION.CLT_TIME }]);
// @ts-expect-error a raw option carries bytes, not a declared field
encodeOptions([{ code: 200, data: bytes, cltTime: 60 }]);

// DHCPv4 options narrow the same way.
declare const v4: Dhcpv4Option;
if (v4.code === DHCPV4_OPTION.DHCP_LEASE_TIME) {
  const t: number | undefined = v4.leaseTime;
  // @ts-expect-error a raw option with code 51 has no leaseTime
  const u: number = v4.leaseTime;
  void [t, u];
}
if (v4.code === DHCPV4_OPTION.DHCP_LEASE_TIME && v4.leaseTime !== undefined) {
  const t: number = v4.leaseTime;
  void t;
}
switch (v4.code) {
  case DHCPV4_OPTION.DHCP_LEASE_TIME: {
    const t: number | undefined = v4.leaseTime;
    // @ts-expect-error a raw option with code 51 has no leaseTime
    const u: number = v4.leaseTime;
    void [t, u];
  }
}
if (isDhcpv4Option(v4, DHCPV4_OPTION.DHCP_LEASE_TIME)) {
  const t: number = v4.leaseTime;
  // @ts-expect-error a DHCP_LEASE_TIME has no data
  const d: Uint8Array = v4.data;
  void [t, d];
}
declare const entry: Dhcpv4OptionEntry;
if (isDhcpv4Option(entry, DHCPV4_OPTION.STATUS_CODE)) void (entry.statusMessage satisfies string);
// @ts-expect-error one code at a time
isDhcpv4Option(v4, v4.code === 51 ? DHCPV4_OPTION.DHCP_LEASE_TIME : DHCPV4_OPTION.STATUS_CODE);
// @ts-expect-error a code without a declaration has nothing to narrow to
isDhcpv4Option(v4, 250);
// @ts-expect-error a DHCPv4 option is not a DHCPv6 option
isOption(v4, OPTION.CLT_TIME);
if (v4.code === 250) {
  const d: Uint8Array = v4.data;
  void d;
}

// Relay Agent Information sub-options narrow the same way.
declare const sub: RelayAgentSubOption;
if (sub.code === RELAY_AGENT_SUBOPTION.REMOTE_ID) {
  const r: Uint8Array | undefined = sub.remoteId;
  // @ts-expect-error a raw sub-option with code 2 has no remoteId
  const u: Uint8Array = sub.remoteId;
  void [r, u];
}
if (sub.code === RELAY_AGENT_SUBOPTION.REMOTE_ID && sub.remoteId !== undefined) {
  const same: RelayAgentRemoteIdSubOption = sub;
  void same;
}
