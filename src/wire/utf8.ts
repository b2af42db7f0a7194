import { DecodeError, EncodeError } from "../errors.js";

// fatal: invalid UTF-8 is an error rather than U+FFFD, which would not
// re-encode to the same bytes. ignoreBOM: keep a leading BOM in the string so
// it is written back.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes UTF-8 strictly; `offset` is where the bytes start in the input.
 * @internal
 */
export function decodeUtf8(bytes: Uint8Array, offset: number): string {
  // Short ASCII fast path: most status messages are short ASCII, and
  // TextDecoder's call overhead dominates for them. The bound keeps the
  // spread argument count small.
  let ascii = bytes.length <= 64;
  for (let i = 0; ascii && i < bytes.length; i++) {
    if ((bytes[i] as number) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.length === 0 ? "" : String.fromCharCode.apply(null, bytes as unknown as number[]);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new DecodeError("invalid-value", offset, "text is not valid UTF-8");
  }
}

/**
 * UTF-8 length of a string without encoding it (surrogates checked as in
 * {@link encodeUtf8}).
 * @internal
 */
export function utf8Length(s: unknown): number {
  if (typeof s !== "string") throw new EncodeError("invalid-value", `expected a string, got ${typeof s}`);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) {
        throw new EncodeError("invalid-value", "string has a lone surrogate, which UTF-8 cannot carry");
      }
      n += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw new EncodeError("invalid-value", "string has a lone surrogate, which UTF-8 cannot carry");
    } else n += 3;
  }
  return n;
}

/**
 * Writes a string known (from {@link utf8Length}) to be well formed.
 * @internal
 */
export function writeUtf8(s: string, out: Uint8Array, offset: number): number {
  return encoder.encodeInto(s, out.subarray(offset)).written;
}
