/**
 * The command-line program: `dhcp-leasequery [decode|validate|encode|help]`.
 * `main` takes its host (streams and files) as an argument so that tests
 * run it in-process; bin.ts runs it under Node.
 * @module
 */
import { parseArgs, UsageError } from "./args.js";
import { runDecode, runValidate } from "./decode-command.js";
import { JsonInputError, runEncode } from "./encode-command.js";
import { HELP } from "./help-text.js";
import { InputError } from "./input.js";
import type { CliIo } from "./io.js";

/** The package version, put in by the build (tsup `define`); `dev` when run from source. */
declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "dev";

/** Exit statuses. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/**
 * Runs one command line (without the node and script paths) and returns
 * the exit status. Never throws: usage errors, unreadable inputs, bad JSON
 * and anything unexpected become one line on stderr.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
      await io.stdout.write(`dhcp-leasequery ${VERSION}\n`);
      return EXIT.OK;
    }
    const args = parseArgs(argv);
    if (args.help !== undefined || args.command === "help") {
      await io.stdout.write(`${HELP[args.help ?? "help"]}\n`);
      return EXIT.OK;
    }
    switch (args.command) {
      case "encode":
        return await runEncode(args, io);
      case "validate":
        return await runValidate(args, io);
      default:
        return await runDecode(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      await io.stderr.write(
        `dhcp-leasequery: ${e.message}\n${e instanceof UsageError ? "Try: dhcp-leasequery help\n" : ""}`,
      );
      return EXIT.USAGE;
    }
    if (e instanceof JsonInputError) {
      await io.stderr.write(`error: ${e.message}\n`);
      return EXIT.FAILED;
    }
    // Unexpected (a file that vanished, a bug): one line, no stack trace.
    await io.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.FAILED;
  }
}
