/**
 * Pasted hex text to bytes, saying where text that is not hex is. Pure: no
 * DOM.
 * @module
 */

/** Text that is not hex: the character at fault and where it is. */
export class HexInputError extends TypeError {
  /**
   * @param message - what is wrong and where
   * @param index - the character at fault, from 0 (UTF-16 units, as `String` indexes)
   * @param line - its line, from 1
   * @param column - its column, from 1
   */
  constructor(
    message: string,
    readonly index: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "HexInputError";
  }
}

const isSeparator = (c: string | undefined): boolean => c === undefined || /[\s,:-]/.test(c);

function digit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

function place(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: index - start + 1 };
}

function fail(text: string, index: number, what: string): never {
  const { line, column } = place(text, index);
  throw new HexInputError(`${what} at character ${index} (line ${line}, column ${column})`, index, line, column);
}

/**
 * Parses pasted hex: whitespace, `:`, `-` and `,` separators and `0x`
 * prefixes (on any byte or group) are ignored; digits pair up across
 * separators.
 * @param text - the pasted text
 * @returns the bytes
 * @throws HexInputError for a character that is not hex or an odd number of digits, with its place
 */
export function parseHexInput(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  let high = -1;
  let highAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = digit(c);
    if (d >= 0) {
      // "0x" opening a group is a prefix, not a digit.
      if (d === 0 && (text[i + 1] === "x" || text[i + 1] === "X") && isSeparator(text[i - 1])) {
        i++;
        continue;
      }
      if (high < 0) {
        high = d;
        highAt = i;
      } else {
        out[n++] = (high << 4) | d;
        high = -1;
      }
      continue;
    }
    if (isSeparator(text[i])) continue;
    const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
    fail(text, i, `${JSON.stringify(ch)} is not a hex digit`);
  }
  if (high >= 0) fail(text, highAt, "odd number of digits: the last one has no pair");
  return out.slice(0, n);
}
