/**
 * Command-line parsing with `node:util` `parseArgs`: the command, its flags
 * and its inputs. The help texts are in help-text.ts.
 * @module
 */
import { parseArgs as parseNodeArgs } from "node:util";

/** The commands. */
export type Command = "decode" | "encode" | "validate" | "help";

/** How the input is read; `auto` detects it. */
export type InputFormat = "auto" | "raw" | "framed" | "pcap" | "hex";

/** The parsed command line. */
export interface Args {
  readonly command: Command;
  /** The command whose help to show, when `--help` (or `help CMD`) was given; `help` for the program's. */
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
  /** Decode with the library's strict defaults instead of the CLI's lenient mode. */
  readonly strict: boolean;
}

/** A command line that cannot be run; exits with status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const COMMANDS: readonly Command[] = ["decode", "encode", "validate", "help"];
const FORMATS: readonly string[] = ["auto", "raw", "framed", "pcap", "hex"];
const EXCHANGES: readonly string[] = ["udp", "bulk", "active"];

/** Every flag, declared once for `parseArgs`. */
const OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean", short: "j" },
  brief: { type: "boolean", short: "b" },
  "hex-dump": { type: "boolean", short: "x" },
  offsets: { type: "boolean" },
  "no-offsets": { type: "boolean" },
  format: { type: "string", short: "f" },
  v4: { type: "boolean" },
  v6: { type: "boolean" },
  exchange: { type: "string" },
  progress: { type: "boolean" },
  "no-progress": { type: "boolean" },
  framed: { type: "boolean" },
  output: { type: "string", short: "o" },
  strict: { type: "boolean" },
} as const;

type Flag = keyof typeof OPTIONS;

/** Which flags each command takes (the rest are usage errors); `--help` goes with all. */
const FLAGS: Record<Command, readonly Flag[]> = {
  decode: [
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
    "strict",
  ],
  validate: ["json", "format", "v4", "v6", "exchange", "progress", "no-progress", "strict"],
  encode: ["framed", "output", "v4", "v6"],
  help: [],
};

const isFlag = (name: string): name is Flag => Object.hasOwn(OPTIONS, name);

/**
 * Parses `argv` (without the node and script paths). A first argument that
 * is not a command means `decode`, so `dhcp-leasequery file.pcap` works;
 * `--help` before any command shows the program's help, which lists the
 * commands.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.js";
 * console.log(parseArgs(["decode", "--json", "-"]).inputs); // ["-"]
 * ```
 * @throws UsageError for an unknown flag, a missing or bad flag value, or a flag the command does not take
 */
export function parseArgs(argv: readonly string[]): Args {
  const named = (COMMANDS as readonly string[]).includes(argv[0] ?? "");
  const command: Command = named ? (argv[0] as Command) : "decode";
  // Not strict: the tokens are checked below, so that each mistake gets its own message.
  const { tokens } = parseNodeArgs({
    args: argv.slice(named ? 1 : 0),
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const flags = new Map<Flag, string | true>();
  const inputs: string[] = [];
  let help = false;
  for (const t of tokens) {
    if (t.kind === "positional") inputs.push(t.value);
    if (t.kind !== "option") continue;
    if (!isFlag(t.name)) throw new UsageError(`unknown option ${t.rawName}`);
    if (t.name === "help") {
      help = true;
      continue;
    }
    if (!FLAGS[command].includes(t.name)) throw new UsageError(`${command} does not take --${t.name}`);
    if (OPTIONS[t.name].type === "string") {
      // parseArgs takes the next argument whatever it is; a flag there means the value was left out.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith("-") && t.value !== "-")) {
        throw new UsageError(`--${t.name} needs a value`);
      }
      flags.set(t.name, t.value);
    } else {
      if (t.value !== undefined) throw new UsageError(`--${t.name} takes no value`);
      flags.set(t.name, true);
    }
  }
  if (command === "help" || (help && !named)) {
    const topic = command === "help" ? inputs[0] : undefined;
    if (topic !== undefined && (!(COMMANDS as readonly string[]).includes(topic) || topic === "help")) {
      throw new UsageError(`no help for ${JSON.stringify(topic)}: the commands are decode, encode, validate`);
    }
    return base("help", (topic as Command | undefined) ?? "help", []);
  }
  const format = (flags.get("format") as string | undefined) ?? "auto";
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be raw, framed, pcap or hex, not ${JSON.stringify(format)}`);
  const exchange = flags.get("exchange") as string | undefined;
  if (exchange !== undefined && !EXCHANGES.includes(exchange)) {
    throw new UsageError(`--exchange must be udp, bulk or active, not ${JSON.stringify(exchange)}`);
  }
  const both = (a: Flag, b: Flag): void => {
    if (flags.has(a) && flags.has(b)) throw new UsageError(`--${a} and --${b} exclude each other`);
  };
  both("v4", "v6");
  both("progress", "no-progress");
  both("offsets", "no-offsets");
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
    strict: flags.has("strict"),
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
    strict: false,
  };
}
