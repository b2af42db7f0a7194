/**
 * What each declared DHCPv4 option and relay agent sub-option carries, in
 * one line: for docs and tools that describe messages. Kept apart from the
 * declarations (src/v4/schema.ts) so that the codec does not carry it.
 * @module
 */

/**
 * One line on what each declared DHCPv4 option carries, by option code.
 *
 * @example
 * ```ts
 * import { DHCPV4_OPTION_SUMMARIES } from "dhcp-leasequery";
 * console.log(DHCPV4_OPTION_SUMMARIES[51]); // "Lease time, in seconds."
 * ```
 */
export const DHCPV4_OPTION_SUMMARIES: Readonly<Record<number, string>> = {
  1: "The client's subnet mask.",
  3: "Routers on the client's subnet, in order of preference.",
  6: "DNS servers, in order of preference.",
  12: "The client's host name (NVT ASCII bytes).",
  15: "The client's DNS domain (NVT ASCII bytes).",
  28: "The broadcast address of the client's subnet.",
  50: "The address a client asks for (or queried).",
  51: "Lease time, in seconds.",
  52: "The file and/or sname fields carry more options.",
  53: "The DHCP message type.",
  54: "The server's address.",
  55: "Option codes requested.",
  58: "Seconds from assignment until T1 (renewing).",
  59: "Seconds from assignment until T2 (rebinding).",
  61: "Client identifier: a type, then the identifier.",
  81: "The client's fully qualified domain name and update flags.",
  82: "Sub-options added by a relay agent.",
  91: "Seconds since the client last talked to a server.",
  92: "The other addresses bound to the same client.",
  151: "Leasequery status code and UTF-8 message.",
  152: "The server's current time (s since 1970).",
  153: "Seconds before base-time the binding entered its state.",
  154: "Only bindings changed since (s since 1970).",
  155: "Only bindings changed until (s since 1970).",
  156: "The binding's state.",
  157: "Flags: 0x01 = the data came from another server.",
};

/**
 * One line on what each declared relay agent sub-option (RFC 3046) carries,
 * by sub-option code.
 *
 * @example
 * ```ts
 * import { RELAY_AGENT_SUBOPTION_SUMMARIES } from "dhcp-leasequery";
 * console.log(RELAY_AGENT_SUBOPTION_SUMMARIES[5]); // "The subnet the client is on."
 * ```
 */
export const RELAY_AGENT_SUBOPTION_SUMMARIES: Readonly<Record<number, string>> = {
  1: "The relay's circuit the request came in on (opaque).",
  2: "The remote end of the circuit (opaque).",
  5: "The subnet the client is on.",
  6: "The subscriber (opaque, usually NVT ASCII).",
  11: "The address the client is to use as server identifier.",
  12: "An identifier of the relay agent (opaque).",
};
