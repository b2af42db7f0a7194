import { describe, expect, it } from "vitest";
import { captureTime } from "../../cli/input.js";
import { cat, ethernet, framed, LINK, pcapFile, pcapngFile, tcpConversation, udpPacket } from "./capture-builders.js";
import { runCli } from "./fake-io.js";
import { vectorBytes } from "./vectors.js";

const QUERY = vectorBytes("v6/leasequery-by-address.json");
const REPLY = vectorBytes("v6/leasequery-reply-by-address.json");
const DONE = Uint8Array.of(16, 0, 0x04, 0x01);
const c6 = { address: "2001:db8::1", port: 546 };
const s6 = { address: "2001:db8::2", port: 547 };

describe("where a message was found, as Wireshark counts", () => {
  it("counts packets from 1 and shows microsecond times", async () => {
    // 2024-05-01T12:00:00Z, a query and its reply 250 µs apart.
    const file = pcapFile(LINK.ETHERNET, [
      { seconds: 1714564800, micros: 0, data: ethernet(udpPacket(c6, s6, QUERY)) },
      { seconds: 1714564800, micros: 250, data: ethernet(udpPacket(s6, c6, REPLY)) },
    ]);
    const r = await runCli(["--brief", "c.pcap"], { files: { "c.pcap": file } });
    expect(r.stdout.split("\n").map((l) => l.slice(0, l.indexOf(" UDP")))).toEqual([
      "#1 c.pcap: packet 1 2024-05-01T12:00:00.000000Z",
      "#2 c.pcap: packet 2 2024-05-01T12:00:00.000250Z",
      "",
    ]);
    const json = JSON.parse(
      (await runCli(["--json", "c.pcap"], { files: { "c.pcap": file } })).stdout.split("\n")[1] ?? "",
    );
    expect(json.source).toMatchObject({ number: 2, capture: { time: "2024-05-01T12:00:00.000250Z", message: null } });
  });

  it("formats times out of the Date range as seconds", () => {
    expect(captureTime({ seconds: 0, nanoseconds: 1000 })).toBe("1970-01-01T00:00:00.000001Z");
    expect(captureTime({ seconds: 1e15, nanoseconds: 999999999 })).toBe("1000000000000000.999999");
  });

  it("says message N within a TCP connection, counted from 1 in each direction", async () => {
    const ips = tcpConversation({
      client: { address: "2001:db8::1", port: 40001 },
      server: s6,
      clientSegments: [framed(QUERY)],
      serverSegments: [cat(framed(REPLY), framed(DONE))],
    });
    const file = pcapngFile(
      [LINK.ETHERNET],
      ips.map((ip, i) => ({ seconds: 1714564800 + i, data: ethernet(ip) })),
    );
    const r = await runCli(["--brief", "t.pcapng"], { files: { "t.pcapng": file } });
    const where = r.stdout
      .trim()
      .split("\n")
      .map((l) => /TCP connection \d+ message \d+/.exec(l)?.[0]);
    expect(where).toEqual(["TCP connection 0 message 1", "TCP connection 0 message 1", "TCP connection 0 message 2"]);
    expect(r.stdout).not.toMatch(/\bframe\b/);
  });

  it("numbers the messages of a framed file from 1", async () => {
    const r = await runCli(["--brief", "s.bin"], { files: { "s.bin": cat(framed(QUERY), framed(DONE)) } });
    expect(r.stdout).toMatch(/^#1 s\.bin: message 1 \(77 bytes\)/);
    expect(r.stdout).toMatch(/\n#2 s\.bin: message 2 \(4 bytes\)/);
  });
});
