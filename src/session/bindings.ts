/**
 * What counts as a binding in a leasequery reply, for DHCPv6 and DHCP4o6
 * alike (seed 002 §5.1): a CLIENT_DATA, a DHCPv4 binding in
 * OPTION_DHCPV4_MSG at message level, or both (then they are one binding).
 * @module
 * @internal
 */
import { dhcp4o6MessageOf, isDhcpv4Binding } from "../dhcp4o6/find.js";
import { findDhcpv4Option } from "../v4/find.js";
import type { Dhcpv4Message } from "../v4/schema.js";
import { clientDataOf } from "../v6/find.js";
import type { Dhcpv6Message, Dhcpv6OptionOf } from "../v6/schema.js";
import { locateInQuery } from "../validate/walk.js";
import { DHCPV6_EPOCH_UNIX } from "../wire/time.js";

/** One binding of a reply. At least one of the two is present. */
export interface ReplyBinding {
  /** Its CLIENT_DATA (for DHCP4o6: the related IPv6 options), when there is one. */
  readonly clientData: Dhcpv6OptionOf<45> | undefined;
  /** For DHCP4o6: the DHCPLEASEACTIVE or DHCPLEASEUNASSIGNED. */
  readonly dhcpv4: Dhcpv4Message | undefined;
}

/** The bindings of a reply, in order. */
export function bindingsOf(message: Dhcpv6Message): ReplyBinding[] {
  const clientData = clientDataOf(message);
  const v4 = dhcp4o6MessageOf(message);
  const out: ReplyBinding[] = [];
  let i = 0;
  // The DHCPv4 binding and the first CLIENT_DATA (its related IPv6 options) are one binding.
  if (v4 !== undefined && isDhcpv4Binding(v4)) out.push({ dhcpv4: v4, clientData: clientData[i++] });
  for (; i < clientData.length; i++) out.push({ dhcpv4: undefined, clientData: clientData[i] });
  return out;
}

/**
 * The catch-up start of a query in the DHCPv6 epoch: its LQ_START_TIME,
 * else (DHCP4o6) the query-start-time (154, seconds since 1970) of the
 * DHCPv4 query, converted (RFC 7653 §8.4.1, RFC 7724).
 */
export function startTimeOf(query: Dhcpv6Message): number | undefined {
  const v6 = locateInQuery(query.options, 101, "")[0]?.option.queryStartTime;
  if (v6 !== undefined) return v6;
  const v4 = dhcp4o6MessageOf(query);
  const start = v4 === undefined ? undefined : findDhcpv4Option(v4, 154)?.queryStartTime;
  return start === undefined ? undefined : start - DHCPV6_EPOCH_UNIX;
}
