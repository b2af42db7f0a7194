import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";
import { vectorHex } from "./vectors.js";

const STARTTLS = "17000001";

describe("decode: hex input", () => {
  it("prints a tree with names, values, units, RFC sections and byte ranges", async () => {
    const r = await runCli(["decode", vectorHex("v6/leasequery-reply-by-address.json")]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("#1 hex argument (90 bytes)");
    expect(lines[1]).toBe("LEASEQUERY-REPLY (15)  @0+90");
    expect(r.stdout).toContain("├─ SERVERID (2)  [RFC 8415 §21.3]  @4+18");
    expect(r.stdout).toContain("│     ├─ time: 699436800 (2022-03-01T08:00:00Z)  @12+4");
    expect(r.stdout).toContain("└─ cltTime: 600 s (10m)  @86+4");
    expect(r.stderr).toBe("1 message(s), 0 error(s), 0 warning(s)\n");
  });

  it("reads hex from stdin, one message per line, and leaves out offsets on request", async () => {
    const r = await runCli(["decode", "-", "--no-offsets"], { stdin: `${STARTTLS}\n\n# a comment\n17 00 00 02\n` });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n\n").map((b) => b.split("\n").slice(0, 3))).toEqual([
      ["#1 -: line 1 (4 bytes)", "STARTTLS (23)", "├─ msgType: 23 (STARTTLS)"],
      ["#2 -: line 4 (4 bytes)", "STARTTLS (23)", "├─ msgType: 23 (STARTTLS)"],
      [""],
    ]);
  });

  it("prints a decode error at its byte offset with the bytes around it, exit status 1", async () => {
    // CLT_TIME (46) of 3 bytes inside CLIENT_DATA: the length byte at offset 11 is wrong.
    const r = await runCli(["0f000001002d0007002e0003000e10"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      "#1 hex argument (15 bytes)",
      "error at byte 10 (options[0](CLIENT_DATA).options[0](CLT_TIME)): CLT_TIME is 4 byte(s), option-len says 3",
      "     0  0f 00 00 01 00 2d 00 07 00 2e 00 03 00 0e 10",
      "                                      ^",
    ]);
    expect(r.stderr).toContain("1 did not decode");
    expect(r.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
  });

  it("shows a bad hex line as an input error", async () => {
    const r = await runCli(["-"], { stdin: `${STARTTLS}\nzz\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: -: line 2 is not hex");
    expect(r.stdout).toContain("STARTTLS (23)");
  });

  it("decodes a standalone DHCPv4 message, detected or forced with --v4", async () => {
    const v4 = vectorHex("v4/leasequery-by-mac.json");
    for (const argv of [[v4], [v4, "--v4"]]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("DHCPLEASEQUERY (10)  [RFC 2131 §2]  @0+244");
      expect(r.stdout).toContain("├─ magicCookie: 99.130.83.99 (DHCP)  [RFC 2131 §3]  @236+4");
      expect(r.stdout).toContain("(Ethernet)  @28+16");
    }
    // Forced DHCPv6, the same bytes are a message of type 1 that does not fit.
    expect((await runCli([v4, "--v6"])).code).toBe(1);
  });

  it("shows a DHCP4o6 message's DHCPv4 message in full", async () => {
    const r = await runCli([vectorHex("v4/dhcp4o6-leasequery-data-unassigned.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/DHCPV4_MSG \(87\) {2}\[RFC 7341 §6\.1\]/);
    expect(r.stdout).toMatch(/dhcpv4Message: DHCPLEASEUNASSIGNED \(11\) {2}\[RFC 2131 §2\]/);
    expect(r.stdout).toMatch(/dhcp-state \(156\)/);
  });

  it("prints one line per message with --brief, and hex dumps with -x", async () => {
    const brief = await runCli(["-b", "-"], { stdin: `${STARTTLS}\n0f000001002d0007002e0003000e10\n` });
    expect(brief.stdout.split("\n")).toEqual([
      "#1 -: line 1 (4 bytes): STARTTLS (23) XID: 0x000001",
      "#2 -: line 2 (15 bytes): error at byte 10 (options[0](CLIENT_DATA).options[0](CLT_TIME)): CLT_TIME is 4 byte(s), option-len says 3",
      "",
    ]);
    const h = vectorHex("v6/leasequery-reply-by-address.json");
    const dump = await runCli(["-x", h]);
    const rows = (h.match(/.{1,32}/g) as string[]).map(
      (row, i) => `${String(i * 16).padStart(6)}  ${(row.match(/../g) as string[]).join(" ")}`,
    );
    expect(dump.stdout.endsWith(`└─ cltTime: 600 s (10m)  @86+4\n${rows.join("\n")}\n\n`)).toBe(true);
  });

  it("puts validate diagnostics under the node they concern", async () => {
    const r = await runCli([vectorHex("v6/leasequery-by-relay-id.json"), "--exchange", "udp"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const i = lines.findIndex((l) => l.includes("queryType: 3 (QUERY_BY_RELAY_ID)"));
    expect(lines[i + 1]).toMatch(/^ {6}│ {2}└─ ✖ error query-type-tcp-only: .*\[RFC 5460 §3\]$/);
    expect(r.stderr).toBe("1 message(s), 1 error(s), 0 warning(s)\n");
  });
});
