/**
 * What every decode entry (DHCPv6, DHCPv4, scan, the stream decoder) takes
 * and checks first: the decode options and the input. Shared by the
 * protocol layers above, so that neither imports the other.
 * @module
 */
import type { ReaderOptions } from "../wire/reader.js";

/**
 * Options for the decoders. Every field is optional, and every decode entry
 * (`decode`, `decodeOptions`, `decodeDhcpv4`, `scan`, `MessageDecoder`)
 * takes `null` or `undefined` in its place to mean the defaults.
 */
export interface DecodeOptions {
  /**
   * Deepest allowed nesting of option lists: the message's own options are
   * level 1, CLIENT_DATA's are level 2, and each RELAY_MSG or LQ_RELAY_DATA
   * adds one. The default, 24, admits a full RFC 8415 relay chain
   * (HOP_COUNT_LIMIT 8) inside LQ_RELAY_DATA with IA options and
   * status codes nested in it. RFC 3315 allowed 32 relay hops: raise it to 48
   * for those. Deeper input is a `depth-exceeded` DecodeError. At most 1000.
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
}

/** Default nesting limit; see {@link DecodeOptions.maxDepth}. */
export const DEFAULT_MAX_DEPTH = 24;

const DEFAULTS: ReaderOptions = { maxDepth: DEFAULT_MAX_DEPTH, keepMalformedOptions: false };

/**
 * The reader options of a decode entry's `options` argument. `undefined`
 * and `null` both mean "no options" (the defaults).
 * @internal
 */
export function readerOptions(o: DecodeOptions | null | undefined): ReaderOptions {
  if (o === undefined || o === null) return DEFAULTS;
  const maxDepth = o.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 1000) {
    throw new RangeError(`maxDepth must be an integer from 1 to 1000, got ${maxDepth}`);
  }
  return { maxDepth, keepMalformedOptions: o.keepMalformedOptions === true };
}

/**
 * Throws a TypeError unless the input of a decode entry is a Uint8Array.
 * @internal
 */
export function checkInput(bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("expected a Uint8Array (a Node Buffer is one)");
}
