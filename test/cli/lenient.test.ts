/**
 * The CLI decodes leniently by default (a DHCPv4 header anomaly is kept
 * with a diagnostic) and strictly with --strict. The capture is ISC dhcpd
 * 4.4.3's (test/capture/fixtures/isc): its replies in packets 4 and 20
 * carry hlen 255 (bytes 0-3: 02 00 ff 00).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../cli/args.js";
import { runCli } from "./fake-io.js";

const ISC = new Uint8Array(readFileSync(join(__dirname, "..", "capture", "fixtures", "isc", "isc-dhcpv4.pcap")));
const files = { "isc.pcap": ISC };

interface Record {
  readonly type: string;
  readonly index: number;
  readonly summary?: string;
  readonly hex?: string;
  readonly message?: { hlen: number; chaddr: { $hex: string }; headerAnomalies?: unknown[] };
  readonly error?: { code: string; offset: number; path: string };
  readonly code?: string;
  readonly offset?: number;
  readonly path?: string;
}

const records = (stdout: string): Record[] =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record);

describe("lenient decoding by default", () => {
  it("decodes every message of the ISC DHCPv4 capture, nothing rejected", async () => {
    const r = await runCli(["decode", "--json", "isc.pcap"], { files });
    expect(r.code).toBe(0);
    const all = records(r.stdout);
    expect(all.map((x) => x.type)).toEqual(Array(20).fill("message"));
    // Packets 4 and 20: DHCPLEASEACTIVE with hlen 255 and chaddr's 16 zero bytes kept raw.
    for (const i of [3, 19]) {
      const m = all[i] as Record;
      expect(m.summary).toBe("DHCPLEASEACTIVE (13)");
      expect([m.message?.hlen, m.message?.chaddr]).toEqual([255, { $hex: "00".repeat(16) }]);
      expect(m.message?.headerAnomalies).toEqual([
        { code: "invalid-value", offset: 2, path: "hlen", reason: expect.any(String) },
      ]);
    }
    expect(all.filter((x) => x.message?.headerAnomalies !== undefined).map((x) => x.index)).toEqual([4, 20]);
  });

  it("shows the anomaly as a diagnostic line under hlen, with its offset and path", async () => {
    const r = await runCli(["decode", "--no-offsets", "isc.pcap"], { files });
    expect(r.code).toBe(0);
    const blocks = r.stdout.split("\n\n");
    const four = blocks[3] as string;
    expect(four).toMatch(/^#4 isc\.pcap: packet 4 /);
    expect(four).toMatch(
      /\n├─ hlen: 255 [^\n]*\n│ {2}└─ ⚠ anomaly invalid-value at byte 2 \(hlen\): [^\n]*\n├─ hops: 0\n/,
    );
    expect(r.stdout.match(/⚠ anomaly /g)?.length).toBe(2);
    const brief = await runCli(["decode", "--brief", "isc.pcap"], { files });
    expect(brief.stdout.split("\n").filter((l) => l.endsWith("(1 header anomaly(ies))"))).toHaveLength(2);
  });

  it("reports the anomalies in validate, as lines and as --json records", async () => {
    const text = await runCli(["validate", "isc.pcap"], { files });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^#4 isc\.pcap: packet 4 .*: ⚠ anomaly invalid-value at byte 2 \(hlen\): /m);
    const json = await runCli(["validate", "--json", "isc.pcap"], { files });
    expect(records(json.stdout).map((x) => [x.type, x.index, x.code, x.offset, x.path])).toEqual([
      ["header-anomaly", 4, "invalid-value", 2, "hlen"],
      ["header-anomaly", 20, "invalid-value", 2, "hlen"],
    ]);
  });

  it("re-encodes the decoded hlen-255 reply byte for byte from its JSON form", async () => {
    const d = await runCli(["decode", "--json", "isc.pcap"], { files });
    const reply = records(d.stdout)[3] as Record;
    const e = await runCli(["encode", JSON.stringify(reply)]);
    expect(e.code).toBe(0);
    expect(e.stdout.trim()).toBe(reply.hex);
  });
});

describe("--strict", () => {
  it("is a flag of decode and validate only", () => {
    expect(parseArgs(["decode", "--strict", "x"]).strict).toBe(true);
    expect(parseArgs(["decode", "x"]).strict).toBe(false);
    expect(() => parseArgs(["encode", "--strict", "{}"])).toThrow("encode does not take --strict");
  });

  it("rejects the hlen-255 replies with the library's error code, offset and path", async () => {
    const r = await runCli(["decode", "--json", "--strict", "isc.pcap"], { files });
    expect(r.code).toBe(1);
    const errors = records(r.stdout).filter((x) => x.type === "error");
    expect(errors.map((x) => [x.index, x.error?.code, x.error?.offset, x.error?.path])).toEqual([
      [4, "invalid-value", 2, "hlen"],
      [20, "invalid-value", 2, "hlen"],
    ]);
    const text = await runCli(["decode", "--strict", "isc.pcap"], { files });
    expect(text.stdout).toContain("error at byte 2 (hlen): hlen 255 is more than the 16 bytes of chaddr\n");
    expect(text.stderr).toContain("20 message(s), 2 did not decode");
  });
});
