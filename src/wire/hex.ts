/**
 * Hex text helpers, for tests, examples and inspectors.
 * @module
 */

/**
 * Parses hex text into bytes. Whitespace, `:` and `-` separators and a
 * leading `0x` are ignored.
 *
 * @example
 * ```ts
 * import { hex } from "dhcp-leasequery";
 * console.log(hex("0e 00:00-01")); // Uint8Array(4) [ 14, 0, 0, 1 ]
 * ```
 * @throws TypeError if the text has an odd number of digits or a non-hex character
 */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/^0x/i, "").replace(/[\s:-]/g, "");
  if (clean.length % 2 !== 0) throw new TypeError("hex text has an odd number of digits");
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new TypeError("hex text has a character that is not a hex digit");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Formats bytes as lower-case hex without separators.
 *
 * @example
 * ```ts
 * import { toHex } from "dhcp-leasequery";
 * console.log(toHex(Uint8Array.of(1, 255))); // "01ff"
 * ```
 * @throws never
 */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += DIGITS[bytes[i] as number];
  return s;
}
