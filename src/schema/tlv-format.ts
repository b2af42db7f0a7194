/**
 * The TLV formats of this library's option lists: how wide the code and
 * length fields are, and the words their errors use (each format keeps the
 * words of the RFC that defines it).
 * @module
 */
import type { OptionDef } from "./option.js";

/**
 * One TLV format: a code field, a length field counting the data that
 * follows, then the data.
 * @internal
 */
export interface TlvFormat {
  /** Bytes of the code field. */
  readonly codeBytes: 1 | 2;
  /** Bytes of the length field. */
  readonly lenBytes: 1 | 2;
  /** The largest code the code field holds (all ones: 0xff or 0xffff). */
  readonly maxCode: number;
  /** The largest length the length field holds. */
  readonly maxLength: number;
  /**
   * How a header cut short by its region is reported. `"header"`: as the
   * whole header missing at the entry's start, unnamed (the code of an
   * incomplete header is not taken). `"length"`: once the code is complete,
   * as the length field missing at its own offset, the entry named by code.
   */
  readonly shortHeader: "header" | "length";
  /** What a short-header error calls the missing part. */
  readonly headerWord: string;
  /** What a too-long error calls the data, e.g. `"option-data"`. */
  readonly dataWord: string;
  /** How a length-mismatch reason cites the length field, e.g. `"option-len says"`. */
  readonly lengthSays: string;
  /** How a left-over reason cites the length, e.g. `"option-len"`. */
  readonly lengthWord: string;
  /**
   * The reason for a length that runs past its region: `left` bytes follow
   * the header there; `atInputEnd` when the region ends with the input.
   */
  runsPast(len: number, atInputEnd: boolean, left: number): string;
  /** The `malformed` note of a body kept raw because its length does not fit its layout (`why`). */
  keptNote(why: string, def: OptionDef, len: number): string;
}

/**
 * DHCPv6 options: 2-byte option-code, 2-byte option-len (RFC 8415 §21.1).
 * @internal
 */
export const DHCPV6_OPTION_FORMAT: TlvFormat = {
  codeBytes: 2,
  lenBytes: 2,
  maxCode: 0xffff,
  maxLength: 0xffff,
  shortHeader: "header",
  headerWord: "option header",
  dataWord: "option-data",
  lengthSays: "option-len says",
  lengthWord: "option-len",
  runsPast: (len, atInputEnd, left) =>
    `option-len ${len} runs past the ${atInputEnd ? "input" : "enclosing length"} (${left} byte(s) left)`,
  keptNote: (_why, def, len) => `option-len ${len} does not fit the ${def.name} layout`,
};

/**
 * DHCPv4 options and sub-options: 1-byte code, 1-byte length (RFC 2132 §2,
 * RFC 3046 §2.0).
 * @internal
 */
export const DHCPV4_OPTION_FORMAT: TlvFormat = {
  codeBytes: 1,
  lenBytes: 1,
  maxCode: 0xff,
  maxLength: 0xff,
  shortHeader: "length",
  headerWord: "sub-option length",
  dataWord: "sub-option data",
  lengthSays: "its length says",
  lengthWord: "length",
  // Counted from the length byte: it and the data.
  runsPast: (len, atInputEnd, left) =>
    atInputEnd
      ? `sub-option length ${len}: needs ${1 + len} byte(s), the input has ${1 + left} left`
      : `sub-option length ${len}: needs ${1 + len} byte(s), its enclosing length leaves ${1 + left}`,
  keptNote: (why) => why,
};
