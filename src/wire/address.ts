/**
 * IPv6 and IPv4 address text: RFC 5952 canonical output, liberal input.
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
  // Find the longest run of zero groups in one pass.
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const p = offset + i * 2;
    if ((bytes[p] as number) === 0 && (bytes[p + 1] as number) === 0) {
      if (runStart < 0) runStart = i;
      const len = i - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestStart === 0 && bestLen === 5 && bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff) {
    return `::ffff:${formatIPv4(bytes, offset + 12)}`;
  }
  if (bestLen < 2) bestStart = -1;
  let s = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += "::";
      i += bestLen - 1;
      continue;
    }
    if (s !== "" && !s.endsWith(":")) s += ":";
    s += hexGroup(((bytes[offset + i * 2] as number) << 8) | (bytes[offset + i * 2 + 1] as number));
  }
  return s;
}

function hexGroup(v: number): string {
  if (v < 0x10) return HEX[v] as string;
  if (v < 0x100) return (HEX[v >> 4] as string) + (HEX[v & 15] as string);
  if (v < 0x1000) return (HEX[v >> 8] as string) + (HEX[(v >> 4) & 15] as string) + (HEX[v & 15] as string);
  return (
    (HEX[v >> 12] as string) + (HEX[(v >> 8) & 15] as string) + (HEX[(v >> 4) & 15] as string) + (HEX[v & 15] as string)
  );
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
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  const n = text.length;
  if (text.startsWith("::")) {
    gap = 0;
    i = 2;
    if (n === 2) return writeGroups(groups, gap, out, offset);
  } else if (text[0] === ":") {
    return false;
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
    if (j < n && text[j] === ".") {
      if (groups.length > 6 || (gap >= 0 && groups.length > 5)) return false;
      const v4 = parseIPv4Value(text.slice(i));
      if (v4 < 0) return false;
      groups.push(v4 >>> 16, v4 & 0xffff);
      i = n;
      break;
    }
    if (j === i || j - i > 4) return false;
    groups.push(v);
    i = j;
    if (i === n) break;
    if (text[i] !== ":") return false;
    i++;
    if (text[i] === ":") {
      if (gap >= 0) return false;
      gap = groups.length;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return false;
    }
  }
  if (groups.length > 8 || (gap >= 0 && groups.length > 7) || (gap < 0 && groups.length !== 8)) return false;
  return writeGroups(groups, gap, out, offset);
}

function writeGroups(groups: number[], gap: number, out: Uint8Array, offset: number): boolean {
  out.fill(0, offset, offset + 16);
  const tail = gap < 0 ? 0 : groups.length - gap;
  for (let k = 0; k < groups.length; k++) {
    const slot = gap >= 0 && k >= gap ? 8 - tail + (k - gap) : k;
    const g = groups[k] as number;
    out[offset + slot * 2] = g >> 8;
    out[offset + slot * 2 + 1] = g & 0xff;
  }
  return true;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
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
  const v = typeof text === "string" ? parseIPv4Value(text) : -1;
  if (v < 0) return false;
  out[offset] = v >>> 24;
  out[offset + 1] = (v >>> 16) & 0xff;
  out[offset + 2] = (v >>> 8) & 0xff;
  out[offset + 3] = v & 0xff;
  return true;
}

/** Parses dotted IPv4 text to an unsigned 32-bit value, or -1. */
function parseIPv4Value(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let parts = 0;
  let i = 0;
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
      if (text[j] !== ".") return -1;
      i = j + 1;
    } else if (j !== n) {
      return -1;
    }
  }
  return value;
}
