/**
 * Compile-time checks of how a decoded DHCPv6 or DHCPv4 option narrows; checked by
 * option-narrowing.test.ts (and by `tsc -p .`). Each `@ts-expect-error` line
 * must fail to compile; every other line must compile.
 */
import {
  DHCPV4_OPTION,
  type Dhcpv4Option,
  type Dhcpv6Option,
  type Dhcpv6OptionOf,
  decodeOptions,
  encodeOptions,
  OPTION,
  type RawOption,
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
if (v4.code === 250) {
  const d: Uint8Array = v4.data;
  void d;
}
