/**
 * Validation without decoding: the message type, the transaction id and
 * whether the whole message is well formed, at a fraction of the cost of
 * {@link decode}.
 * @module
 */
import { type DecodeErrorCode, isDecodeError } from "../errors.js";
import { checkInput, type DecodeOptions, readerOptions } from "../wire/decode-options.js";
import { messageHeaderField, skipMessage } from "./codecs.generated.js";
import { decode } from "./message.js";

/** Why {@link scan} found a message malformed: what {@link decode} would throw. */
export interface ScanError {
  /** The DecodeError code. */
  readonly code: DecodeErrorCode;
  /** Absolute byte offset of the offending item. */
  readonly offset: number;
  /** Where in the structure, e.g. `options[0](CLIENT_DATA).options[1](IAADDR)`. */
  readonly path: string;
  /** The DecodeError message (path, offset and reason). */
  readonly message: string;
}

/**
 * What {@link scan} found. A well-formed message gives its type and, by
 * layout, its `transactionId` (client/server messages), `hopCount` (relay
 * messages) or `flags` (DHCPV4-QUERY / DHCPV4-RESPONSE).
 */
export type ScanResult =
  | {
      readonly ok: true;
      readonly msgType: number;
      readonly transactionId?: number;
      readonly hopCount?: number;
      readonly flags?: number;
    }
  | { readonly ok: false; readonly error: ScanError };

/**
 * Checks that `bytes` is one well-formed DHCPv6 message, as {@link decode}
 * would, without building it: every option header, every option-len
 * against its declared layout, every nested option list the declarations
 * encapsulate (CLIENT_DATA, IA options, relayed messages, ...), DUIDs,
 * UTF-8 status text and nesting depth, all derived from the same
 * declarations. It never throws for malformed input: `ok` is false and
 * `error` says what `decode` would throw. `scan(b).ok` is true exactly when
 * `decode(b, options)` returns. A DHCPV4_MSG payload is walked the same
 * way (its header, magic cookie, options field and declared DHCPv4
 * options); one using option overload or RFC 3396 split options is
 * decoded instead.
 *
 * @example
 * ```ts
 * import { hex, scan } from "dhcp-leasequery";
 * console.log(scan(hex("11123456 002e000400000e10"))); // { ok: true, msgType: 17, transactionId: 1193046 }
 * const bad = scan(hex("11123456 002e0003000e10"));
 * console.log(bad.ok, bad.ok ? "" : bad.error.code); // false "length-mismatch"
 * ```
 * @throws TypeError if `bytes` is not a Uint8Array; RangeError for bad options
 */
export function scan(bytes: Uint8Array, options?: DecodeOptions | null): ScanResult {
  checkInput(bytes);
  // The skipper generated from the declarations; the options travel with the call.
  if (skipMessage(bytes, 0, bytes.length, 0, readerOptions(options)) !== bytes.length) {
    // Rare: let the decoder say exactly what and where.
    const error = decodeError(bytes, options);
    if (error !== undefined) return { ok: false, error };
  }
  const t = bytes[0] as number;
  // Which header field follows msg-type is generated from the message union's declaration.
  switch (messageHeaderField(t)) {
    case "hopCount":
      return { ok: true, msgType: t, hopCount: bytes[1] as number };
    case "flags":
      return { ok: true, msgType: t, flags: u24(bytes) };
    default:
      return { ok: true, msgType: t, transactionId: u24(bytes) };
  }
}

const u24 = (b: Uint8Array): number => ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number);

function decodeError(bytes: Uint8Array, options: DecodeOptions | null | undefined): ScanError | undefined {
  try {
    decode(bytes, options);
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    return { code: e.code, offset: e.offset, path: e.path, message: e.message };
  }
  return undefined;
}
