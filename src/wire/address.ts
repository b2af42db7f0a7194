/**
 * IPv6 and IPv4 address text: RFC 5952 canonical output, liberal input;
 * and colon-separated hex hardware addresses (DHCPv4 `chaddr`).
 *
 * The parsers are single passes over `charCodeAt` writing straight into
 * the caller's bytes: no regular expression, `split`, substring or
 * intermediate array of bytes on the encoder's hot path.
 * @module
 */

const HEX = "0123456789abcdef";

/**
 * Formats 16 bytes at `offset` as RFC 5952 canonical text: lower-case hex,
 * no leading zeros, the longest run of two or more zero groups (the first
 * on a tie) as `::`, and IPv4-mapped addresses as `::ffff:a.b.c.d` (RFC 5952
 * section 5).
 *
 * @example
 * ```ts
 * import { formatIPv6 } from "dhcp-leasequery";
 * const b = new Uint8Array(16); b[0] = 0x20; b[1] = 0x01; b[2] = 0x0d; b[3] = 0xb8; b[15] = 1;
 * console.log(formatIPv6(b)); // "2001:db8::1"
 * ```
 * @throws RangeError if fewer than 16 bytes follow `offset`
 */
export function formatIPv6(bytes: Uint8Array, offset = 0): string {
  if (offset < 0 || bytes.length - offset < 16) throw new RangeError("formatIPv6 needs 16 bytes");
  return ipv6Text(bytes, offset);
}

// Group text by byte, built once (3 x 256 short strings): `HI[x]` is x in
// hex without leading zeros, `LO[x]` is x as two hex digits, `CHI[x]` is
// `":" + HI[x]`. A group is then one or two table reads and one
// concatenation. Measured with the bench's addresses: about 66 ns per
// address, against 372 ns for the digit-by-digit version that tested
// `s.endsWith(":")` per group. A 65,536-entry group table was another 15%
// faster but holds about 1.5 MB of strings, so it is not used.
const HI: string[] = [];
const LO: string[] = [];
const CHI: string[] = [];
for (let x = 0; x < 256; x++) {
  HI.push(x.toString(16));
  LO.push((HEX[x >> 4] as string) + (HEX[x & 15] as string));
  CHI.push(`:${x.toString(16)}`);
}

/**
 * {@link formatIPv6} without the bounds check, for decoders that have
 * already checked that 16 bytes follow `p`.
 * @internal
 */
export function ipv6Text(b: Uint8Array, p: number): string {
  // Find the longest run of zero groups (the first on a tie) in one pass.
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    if (((b[p + 2 * i] as number) | (b[p + 2 * i + 1] as number)) === 0) {
      if (runStart < 0) runStart = i;
      if (i - runStart >= bestLen) {
        bestLen = i - runStart + 1;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestStart === 0 && bestLen === 5 && b[p + 10] === 0xff && b[p + 11] === 0xff) {
    return `::ffff:${b[p + 12]}.${b[p + 13]}.${b[p + 14]}.${b[p + 15]}`;
  }
  if (bestLen < 2) bestStart = -1;
  const gapEnd = bestStart + bestLen;
  let s: string;
  let i: number;
  if (bestStart === 0) {
    if (gapEnd === 8) return "::";
    // The group after the gap brings its own leading ":".
    s = ":";
    i = gapEnd;
  } else {
    const hi = b[p] as number;
    s = hi === 0 ? (HI[b[p + 1] as number] as string) : (HI[hi] as string) + (LO[b[p + 1] as number] as string);
    i = 1;
  }
  for (; i < 8; i++) {
    if (i === bestStart) {
      s += gapEnd === 8 ? "::" : ":";
      i = gapEnd - 1;
      continue;
    }
    const hi = b[p + 2 * i] as number;
    const lo = b[p + 2 * i + 1] as number;
    s += hi === 0 ? (CHI[lo] as string) : (CHI[hi] as string) + (LO[lo] as string);
  }
  return s;
}

/**
 * Parses any valid IPv6 text form (full, compressed, upper or lower case,
 * with an embedded dotted IPv4 tail) into `out` at `offset`. Zone ids,
 * brackets and prefix lengths are not addresses and are rejected.
 *
 * @returns true if the text was valid (and written), false otherwise
 * @example
 * ```ts
 * import { parseIPv6 } from "dhcp-leasequery";
 * const out = new Uint8Array(16);
 * console.log(parseIPv6("2001:DB8:0:0::1", out), out[15]); // true 1
 * ```
 * @throws never
 */
export function parseIPv6(text: string, out: Uint8Array, offset = 0): boolean {
  if (typeof text !== "string" || text.length < 2 || text.length > 45) return false;
  // The groups as read, before the gap is expanded. With charCodeAt instead
  // of one-character strings this took parsing from about 160 to 60 ns per
  // address in the bench's encode of M1. A small array per call rather than
  // a shared scratch (no module state): 1.18x the time of the shared one
  // per parse; two walks over the text writing straight to the output,
  // with no array at all, were 1.96x (same process, CPU time, medians of 7).
  const g: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0;
  let gap = -1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    // Read one group: hex digits, or a dotted IPv4 tail.
    let j = i;
    let v = 0;
    while (j < n && j - i < 5) {
      const d = hexValue(text.charCodeAt(j));
      if (d < 0) break;
      v = (v << 4) | d;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      if (count > 6 || (gap >= 0 && count > 5)) return false;
      const v4 = parseIPv4Value(text, i);
      if (v4 < 0) return false;
      g[count++] = v4 >>> 16;
      g[count++] = v4 & 0xffff;
      break;
    }
    // A ninth group can never make an address.
    if (j === i || j - i > 4 || count === 8) return false;
    g[count++] = v;
    i = j;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return false;
    }
  }
  if (gap >= 0 ? count > 7 : count !== 8) return false;
  // Groups before the gap, zeros, then the groups after it, slot by slot.
  const before = gap < 0 ? 8 : gap;
  const after = 8 - (count - before);
  for (let slot = 0; slot < 8; slot++) {
    const v = slot < before ? (g[slot] as number) : slot >= after ? (g[slot - after + before] as number) : 0;
    out[offset + slot * 2] = v >> 8;
    out[offset + slot * 2 + 1] = v & 0xff;
  }
  return true;
}

// Hex digit values by character code (-1 for anything else): one table read
// instead of three range tests per character, about 10% of a parse.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[HEX.charCodeAt(i)] = i;
  HEX_VALUE[HEX.toUpperCase().charCodeAt(i)] = i;
}

function hexValue(c: number): number {
  return c < 128 ? (HEX_VALUE[c] as number) : -1;
}

/**
 * Formats 4 bytes at `offset` as dotted-decimal IPv4 text.
 *
 * @example
 * ```ts
 * import { formatIPv4 } from "dhcp-leasequery";
 * console.log(formatIPv4(Uint8Array.of(192, 0, 2, 1))); // "192.0.2.1"
 * ```
 * @throws RangeError if fewer than 4 bytes follow `offset`
 */
export function formatIPv4(bytes: Uint8Array, offset = 0): string {
  if (offset < 0 || bytes.length - offset < 4) throw new RangeError("formatIPv4 needs 4 bytes");
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/**
 * Parses dotted-decimal IPv4 text (four decimal octets, no leading zeros
 * except a lone `0`, as inet_pton does) into `out` at `offset`.
 *
 * @returns true if the text was valid (and written), false otherwise
 * @example
 * ```ts
 * import { parseIPv4 } from "dhcp-leasequery";
 * const out = new Uint8Array(4);
 * console.log(parseIPv4("10.0.0.1", out), out[3]); // true 1
 * ```
 * @throws never
 */
export function parseIPv4(text: string, out: Uint8Array, offset = 0): boolean {
  const v = typeof text === "string" ? parseIPv4Value(text, 0) : -1;
  if (v < 0) return false;
  out[offset] = v >>> 24;
  out[offset + 1] = (v >>> 16) & 0xff;
  out[offset + 2] = (v >>> 8) & 0xff;
  out[offset + 3] = v & 0xff;
  return true;
}

/**
 * Parses dotted IPv4 text from `from` to the end of `text` to an unsigned
 * 32-bit value, or -1. Reading from an index rather than a slice keeps the
 * IPv4 tail of an IPv6 address (`::ffff:192.0.2.1`) free of a substring.
 */
function parseIPv4Value(text: string, from: number): number {
  const n = text.length;
  if (n - from < 7 || n - from > 15) return -1;
  let value = 0;
  let parts = 0;
  let i = from;
  while (parts < 4) {
    let j = i;
    let octet = 0;
    while (j < n && j - i < 3) {
      const c = text.charCodeAt(j);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      j++;
    }
    if (j === i || octet > 255 || (j - i > 1 && text.charCodeAt(i) === 48)) return -1;
    value = value * 256 + octet;
    parts++;
    if (parts < 4) {
      if (text.charCodeAt(j) !== 46) return -1;
      i = j + 1;
    } else if (j !== n) {
      return -1;
    }
  }
  return value;
}

/**
 * Parses colon-separated hex bytes (`"02:00:5e:10:00:01"`: each byte exactly
 * two hex digits, either case, one `:` between bytes, nothing else) into
 * `out` at `offset`, at most `max` bytes.
 *
 * One pass over the character codes, each byte written as it is read. It
 * replaces a regular expression, `split(":")`, `parseInt` per byte and two
 * arrays per call, which were about 10% of an encode of bench M3 in its CPU
 * profile (now about 1%); a parse of a MAC takes 0.09x the time it did
 * (same process, CPU time, medians of 15 rounds). On malformed text `out`
 * may hold the bytes read before the error: parse into bytes that are
 * discarded on failure.
 *
 * @returns the number of bytes written, or -1 if the text is malformed or
 *   holds more than `max` bytes
 * @internal
 */
export function parseHexColon(text: string, out: Uint8Array, offset: number, max: number): number {
  const n = text.length;
  // k bytes take 3k - 1 characters.
  if (n % 3 !== 2 || n > max * 3 - 1) return -1;
  const count = (n + 1) / 3;
  for (let k = 0; k < count; k++) {
    const i = k * 3;
    const hi = hexValue(text.charCodeAt(i));
    const lo = hexValue(text.charCodeAt(i + 1));
    if ((hi | lo) < 0 || (k > 0 && text.charCodeAt(i - 1) !== 58)) return -1;
    out[offset + k] = (hi << 4) | lo;
  }
  return count;
}
