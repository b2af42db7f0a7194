/**
 * DHCPv6 assigned numbers used by leasequery: message types, status codes,
 * query types and DUID types. Open enums: any other value decodes and
 * re-encodes as a plain number.
 * @module
 */

/**
 * DHCPv6 message types (RFC 8415 §7.3, RFC 5007, RFC 5460, RFC 7341, RFC 7653).
 *
 * @example
 * ```ts
 * import { MESSAGE_TYPE } from "dhcp-leasequery";
 * console.log(MESSAGE_TYPE.LEASEQUERY_DATA); // 17
 * ```
 */
export const MESSAGE_TYPE = {
  SOLICIT: 1,
  ADVERTISE: 2,
  REQUEST: 3,
  CONFIRM: 4,
  RENEW: 5,
  REBIND: 6,
  REPLY: 7,
  RELEASE: 8,
  DECLINE: 9,
  RECONFIGURE: 10,
  INFORMATION_REQUEST: 11,
  RELAY_FORW: 12,
  RELAY_REPL: 13,
  LEASEQUERY: 14,
  LEASEQUERY_REPLY: 15,
  LEASEQUERY_DONE: 16,
  LEASEQUERY_DATA: 17,
  RECONFIGURE_REQUEST: 18,
  RECONFIGURE_REPLY: 19,
  DHCPV4_QUERY: 20,
  DHCPV4_RESPONSE: 21,
  ACTIVELEASEQUERY: 22,
  STARTTLS: 23,
} as const;

/** A message type this library names. */
export type MessageTypeName = keyof typeof MESSAGE_TYPE;

/**
 * OPTION_STATUS_CODE values (RFC 8415 §21.13, RFC 5007 §5.3, RFC 5460 §5.4,
 * RFC 7653 §5.5).
 *
 * @example
 * ```ts
 * import { STATUS_CODE } from "dhcp-leasequery";
 * console.log(STATUS_CODE.CatchUpComplete); // 13
 * ```
 */
export const STATUS_CODE = {
  Success: 0,
  UnspecFail: 1,
  NoAddrsAvail: 2,
  NoBinding: 3,
  NotOnLink: 4,
  UseMulticast: 5,
  NoPrefixAvail: 6,
  UnknownQueryType: 7,
  MalformedQuery: 8,
  NotConfigured: 9,
  NotAllowed: 10,
  QueryTerminated: 11,
  DataMissing: 12,
  CatchUpComplete: 13,
  NotSupported: 14,
  TLSConnectionRefused: 15,
} as const;

/**
 * LQ_QUERY query-type values (RFC 5007 §4.1.2.1, RFC 5460 §5.3). Types 3-5
 * are for Bulk and Active Leasequery over TCP only.
 *
 * @example
 * ```ts
 * import { QUERY_TYPE } from "dhcp-leasequery";
 * console.log(QUERY_TYPE.QUERY_BY_RELAY_ID); // 3
 * ```
 */
export const QUERY_TYPE = {
  QUERY_BY_ADDRESS: 1,
  QUERY_BY_CLIENTID: 2,
  QUERY_BY_RELAY_ID: 3,
  QUERY_BY_LINK_ADDRESS: 4,
  QUERY_BY_REMOTE_ID: 5,
} as const;

/**
 * DUID types (RFC 8415 §11).
 *
 * @example
 * ```ts
 * import { DUID_TYPE } from "dhcp-leasequery";
 * console.log(DUID_TYPE.LL); // 3
 * ```
 */
export const DUID_TYPE = {
  LLT: 1,
  EN: 2,
  LL: 3,
  UUID: 4,
} as const;

function reverse(o: Readonly<Record<string, number>>, fix: (k: string) => string = (k) => k): readonly string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) out[v] = fix(k);
  return out;
}

const MESSAGE_NAMES = /* @__PURE__ */ reverse(MESSAGE_TYPE, (k) => k.replace(/_/g, "-"));
const STATUS_NAMES = /* @__PURE__ */ reverse(STATUS_CODE);
const QUERY_NAMES = /* @__PURE__ */ reverse(QUERY_TYPE);
const DUID_NAMES = /* @__PURE__ */ reverse(DUID_TYPE);

/**
 * The RFC name of a message type (`"LEASEQUERY-REPLY"`), or undefined.
 *
 * @example
 * ```ts
 * import { messageTypeName } from "dhcp-leasequery";
 * console.log(messageTypeName(22)); // "ACTIVELEASEQUERY"
 * ```
 * @throws never
 */
export function messageTypeName(type: number): string | undefined {
  return MESSAGE_NAMES[type];
}

/**
 * The RFC name of a status code (`"DataMissing"`), or undefined.
 *
 * @example
 * ```ts
 * import { statusCodeName } from "dhcp-leasequery";
 * console.log(statusCodeName(12)); // "DataMissing"
 * ```
 * @throws never
 */
export function statusCodeName(code: number): string | undefined {
  return STATUS_NAMES[code];
}

/**
 * The RFC name of a query type (`"QUERY_BY_ADDRESS"`), or undefined.
 *
 * @example
 * ```ts
 * import { queryTypeName } from "dhcp-leasequery";
 * console.log(queryTypeName(5)); // "QUERY_BY_REMOTE_ID"
 * ```
 * @throws never
 */
export function queryTypeName(type: number): string | undefined {
  return QUERY_NAMES[type];
}

/**
 * The name of a DUID type (`"LLT"`), or undefined.
 *
 * @example
 * ```ts
 * import { duidTypeName } from "dhcp-leasequery";
 * console.log(duidTypeName(4)); // "UUID"
 * ```
 * @throws never
 */
export function duidTypeName(type: number): string | undefined {
  return DUID_NAMES[type];
}
