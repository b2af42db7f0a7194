/**
 * The options every decoder takes (DHCPv6 and DHCPv4 alike), turned into
 * the bounded reader's settings. Shared below both message layers so that
 * neither imports the other.
 * @module
 */
import type { ReaderOptions } from "./reader.js";

/** Options for the decoders. Every field is optional. */
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

/** @internal */
export function readerOptions(o: DecodeOptions | undefined): ReaderOptions {
  if (o === undefined) return DEFAULTS;
  const maxDepth = o.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 1000) {
    throw new RangeError(`maxDepth must be an integer from 1 to 1000, got ${maxDepth}`);
  }
  return { maxDepth, keepMalformedOptions: o.keepMalformedOptions === true };
}

/** @internal */
export function checkInput(bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("expected a Uint8Array (a Node Buffer is one)");
}
