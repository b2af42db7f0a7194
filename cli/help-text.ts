/**
 * The help text of the program and of each command.
 * @module
 */
import type { Command } from "./args.js";

const EXIT = `Exit status: 0 success; 1 a message did not decode, the input is not a valid
capture, or (validate) a diagnostic of severity error; 2 usage error (bad
option, unreadable input).`;

const INPUT = `INPUT is a file, '-' for standard input, or hex text (one message per line;
spaces, ':' and '-' between bytes are ignored). A file or standard input is
detected as a pcap or pcapng capture (by its magic number), hex text (of
one message a line, or of a framed stream), a framed stream (2-byte
message-size prefixes, RFC 5460 §5.1), or else one raw message. DHCPv4 is
recognised by its magic cookie. Inputs of any size are read in bounded
memory. Without INPUT, the sample capture bundled with the package is
decoded.

Packets, lines and messages are counted from 1 as in Wireshark; times are
UTC with microseconds; a TCP connection is numbered from 0 (Wireshark's
tcp.stream) and its messages from 1 in each direction.`;

/** Help text of each command, and of the program. */
export const HELP: Record<Command, string> = {
  help: `dhcp-leasequery: decode, encode and check DHCPv6 Leasequery, Bulk and Active
Leasequery and DHCP4o6 / DHCPv4 leasequery messages (RFC 5007, 5460, 7653,
4388, 6926, 7724, 7341).

Usage:
  dhcp-leasequery [decode] [INPUT] [options]   print messages as annotated trees
  dhcp-leasequery validate [INPUT] [options]   print RFC rule diagnostics only
  dhcp-leasequery encode [JSON] [options]      turn the JSON form back into bytes
  dhcp-leasequery help COMMAND                 the options of a command
  dhcp-leasequery COMMAND --help               the same
  dhcp-leasequery --version

Captures: pcap and pcapng; Ethernet, Linux cooked (SLL, SLL2), raw IP and
loopback link types; IPv4 and IPv6 (fragments reassembled); UDP 546/547 and
67/68; TCP 547 and 67 (Bulk and Active Leasequery) reassembled in sequence
order, with retransmissions and out-of-order segments handled.

Examples:
  dhcp-leasequery                                   the bundled sample capture
  dhcp-leasequery decode 0e00beef002c...            one message in hex
  dhcp-leasequery decode capture.pcapng --brief     one line per message
  dhcp-leasequery decode stream.bin --json | dhcp-leasequery encode -
  tcpdump -w - port 547 | dhcp-leasequery validate -

${EXIT}`,
  decode: `Usage: dhcp-leasequery decode [INPUT] [options]

Prints each message as a tree: every field and option by name with its value,
unit, RFC section and byte range (@offset+length, from the message's first
byte), the validate diagnostics under the node they concern, and decode
errors at their byte offset with the bytes around it.

${INPUT}

Options:
  -j, --json               one JSON object per line: the message in its JSON
                           form (bytes as {"$hex": ...}, option names as
                           "$name" beside "code"; readable by encode), its
                           hex, diagnostics, errors and, for captures, where
                           it was found
  -b, --brief              one line per message: where it was found, its
                           type, transaction-id and addresses (as
                           Wireshark's Info column)
  -x, --hex-dump           also print each message's bytes
      --no-offsets         leave out the @offset+length column
  -f, --format FORMAT      raw, framed, pcap or hex instead of detecting it
                           (framed with hex text: hex of a framed stream)
      --v4 / --v6          messages are DHCPv4 / DHCPv6 (default: detected)
      --exchange KIND      udp, bulk or active: how the messages travel, for
                           the rules that depend on it (default: from the
                           transport, or what the message implies)
      --progress           report progress on stderr (default: for inputs of
                           32 MiB or more); --no-progress never
      --strict             reject DHCPv4 header anomalies as the library
                           does by default; without it they are decoded
                           and shown as "anomaly" lines (ISC dhcpd sends
                           hlen 255 for a lease without hardware)
  -h, --help               this text

${EXIT}`,
  validate: `Usage: dhcp-leasequery validate [INPUT] [options]

Checks every DHCPv6 message (and the DHCPv4 message inside OPTION_DHCPV4_MSG)
against the rules of RFC 5007, RFC 5460, RFC 7653 and the DHCP4o6 leasequery
draft, and prints the diagnostics only, with their severity, rule, RFC
section and path. Replies are checked against their query when it is in the
same input (same transaction-id, same connection). Standalone DHCPv4
messages are only decoded.

${INPUT}

Options:
  -j, --json               one JSON object per diagnostic or decode error
  -f, --format FORMAT      raw, framed, pcap or hex instead of detecting it
      --v4 / --v6          messages are DHCPv4 / DHCPv6 (default: detected)
      --exchange KIND      udp, bulk or active (see decode --help)
      --progress / --no-progress
      --strict             reject DHCPv4 header anomalies (see decode --help);
                           without it they are printed as anomaly lines
  -h, --help               this text

Exit status: 0 no decode error and no diagnostic of severity error (warnings
are allowed); 1 otherwise; 2 usage error.`,
  encode: `Usage: dhcp-leasequery encode [JSON] [options]

Reads messages in the JSON form that decode --json prints, and prints each
one's bytes as a line of hex. JSON is a file, '-' for standard input, or
JSON text. It may hold decode --json records (one per line; records that
are not messages are skipped), bare messages, or arrays of either. A bare
message is DHCPv6 when it has msgType, DHCPv4 when it has op. "$name"
keys are ignored; null, a "__proto__" key and a "$hex" that is not hex are
errors that name their path.

Options:
      --framed             put the 2-byte message-size in front of each
                           message (RFC 5460 §5.1), for a TCP stream
  -o, --output FILE        write the bytes to FILE instead of hex to stdout
      --v4 / --v6          bare messages are DHCPv4 / DHCPv6
  -h, --help               this text

Exit status: 0 success; 1 invalid JSON or a value that cannot be encoded
(the error names its path); 2 usage error.`,
};
