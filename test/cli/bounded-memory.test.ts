/**
 * Every kind of input goes through in bounded memory: measured as the
 * bytes read from the file but not yet given out as messages, at each
 * message written. Held whole, that count would be the file's size.
 */
import { describe, expect, it } from "vitest";
import { CHUNK, MAX_MESSAGE } from "../../cli/input.js";
import { cat, ethernet, framed, LINK, pcapFile, udpPacket } from "./capture-builders.js";
import { runCli } from "./fake-io.js";

/** LEASEQUERY-DONE, xid 1, with a STATUS_CODE (13) Success whose text is `n` bytes (RFC 8415 §21.13). */
function done(n: number): Uint8Array {
  const m = new Uint8Array(4 + 4 + 2 + n).fill(0x61);
  m.set([16, 0, 0, 1, 0, 13, (2 + n) >> 8, (2 + n) & 0xff, 0, 0]);
  return m;
}

/**
 * Runs `decode --brief` on one file and returns the most bytes that were
 * read but not yet accounted for by a written message; `consumed(k)` is
 * where the k-th message (from 1) ends in the file.
 */
async function maxHeld(file: Uint8Array | string, argv: string[], consumed: (k: number) => number): Promise<number> {
  let read = 0;
  let messages = 0;
  let held = 0;
  const r = await runCli(["--brief", ...argv, "big"], {
    files: { big: file },
    onRead: (n) => {
      read += n;
    },
    onWrite: (t) => {
      messages += t.split("\n").length - 1;
      held = Math.max(held, read - consumed(messages));
    },
  });
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^\d+ message\(s\), 0 error\(s\)/);
  return held;
}

// One chunk being read and one partial message: what a streaming reader holds at most.
const BOUND = CHUNK + MAX_MESSAGE + 2;
const MESSAGE = done(30000);
const COUNT = 120; // 3.6 MB of frames, 7.2 MB as hex text

// Large inputs take seconds on a loaded machine: the timeouts are generous; nothing here is timed.
describe("decode reads large inputs in bounded memory", () => {
  it("an auto-detected or forced framed stream", async () => {
    const file = cat(...Array.from({ length: COUNT }, () => framed(MESSAGE)));
    expect(file.length).toBeGreaterThan(20 * BOUND);
    expect(await maxHeld(file, [], (k) => k * (2 + MESSAGE.length))).toBeLessThanOrEqual(BOUND);
    expect(await maxHeld(file, ["--format", "framed"], (k) => k * (2 + MESSAGE.length))).toBeLessThanOrEqual(BOUND);
  }, 60000);

  it("hex text, one message a line or a framed stream across lines", async () => {
    const line = `${Buffer.from(MESSAGE).toString("hex")}\n`;
    expect(await maxHeld(line.repeat(COUNT), [], (k) => k * line.length)).toBeLessThanOrEqual(BOUND * 2);
    const frame = framed(MESSAGE);
    const text = (
      Buffer.from(cat(...Array.from({ length: COUNT }, () => frame)))
        .toString("hex")
        .match(/.{1,60}/g) as string[]
    )
      .map((l) => `${l}\n`)
      .join("");
    // 61 characters of text a 30-byte line: message k ends within the line holding its last byte.
    // Its first size, 0x753a, does not start with 00: --format framed says it is a stream.
    const held = await maxHeld(text, ["--format", "framed"], (k) => Math.floor((k * frame.length) / 30) * 61);
    expect(held).toBeLessThanOrEqual(BOUND * 2);
  }, 60000);

  it("a pcap capture", async () => {
    const c = { address: "2001:db8::1", port: 546 };
    const s = { address: "2001:db8::2", port: 547 };
    const packet = ethernet(udpPacket(c, s, done(1000)));
    const file = pcapFile(
      LINK.ETHERNET,
      Array.from({ length: 3000 }, (_, i) => ({ seconds: i, data: packet })),
    );
    expect(await maxHeld(file, [], (k) => 24 + k * (16 + packet.length))).toBeLessThanOrEqual(BOUND);
  }, 60000);
});
