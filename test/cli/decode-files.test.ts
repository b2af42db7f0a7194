import { describe, expect, it } from "vitest";
import {
  cat,
  ethernet,
  framed,
  LINK,
  linuxCooked,
  pcapFile,
  pcapngFile,
  split,
  tcpConversation,
  udpPacket,
} from "./capture-builders.js";
import { runCli } from "./fake-io.js";
import { vectorBytes } from "./vectors.js";

const QUERY = vectorBytes("v6/leasequery-by-address.json");
const REPLY = vectorBytes("v6/leasequery-reply-by-address.json");
const V4_QUERY = vectorBytes("v4/leasequery-by-mac.json");
const V4_ACTIVE = vectorBytes("v4/lease-active.json");
const DONE = Uint8Array.of(16, 0, 0x04, 0x01); // LEASEQUERY-DONE, xid 0x000401, no options

/** The `summary` of every message of a --json run, in order. */
async function summaries(argv: string[], files: Record<string, Uint8Array>, chunk?: number): Promise<string[]> {
  const r = await runCli(["decode", "--json", ...argv], { files, ...(chunk ? { chunk } : {}) });
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string; summary?: string })
    .filter((x) => x.type === "message")
    .map((x) => x.summary as string);
}

describe("decode: message files", () => {
  it("reads a raw DHCPv6 or DHCPv4 message", async () => {
    const r = await runCli(["q.bin", "a.bin"], { files: { "q.bin": QUERY, "a.bin": V4_ACTIVE } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("#1 q.bin: message (77 bytes)\nLEASEQUERY (14)  @0+77");
    expect(r.stdout).toContain("#2 a.bin: message (346 bytes)\nDHCPLEASEACTIVE (13)  [RFC 2131 §2]  @0+346");
  });

  it("detects a framed stream, and reads one in small chunks when forced", async () => {
    const stream = cat(framed(QUERY), framed(REPLY), framed(DONE));
    const want = ["LEASEQUERY (14)", "LEASEQUERY-REPLY (15)", "LEASEQUERY-DONE (16)"];
    expect(await summaries(["s.bin"], { "s.bin": stream })).toEqual(want);
    expect(await summaries(["s.bin", "--format", "framed"], { "s.bin": stream }, 5)).toEqual(want);
    const r = await runCli(["s.bin"], { files: { "s.bin": stream } });
    expect(r.stdout).toContain("#2 s.bin: message 2 (90 bytes)");
  });

  it("reports a framed stream cut inside a frame", async () => {
    const r = await runCli(["s.bin", "--format", "framed"], {
      files: { "s.bin": cat(framed(QUERY), framed(REPLY).subarray(0, 20)) },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("LEASEQUERY (14)");
    expect(r.stderr).toMatch(/error: s\.bin: not a valid framed stream: error at byte 79 \(frames\[1\]\): /);
  });

  it("takes --format raw over detection", async () => {
    // Two frames that tile the file: forced raw, it is one (undecodable) message.
    const stream = cat(framed(DONE), framed(DONE));
    const r = await runCli(["s.bin", "--format", "raw"], { files: { "s.bin": stream } });
    expect(r.stdout).toContain("#1 s.bin: message (12 bytes)\nmessage type 0  @0+12");
  });
});

const c6 = { address: "2001:db8::1", port: 546 };
const s6 = { address: "2001:db8::2", port: 547 };
const c4 = { address: "192.0.2.1", port: 68 };
const s4 = { address: "192.0.2.2", port: 67 };
const at = (i: number) => ({ seconds: 1714564800 + i, micros: 500000 });

describe("decode: captures", () => {
  it("reads pcap (both byte orders) over Ethernet, IPv6 and UDP 546/547", async () => {
    const frames = [
      { ...at(0), data: ethernet(udpPacket(c6, s6, QUERY)) },
      { ...at(1), data: ethernet(udpPacket(s6, c6, REPLY)) },
    ];
    for (const le of [false, true]) {
      const file = pcapFile(LINK.ETHERNET, frames, le);
      expect(await summaries(["c.pcap"], { "c.pcap": file })).toEqual(["LEASEQUERY (14)", "LEASEQUERY-REPLY (15)"]);
    }
    const r = await runCli(["c.pcap"], { files: { "c.pcap": pcapFile(LINK.ETHERNET, frames) } });
    expect(r.stdout).toContain(
      "#2 c.pcap: packet 2 2024-05-01T12:00:01.500000Z UDP [2001:db8::2]:547 → [2001:db8::1]:546 (90 bytes)",
    );
  });

  it("reads pcapng with Linux cooked and raw IP interfaces, IPv4 and UDP 67/68", async () => {
    const file = pcapngFile(
      [LINK.LINUX_SLL, LINK.RAW],
      [
        { ...at(0), data: linuxCooked(udpPacket(c4, s4, V4_QUERY)), iface: 0 },
        { ...at(1), data: udpPacket(s4, c4, V4_ACTIVE), iface: 1 },
        { ...at(2), data: udpPacket(c6, s6, QUERY), iface: 1 },
      ],
    );
    expect(await summaries(["c.pcapng"], { "c.pcapng": file })).toEqual([
      "DHCPLEASEQUERY (10)",
      "DHCPLEASEACTIVE (13)",
      "LEASEQUERY (14)",
    ]);
    const r = await runCli(["--brief", "-"], { stdin: file, chunk: 7 });
    expect(r.stdout.split("\n")[1]).toBe(
      "#2 -: packet 2 2024-05-01T12:00:01.500000Z UDP 192.0.2.2:67 → 192.0.2.1:68 (346 bytes): DHCPLEASEACTIVE (13) XID: 0x12345678 ciaddr: 192.0.2.5 chaddr: 02:00:00:00:00:01",
    );
  });

  it("reassembles TCP 547 streams across segments, with a retransmission and out-of-order segments", async () => {
    const server = cat(framed(REPLY), framed(REPLY), framed(DONE));
    const ips = tcpConversation({
      client: { address: "2001:db8::1", port: 40001 },
      server: s6,
      clientSegments: split(framed(QUERY), [30]),
      // Segments 0-4 hold bytes 0-50, 50-93, 93-153, 153-173, 173-190: cuts
      // inside messages and inside the second size field (bytes 92-93).
      // Sent as 0, 1, 1 again, 3, 2, 4 (packets 6-11, counted from 1): the first reply is
      // whole at packet 7, the second and the DONE at packet 11.
      serverSegments: split(server, [50, 43, 60, 20]),
      retransmit: [1],
      swap: [2],
    });
    const file = pcapFile(
      LINK.ETHERNET,
      ips.map((ip, i) => ({ ...at(i), data: ethernet(ip) })),
    );
    const r = await runCli(["--brief", "t.pcap"], { files: { "t.pcap": file } });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").map((l) => l.replace(/ 2024\S+/, ""))).toEqual([
      "#1 t.pcap: packet 5 TCP connection 0 message 1 [2001:db8::1]:40001 → [2001:db8::2]:547 (77 bytes): LEASEQUERY (14) XID: 0x00beef address: 2001:db8:1::100",
      "#2 t.pcap: packet 7 TCP connection 0 message 1 [2001:db8::2]:547 → [2001:db8::1]:40001 (90 bytes): LEASEQUERY-REPLY (15) XID: 0x00beef address: 2001:db8:1::100",
      "#3 t.pcap: packet 11 TCP connection 0 message 2 [2001:db8::2]:547 → [2001:db8::1]:40001 (90 bytes): LEASEQUERY-REPLY (15) XID: 0x00beef address: 2001:db8:1::100",
      "#4 t.pcap: packet 11 TCP connection 0 message 3 [2001:db8::2]:547 → [2001:db8::1]:40001 (4 bytes): LEASEQUERY-DONE (16) XID: 0x000401",
      "",
    ]);
  });

  it("reads DHCPv4 Bulk Leasequery over TCP 67", async () => {
    const ips = tcpConversation({
      client: { address: "192.0.2.1", port: 40000 },
      server: s4,
      clientSegments: [framed(V4_QUERY)],
      serverSegments: split(framed(V4_ACTIVE), [100, 100]),
    });
    const file = pcapngFile(
      [LINK.ETHERNET],
      ips.map((ip, i) => ({ ...at(i), data: ethernet(ip) })),
    );
    expect(await summaries(["t.pcapng"], { "t.pcapng": file })).toEqual([
      "DHCPLEASEQUERY (10)",
      "DHCPLEASEACTIVE (13)",
    ]);
  });

  it("gives a bad capture a clear message and exit status 1, with no stack trace", async () => {
    const good = pcapFile(LINK.ETHERNET, [{ ...at(0), data: ethernet(udpPacket(c6, s6, QUERY)) }]);
    const cut = good.subarray(0, good.length - 10);
    const r = await runCli(["cut.pcap"], { files: { "cut.pcap": cut } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: cut\.pcap: not a valid pcap capture: error at byte 24 \(records\[0\]\): .*\n0 message\(s\)/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const json = await runCli(["--json", "cut.pcap"], { files: { "cut.pcap": cut } });
    expect(JSON.parse(json.stdout)).toMatchObject({ type: "input-error", error: { offset: 24, path: "records[0]" } });
    const forced = await runCli(["q.bin", "--format", "pcap"], { files: { "q.bin": QUERY } });
    expect(forced.stderr).toMatch(/not a valid pcap or pcapng capture: error at byte 0: not a pcap or pcapng capture/);
  });

  it("reports packets it skips, and progress on stderr when asked", async () => {
    const file = pcapFile(147, [{ ...at(0), data: Uint8Array.of(1, 2, 3) }]);
    const r = await runCli(["c.pcap", "--progress"], { files: { "c.pcap": file } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: c\.pcap: .*link type 147/m);
    expect(r.stderr).toMatch(/^read: 0\.0 MiB of 0\.0 MiB \(100%\), 0 message\(s\)$/m);
    const big = pcapFile(
      LINK.ETHERNET,
      Array.from({ length: 50 }, (_, i) => ({ ...at(i), data: ethernet(udpPacket(c6, s6, QUERY)) })),
    );
    const tty = await runCli(["c.pcap", "--brief"], {
      files: { "c.pcap": big },
      stderrTTY: true,
      largeInput: 1000,
      chunk: 512,
    });
    expect(tty.stderr).toContain("\r\x1b[Kreading: ");
    expect(tty.stderr).toContain("\r\x1b[Kread: 0.0 MiB of 0.0 MiB (100%), 50 message(s)\n");
    const quiet = await runCli(["c.pcap", "--brief"], { files: { "c.pcap": big }, largeInput: 1000 });
    expect(quiet.stderr).not.toContain("read");
  });

  it("streams a capture: each message is written before the rest of the file is read", async () => {
    const frames = Array.from({ length: 40 }, (_, i) => ({ ...at(i), data: ethernet(udpPacket(c6, s6, QUERY)) }));
    const file = pcapFile(LINK.ETHERNET, frames);
    const trace: string[] = [];
    const r = await runCli(["--brief", "c.pcap"], { files: { "c.pcap": file }, chunk: 200, trace });
    expect(r.stdout.split("\n")).toHaveLength(41);
    // 40 records of 155 bytes after a 24-byte header, in 200-byte chunks: 32 reads; the first
    // message is written after the first 512 bytes (3 chunks, looked at to tell the format), long
    // before the last one is read.
    expect(trace.filter((x) => x === "read")).toHaveLength(32);
    expect(trace.indexOf("write")).toBeLessThanOrEqual(3);
    expect(trace.lastIndexOf("read")).toBeGreaterThan(trace.indexOf("write") + 30);
  });

  it("decodes the bundled sample capture when given no input", async () => {
    const r = await runCli(["--brief"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toHaveLength(15);
    expect(r.stdout).toContain("(1 error(s))");
  });
});
