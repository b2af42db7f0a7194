/**
 * Finding options in messages and option lists.
 * @module
 */
import type { OneCode } from "../schema/one-code.js";
import type { RawOption } from "../schema/option.js";
import {
  type Dhcpv6Message,
  type Dhcpv6Option,
  type Dhcpv6OptionOf,
  type KnownDhcpv6Option,
  OPTION_TABLE,
} from "./schema.js";

/** Where options can be looked up: a message, an option that holds options, or a list. */
export type OptionSource = Dhcpv6Message | { readonly options: readonly Dhcpv6Option[] } | readonly Dhcpv6Option[];

/** What a lookup of `C` returns: the declared option type, or a raw option for undeclared codes. */
export type FoundOption<C extends number> = [Dhcpv6OptionOf<C>] extends [never] ? RawOption : Dhcpv6OptionOf<C>;

function listOf(source: OptionSource): readonly Dhcpv6Option[] {
  return Array.isArray(source) ? source : (source as { options: readonly Dhcpv6Option[] }).options;
}

// A declared code that was kept raw (keepMalformedOptions) is not returned as
// the declared type, since its fields are missing. Entries that are not
// objects (hand-built lists gone wrong, as validate meets them) never match.
function matches(o: Dhcpv6Option, code: number): boolean {
  return (
    typeof o === "object" &&
    o !== null &&
    o.code === code &&
    (OPTION_TABLE[code] === undefined || !("data" in o && o.data instanceof Uint8Array))
  );
}

/**
 * Whether `o` is the declared option with `code`, decoded: narrows `o` to
 * that option's type (`o.code === code` alone also keeps a raw option, see
 * {@link Dhcpv6RawOption}). False for a raw option with that code (given as
 * bytes, or malformed under `keepMalformedOptions`), another code, or
 * `undefined`. `code` must be one declared code (an `OPTION` member).
 *
 * @example
 * ```ts
 * import { decodeOptions, isOption, OPTION } from "dhcp-leasequery";
 * for (const o of decodeOptions(new Uint8Array([0, 46, 0, 4, 0, 0, 0, 60]))) {
 *   if (isOption(o, OPTION.CLT_TIME)) console.log(o.cltTime); // 60
 * }
 * console.log(isOption({ code: 46, data: new Uint8Array(4) }, OPTION.CLT_TIME)); // false
 * ```
 * @throws never
 */
export function isOption<C extends KnownDhcpv6Option["code"]>(
  o: Dhcpv6Option | undefined,
  code: C & OneCode<C>,
): o is Dhcpv6OptionOf<C> {
  return o !== undefined && OPTION_TABLE[code] !== undefined && matches(o, code);
}

/**
 * The first option with `code` directly in `source` (not in nested lists).
 *
 * @example
 * ```ts
 * import { decode, findOption, hex, OPTION } from "dhcp-leasequery";
 * const m = decode(hex("10123456000d0002000b"));
 * console.log(findOption(m, OPTION.STATUS_CODE)?.statusCode); // 11
 * ```
 * @throws never
 */
export function findOption<C extends number>(source: OptionSource, code: C): FoundOption<C> | undefined {
  for (const o of listOf(source)) if (matches(o, code)) return o as FoundOption<C>;
  return undefined;
}

/**
 * Every option with `code` directly in `source`, in wire order.
 *
 * @example
 * ```ts
 * import { findOptions, OPTION } from "dhcp-leasequery";
 * const opts = [{ code: 46, cltTime: 1 }, { code: 46, cltTime: 2 }] as const;
 * console.log(findOptions([...opts], OPTION.CLT_TIME).map((o) => o.cltTime)); // [1, 2]
 * ```
 * @throws never
 */
export function findOptions<C extends number>(source: OptionSource, code: C): FoundOption<C>[] {
  const out: FoundOption<C>[] = [];
  for (const o of listOf(source)) if (matches(o, code)) out.push(o as FoundOption<C>);
  return out;
}

/**
 * Every CLIENT_DATA option of a message (a LEASEQUERY-REPLY or -DATA carries
 * one binding per CLIENT_DATA).
 *
 * @example
 * ```ts
 * import { clientDataOf, decode, hex } from "dhcp-leasequery";
 * const m = decode(hex("11000001002d0008002e000400000e10"));
 * console.log(clientDataOf(m).length); // 1
 * ```
 * @throws never
 */
export function clientDataOf(source: OptionSource): Dhcpv6OptionOf<45>[] {
  return findOptions(source, 45);
}

/**
 * The first option with `code` inside the first CLIENT_DATA of `source`.
 *
 * @example
 * ```ts
 * import { decode, findClientDataOption, hex, OPTION } from "dhcp-leasequery";
 * const m = decode(hex("11000001002d0008002e000400000e10"));
 * console.log(findClientDataOption(m, OPTION.CLT_TIME)?.cltTime); // 3600
 * ```
 * @throws never
 */
export function findClientDataOption<C extends number>(source: OptionSource, code: C): FoundOption<C> | undefined {
  const cd = findOption(source, 45);
  return cd ? findOption(cd, code) : undefined;
}

/**
 * Every option with `code` inside every CLIENT_DATA of `source`, in wire order.
 *
 * @example
 * ```ts
 * import { decode, findClientDataOptions, hex, OPTION } from "dhcp-leasequery";
 * const m = decode(hex("11000001002d0008002e000400000e10"));
 * console.log(findClientDataOptions(m, OPTION.CLT_TIME).length); // 1
 * ```
 * @throws never
 */
export function findClientDataOptions<C extends number>(source: OptionSource, code: C): FoundOption<C>[] {
  return clientDataOf(source).flatMap((cd) => findOptions(cd, code));
}

/**
 * The message's own STATUS_CODE as `{ statusCode, statusMessage }`, or
 * undefined when it has none (which RFC 8415 §21.13 reads as Success).
 *
 * @example
 * ```ts
 * import { decode, hex, statusOf } from "dhcp-leasequery";
 * console.log(statusOf(decode(hex("10123456000d0002000b")))?.statusCode); // 11
 * ```
 * @throws never
 */
export function statusOf(source: OptionSource): { statusCode: number; statusMessage: string } | undefined {
  const s = findOption(source, 13);
  return s ? { statusCode: s.statusCode, statusMessage: s.statusMessage } : undefined;
}
