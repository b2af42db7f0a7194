/**
 * The benchmark inputs, built byte by byte from the RFC layouts (not with the
 * library's encoder, so a bug there cannot make its own inputs).
 *
 * - M1: 131-byte LEASEQUERY-REPLY (RFC 5007 §4.1.3): SERVERID (DUID-LLT),
 *   CLIENTID (DUID-LL), LQ_BASE_TIME, CLIENT_DATA { CLIENTID, IAADDR,
 *   IAPREFIX, CLT_TIME }. Both DUID-LLs carry an 8-byte EUI-64 link-layer
 *   address (hardware type 27) to reach exactly 131 bytes.
 * - M2: 62-byte LEASEQUERY-DATA (RFC 5460 §5.2): CLIENT_DATA { CLIENTID
 *   (DUID-LLT, 6-byte MAC), IAADDR, CLT_TIME }.
 * - M3: 340-byte LEASEQUERY-DATA carrying DHCPV4_MSG (RFC 7341 §6.1) with a
 *   DHCPLEASEACTIVE (RFC 4388): options 53, 51, 54, 61, 82 { 1, 2, 12 },
 *   152, 156, end; plus CLIENT_DATA { CLT_TIME }.
 * - S: 100,000 framed M2 variants (xid, client MAC, address, CLT_TIME vary)
 *   cut into 64 KiB chunks.
 * - Scaling: LEASEQUERY-DATA whose CLIENT_DATA holds N IAADDR options.
 * @module
 */

const u16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const u24 = (v: number): number[] => [(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
/** A DHCPv6 option: code (2), option-len (2), data. */
const opt6 = (code: number, ...data: number[][]): number[] => {
  const body = data.flat();
  return [...u16(code), ...u16(body.length), ...body];
};
/** A DHCPv4 option or sub-option: code (1), len (1), data. */
const opt4 = (code: number, ...data: number[][]): number[] => {
  const body = data.flat();
  return [code, body.length, ...body];
};
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** 2001:db8:0:N::1:K, a typical assigned address. */
const addr6 = (n: number, k: number): number[] => [
  0x20,
  0x01,
  0x0d,
  0xb8,
  ...u16(0),
  ...u16(n),
  0,
  0,
  0,
  0,
  ...u16(1),
  ...u16(k),
];

const duidLlt = (mac: number[], time = 0x2a3b4c5d) => [...u16(1), ...u16(1), ...u32(time), ...mac];
const duidLl = (hwType: number, ll: number[]) => [...u16(3), ...u16(hwType), ...ll];
const mac = (k: number): number[] => [0x00, 0x16, 0x3e, (k >>> 16) & 0xff, (k >>> 8) & 0xff, k & 0xff];
const eui64 = [0x02, 0x16, 0x3e, 0xff, 0xfe, 0x12, 0x34, 0x56];

const iaaddr = (a: number[], preferred: number, valid: number) => opt6(5, a, u32(preferred), u32(valid));
const cltTime = (s: number) => opt6(46, u32(s));

/** M1: LEASEQUERY-REPLY, 131 bytes. */
export const M1 = Uint8Array.from([
  15,
  ...u24(0x123456),
  ...opt6(2, duidLlt([0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc])),
  ...opt6(1, duidLl(27, eui64)),
  ...opt6(100, u32(0x2a3b4c5d)),
  ...opt6(
    45,
    opt6(1, duidLl(27, eui64)),
    iaaddr(addr6(1, 0x42), 3600, 7200),
    opt6(26, u32(3600), u32(7200), [56], [0x20, 0x01, 0x0d, 0xb8, 0, 0x42, 0xab, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    cltTime(120),
  ),
]);

/** A LEASEQUERY-DATA of 62 bytes; `k` varies the xid, MAC, address and CLT_TIME. */
export function m2(k: number): Uint8Array {
  return Uint8Array.from([
    17,
    ...u24(k & 0xffffff),
    ...opt6(45, opt6(1, duidLlt(mac(k))), iaaddr(addr6(1 + (k >>> 16), k & 0xffff), 3600, 7200), cltTime(k % 86400)),
  ]);
}

/** M2: LEASEQUERY-DATA, 62 bytes. */
export const M2 = m2(0x4242);

/** The DHCPv4 DHCPLEASEACTIVE inside M3 (RFC 2131 §2 header, RFC 4388 options). */
export const M3_V4 = Uint8Array.from([
  2, // op BOOTREPLY
  1, // htype Ethernet
  6, // hlen
  0, // hops
  ...u32(0xdeadbeef), // xid
  ...u16(0), // secs
  ...u16(0), // flags
  ...[192, 0, 2, 10], // ciaddr
  ...[0, 0, 0, 0], // yiaddr
  ...[0, 0, 0, 0], // siaddr
  ...[192, 0, 2, 1], // giaddr
  ...mac(0xabcdef),
  ...new Array(10).fill(0), // chaddr (16)
  ...new Array(64).fill(0), // sname
  ...new Array(128).fill(0), // file
  99,
  130,
  83,
  99, // magic cookie
  ...opt4(53, [13]), // DHCPLEASEACTIVE
  ...opt4(51, u32(86400)), // lease time
  ...opt4(54, [192, 0, 2, 254]), // server identifier
  ...opt4(61, [1], mac(0xabcdef)), // client identifier
  ...opt4(
    82,
    opt4(1, ascii("ge-0/0/1.100:7")), // circuit-id (14)
    opt4(2, ascii("subscriber-042")), // remote-id (14)
    opt4(12, duidLl(1, mac(0x010203))), // relay-id: DUID-LL (RFC 6925)
  ),
  ...opt4(152, u32(1_700_000_000)), // base-time
  ...opt4(156, [2]), // dhcp-state ACTIVE
  255,
]);

/** M3: LEASEQUERY-DATA with DHCPV4_MSG and CLIENT_DATA, 340 bytes. */
export const M3 = Uint8Array.from([17, ...u24(0x0a0b0c), ...opt6(87, Array.from(M3_V4)), ...opt6(45, cltTime(300))]);

/** LEASEQUERY-DATA with CLIENT_DATA holding `n` IAADDR options. */
export function scaling(n: number): Uint8Array {
  const items: number[][] = [];
  for (let i = 0; i < n; i++) items.push(iaaddr(addr6(1 + (i >>> 16), i & 0xffff), 3600, 7200));
  return Uint8Array.from([17, ...u24(7), ...opt6(45, ...items)]);
}

/** The framed stream S: `count` framed M2 variants, in `chunkSize` chunks. */
export function stream(count = 100_000, chunkSize = 65536): { bytes: number; count: number; chunks: Uint8Array[] } {
  const all = new Uint8Array(count * (2 + M2.length));
  let p = 0;
  for (let k = 0; k < count; k++) {
    const m = m2(k);
    all[p] = m.length >>> 8;
    all[p + 1] = m.length & 0xff;
    all.set(m, p + 2);
    p += 2 + m.length;
  }
  const chunks: Uint8Array[] = [];
  // Each chunk is its own buffer, as a socket would deliver it.
  for (let i = 0; i < all.length; i += chunkSize) chunks.push(all.slice(i, i + chunkSize));
  return { bytes: all.length, count, chunks };
}

const sizes = { M1: [M1.length, 131], M2: [M2.length, 62], M3: [M3.length, 340] } as const;
for (const [name, [got, want]] of Object.entries(sizes)) {
  if (got !== want) throw new Error(`bench input ${name} is ${got} bytes, expected ${want}`);
}
