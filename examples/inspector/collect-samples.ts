/**
 * Build-time (Node): gathers the inspector's samples from the repository's
 * vectors and captures. Run by `tsup.inspector.config.ts`; the page itself
 * never reads files.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Sample, SampleFormat } from "./samples.js";

interface VectorFile {
  readonly name: string;
  readonly codec: string;
  readonly hex: string;
}

/** `[id, group, title, vector path]`: the vectors offered, chosen to show each kind of message and tree. */
const VECTORS: readonly (readonly [string, string, string, string])[] = [
  ["reply-by-address", "DHCPv6", "LEASEQUERY-REPLY with CLIENT_DATA", "vectors/v6/leasequery-reply-by-address.json"],
  ["data-nested-relay", "DHCPv6", "LEASEQUERY-DATA with LQ_RELAY_DATA", "vectors/v6/leasequery-data-nested-relay.json"],
  ["bulk-time-range", "DHCPv6", "Bulk LEASEQUERY by link address", "vectors/v6/leasequery-bulk-time-range.json"],
  ["active-start-time", "DHCPv6", "ACTIVELEASEQUERY with LQ_START_TIME", "vectors/v6/activeleasequery-start-time.json"],
  [
    "dhcp4o6-data",
    "DHCP4o6",
    "LEASEQUERY-DATA with DHCPLEASEQUERYSTATUS",
    "vectors/v4/dhcp4o6-leasequery-data-status.json",
  ],
  [
    "dhcp4o6-reply",
    "DHCP4o6",
    "LEASEQUERY-REPLY with DHCPLEASEACTIVE",
    "vectors/v4/dhcp4o6-leasequery-reply-active.json",
  ],
  ["dhcp4o6-bulk", "DHCP4o6", "Bulk LEASEQUERY by relay id", "vectors/v6/dhcp4o6-bulk-leasequery.json"],
  ["v4-lease-active", "DHCPv4", "DHCPLEASEACTIVE", "vectors/v4/lease-active.json"],
  [
    "v4-overload-split",
    "DHCPv4",
    "Overloaded file and sname, split option 82",
    "vectors/v4/overload-both-split-82.json",
  ],
  ["bad-option-len", "Invalid", "SERVERID option-len past the end", "vectors/negative/option-len-past-input.json"],
  ["bad-nested-v4", "Invalid", "DHCPV4_MSG without its end option", "vectors/v4/negative/nested-missing-end.json"],
];

/** The messages of the framed stream sample: a Bulk Leasequery reply stream (RFC 5460 §5.1 framing). */
const STREAM = [
  "vectors/v6/leasequery-reply-bulk-full.json",
  "vectors/v6/leasequery-data-nested-relay.json",
  "vectors/v6/leasequery-done-query-terminated.json",
];

/**
 * An ACTIVELEASEQUERY that decodes but breaks RFC 7653 §6.3.3: the vector
 * activeleasequery-start-time with an LQ_END_TIME (option 102, length 4,
 * 767880000 = 2024-05-01T12:00:00Z) appended at message level.
 */
const ACTIVE_WITH_END_TIME = {
  base: "vectors/v6/activeleasequery-start-time.json",
  append: "00660004" + "2dc4eb40",
};

/** Captures offered, when present: the CLI's demo capture, capture-reader test fixtures and a real ISC dhcpd's answers. */
const CAPTURES: readonly (readonly [string, string, string])[] = [
  ["capture-demo", "cli/samples/demo.pcapng", "CLI demo capture"],
  ["capture-mixed", "test/capture/fixtures/mixed.pcapng", "DHCPv6, DHCPv4 and a Bulk Leasequery TCP connection"],
  ["capture-text2pcap", "test/capture/fixtures/text2pcap-tcp.pcapng", "Bulk Leasequery reply stream (text2pcap)"],
  ["capture-isc-v6", "test/capture/fixtures/isc/isc-dhcpv6.pcap", "ISC dhcpd 4.4.3 answering DHCPv6 LEASEQUERY"],
  ["capture-isc-v4", "test/capture/fixtures/isc/isc-dhcpv4.pcap", "ISC dhcpd 4.4.3 answering DHCPLEASEQUERY"],
];

const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/**
 * Reads every sample from the repository at `root`.
 * @param root - the repository root
 * @returns the samples, in the order the page lists them
 * @throws Error if a vector file listed here is missing (a capture that is missing is left out)
 */
export function collectSamples(root: string): Sample[] {
  const read = (path: string): VectorFile => JSON.parse(readFileSync(join(root, path), "utf8")) as VectorFile;
  const formatOf = (v: VectorFile): SampleFormat => (v.codec === "dhcpv4" ? "dhcpv4" : "dhcpv6");
  const out: Sample[] = VECTORS.map(([id, group, title, path]) => {
    const v = read(path);
    return { id, group, title, description: v.name, format: formatOf(v), hex: v.hex, source: path };
  });
  const base = read(ACTIVE_WITH_END_TIME.base);
  out.push({
    id: "active-end-time",
    group: "Invalid",
    title: "ACTIVELEASEQUERY with LQ_END_TIME",
    description: `${base.name}, with an LQ_END_TIME appended, which RFC 7653 §6.3.3 forbids`,
    format: "dhcpv6",
    hex: base.hex + ACTIVE_WITH_END_TIME.append,
    source: `${ACTIVE_WITH_END_TIME.base} + LQ_END_TIME`,
  });
  const frames = STREAM.map((p) => {
    const h = read(p).hex;
    return (h.length / 2).toString(16).padStart(4, "0") + h;
  });
  out.push({
    id: "bulk-stream",
    group: "Stream",
    title: "Bulk Leasequery replies, framed",
    description: "LEASEQUERY-REPLY, LEASEQUERY-DATA and LEASEQUERY-DONE, each behind its 2-byte size",
    format: "stream",
    hex: frames.join(""),
    source: STREAM.join(", "),
  });
  for (const [id, path, title] of CAPTURES) {
    const file = join(root, path);
    if (!existsSync(file)) continue;
    out.push({
      id,
      group: "Captures",
      title: `${path.split("/").pop()}: ${title}`,
      description: title,
      format: "capture",
      hex: toHex(readFileSync(file)),
      source: path,
    });
  }
  return out;
}
