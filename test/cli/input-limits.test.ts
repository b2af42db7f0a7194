/** What the reader refuses rather than hold without bound, and how it says so. */
import { describe, expect, it } from "vitest";
import { MAX_LINE, MAX_MESSAGE } from "../../cli/input.js";
import { cat, framed } from "./capture-builders.js";
import { runCli } from "./fake-io.js";

const DONE = Uint8Array.of(16, 0, 0x04, 0x01);

describe("input limits", () => {
  it("refuses a binary input longer than a message that is not a framed stream", async () => {
    // Starts with an empty frame (size 0): not framing, and too long for one message.
    const file = new Uint8Array(MAX_MESSAGE + 100);
    const r = await runCli(["big.bin"], { files: { "big.bin": file }, chunk: 4096 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: big.bin: not a framed stream, and longer than a DHCP message can be (${MAX_MESSAGE} bytes)`,
    );
    const raw = await runCli(["--format", "raw", "big.bin"], { files: { "big.bin": file } });
    expect(raw.stderr).toContain(`error: big.bin: longer than a DHCP message can be (${MAX_MESSAGE} bytes)`);
  }, 60000);

  it("reads a framed stream longer than a message when its sizes hold", async () => {
    const stream = cat(...Array.from({ length: 20000 }, () => framed(DONE)));
    expect(stream.length).toBeGreaterThan(MAX_MESSAGE);
    const r = await runCli(["--brief", "s.bin"], { files: { "s.bin": stream }, chunk: 1000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("20000 message(s), 0 error(s), 0 warning(s)\n");
  }, 60000);

  it("ends hex text at a line longer than it reads", async () => {
    const r = await runCli(["t.txt"], { files: { "t.txt": `17000001\n${"0".repeat(MAX_LINE + 2)}\n17000002\n` } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("#1 t.txt: line 1 (4 bytes)");
    expect(r.stdout).not.toContain("line 3");
    expect(r.stderr).toContain(`error: t.txt: line 2 is longer than ${MAX_LINE} characters`);
  }, 60000);

  it("stops hex text of a framed stream at a line that is not hex", async () => {
    const hex = Buffer.from(cat(framed(DONE), framed(DONE))).toString("hex");
    const r = await runCli(["t.txt"], { files: { "t.txt": `${hex}\nzz\n${hex}\n` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: t\.txt: line 2 is not hex/m);
    expect(r.stderr).toMatch(/^2 message\(s\)/m);
  }, 60000);
});
