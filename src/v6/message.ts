/**
 * Decoding and encoding whole DHCPv6 messages and bare option lists.
 * @module
 */
import { EncodeError } from "../errors.js";
import type { Codec } from "../schema/codec.js";
import { Reader, type ReaderOptions } from "../wire/reader.js";
import { Writer } from "../wire/writer.js";
import { type Dhcpv6Message, type Dhcpv6Option, MESSAGE_CODEC, OPTION_LIST_CODEC } from "./schema.js";

/** Options for the decoders. Every field is optional. */
export interface DecodeOptions {
  /**
   * Deepest allowed nesting of option lists: the message's own options are
   * level 1, CLIENT_DATA's are level 2, and each RELAY_MSG or LQ_RELAY_DATA
   * adds one. The default, 24, admits a full RFC 8415 relay chain
   * (HOP_COUNT_LIMIT 8) inside LQ_RELAY_DATA with IA options and
   * status codes nested in it. RFC 3315 allowed 32 relay hops: raise it to 48
   * for those. Deeper input is a `depth-exceeded` DecodeError. At most
   * {@link MAX_DECODE_DEPTH} (128).
   * With {@link DecodeOptions.keepMalformedOptions}, the option that would
   * go too deep is kept raw instead (its `malformed` says why), so the
   * decoder still never descends past this limit.
   */
  maxDepth?: number;
  /**
   * Lenient: a declared option whose body does not fit its layout (a
   * CLT_TIME of 3 bytes, a STATUS_CODE with invalid UTF-8) is kept as a
   * {@link RawOption} with `malformed` set, instead of failing the whole
   * message. So is an option nested deeper than `maxDepth`. This relaxes the strict layouts of RFC 8415 §21 and RFC 5007
   * §4.1.2 so that an inspector can show the rest of a broken packet. The
   * raw bytes re-encode unchanged. Default false.
   */
  keepMalformedOptions?: boolean;
  /**
   * Lenient: a DHCPv4 header anomaly a real server sends is kept and
   * reported instead of failing the whole message. Today that is an
   * `hlen` over 16 (ISC dhcpd 4.4 answers a leasequery for an address
   * without hardware with `hlen` 255): `chaddr` is then kept as its 16 raw
   * bytes and the message gets a `headerAnomalies` entry (code, offset,
   * path) saying so. The original `hlen` is kept, so the message
   * re-encodes byte for byte. Applies to standalone DHCPv4 messages and
   * to those inside OPTION_DHCPV4_MSG. Default false (RFC 2131 §2 strict).
   */
  lenientHeader?: boolean;
}

/**
 * The decode options of an inspector or a capture viewer: every anomaly
 * this library can keep is kept (malformed options raw, header anomalies
 * reported) so that the rest of a broken packet can be shown. The default
 * nesting limit applies.
 *
 * @example
 * ```ts
 * import { decodeDhcpv4, hex, LENIENT_DECODE_OPTIONS } from "dhcp-leasequery";
 * const m = decodeDhcpv4(hex(`0201ff00${"00".repeat(232)}63825363 ff`), LENIENT_DECODE_OPTIONS);
 * console.log(m.hlen, m.headerAnomalies?.[0]?.path); // 255 "hlen"
 * ```
 */
export const LENIENT_DECODE_OPTIONS: Readonly<DecodeOptions> = Object.freeze({
  keepMalformedOptions: true,
  lenientHeader: true,
});

/** Default nesting limit; see {@link DecodeOptions.maxDepth}. */
export const DEFAULT_MAX_DEPTH = 24;

/**
 * The largest {@link DecodeOptions.maxDepth}. The decoders, the encoders,
 * `inspectMessage`, `formatMessage` and `validate` recurse once per level:
 * a message nested this deep takes them under 400 KB of stack (about 3 KB
 * a level before the JIT warms up), which leaves 60% of Node's default
 * stack (984 KB) to the caller. test/slow/depth-stack.test.ts runs them
 * all at this depth in a process with a 400 KB stack. 128 levels hold a
 * full RFC 3315 relay chain (32 hops) four times over.
 *
 * @example
 * ```ts
 * import { decode, hex, MAX_DECODE_DEPTH } from "dhcp-leasequery";
 * console.log(MAX_DECODE_DEPTH, decode(hex("0e000001"), { maxDepth: MAX_DECODE_DEPTH }).msgType); // 128 14
 * ```
 */
export const MAX_DECODE_DEPTH = 128;

const DEFAULTS: ReaderOptions = { maxDepth: DEFAULT_MAX_DEPTH, keepMalformedOptions: false, lenientHeader: false };

/** @internal */
export function readerOptions(o: DecodeOptions | undefined): ReaderOptions {
  if (o === undefined) return DEFAULTS;
  const maxDepth = o.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DECODE_DEPTH) {
    throw new RangeError(`maxDepth must be an integer from 1 to ${MAX_DECODE_DEPTH}, got ${maxDepth}`);
  }
  return { maxDepth, keepMalformedOptions: o.keepMalformedOptions === true, lenientHeader: o.lenientHeader === true };
}

/** @internal */
export function checkInput(bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("expected a Uint8Array (a Node Buffer is one)");
}

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
export function decode(bytes: Uint8Array, options?: DecodeOptions): Dhcpv6Message {
  checkInput(bytes);
  return MESSAGE_CODEC.read(new Reader(bytes, readerOptions(options)));
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
export function decodeOptions(bytes: Uint8Array, options?: DecodeOptions): Dhcpv6Option[] {
  checkInput(bytes);
  return OPTION_LIST_CODEC.read(new Reader(bytes, readerOptions(options)));
}

function encodeWith<T>(codec: Codec<T>, value: T): Uint8Array {
  const n = codec.size(value, 0);
  const out = new Uint8Array(n);
  codec.write(new Writer(out), value);
  return out;
}

function encodeIntoWith<T>(codec: Codec<T>, value: T, dest: Uint8Array, offset: number): number {
  if (!(dest instanceof Uint8Array)) throw new TypeError("dest must be a Uint8Array");
  const n = codec.size(value, 0);
  if (!Number.isInteger(offset) || offset < 0 || offset + n > dest.length) {
    throw new EncodeError("buffer-too-small", `needs ${n} byte(s) at offset ${offset}, dest has ${dest.length}`);
  }
  codec.write(new Writer(dest, offset), value);
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
  return encodeWith(MESSAGE_CODEC, message);
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
  return MESSAGE_CODEC.size(message, 0);
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
  return encodeIntoWith(MESSAGE_CODEC, message, dest, offset);
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
  return encodeWith(OPTION_LIST_CODEC, options);
}
