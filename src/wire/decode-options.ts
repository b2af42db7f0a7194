/**
 * The options every decoder takes (DHCPv6 and DHCPv4 alike), turned into
 * the bounded reader's settings. Shared below both message layers so that
 * neither imports the other.
 * @module
 */
import type { ReaderOptions } from "./reader.js";

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

/**
 * The reader's settings for `o`, checked; `undefined` and `null` both mean
 * "no options" (the defaults).
 * @internal
 */
export function readerOptions(o: DecodeOptions | null | undefined): ReaderOptions {
  if (o === undefined || o === null) return DEFAULTS;
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
