/**
 * Writes cli/samples/demo.pcapng, the small capture the CLI decodes when it
 * is given no input (`npx dhcp-leasequery`, `npm run demo`), from the
 * messages in vectors/:
 *
 * - interface 0 (Ethernet), IPv6:
 *   - UDP 547: a LEASEQUERY by address and its LEASEQUERY-REPLY (RFC 5007);
 *   - UDP 547: a LEASEQUERY by relay id, a query type RFC 5460 §5.3 allows
 *     only over TCP, so `validate` has something to say;
 *   - TCP 547: a Bulk Leasequery (RFC 5460): LEASEQUERY by link address,
 *     then LEASEQUERY-REPLY, two LEASEQUERY-DATA and a LEASEQUERY-DONE,
 *     sent by the server in segments that cut across messages, with one
 *     segment retransmitted and two delivered out of order;
 *   - TCP 547: a DHCP4o6 Bulk Leasequery: LEASEQUERY with a
 *     DHCPBULKLEASEQUERY in DHCPV4_MSG, then LEASEQUERY-REPLY
 *     (DHCPLEASEACTIVE), LEASEQUERY-DATA (DHCPLEASEUNASSIGNED) and
 *     LEASEQUERY-DONE (DHCPLEASEQUERYDONE);
 * - interface 1 (Linux cooked, SLL), IPv4 UDP 67: a DHCPv4 DHCPLEASEQUERY
 *   by MAC address and a DHCPLEASEACTIVE (RFC 4388).
 *
 * Run: `npx tsx scripts/make-demo-capture.ts` (then cross-check with
 * `tshark -r cli/samples/demo.pcapng`, see cli/README.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  cat,
  ethernet,
  type Frame,
  framed,
  LINK,
  linuxCooked,
  pcapngFile,
  split,
  tcpConversation,
  udpPacket,
} from "../test/cli/capture-builders.js";

const root = join(import.meta.dirname, "..");

function vector(name: string): Uint8Array {
  const v = JSON.parse(readFileSync(join(root, "vectors", name), "utf8")) as { hex: string };
  return Uint8Array.from(Buffer.from(v.hex, "hex"));
}

/** A copy of a DHCPv6 message with another transaction-id (bytes 1-3), to make one exchange of vectors. */
function withXid(message: Uint8Array, xid: number): Uint8Array {
  const m = message.slice();
  m.set([(xid >> 16) & 0xff, (xid >> 8) & 0xff, xid & 0xff], 1);
  return m;
}

const relay6 = { address: "2001:db8::1", port: 547 };
const server6 = { address: "2001:db8::2", port: 547 };
const relay4 = { address: "192.0.2.1", port: 67 };
const server4 = { address: "192.0.2.2", port: 67 };

const frames: Frame[] = [];
// 2024-05-01T12:00:00Z, the base time the vectors use.
let t = 1714564800 * 1000000;
const add = (ip: Uint8Array, iface = 0): void => {
  frames.push({
    seconds: Math.floor(t / 1000000),
    micros: t % 1000000,
    data: iface === 0 ? ethernet(ip) : linuxCooked(ip),
    iface,
  });
  t += 1250; // 1.25 ms between packets
};

// UDP Leasequery (RFC 5007).
add(udpPacket(relay6, server6, vector("v6/leasequery-by-address.json")));
add(udpPacket(server6, relay6, vector("v6/leasequery-reply-by-address.json")));
add(udpPacket(relay6, server6, vector("v6/leasequery-by-relay-id.json")));

// Bulk Leasequery over TCP (RFC 5460). The vectors of this exchange share xid 0x000401.
const bulkXid = 0x000401;
const bulkServer = cat(
  framed(vector("v6/leasequery-reply-bulk-full.json")),
  framed(vector("v6/repeated-options-order.json")),
  framed(vector("v6/leasequery-data-nested-relay.json")),
  framed(Uint8Array.of(16, bulkXid >> 16, (bulkXid >> 8) & 0xff, bulkXid & 0xff)), // LEASEQUERY-DONE, no options
);
for (const ip of tcpConversation({
  client: { address: "2001:db8::1", port: 40001 },
  server: server6,
  clientSegments: [framed(vector("v6/leasequery-by-link-address.json"))],
  // Segment edges fall inside messages and inside one 2-byte size field.
  serverSegments: split(bulkServer, [300, 200, 100, 153]),
  retransmit: [1],
  swap: [2],
})) {
  add(ip);
}

// DHCP4o6 Bulk Leasequery over TCP (DHCP4o6 leasequery draft §5.1); the
// query vector is given the replies' xid 0x000003 to make one exchange.
const d4o6Server = cat(
  framed(vector("v4/dhcp4o6-leasequery-reply-active.json")),
  framed(vector("v4/dhcp4o6-leasequery-data-unassigned.json")),
  framed(vector("v4/dhcp4o6-leasequery-done-terminated.json")),
);
for (const ip of tcpConversation({
  client: { address: "2001:db8::1", port: 40002 },
  server: server6,
  clientSegments: [framed(withXid(vector("v4/dhcp4o6-leasequery-by-address.json"), 3))],
  serverSegments: split(d4o6Server, [400, 300]),
  clientIsn: 7000,
  serverIsn: 9000,
})) {
  add(ip);
}

// DHCPv4 Leasequery over UDP (RFC 4388), captured on a Linux cooked interface.
add(udpPacket(relay4, server4, vector("v4/leasequery-by-mac.json")), 1);
add(udpPacket(server4, relay4, vector("v4/lease-active.json")), 1);

const out = join(root, "cli", "samples", "demo.pcapng");
const file = pcapngFile([LINK.ETHERNET, LINK.LINUX_SLL], frames);
writeFileSync(out, file);
console.log(`wrote ${out}: ${frames.length} packets, ${file.length} bytes`);
