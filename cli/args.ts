/**
 * Command-line parsing: the command, its flags and its inputs, and the
 * help text of each command.
 * @module
 */

/** The commands. */
export type Command = "decode" | "encode" | "validate" | "help";

/** How the input is read; `auto` detects it. */
export type InputFormat = "auto" | "raw" | "framed" | "pcap" | "hex";

/** The parsed command line. */
export interface Args {
  readonly command: Command;
  /** The command whose help to show, when `--help` (or `help CMD`) was given. */
  readonly help: Command | undefined;
  /** Positional arguments: a file, `-` for stdin, or hex / JSON text. */
  readonly inputs: readonly string[];
  readonly json: boolean;
  readonly format: InputFormat;
  /** Forced message kind; undefined to detect it. */
  readonly kind: "dhcpv4" | "dhcpv6" | undefined;
  readonly brief: boolean;
  readonly offsets: boolean;
  readonly hexDump: boolean;
  readonly exchange: "udp" | "bulk" | "active" | undefined;
  /** true: always, false: never, undefined: for large inputs. */
  readonly progress: boolean | undefined;
  readonly framed: boolean;
  readonly output: string | undefined;
}

/** A command line that cannot be run; exits with status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const COMMANDS = new Set<string>(["decode", "encode", "validate", "help"]);
const FORMATS = new Set<string>(["auto", "raw", "framed", "pcap", "hex"]);
const EXCHANGES = new Set<string>(["udp", "bulk", "active"]);

/** Which flags each command takes (the rest are usage errors). */
const FLAGS: Record<Command, ReadonlySet<string>> = {
  decode: new Set([
    "json",
    "format",
    "v4",
    "v6",
    "brief",
    "offsets",
    "no-offsets",
    "hex-dump",
    "exchange",
    "progress",
    "no-progress",
  ]),
  validate: new Set(["json", "format", "v4", "v6", "exchange", "progress", "no-progress"]),
  encode: new Set(["framed", "output", "v4", "v6"]),
  help: new Set(),
};

const SHORT: Record<string, string> = { h: "help", j: "json", x: "hex-dump", b: "brief", o: "output", f: "format" };
const WITH_VALUE = new Set(["format", "exchange", "output"]);

/**
 * Parses `argv` (without the node and script paths). A first argument that
 * is not a command means `decode`, so `dhcp-leasequery file.pcap` works.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.js";
 * console.log(parseArgs(["decode", "--json", "-"]).inputs); // ["-"]
 * ```
 * @throws UsageError for an unknown flag, a missing or bad flag value, or a flag the command does not take
 */
export function parseArgs(argv: readonly string[]): Args {
  let command: Command = "decode";
  let rest = argv;
  if (argv.length > 0 && COMMANDS.has(argv[0] as string)) {
    command = argv[0] as Command;
    rest = argv.slice(1);
  }
  const flags = new Map<string, string | true>();
  const inputs: string[] = [];
  let help = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    // "-" alone is standard input; "--" ends the flags.
    if (a === "-" || !a.startsWith("-")) {
      inputs.push(a);
      continue;
    }
    if (a === "--") {
      inputs.push(...rest.slice(i + 1));
      break;
    }
    let name: string;
    let value: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) value = a.slice(eq + 1);
    } else {
      const long = SHORT[a.slice(1)];
      if (long === undefined) throw new UsageError(`unknown option ${a}`);
      name = long;
    }
    if (name === "help") {
      help = true;
      continue;
    }
    if (!Object.values(FLAGS).some((s) => s.has(name))) throw new UsageError(`unknown option --${name}`);
    if (!FLAGS[command].has(name)) throw new UsageError(`${command} does not take --${name}`);
    if (WITH_VALUE.has(name)) {
      if (value === undefined) {
        value = rest[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    }
  }
  if (command === "help") {
    const topic = inputs[0];
    if (topic !== undefined && (!COMMANDS.has(topic) || topic === "help")) {
      throw new UsageError(`no help for ${JSON.stringify(topic)}: the commands are decode, encode, validate`);
    }
    return base("help", (topic as Command | undefined) ?? "help", []);
  }
  const format = (flags.get("format") as string | undefined) ?? "auto";
  if (!FORMATS.has(format))
    throw new UsageError(`--format must be raw, framed, pcap or hex, not ${JSON.stringify(format)}`);
  const exchange = flags.get("exchange") as string | undefined;
  if (exchange !== undefined && !EXCHANGES.has(exchange)) {
    throw new UsageError(`--exchange must be udp, bulk or active, not ${JSON.stringify(exchange)}`);
  }
  if (flags.has("v4") && flags.has("v6")) throw new UsageError("--v4 and --v6 exclude each other");
  if (flags.has("progress") && flags.has("no-progress"))
    throw new UsageError("--progress and --no-progress exclude each other");
  return {
    ...base(command, help ? command : undefined, inputs),
    json: flags.has("json"),
    format: format as InputFormat,
    kind: flags.has("v4") ? "dhcpv4" : flags.has("v6") ? "dhcpv6" : undefined,
    brief: flags.has("brief"),
    offsets: !flags.has("no-offsets"),
    hexDump: flags.has("hex-dump"),
    exchange: exchange as Args["exchange"],
    progress: flags.has("progress") ? true : flags.has("no-progress") ? false : undefined,
    framed: flags.has("framed"),
    output: flags.get("output") as string | undefined,
  };
}

function base(command: Command, help: Command | undefined, inputs: string[]): Args {
  return {
    command,
    help,
    inputs,
    json: false,
    format: "auto",
    kind: undefined,
    brief: false,
    offsets: true,
    hexDump: false,
    exchange: undefined,
    progress: undefined,
    framed: false,
    output: undefined,
  };
}

const EXIT = `Exit status: 0 success; 1 a message did not decode, the input is not a valid
capture, or (validate) a diagnostic of severity error; 2 usage error (bad
option, unreadable input).`;

const INPUT = `INPUT is a file, '-' for standard input, or hex text (one message per line;
spaces, ':' and '-' between bytes are ignored). A file or standard input is
detected as a pcap or pcapng capture (by its magic number), a framed stream
(2-byte message-size prefixes that tile it exactly, RFC 5460 §5.1), hex
text, or else one raw message. DHCPv4 is recognised by its magic cookie.
Without INPUT, the sample capture bundled with the package is decoded.`;

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
                           form (bytes as {"$hex": ...}, readable by encode),
                           its hex, diagnostics, errors and, for captures,
                           where it was found
  -b, --brief              one line per message
  -x, --hex-dump           also print each message's bytes
      --no-offsets         leave out the @offset+length column
  -f, --format FORMAT      raw, framed, pcap or hex instead of detecting it
      --v4 / --v6          messages are DHCPv4 / DHCPv6 (default: detected)
      --exchange KIND      udp, bulk or active: how the messages travel, for
                           the rules that depend on it (default: from the
                           transport, or what the message implies)
      --progress           report progress on stderr (default: for inputs of
                           32 MiB or more); --no-progress never
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
  -h, --help               this text

Exit status: 0 no decode error and no diagnostic of severity error (warnings
are allowed); 1 otherwise; 2 usage error.`,
  encode: `Usage: dhcp-leasequery encode [JSON] [options]

Reads messages in the JSON form that decode --json prints, and prints each
one's bytes as a line of hex. JSON is a file, '-' for standard input, or
JSON text. It may hold decode --json records (one per line; records that
are not messages are skipped), bare messages, or arrays of either. A bare
message is DHCPv6 when it has msgType, DHCPv4 when it has op.

Options:
      --framed             put the 2-byte message-size in front of each
                           message (RFC 5460 §5.1), for a TCP stream
  -o, --output FILE        write the bytes to FILE instead of hex to stdout
      --v4 / --v6          bare messages are DHCPv4 / DHCPv6
  -h, --help               this text

Exit status: 0 success; 1 invalid JSON or a value that cannot be encoded
(the error names its path); 2 usage error.`,
};
