/**
 * Decoding and encoding whole DHCPv6 messages and bare option lists.
 * @module
 */
import { EncodeError } from "../errors.js";
import { type Encoder, encodeToScratchWith } from "../schema/codec.js";
import { checkInput, type DecodeOptions, readerOptions } from "../wire/decode-options.js";
import { Reader } from "../wire/reader.js";
import { decodeMessage, decodeOptionList, encodeMessage, encodeOptionList } from "./codecs.generated.js";
import type { Dhcpv6Message, Dhcpv6Option } from "./schema.js";

export {
  DEFAULT_MAX_DEPTH,
  type DecodeOptions,
  LENIENT_DECODE_OPTIONS,
  MAX_DECODE_DEPTH,
} from "../wire/decode-options.js";

/**
 * Decodes one DHCPv6 message (the whole of `bytes`).
 *
 * Opaque byte fields of the result (DUID link-layer addresses, INTERFACE_ID,
 * unknown options' `data`, ...) are views of `bytes`, not copies: copy them
 * (or the input) if the input buffer will be reused.
 *
 * @example
 * ```ts
 * import { decode, hex } from "dhcp-leasequery";
 * // LEASEQUERY-DONE, xid 0x123456, STATUS_CODE QueryTerminated
 * const m = decode(hex("10123456000d0002000b"));
 * console.log(m.msgType, m.options[0]); // 16 { code: 13, statusCode: 11, statusMessage: "" }
 * ```
 * @throws DecodeError if the bytes are not a well-formed message
 * @throws TypeError if `bytes` is not a Uint8Array; RangeError for bad options
 */
export function decode(bytes: Uint8Array, options?: DecodeOptions | null): Dhcpv6Message {
  checkInput(bytes);
  return decodeMessage(new Reader(bytes, readerOptions(options)));
}

/**
 * Decodes a bare DHCPv6 option list (for example the body of an option
 * captured on its own). Nesting starts at level 1.
 *
 * @example
 * ```ts
 * import { decodeOptions, hex } from "dhcp-leasequery";
 * console.log(decodeOptions(hex("002e000400000e10"))); // [ { code: 46, cltTime: 3600 } ]
 * ```
 * @throws DecodeError if the bytes are not a well-formed option list
 * @throws TypeError if `bytes` is not a Uint8Array
 */
export function decodeOptions(bytes: Uint8Array, options?: DecodeOptions | null): Dhcpv6Option[] {
  checkInput(bytes);
  return decodeOptionList(new Reader(bytes, readerOptions(options)));
}

// Each entry encodes in one pass, with the encoders generated from the
// declarations (src/v6/codecs.generated.ts), into a scratch of its own (see
// encodeToScratchWith): every field of the value is read once, and the caller's
// buffer is written only once the whole value is valid.

function encodeWith(encoder: Encoder, value: unknown): Uint8Array {
  const w = encodeToScratchWith(encoder, value);
  return w.pos === w.b.length ? w.b : w.b.slice(0, w.pos);
}

function encodeIntoWith(encoder: Encoder, value: unknown, dest: Uint8Array, offset: number): number {
  if (!(dest instanceof Uint8Array)) throw new TypeError("dest must be a Uint8Array");
  const w = encodeToScratchWith(encoder, value);
  const n = w.pos;
  if (!Number.isInteger(offset) || offset < 0 || offset + n > dest.length) {
    throw new EncodeError("buffer-too-small", `needs ${n} byte(s) at offset ${offset}, dest has ${dest.length}`);
  }
  dest.set(w.b.subarray(0, n), offset);
  return n;
}

/**
 * Encodes a DHCPv6 message. The layout follows `msgType`: 12 and 13 are
 * relay messages, 20 and 21 DHCP4o6 messages, every other type a
 * client/server message.
 *
 * @example
 * ```ts
 * import { encode, toHex } from "dhcp-leasequery";
 * const bytes = encode({ msgType: 16, transactionId: 0x123456, options: [{ code: 13, statusCode: 11, statusMessage: "" }] });
 * console.log(toHex(bytes)); // "10123456000d0002000b"
 * ```
 * @throws EncodeError if the value cannot be encoded; nothing is written
 */
export function encode(message: Dhcpv6Message): Uint8Array {
  return encodeWith(encodeMessage, message);
}

/**
 * The exact number of bytes {@link encode} would produce.
 *
 * @example
 * ```ts
 * import { encodingLength } from "dhcp-leasequery";
 * console.log(encodingLength({ msgType: 23, transactionId: 1, options: [] })); // 4
 * ```
 * @throws EncodeError if the value cannot be encoded
 */
export function encodingLength(message: Dhcpv6Message): number {
  return encodeToScratchWith(encodeMessage, message).pos;
}

/**
 * Encodes a message into `dest` at `offset`, for callers that reuse buffers.
 * Returns the number of bytes written.
 *
 * @example
 * ```ts
 * import { encodeInto } from "dhcp-leasequery";
 * const buf = new Uint8Array(64);
 * const n = encodeInto({ msgType: 23, transactionId: 7, options: [] }, buf, 2);
 * console.log(n, buf[2], buf[5]); // 4 23 7
 * ```
 * @throws EncodeError `buffer-too-small` if it does not fit, or for an invalid value; nothing is written then
 */
export function encodeInto(message: Dhcpv6Message, dest: Uint8Array, offset = 0): number {
  return encodeIntoWith(encodeMessage, message, dest, offset);
}

/**
 * Encodes a bare DHCPv6 option list.
 *
 * @example
 * ```ts
 * import { encodeOptions, toHex } from "dhcp-leasequery";
 * console.log(toHex(encodeOptions([{ code: 46, cltTime: 3600 }]))); // "002e000400000e10"
 * ```
 * @throws EncodeError if an option cannot be encoded
 */
export function encodeOptions(options: Dhcpv6Option[]): Uint8Array {
  return encodeWith(encodeOptionList, options);
}
