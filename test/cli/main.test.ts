import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../cli/help-text.js";
import { runCli } from "./fake-io.js";

describe("main", () => {
  it("prints help and the version", async () => {
    expect(await runCli(["help"])).toMatchObject({ code: 0, stdout: `${HELP.help}\n` });
    expect(await runCli(["decode", "--help"])).toMatchObject({ code: 0, stdout: `${HELP.decode}\n` });
    expect(await runCli(["help", "encode"])).toMatchObject({ code: 0, stdout: `${HELP.encode}\n` });
    expect((await runCli(["--version"])).stdout).toBe("dhcp-leasequery dev\n");
  });

  it("exits 2 with one line for usage errors and unreadable inputs", async () => {
    const flag = await runCli(["decode", "--frobnicate"]);
    expect(flag).toMatchObject({ code: 2, stdout: "" });
    expect(flag.stderr).toBe("dhcp-leasequery: unknown option --frobnicate\nTry: dhcp-leasequery help\n");
    const missing = await runCli(["decode", "no-such.pcap"]);
    expect(missing).toMatchObject({
      code: 2,
      stderr: "dhcp-leasequery: no-such.pcap: no such file, and not hex text\n",
    });
    expect((await runCli(["decode", "dir/"])).stderr).toBe("dhcp-leasequery: dir/ is not a file\n");
    expect((await runCli(["encode", "nothing"])).code).toBe(2);
  });
});

// The real entry under Node, through tsx: exit status, stdin and stderr as a user sees them.
describe("the executable", () => {
  const bin = join(__dirname, "..", "..", "cli", "bin.ts");
  const tsx = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
  const run = (args: string[], input?: string) =>
    spawnSync(tsx, [bin, ...args], { input: input ?? "", encoding: "utf8", timeout: 60000 });

  it("decodes stdin and sets the exit status", () => {
    const ok = run(["decode", "-"], "17000001\n");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("STARTTLS (23)  @0+4");
    const bad = run(["validate", "-"], "170000\n");
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("error at byte 1 (transactionId)");
    expect(bad.stderr).toBe("");
  }, 60000);

  it("reports a bad capture without a stack trace", () => {
    const r = run(["decode", "--format", "pcap", "-"], "not a capture");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: -: not a valid pcap or pcapng capture: error at byte 0: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60000);
});
