/**
 * Cross-check against Wireshark: each fixture capture was read by tshark
 * 4.0 (see fixtures/make-fixtures.sh) and its per-frame fields stored next
 * to it. Two of the fixtures were written by Wireshark's tools (editcap's
 * pcapng writer, text2pcap), not by our builders. Our reader, layer
 * decoders and extractor must agree with tshark on the frame count, times,
 * lengths, UDP and TCP ports, TCP sequence numbers and payload lengths, and
 * on which DHCP messages complete in which frame.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DhcpTrafficExtractor, decodePacket, readCapture } from "../../src/capture/index.js";

const dir = join(__dirname, "fixtures");

interface Row {
  frame: number;
  time: string;
  len: number;
  capLen: number;
  udp: string;
  tcp: string;
  tcpSeq: string;
  tcpLen: string;
  /** DHCPv6 (UDP or TCP) and DHCPv4 message types completed in this frame. */
  dhcp: string;
}

function tshark(name: string): Row[] {
  const text = readFileSync(join(dir, `${name}.tshark.tsv`), "utf8").trimEnd();
  return text.split("\n").map((line) => {
    const [frame, time, len, capLen, us, ud, ts, td, seq, tlen, v6, bulk, v4] = line.split("\t");
    return {
      frame: Number(frame),
      time: time as string,
      len: Number(len),
      capLen: Number(capLen),
      udp: us ? `${us}>${ud}` : "",
      tcp: ts ? `${ts}>${td}` : "",
      tcpSeq: seq ?? "",
      tcpLen: tlen ?? "",
      dhcp: [v6, bulk, v4].filter(Boolean).join(","),
    };
  });
}

/** The DHCP Message Type option (53) of a DHCPv4 message, found by walking its options. */
function dhcpv4Type(m: Uint8Array): number | undefined {
  for (let p = 240; p + 1 < m.length; ) {
    const code = m[p] as number;
    if (code === 255) return undefined;
    if (code === 0) {
      p++;
      continue;
    }
    if (code === 53) return m[p + 2];
    p += 2 + (m[p + 1] as number);
  }
  return undefined;
}

function ours(name: string): Row[] {
  const packets = readCapture(readFileSync(join(dir, name)));
  const x = new DhcpTrafficExtractor();
  const dhcp = new Map<number, string[]>();
  const reassembledUdp = new Map<number, string>();
  const events = [...packets.flatMap((p) => x.packet(p)), ...x.finish()];
  for (const e of events) {
    if (e.type !== "message") continue;
    const t = e.kind === "dhcpv6" ? e.payload[0] : dhcpv4Type(e.payload);
    dhcp.set(e.packetIndex, [...(dhcp.get(e.packetIndex) ?? []), String(t)]);
    if (e.transport === "udp") reassembledUdp.set(e.packetIndex, `${e.src.port}>${e.dst.port}`);
  }
  return packets.map((p) => {
    const d = decodePacket(p.linkType, p.data);
    const ts = p.timestamp as NonNullable<typeof p.timestamp>;
    return {
      frame: p.index + 1,
      time: `${ts.seconds}.${String(ts.nanoseconds).padStart(9, "0")}`,
      len: p.originalLength,
      capLen: p.data.length,
      udp: d?.udp ? `${d.udp.srcPort}>${d.udp.dstPort}` : (reassembledUdp.get(p.index) ?? ""),
      tcp: d?.tcp ? `${d.tcp.srcPort}>${d.tcp.dstPort}` : "",
      tcpSeq: d?.tcp ? String(d.tcp.seq) : "",
      tcpLen: d?.tcp ? String(d.tcp.payload.length) : "",
      dhcp: (dhcp.get(p.index) ?? []).join(","),
    };
  });
}

describe("agreement with tshark", () => {
  for (const name of ["mixed.pcap", "mixed.pcapng", "sll2-be-nano.pcap", "text2pcap-tcp.pcapng"]) {
    it(name, () => {
      const expected = tshark(name);
      expect(expected.length).toBeGreaterThan(1);
      expect(ours(name)).toEqual(expected);
    });
  }

  it("reads the same packets from the pcap and from Wireshark's pcapng conversion of it", () => {
    const a = readCapture(readFileSync(join(dir, "mixed.pcap")));
    const b = readCapture(readFileSync(join(dir, "mixed.pcapng")));
    expect(b.map((p) => [p.timestamp, p.linkType, Array.from(p.data)])).toEqual(
      a.map((p) => [p.timestamp, p.linkType, Array.from(p.data)]),
    );
  });
});
