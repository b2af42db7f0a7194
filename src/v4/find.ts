/**
 * Finding options in DHCPv4 messages.
 * @module
 */
import type { OneCode } from "../schema/one-code.js";
import type { RawOption } from "../schema/option.js";
import {
  DHCPV4_OPTION_TABLE,
  type Dhcpv4Message,
  type Dhcpv4OptionEntry,
  type Dhcpv4OptionOf,
  type KnownDhcpv4Option,
  type RelayAgentSubOption,
} from "./schema.js";

/** What a lookup of `C` returns: the declared option type, or a raw option for undeclared codes. */
export type FoundDhcpv4Option<C extends number> = [Dhcpv4OptionOf<C>] extends [never] ? RawOption : Dhcpv4OptionOf<C>;

/**
 * Every option entry of a message in the order RFC 3396 reads them: the
 * options field, then `file` and `sname` when they carry options.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, dhcpv4OptionEntries } from "dhcp-leasequery";
 * console.log(dhcpv4OptionEntries(buildDhcpv4LeaseQueryDone({ xid: 1 })).length); // 2
 * ```
 * @throws never
 */
export function dhcpv4OptionEntries(message: Dhcpv4Message): Dhcpv4OptionEntry[] {
  const out = [...message.options];
  if (Array.isArray(message.file)) out.push(...message.file);
  if (Array.isArray(message.sname)) out.push(...message.sname);
  return out;
}

// Pads, ends and continuation entries are not options; a declared code kept
// raw (keepMalformedOptions) is not returned as the declared type. Entries
// that are not objects (hand-built values gone wrong) never match.
function matches(o: Dhcpv4OptionEntry, code: number): boolean {
  if (typeof o !== "object" || o === null || o.code !== code || code === 0 || code === 255 || "continuation" in o)
    return false;
  const raw = (o as { data?: unknown }).data instanceof Uint8Array;
  return DHCPV4_OPTION_TABLE[code] === undefined ? raw : !raw;
}

/**
 * Whether `o` is the declared DHCPv4 option with `code`, decoded: narrows
 * `o` to that option's type (`o.code === code` alone also keeps a raw
 * option, see {@link Dhcpv4RawOption}). False for a raw option with that
 * code (given as bytes, or malformed under `keepMalformedOptions`), another
 * code, a pad, end or continuation entry, or `undefined`. `code` must be one
 * declared code (a `DHCPV4_OPTION` member).
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseActive, DHCPV4_OPTION, isDhcpv4Option } from "dhcp-leasequery";
 * const m = buildDhcpv4LeaseActive({ xid: 1, address: "192.0.2.9", leaseTime: 3600 });
 * for (const o of m.options) if (isDhcpv4Option(o, DHCPV4_OPTION.DHCP_LEASE_TIME)) console.log(o.leaseTime); // 3600
 * console.log(isDhcpv4Option({ code: 51, data: new Uint8Array(4) }, DHCPV4_OPTION.DHCP_LEASE_TIME)); // false
 * ```
 * @throws never
 */
export function isDhcpv4Option<C extends KnownDhcpv4Option["code"]>(
  o: Dhcpv4OptionEntry | undefined,
  code: C & OneCode<C>,
): o is Dhcpv4OptionOf<C> {
  return o !== undefined && DHCPV4_OPTION_TABLE[code] !== undefined && matches(o, code);
}

/**
 * The first option with `code` in a message (see {@link dhcpv4OptionEntries}
 * for the order), or undefined. Each code appears at most once, since RFC
 * 3396 joins its instances.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryStatus, DHCPV4_OPTION, findDhcpv4Option } from "dhcp-leasequery";
 * const m = buildDhcpv4LeaseQueryStatus({ xid: 1, statusCode: 5 });
 * console.log(findDhcpv4Option(m, DHCPV4_OPTION.STATUS_CODE)?.statusCode); // 5
 * ```
 * @throws never
 */
export function findDhcpv4Option<C extends number>(message: Dhcpv4Message, code: C): FoundDhcpv4Option<C> | undefined {
  for (const o of dhcpv4OptionEntries(message)) if (matches(o, code)) return o as FoundDhcpv4Option<C>;
  return undefined;
}

/**
 * The message type (option 53), or undefined when absent (a BOOTP message).
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, dhcpv4MessageTypeOf } from "dhcp-leasequery";
 * console.log(dhcpv4MessageTypeOf(buildDhcpv4LeaseQueryDone({ xid: 1 }))); // 15
 * ```
 * @throws never
 */
export function dhcpv4MessageTypeOf(message: Dhcpv4Message): number | undefined {
  return findDhcpv4Option(message, 53)?.messageType;
}

/**
 * The first Relay Agent Information (option 82) sub-option with `code`, or
 * undefined.
 *
 * @example
 * ```ts
 * import { buildDhcpv4BulkLeasequery, findRelayAgentSubOption } from "dhcp-leasequery";
 * const m = buildDhcpv4BulkLeasequery({ remoteId: Uint8Array.of(1, 2) }, { xid: 1 });
 * console.log(findRelayAgentSubOption(m, 2)); // { code: 2, remoteId: Uint8Array(2) [ 1, 2 ] }
 * ```
 * @throws never
 */
export function findRelayAgentSubOption(message: Dhcpv4Message, code: number): RelayAgentSubOption | undefined {
  return findDhcpv4Option(message, 82)?.suboptions.find((s) => s.code === code);
}
