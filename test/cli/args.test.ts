import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../cli/args.js";
import { HELP } from "../../cli/help-text.js";
import { runCli } from "./fake-io.js";

const usage = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
};

describe("command line (node:util parseArgs)", () => {
  it("shows the program's help, which lists the commands, for --help before any command", async () => {
    for (const argv of [["--help"], ["-h"], ["capture.pcap", "--help"]]) {
      expect(await runCli(argv)).toMatchObject({ code: 0, stdout: `${HELP.help}\n` });
    }
    for (const command of ["decode", "validate", "encode"]) expect(HELP.help).toContain(`dhcp-leasequery ${command}`);
    expect(await runCli(["validate", "-h"])).toMatchObject({ code: 0, stdout: `${HELP.validate}\n` });
  });

  it("takes short flag groups, --flag=value, a value in the next argument, - and --", () => {
    const a = parseArgs(["-bx", "--format=framed", "--exchange", "bulk", "-", "--", "--not-a-flag"]);
    expect(a).toMatchObject({ command: "decode", brief: true, hexDump: true, format: "framed", exchange: "bulk" });
    expect(a.inputs).toEqual(["-", "--not-a-flag"]);
    expect(parseArgs(["encode", "-o", "out.bin", "--framed"])).toMatchObject({ output: "out.bin", framed: true });
    expect(parseArgs(["decode", "--no-offsets"]).offsets).toBe(false);
  });

  it("names what is wrong with a flag", () => {
    expect(usage(["--frobnicate"])).toBe("unknown option --frobnicate");
    expect(usage(["-q"])).toBe("unknown option -q");
    expect(usage(["encode", "--brief"])).toBe("encode does not take --brief");
    expect(usage(["decode", "--format"])).toBe("--format needs a value");
    expect(usage(["decode", "--format", "--json"])).toBe("--format needs a value");
    expect(usage(["decode", "--json=yes"])).toBe("--json takes no value");
    expect(usage(["decode", "--format", "xml"])).toBe('--format must be raw, framed, pcap or hex, not "xml"');
    expect(usage(["decode", "--v4", "--v6"])).toBe("--v4 and --v6 exclude each other");
    expect(usage(["help", "frobnicate"])).toMatch(/^no help for "frobnicate"/);
  });
});
