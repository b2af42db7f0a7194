/**
 * The RFC rules {@link validate} checks, one entry each: its id, how bad a
 * breach is (`error` for MUST, `warning` for SHOULD), and where the RFC says
 * it.
 * @module
 */

/**
 * Rule ids, by name. The values are stable, kebab-case strings that
 * diagnostics carry in `rule`.
 *
 * @example
 * ```ts
 * import { RULE, RULES } from "dhcp-leasequery";
 * console.log(RULE.ACTIVE_QUERY_END_TIME, RULES[RULE.ACTIVE_QUERY_END_TIME].rfc); // "active-query-end-time" "RFC 7653 §6.3.3"
 * ```
 */
export const RULE = {
  /** A CLT_TIME too large to be a time since the last transaction (likely an absolute time). */
  CLT_TIME_IMPLAUSIBLE: "clt-time-implausible",
  /** LQ_END_TIME in an ACTIVELEASEQUERY. */
  ACTIVE_QUERY_END_TIME: "active-query-end-time",
  /** An LQ_QUERY whose query-options lack the option its query-type needs. */
  QUERY_OPTION_MISSING: "query-option-missing",
  /** A query-type no RFC defines. */
  UNKNOWN_QUERY_TYPE: "unknown-query-type",
  /** QUERY_BY_RELAY_ID, _LINK_ADDRESS or _REMOTE_ID in UDP Leasequery. */
  QUERY_TYPE_TCP_ONLY: "query-type-tcp-only",
  /** SERVERID, CLIENTID or STATUS_CODE in a LEASEQUERY-DATA. */
  DATA_REDUNDANT_OPTION: "data-redundant-option",
  /** A Bulk LEASEQUERY-DATA without CLIENT_DATA. */
  DATA_WITHOUT_CLIENT_DATA: "data-without-client-data",
  /** A binding (CLIENT_DATA) in a LEASEQUERY-DONE. */
  DONE_WITH_CLIENT_DATA: "done-with-client-data",
  /** A LEASEQUERY-DONE option other than STATUS_CODE, LQ_BASE_TIME and (DHCP4o6) OPTION_DHCPV4_MSG. */
  DONE_EXTRA_OPTION: "done-extra-option",
  /** LQ_CLIENT_LINK in a Bulk or Active reply. */
  CLIENT_LINK_IN_BULK_REPLY: "client-link-in-bulk-reply",
  /** A reply without LQ_BASE_TIME to a query whose ORO asked for it. */
  BASE_TIME_MISSING: "base-time-missing",
  /** A reply whose transaction-id is not its query's. */
  TRANSACTION_ID_MISMATCH: "transaction-id-mismatch",
  /** A DHCP4o6 query whose LQ_QUERY has no ORO. */
  DHCP4O6_ORO_MISSING: "dhcp4o6-oro-missing",
  /** A DHCP4o6 LQ_QUERY query-type that is not the query the DHCPv4 message makes. */
  DHCP4O6_QUERY_TYPE_MISMATCH: "dhcp4o6-query-type-mismatch",
  /** A DHCPv4 message type that does not belong in this DHCPv6 message. */
  DHCP4O6_MESSAGE_TYPE: "dhcp4o6-message-type",
  /** DHCPv6 and DHCPv4 statuses that do not mean the same. */
  DHCP4O6_STATUS_MISMATCH: "dhcp4o6-status-mismatch",
  /** An OPTION_DHCPV4_MSG whose DHCPv4 message does not decode. */
  DHCP4O6_MALFORMED: "dhcp4o6-malformed",
  /** An OPTION_DHCPV4_MSG inside a CLIENT_DATA instead of at message level. */
  DHCP4O6_MESSAGE_IN_CLIENT_DATA: "dhcp4o6-message-in-client-data",
} as const;

/** A rule id. */
export type RuleId = (typeof RULE)[keyof typeof RULE];

/** How bad a breach is: `error` breaks a MUST, `warning` a SHOULD. */
export type Severity = "error" | "warning";

/** What every rule declares. */
export interface RuleInfo {
  readonly severity: Severity;
  /** Where the rule is stated, e.g. `"RFC 5460 §6.3"`. */
  readonly rfc: string;
  /** The rule in one line. */
  readonly summary: string;
}

// Seed 002 (DHCP4o6 Bulk/Active Leasequery) is a draft without an RFC number,
// cited as "DHCP4o6 Leasequery draft". Plain strings, not template literals:
// esbuild keeps a table holding a template literal in every bundle.

/**
 * Every rule with its severity, RFC section and summary.
 *
 * @example
 * ```ts
 * import { RULES } from "dhcp-leasequery";
 * console.log(RULES["data-without-client-data"].severity); // "error"
 * ```
 */
export const RULES: { readonly [R in RuleId]: RuleInfo } = {
  "clt-time-implausible": {
    severity: "warning",
    rfc: "RFC 5007 §4.1.2.3",
    summary:
      "CLT_TIME counts seconds since the client's last transaction; more than 10 years (315,576,000 s) is no such time (likely an absolute timestamp, as ISC dhcpd 4.4 sends).",
  },
  "active-query-end-time": {
    severity: "error",
    rfc: "RFC 7653 §6.3.3",
    summary: "LQ_END_TIME MUST NOT be used in an ACTIVELEASEQUERY; the server answers MalformedQuery (§9.3).",
  },
  "query-option-missing": {
    severity: "error",
    rfc: "RFC 5007 §4.1.2.1",
    summary:
      "The query-options MUST carry IAADDR (by address), CLIENTID (by client id), RELAY_ID (by relay id, RFC 5460 §5.3.1) or REMOTE_ID (by remote id, RFC 5460 §5.3.3).",
  },
  "unknown-query-type": {
    severity: "warning",
    rfc: "RFC 5007 §4.1.2.1",
    summary: "No RFC defines this query-type; a server answers UnknownQueryType.",
  },
  "query-type-tcp-only": {
    severity: "error",
    rfc: "RFC 5460 §3",
    summary: "Query types 3-5 MUST NOT be sent in RFC 5007 (UDP) Leasequery.",
  },
  "data-redundant-option": {
    severity: "warning",
    rfc: "RFC 5460 §5.2.1",
    summary:
      "LEASEQUERY-DATA SHOULD NOT carry SERVERID, CLIENTID or STATUS_CODE (Active Leasequery's CatchUpComplete and DataMissing excepted, RFC 7653 §8.4.1).",
  },
  "data-without-client-data": {
    severity: "error",
    rfc: "RFC 5460 §6.3",
    summary:
      "A Bulk LEASEQUERY-DATA without CLIENT_DATA MUST be discarded. In DHCP4o6 (seed 002 §5.1) an OPTION_DHCPV4_MSG at message level is a binding too.",
  },
  "done-with-client-data": {
    severity: "warning",
    rfc: "RFC 5460 §5.2.2",
    summary: "LEASEQUERY-DONE carries no binding: other options SHOULD NOT be included.",
  },
  "done-extra-option": {
    severity: "warning",
    rfc: "RFC 5460 §5.2.2",
    summary:
      "LEASEQUERY-DONE carries STATUS_CODE and nothing else that the RFC does not add: LQ_BASE_TIME (RFC 7653 §9.3) and, in DHCP4o6, the DHCPLEASEQUERYDONE in OPTION_DHCPV4_MSG (seed 002 §5.1).",
  },
  "client-link-in-bulk-reply": {
    severity: "error",
    rfc: "RFC 5460 §6.3",
    summary: "LQ_CLIENT_LINK MUST NOT be present in Bulk (or Active) Leasequery replies.",
  },
  "base-time-missing": {
    severity: "error",
    rfc: "RFC 7653 §9.3",
    summary:
      "When the query's ORO holds LQ_BASE_TIME, every Bulk or Active reply MUST carry LQ_BASE_TIME (UDP Leasequery, RFC 5007, has no such rule).",
  },
  "transaction-id-mismatch": {
    severity: "error",
    rfc: "RFC 5460 §5.2.1",
    summary: "Replies, LEASEQUERY-DATA and LEASEQUERY-DONE MUST carry the transaction-id of their query.",
  },
  "dhcp4o6-oro-missing": {
    severity: "error",
    rfc: "DHCP4o6 Leasequery draft §5.1",
    summary: "A DHCP4o6 LEASEQUERY or ACTIVELEASEQUERY MUST include an ORO in its LQ_QUERY query-options.",
  },
  "dhcp4o6-query-type-mismatch": {
    severity: "error",
    rfc: "DHCP4o6 Leasequery draft §5.1",
    summary: "The LQ_QUERY query-type MUST be the query the nested DHCPv4 message makes.",
  },
  "dhcp4o6-message-type": {
    severity: "error",
    rfc: "DHCP4o6 Leasequery draft §4",
    summary:
      "Queries carry DHCPBULKLEASEQUERY / DHCPACTIVELEASEQUERY; replies carry DHCPLEASEACTIVE, DHCPLEASEUNASSIGNED, DHCPLEASEQUERYDONE or (Active only) DHCPLEASEQUERYSTATUS; a LEASEQUERY-DONE carries DHCPLEASEQUERYDONE and a LEASEQUERY-DATA never does.",
  },
  "dhcp4o6-status-mismatch": {
    severity: "error",
    rfc: "DHCP4o6 Leasequery draft §5.1",
    summary: "The DHCPv6 status MUST mean the same as the DHCPv4 status of the nested message.",
  },
  "dhcp4o6-malformed": {
    severity: "error",
    rfc: "RFC 7341 §6.1",
    summary: "OPTION_DHCPV4_MSG MUST hold a whole DHCPv4 message.",
  },
  "dhcp4o6-message-in-client-data": {
    severity: "error",
    rfc: "DHCP4o6 Leasequery draft §5.1",
    summary:
      "The DHCPv4 reply goes in OPTION_DHCPV4_MSG at message level; CLIENT_DATA holds only the related IPv6 options.",
  },
};

/** One finding of {@link validate}. */
export interface Diagnostic {
  /** Which rule (see {@link RULE}). */
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Where the rule is stated. */
  readonly rfc: string;
  /**
   * Where in the message, in the path syntax of DecodeError:
   * `options[1](LQ_QUERY).options` is the query-options of the message's
   * second option, an LQ_QUERY.
   */
  readonly path: string;
  /** What is wrong, in a sentence. */
  readonly message: string;
}

/** @internal */
export function diagnostic(rule: RuleId, path: string, message: string): Diagnostic {
  const info = RULES[rule];
  return { rule, severity: info.severity, rfc: info.rfc, path, message };
}
