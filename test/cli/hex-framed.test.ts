import { describe, expect, it } from "vitest";
import { cat, framed } from "./capture-builders.js";
import { runCli } from "./fake-io.js";
import { vectorBytes, vectorHex } from "./vectors.js";

const QUERY = vectorBytes("v6/leasequery-by-address.json");
const REPLY = vectorBytes("v6/leasequery-reply-by-address.json");
const DONE = Uint8Array.of(16, 0, 0x04, 0x01);
const STREAM = cat(framed(QUERY), framed(REPLY), framed(DONE));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const WANT = ["LEASEQUERY (14)", "LEASEQUERY-REPLY (15)", "LEASEQUERY-DONE (16)"];

async function summaries(argv: string[], files: Record<string, string>): Promise<string[]> {
  const r = await runCli(["--json", ...argv], { files });
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { summary: string }).summary);
}

describe("hex text of a framed stream", () => {
  it("is detected on one line, as an argument or in a file", async () => {
    expect(await summaries([toHex(STREAM)], {})).toEqual(WANT);
    expect(await summaries(["s.txt"], { "s.txt": `${toHex(STREAM)}\n` })).toEqual(WANT);
  });

  it("is detected across lines of a few bytes each (xxd -p), sizes cut between lines", async () => {
    // 30 bytes a line: the first line opens with size 0x004d (77) it is too short for.
    const lines = (toHex(STREAM).match(/.{1,60}/g) as string[]).join("\n");
    expect(await summaries(["s.txt"], { "s.txt": lines })).toEqual(WANT);
    const r = await runCli(["--brief", "s.txt"], { files: { "s.txt": lines } });
    expect(r.stdout).toMatch(/^#1 s\.txt: message 1 \(77 bytes\)/);
  });

  it("is read when forced with --format framed, and a stream cut short is reported", async () => {
    // A first frame of 256 bytes or more does not start with 00: only --format framed says so.
    const big = framed(new Uint8Array(300).fill(0x17, 0, 1));
    const text = (toHex(cat(big, framed(DONE))).match(/.{1,60}/g) as string[]).join("\n");
    const r = await runCli(["--json", "--format", "framed", "s.txt"], { files: { "s.txt": text } });
    expect(r.stdout.trim().split("\n")).toHaveLength(2);
    const cut = await runCli(["--format", "framed", "s.txt"], { files: { "s.txt": toHex(STREAM).slice(0, 200) } });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^error: s\.txt: not a valid framed stream: error at byte 79 \(frames\[1\]\): /m);
  });

  it("leaves hex text of one message a line as it was", async () => {
    const lines = [vectorHex("v6/leasequery-by-address.json"), vectorHex("v4/lease-active.json"), "10000401"];
    expect(await summaries(["m.txt"], { "m.txt": lines.join("\n") })).toEqual([
      "LEASEQUERY (14)",
      "DHCPLEASEACTIVE (13)",
      "LEASEQUERY-DONE (16)",
    ]);
    // Forced per line, even a line that is a framed stream is one message.
    const forced = await runCli(["--brief", "--format", "hex", "s.txt"], { files: { "s.txt": toHex(STREAM) } });
    expect(forced.stdout).toMatch(/^#1 s\.txt: line 1 \(177 bytes\)/);
  });
});
