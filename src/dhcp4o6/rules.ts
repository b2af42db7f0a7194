/**
 * The DHCP4o6 leasequery rules (seed 002): a DHCPv6 Bulk or Active
 * Leasequery exchange whose messages carry a DHCPv4 leasequery message in
 * OPTION_DHCPV4_MSG (RFC 7341 §6.1). They build on the rule table and the
 * option walk of `src/validate/` (rules.ts, walk.ts), and `validate` runs
 * them on every leasequery message that carries OPTION_DHCPV4_MSG.
 * @module
 * @internal
 */
import type { RawOption } from "../schema/option.js";
import { DHCPV4_MESSAGE_TYPE, dhcpv4MessageTypeName } from "../v4/codes.js";
import { dhcpv4MessageTypeOf, findDhcpv4Option, findRelayAgentSubOption } from "../v4/find.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { MESSAGE_TYPE, QUERY_TYPE } from "../v6/codes.js";
import { statusOf } from "../v6/find.js";
import type { Dhcpv6Message } from "../v6/schema.js";
import { type Diagnostic, diagnostic, RULE } from "../validate/rules.js";
import { locate, optionPath } from "../validate/walk.js";
import { joinPath } from "../wire/path.js";
import { dhcpv6StatusOf } from "./build.js";

// Built by a pure function: property reads at module level would keep this
// (and what it reads) in every bundle of the package, used or not.
const QUERY_V4_TYPE: Readonly<Record<number, number>> = /* @__PURE__ */ (() => ({
  [MESSAGE_TYPE.LEASEQUERY]: DHCPV4_MESSAGE_TYPE.DHCPBULKLEASEQUERY,
  [MESSAGE_TYPE.ACTIVELEASEQUERY]: DHCPV4_MESSAGE_TYPE.DHCPACTIVELEASEQUERY,
}))();

const REPLY_V4_TYPES: ReadonlySet<number> = /* @__PURE__ */ (() =>
  new Set([
    DHCPV4_MESSAGE_TYPE.DHCPLEASEACTIVE,
    DHCPV4_MESSAGE_TYPE.DHCPLEASEUNASSIGNED,
    DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYDONE,
    DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYSTATUS,
  ]))();

/** DHCPv6 status codes that have a DHCPv4 leasequery counterpart (RFC 6926, RFC 7724). */
const MAPPED_V6_STATUS: ReadonlySet<number> = /* @__PURE__ */ new Set([0, 1, 8, 10, 11, 12, 13, 15]);

/** What each query-type asks by in a DHCPv4 leasequery (RFC 6926 §7.2), and whether the message carries it. */
const V4_CRITERION: Readonly<Record<number, readonly [string, (m: Dhcpv4Message) => boolean]>> =
  /* @__PURE__ */ (() => ({
    [QUERY_TYPE.QUERY_BY_ADDRESS]: ["an address in ciaddr", (m) => m.ciaddr !== "0.0.0.0"],
    // A MAC address (chaddr) is asked as QUERY_BY_CLIENTID too (see dhcp4o6QueryType).
    [QUERY_TYPE.QUERY_BY_CLIENTID]: [
      "a client identifier (option 61) or a MAC address (chaddr)",
      (m) => findDhcpv4Option(m, 61) !== undefined || m.hlen > 0,
    ],
    [QUERY_TYPE.QUERY_BY_RELAY_ID]: [
      "a relay-id (option 82 sub-option 12)",
      (m) => findRelayAgentSubOption(m, 12) !== undefined,
    ],
    [QUERY_TYPE.QUERY_BY_REMOTE_ID]: [
      "a remote-id (option 82 sub-option 2)",
      (m) => findRelayAgentSubOption(m, 2) !== undefined,
    ],
  }))();

/** Adds the DHCP4o6 diagnostics of a leasequery message that carries OPTION_DHCPV4_MSG. */
export function checkDhcp4o6(m: Dhcpv6Message, prefix: string, out: Diagnostic[], exchange?: string): void {
  const isQuery = QUERY_V4_TYPE[m.msgType] !== undefined;
  if (!isQuery) checkPlacement(m, prefix, out);
  let carries = false;
  m.options.forEach((o, i) => {
    if (o === null || typeof o !== "object" || o.code !== 87) return;
    carries = true;
    const raw = o as RawOption;
    if (raw.data instanceof Uint8Array && raw.malformed !== undefined) {
      const path = optionPath(prefix, i, 87);
      out.push(diagnostic(RULE.DHCP4O6_MALFORMED, path, `the DHCPv4 message does not decode: ${raw.malformed}`));
    }
  });
  if (!carries) return;
  if (isQuery) {
    for (const q of locate(m.options, 44, prefix)) {
      if (locate(q.option.options, 6, "").length === 0) {
        out.push(
          diagnostic(RULE.DHCP4O6_ORO_MISSING, joinPath(q.path, "options"), "a DHCP4o6 query's LQ_QUERY needs an ORO"),
        );
      }
    }
  }
  for (const v4 of locate(m.options, 87, prefix)) {
    const message = v4.option.dhcpv4Message;
    if (message === null || typeof message !== "object" || !Array.isArray(message.options)) continue;
    const path = joinPath(v4.path, "dhcpv4Message");
    checkType(m, message, path, out, exchange);
    if (isQuery) checkQueryType(m, message, prefix, out);
    else checkStatus(m, message, prefix, out);
  }
}

/**
 * The DHCPv4 reply sits next to CLIENT_DATA, not inside it: CLIENT_DATA
 * holds the related IPv6 options only (seed 002 §5.1).
 */
function checkPlacement(m: Dhcpv6Message, prefix: string, out: Diagnostic[]): void {
  for (const c of locate(m.options, 45, prefix)) {
    for (const v4 of locate(c.option.options, 87, c.path)) {
      out.push(
        diagnostic(
          RULE.DHCP4O6_MESSAGE_IN_CLIENT_DATA,
          v4.path,
          "OPTION_DHCPV4_MSG inside CLIENT_DATA: the DHCPv4 reply belongs at message level",
        ),
      );
    }
  }
}

function checkType(m: Dhcpv6Message, v4: Dhcpv4Message, path: string, out: Diagnostic[], exchange?: string): void {
  const type = dhcpv4MessageTypeOf(v4);
  const wanted = QUERY_V4_TYPE[m.msgType];
  const ok = type !== undefined && (wanted === undefined ? REPLY_V4_TYPES.has(type) : type === wanted);
  if (ok) {
    if (wanted === undefined) checkPairing(m, type, path, out, exchange);
    return;
  }
  const got = type === undefined ? "no message type" : (dhcpv4MessageTypeName(type) ?? `message type ${type}`);
  const expected =
    wanted === undefined
      ? "DHCPLEASEACTIVE, DHCPLEASEUNASSIGNED, DHCPLEASEQUERYDONE or DHCPLEASEQUERYSTATUS"
      : dhcpv4MessageTypeName(wanted);
  out.push(diagnostic(RULE.DHCP4O6_MESSAGE_TYPE, path, `the DHCPv4 message has ${got}; expected ${expected}`));
}

/**
 * The DHCPv4 reply must fit its DHCPv6 message: DHCPLEASEQUERYDONE ends a
 * query, so a LEASEQUERY-DONE carries it and a LEASEQUERY-DATA never does;
 * DHCPLEASEQUERYSTATUS belongs to Active Leasequery (RFC 7724), not to Bulk
 * (seed 002 §4).
 */
function checkPairing(m: Dhcpv6Message, type: number, path: string, out: Diagnostic[], exchange?: string): void {
  const done = type === DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYDONE;
  const name = dhcpv4MessageTypeName(type);
  let wrong: string | undefined;
  if (m.msgType === MESSAGE_TYPE.LEASEQUERY_DONE && !done)
    wrong = `a LEASEQUERY-DONE carries ${name}, not DHCPLEASEQUERYDONE`;
  else if (m.msgType === MESSAGE_TYPE.LEASEQUERY_DATA && done) wrong = "a LEASEQUERY-DATA carries DHCPLEASEQUERYDONE";
  else if (exchange === "bulk" && type === DHCPV4_MESSAGE_TYPE.DHCPLEASEQUERYSTATUS) {
    wrong = "a Bulk reply carries DHCPLEASEQUERYSTATUS, which only Active Leasequery uses";
  }
  if (wrong !== undefined) out.push(diagnostic(RULE.DHCP4O6_MESSAGE_TYPE, path, wrong));
}

function checkQueryType(m: Dhcpv6Message, v4: Dhcpv4Message, prefix: string, out: Diagnostic[]): void {
  for (const q of locate(m.options, 44, prefix)) {
    const type = q.option.queryType;
    const criterion = V4_CRITERION[type];
    if (criterion !== undefined && !criterion[1](v4)) {
      out.push(
        diagnostic(
          RULE.DHCP4O6_QUERY_TYPE_MISMATCH,
          joinPath(q.path, "queryType"),
          `query-type ${type} asks by ${criterion[0]}, which the DHCPv4 query does not carry`,
        ),
      );
    } else if (criterion === undefined) {
      const carried = Object.values(V4_CRITERION).find(([, has]) => has(v4));
      if (carried !== undefined) {
        out.push(
          diagnostic(
            RULE.DHCP4O6_QUERY_TYPE_MISMATCH,
            joinPath(q.path, "queryType"),
            `query-type ${type} has no DHCPv4 counterpart, but the DHCPv4 query asks by ${carried[0]}`,
          ),
        );
      }
    }
  }
}

function checkStatus(m: Dhcpv6Message, v4: Dhcpv4Message, prefix: string, out: Diagnostic[]): void {
  const v4Status = findDhcpv4Option(v4, 151)?.statusCode ?? 0;
  const expected = dhcpv6StatusOf(v4Status);
  // ConnectionActive and unknown DHCPv4 codes have no DHCPv6 counterpart to compare with.
  if (expected === undefined) return;
  const v6Status = statusOf(m)?.statusCode ?? 0;
  if (v6Status === expected) return;
  // Two failures agree when the DHCPv6 one has no DHCPv4 counterpart (NotConfigured, ...).
  if (expected !== 0 && v6Status !== 0 && !MAPPED_V6_STATUS.has(v6Status)) return;
  const at = locate(m.options, 13, prefix)[0]?.path ?? joinPath(prefix, "options");
  out.push(
    diagnostic(
      RULE.DHCP4O6_STATUS_MISMATCH,
      at,
      `DHCPv6 status ${v6Status} does not mean DHCPv4 leasequery status ${v4Status} (DHCPv6 ${expected})`,
    ),
  );
}
