/**
 * DHCPv4 assigned numbers used by leasequery: BOOTP op codes, message
 * types, option and sub-option codes, leasequery status codes, binding
 * states. Open enums: any other value decodes and re-encodes as a number.
 * @module
 */

/**
 * BOOTP `op` values (RFC 951, RFC 2131 §2).
 *
 * @example
 * ```ts
 * import { BOOTP_OP } from "dhcp-leasequery";
 * console.log(BOOTP_OP.BOOTREPLY); // 2
 * ```
 */
export const BOOTP_OP = {
  BOOTREQUEST: 1,
  BOOTREPLY: 2,
} as const;

/**
 * DHCP message types, the value of option 53 (RFC 2132 §9.6, RFC 3203,
 * RFC 4388, RFC 6926, RFC 7724).
 *
 * @example
 * ```ts
 * import { DHCPV4_MESSAGE_TYPE } from "dhcp-leasequery";
 * console.log(DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY); // 14
 * ```
 */
export const DHCPV4_MESSAGE_TYPE = {
  DHCPDISCOVER: 1,
  DHCPOFFER: 2,
  DHCPREQUEST: 3,
  DHCPDECLINE: 4,
  DHCPACK: 5,
  DHCPNAK: 6,
  DHCPRELEASE: 7,
  DHCPINFORM: 8,
  DHCPFORCERENEW: 9,
  DHCPLEASEQUERY: 10,
  DHCPLEASEUNASSIGNED: 11,
  DHCPLEASEUNKNOWN: 12,
  DHCPLEASEACTIVE: 13,
  DHCPBULKLEASEQUERY: 14,
  DHCPLEASEQUERYDONE: 15,
  DHCPACTIVELEASEQUERY: 16,
  DHCPLEASEQUERYSTATUS: 17,
  DHCPTLS: 18,
} as const;

/**
 * DHCPv4 option codes this library knows, by name: pad and end (RFC 2132
 * §3), and every option with a declared layout (the RFC 2132 options a
 * leasequery reply commonly carries, RFC 4702's client FQDN and the
 * leasequery options).
 *
 * @example
 * ```ts
 * import { DHCPV4_OPTION } from "dhcp-leasequery";
 * console.log(DHCPV4_OPTION.RELAY_AGENT_INFORMATION, DHCPV4_OPTION.BASE_TIME); // 82 152
 * ```
 */
export const DHCPV4_OPTION = {
  PAD: 0,
  SUBNET_MASK: 1,
  ROUTERS: 3,
  DOMAIN_NAME_SERVERS: 6,
  HOST_NAME: 12,
  DOMAIN_NAME: 15,
  BROADCAST_ADDRESS: 28,
  DHCP_REQUESTED_ADDRESS: 50,
  DHCP_LEASE_TIME: 51,
  DHCP_OPTION_OVERLOAD: 52,
  DHCP_MESSAGE_TYPE: 53,
  DHCP_SERVER_IDENTIFIER: 54,
  DHCP_PARAMETER_REQUEST_LIST: 55,
  DHCP_RENEWAL_TIME: 58,
  DHCP_REBINDING_TIME: 59,
  DHCP_CLIENT_IDENTIFIER: 61,
  CLIENT_FQDN: 81,
  RELAY_AGENT_INFORMATION: 82,
  CLIENT_LAST_TRANSACTION_TIME: 91,
  ASSOCIATED_IP: 92,
  STATUS_CODE: 151,
  BASE_TIME: 152,
  START_TIME_OF_STATE: 153,
  QUERY_START_TIME: 154,
  QUERY_END_TIME: 155,
  DHCP_STATE: 156,
  DATA_SOURCE: 157,
  END: 255,
} as const;

/**
 * Relay Agent Information (option 82) sub-option codes (RFC 3046 §2.0,
 * RFC 3527, RFC 3993, RFC 5107, RFC 6925).
 *
 * @example
 * ```ts
 * import { RELAY_AGENT_SUBOPTION } from "dhcp-leasequery";
 * console.log(RELAY_AGENT_SUBOPTION.RELAY_ID); // 12
 * ```
 */
export const RELAY_AGENT_SUBOPTION = {
  CIRCUIT_ID: 1,
  REMOTE_ID: 2,
  LINK_SELECTION: 5,
  SUBSCRIBER_ID: 6,
  SERVER_ID_OVERRIDE: 11,
  RELAY_ID: 12,
} as const;

/**
 * Option overload (option 52) values: which fields carry more options
 * (RFC 2132 §9.3).
 *
 * @example
 * ```ts
 * import { OPTION_OVERLOAD } from "dhcp-leasequery";
 * console.log(OPTION_OVERLOAD.BOTH); // 3
 * ```
 */
export const OPTION_OVERLOAD = {
  FILE: 1,
  SNAME: 2,
  BOTH: 3,
} as const;

/**
 * DHCPv4 leasequery status codes, the first byte of option 151 (RFC 6926
 * §6.2.2 for 0-4, RFC 7724 for 5-8).
 *
 * @example
 * ```ts
 * import { LEASEQUERY_STATUS } from "dhcp-leasequery";
 * console.log(LEASEQUERY_STATUS.CatchUpComplete); // 7
 * ```
 */
export const LEASEQUERY_STATUS = {
  Success: 0,
  UnspecFail: 1,
  QueryTerminated: 2,
  MalformedQuery: 3,
  NotAllowed: 4,
  DataMissing: 5,
  ConnectionActive: 6,
  CatchUpComplete: 7,
  TLSConnectionRefused: 8,
} as const;

/**
 * Binding states, the value of option 156 (RFC 6926 §6.2.7).
 *
 * @example
 * ```ts
 * import { DHCP_STATE } from "dhcp-leasequery";
 * console.log(DHCP_STATE.ACTIVE); // 2
 * ```
 */
export const DHCP_STATE = {
  AVAILABLE: 1,
  ACTIVE: 2,
  EXPIRED: 3,
  RELEASED: 4,
  ABANDONED: 5,
  RESET: 6,
  REMOTE: 7,
  TRANSITIONING: 8,
} as const;

/**
 * Flag bits of the data-source option 157 (RFC 6926 §6.2.8): REMOTE set
 * means the binding data came from another server.
 *
 * @example
 * ```ts
 * import { DATA_SOURCE } from "dhcp-leasequery";
 * console.log(DATA_SOURCE.REMOTE); // 1
 * ```
 */
export const DATA_SOURCE = {
  REMOTE: 0x01,
} as const;

/**
 * The magic cookie that starts the options field: 99.130.83.99 (RFC 2131 §3).
 *
 * @example
 * ```ts
 * import { DHCPV4_MAGIC_COOKIE } from "dhcp-leasequery";
 * console.log(DHCPV4_MAGIC_COOKIE.toString(16)); // "63825363"
 * ```
 */
export const DHCPV4_MAGIC_COOKIE = 0x63825363;

function reverse(o: Readonly<Record<string, number>>, fix: (k: string) => string = (k) => k): readonly string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) out[v] = fix(k);
  return out;
}

const MESSAGE_NAMES = /* @__PURE__ */ reverse(DHCPV4_MESSAGE_TYPE);
const STATUS_NAMES = /* @__PURE__ */ reverse(LEASEQUERY_STATUS);
const STATE_NAMES = /* @__PURE__ */ reverse(DHCP_STATE);
const OP_NAMES = /* @__PURE__ */ reverse(BOOTP_OP);

/**
 * The RFC name of a DHCP message type (`"DHCPLEASEACTIVE"`), or undefined.
 *
 * @example
 * ```ts
 * import { dhcpv4MessageTypeName } from "dhcp-leasequery";
 * console.log(dhcpv4MessageTypeName(17)); // "DHCPLEASEQUERYSTATUS"
 * ```
 * @throws never
 */
export function dhcpv4MessageTypeName(type: number): string | undefined {
  return MESSAGE_NAMES[type];
}

/**
 * The RFC name of a DHCPv4 leasequery status code (`"DataMissing"`), or undefined.
 *
 * @example
 * ```ts
 * import { leasequeryStatusName } from "dhcp-leasequery";
 * console.log(leasequeryStatusName(6)); // "ConnectionActive"
 * ```
 * @throws never
 */
export function leasequeryStatusName(code: number): string | undefined {
  return STATUS_NAMES[code];
}

/**
 * The RFC name of a binding state (`"ACTIVE"`), or undefined.
 *
 * @example
 * ```ts
 * import { dhcpStateName } from "dhcp-leasequery";
 * console.log(dhcpStateName(8)); // "TRANSITIONING"
 * ```
 * @throws never
 */
export function dhcpStateName(state: number): string | undefined {
  return STATE_NAMES[state];
}

/**
 * The name of a BOOTP op code (`"BOOTREQUEST"`), or undefined.
 *
 * @example
 * ```ts
 * import { bootpOpName } from "dhcp-leasequery";
 * console.log(bootpOpName(1)); // "BOOTREQUEST"
 * ```
 * @throws never
 */
export function bootpOpName(op: number): string | undefined {
  return OP_NAMES[op];
}
