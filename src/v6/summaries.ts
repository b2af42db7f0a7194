/**
 * What each declared DHCPv6 option carries, in one line: for docs, the
 * README's option table and tools that describe messages. Kept apart from
 * the declarations (src/v6/schema.ts) so that the codec does not carry it.
 * @module
 */

/**
 * One line on what each declared DHCPv6 option carries, by option code.
 *
 * @example
 * ```ts
 * import { OPTION_SUMMARIES } from "dhcp-leasequery";
 * console.log(OPTION_SUMMARIES[46]); // "Seconds since the server last talked to the client."
 * ```
 */
export const OPTION_SUMMARIES: Readonly<Record<number, string>> = {
  1: "The client's DUID.",
  2: "The server's DUID.",
  3: "Identity association for non-temporary addresses.",
  4: "Identity association for temporary addresses.",
  5: "An address with its lifetimes (seconds).",
  6: "Option codes requested.",
  7: "Server preference.",
  8: "Time since the exchange began, in 1/100 s.",
  9: "The relayed DHCPv6 message.",
  12: "Server address for unicast.",
  13: "Status code and UTF-8 message.",
  14: "Two-message exchange requested.",
  18: "Relay interface identifier (opaque).",
  25: "Identity association for prefix delegation.",
  26: "A delegated prefix with its lifetimes (seconds).",
  37: "Relay agent remote-id.",
  38: "Relay agent subscriber-id (opaque).",
  44: "The query: type, link and query-options.",
  45: "One client's binding data (client-options).",
  46: "Seconds since the server last talked to the client.",
  47: "Last relay message received for the client.",
  48: "Links on which the client has bindings.",
  53: "The relay agent's DUID.",
  79: "Client link-layer type and address.",
  87: "A whole DHCPv4 message.",
  88: "DHCP 4o6 server addresses.",
  100: "Server's current absolute time (s since 2000).",
  101: "Start of the query's time range (s since 2000).",
  102: "End of the query's time range (s since 2000).",
};
