/**
 * RFC rule checks on one decoded message, kept apart from decoding so that
 * an inspector can show a message that breaks a rule instead of nothing.
 * @module
 */

import { checkDhcp4o6 } from "../dhcp4o6/rules.js";
import { MESSAGE_TYPE, QUERY_TYPE, STATUS_CODE } from "../v6/codes.js";
import type { Dhcpv6Message } from "../v6/schema.js";
import { joinPath } from "../wire/path.js";
import { checkCltTime } from "./clt-time.js";
import { type Diagnostic, diagnostic, RULE } from "./rules.js";
import { asksFor, locate, locateInQuery, optionPath } from "./walk.js";

/** What the message alone does not tell. Every field is optional. */
export interface ValidateContext {
  /**
   * How the message travels: `"udp"` for RFC 5007 Leasequery, `"bulk"` for
   * RFC 5460 Bulk Leasequery and `"active"` for RFC 7653 Active Leasequery
   * (both over TCP or a DHCP6oQUIC stream). When absent, rules that depend
   * on it are checked only where the message implies it: LEASEQUERY-DATA
   * and -DONE exist only on TCP, so with a LEASEQUERY as `query` they are
   * Bulk; a query of type ACTIVELEASEQUERY makes the exchange Active.
   */
  readonly exchange?: "udp" | "bulk" | "active";
  /** The query the message answers, for the ORO and transaction-id rules. */
  readonly query?: Dhcpv6Message;
}

// Built by a pure function: property reads at module level would keep this
// (and what it reads) in every bundle of the package, used or not.
const REQUIRED_QUERY_OPTION: Readonly<Record<number, readonly [number, string]>> = /* @__PURE__ */ (() => ({
  [QUERY_TYPE.QUERY_BY_ADDRESS]: [5, "IAADDR"],
  [QUERY_TYPE.QUERY_BY_CLIENTID]: [1, "CLIENTID"],
  [QUERY_TYPE.QUERY_BY_RELAY_ID]: [53, "RELAY_ID"],
  [QUERY_TYPE.QUERY_BY_REMOTE_ID]: [37, "REMOTE_ID"],
}))();

/**
 * Relay levels looked into, which bounds hand-built (even cyclic) values.
 * A relay discards a RELAY-FORW whose hop-count has reached HOP_COUNT_LIMIT
 * (32 in RFC 3315 §20.1.1, 8 in RFC 8415 §19.1.1), so a server can receive
 * hop-counts 0 to 32: at most 33 levels around the client's message.
 */
const MAX_RELAY_NESTING = 33;

/**
 * Checks one message against the rules of RFC 5007, RFC 5460, RFC 7653 and
 * the DHCP4o6 leasequery draft (see {@link RULES}) and returns what it
 * finds, in message order. Never throws: a message that breaks no rule
 * gives `[]`. Relay messages are checked through their RELAY_MSG.
 *
 * @example
 * ```ts
 * import { buildActiveLeasequery, QUERY_TYPE } from "dhcp-leasequery";
 * import { validate } from "dhcp-leasequery";
 * const q = buildActiveLeasequery({ queryType: QUERY_TYPE.QUERY_BY_CLIENTID, clientId: { duidType: 4, uuid: new Uint8Array(16) } }, { transactionId: 1, queryEndTime: 5 });
 * const [d] = validate(q);
 * console.log(d?.rule, d?.path, d?.rfc); // "active-query-end-time" "options[0](LQ_QUERY).options[2](LQ_END_TIME)" "RFC 7653 §6.3.3"
 * ```
 * @throws never
 */
export function validate(message: Dhcpv6Message, context: ValidateContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  check(message, context ?? {}, "", out, 0);
  return out;
}

function check(m: Dhcpv6Message, ctx: ValidateContext, prefix: string, out: Diagnostic[], depth: number): void {
  if (m === null || typeof m !== "object" || !Array.isArray(m.options)) return;
  const start = out.length;
  switch (m.msgType) {
    case MESSAGE_TYPE.RELAY_FORW:
    case MESSAGE_TYPE.RELAY_REPL:
      if (depth >= MAX_RELAY_NESTING) return;
      for (const r of locate(m.options, 9, prefix)) {
        check(r.option.relayMessage, ctx, joinPath(r.path, "relayMessage"), out, depth + 1);
      }
      return;
    case MESSAGE_TYPE.LEASEQUERY:
    case MESSAGE_TYPE.ACTIVELEASEQUERY:
      checkQuery(m, ctx, prefix, out);
      break;
    case MESSAGE_TYPE.LEASEQUERY_REPLY:
    case MESSAGE_TYPE.LEASEQUERY_DATA:
    case MESSAGE_TYPE.LEASEQUERY_DONE:
      checkReply(m, ctx, prefix, out);
      break;
    default:
      return;
  }
  const isReply = m.msgType !== MESSAGE_TYPE.LEASEQUERY && m.msgType !== MESSAGE_TYPE.ACTIVELEASEQUERY;
  checkDhcp4o6(m, prefix, out, isReply ? exchangeOf(m, ctx) : undefined);
  checkCltTime(m, prefix, out);
  inMessageOrder(out, start, prefix);
}

/**
 * Sorts the diagnostics of one message (from `start` on) into wire order:
 * header fields first, then by option, then those about the option list as
 * a whole. The sort is stable, so findings on one option keep rule order.
 */
function inMessageOrder(out: Diagnostic[], start: number, prefix: string): void {
  const skip = prefix === "" ? 0 : prefix.length + 1;
  const key = (d: Diagnostic): number => {
    const rel = d.path.slice(skip);
    const option = /^options\[(\d+)\]/.exec(rel);
    if (option !== null) return Number(option[1]);
    return rel.startsWith("options") ? Number.POSITIVE_INFINITY : -1;
  };
  const own = out.splice(start).sort((a, b) => key(a) - key(b));
  out.push(...own);
}

function checkQuery(m: Dhcpv6Message, ctx: ValidateContext, prefix: string, out: Diagnostic[]): void {
  const active = m.msgType === MESSAGE_TYPE.ACTIVELEASEQUERY;
  // A DHCP4o6 query carries its key in the DHCPv4 message; checkDhcp4o6 matches the query-type to it.
  const dhcp4o6 = m.options.some((o) => o !== null && typeof o === "object" && o.code === 87);
  for (const q of locate(m.options, 44, prefix)) {
    const type = q.option.queryType;
    const required = REQUIRED_QUERY_OPTION[type];
    if (required !== undefined && !dhcp4o6 && locate(q.option.options, required[0], "").length === 0) {
      out.push(
        diagnostic(
          RULE.QUERY_OPTION_MISSING,
          joinPath(q.path, "options"),
          `query-type ${type} needs an ${required[1]} option in the query-options`,
        ),
      );
    } else if (required === undefined && type !== QUERY_TYPE.QUERY_BY_LINK_ADDRESS) {
      out.push(diagnostic(RULE.UNKNOWN_QUERY_TYPE, joinPath(q.path, "queryType"), `query-type ${type} is not defined`));
    }
    if (
      !active &&
      ctx.exchange === "udp" &&
      type >= QUERY_TYPE.QUERY_BY_RELAY_ID &&
      type <= QUERY_TYPE.QUERY_BY_REMOTE_ID
    ) {
      out.push(tcpOnly(q.path, type));
    }
  }
  if (active) {
    for (const e of locateInQuery(m.options, 102, prefix)) {
      out.push(
        diagnostic(
          RULE.ACTIVE_QUERY_END_TIME,
          e.path,
          "an ACTIVELEASEQUERY carries LQ_END_TIME; the server answers MalformedQuery",
        ),
      );
    }
  }
}

function tcpOnly(path: string, type: number): Diagnostic {
  return diagnostic(
    RULE.QUERY_TYPE_TCP_ONLY,
    joinPath(path, "queryType"),
    `query-type ${type} is for Bulk and Active Leasequery over TCP only, not for UDP Leasequery`,
  );
}

/**
 * The exchange the context names or the message implies; undefined when
 * unknown. LEASEQUERY-DATA and -DONE travel only on TCP (RFC 5460 §5.2), so
 * when they answer a LEASEQUERY the exchange is Bulk.
 */
function exchangeOf(m: Dhcpv6Message, ctx: ValidateContext): "udp" | "bulk" | "active" | "tcp" | undefined {
  if (ctx.exchange !== undefined) return ctx.exchange;
  const queryType = ctx.query?.msgType;
  if (queryType === MESSAGE_TYPE.ACTIVELEASEQUERY) return "active";
  if (m.msgType === MESSAGE_TYPE.LEASEQUERY_REPLY) return undefined;
  return queryType === MESSAGE_TYPE.LEASEQUERY ? "bulk" : "tcp";
}

/** Options a LEASEQUERY-DONE may carry: STATUS_CODE (RFC 5460 §5.2.2), LQ_BASE_TIME (RFC 7653 §9.3), OPTION_DHCPV4_MSG (seed 002 §5.1). */
const DONE_OPTIONS: ReadonlySet<number> = /* @__PURE__ */ new Set([13, 100, 87]);

function checkReply(m: Dhcpv6Message, ctx: ValidateContext, prefix: string, out: Diagnostic[]): void {
  const exchange = exchangeOf(m, ctx);
  const clientData = locate(m.options, 45, prefix);
  const where = joinPath(prefix, "options");
  if (m.msgType === MESSAGE_TYPE.LEASEQUERY_DATA) {
    for (const o of [...locate(m.options, 1, prefix), ...locate(m.options, 2, prefix)]) {
      out.push(
        diagnostic(RULE.DATA_REDUNDANT_OPTION, o.path, "LEASEQUERY-DATA repeats what the LEASEQUERY-REPLY carries"),
      );
    }
    for (const s of locate(m.options, 13, prefix)) {
      const code = s.option.statusCode;
      const endsCatchUp = code === STATUS_CODE.CatchUpComplete || code === STATUS_CODE.DataMissing;
      if (!endsCatchUp || exchange === "bulk") {
        out.push(diagnostic(RULE.DATA_REDUNDANT_OPTION, s.path, `LEASEQUERY-DATA carries status ${code}`));
      }
    }
    // In DHCP4o6 the DHCPv4 reply at message level is the binding (seed 002 §5.1).
    const binding = clientData.length > 0 || locate(m.options, 87, prefix).length > 0;
    if (!binding && exchange === "bulk") {
      out.push(
        diagnostic(
          RULE.DATA_WITHOUT_CLIENT_DATA,
          where,
          "a Bulk LEASEQUERY-DATA without CLIENT_DATA must be discarded",
        ),
      );
    }
  }
  if (m.msgType === MESSAGE_TYPE.LEASEQUERY_DONE) {
    m.options.forEach((o, i) => {
      if (o === null || typeof o !== "object" || DONE_OPTIONS.has(o.code)) return;
      const path = optionPath(prefix, i, o.code);
      out.push(
        o.code === 45
          ? diagnostic(RULE.DONE_WITH_CLIENT_DATA, path, "LEASEQUERY-DONE carries a binding, which requestors ignore")
          : diagnostic(RULE.DONE_EXTRA_OPTION, path, `LEASEQUERY-DONE carries option ${o.code}`),
      );
    });
  }
  if (exchange !== undefined && exchange !== "udp") {
    for (const l of locate(m.options, 48, prefix)) {
      out.push(
        diagnostic(RULE.CLIENT_LINK_IN_BULK_REPLY, l.path, "LQ_CLIENT_LINK in a Bulk or Active Leasequery reply"),
      );
    }
  }
  const query = ctx.query;
  if (query === undefined || query === null || !Array.isArray(query.options)) return;
  if ("transactionId" in m && "transactionId" in query && m.transactionId !== query.transactionId) {
    out.push(
      diagnostic(
        RULE.TRANSACTION_ID_MISMATCH,
        joinPath(prefix, "transactionId"),
        `transaction-id ${m.transactionId} answers a query with transaction-id ${query.transactionId}`,
      ),
    );
  }
  // LQ_BASE_TIME belongs to Bulk and Active Leasequery over TCP (RFC 7653 §9.3), not to RFC 5007 UDP.
  if (exchange !== "udp" && asksFor(query.options, 100) && locate(m.options, 100, prefix).length === 0) {
    out.push(
      diagnostic(RULE.BASE_TIME_MISSING, where, "the query's ORO asks for LQ_BASE_TIME and this reply has none"),
    );
  }
}
