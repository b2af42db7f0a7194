/**
 * Typed errors for decoding and encoding.
 *
 * Decoding any bytes either returns a value or throws {@link DecodeError};
 * anything else escaping a decoder is a bug. Encoding an invalid value throws
 * {@link EncodeError} before any byte is written.
 *
 * Both carry a `path` such as
 * `options[2](CLIENT_DATA).options[1](IAADDR).validLifetime`. The path is
 * built only while an error propagates, so the success path pays nothing.
 *
 * @module
 */
import { joinPath } from "./wire/path.js";

/**
 * The closed set of reasons a decode can fail.
 *
 * - `truncated`: the input ends before a field or a declared length is complete.
 * - `length-mismatch`: a declared length disagrees with the layout inside it
 *   (a fixed-size option of the wrong size, a body too short for its fields,
 *   a list that is not a whole number of elements, a nested length overrunning
 *   its container).
 * - `trailing-bytes`: bytes are left over where the layout says the item ends.
 * - `depth-exceeded`: encapsulation or relay nesting goes past the limit.
 * - `invalid-value`: a field holds a value the layout forbids (bad UTF-8, a
 *   bad magic cookie, an impossible hardware length).
 * - `empty-frame`: a stream frame announces zero octets.
 */
export type DecodeErrorCode =
  | "truncated"
  | "length-mismatch"
  | "trailing-bytes"
  | "depth-exceeded"
  | "invalid-value"
  | "empty-frame";

/**
 * The closed set of reasons an encode can fail.
 *
 * - `out-of-range`: a number that does not fit its field.
 * - `too-long`: a variable part longer than its length field can express.
 * - `invalid-value`: a value of the wrong type or form (bad address text,
 *   a missing field, a string with lone surrogates).
 * - `depth-exceeded`: a value nested deeper than the encoder allows (or cyclic).
 * - `buffer-too-small`: `encodeInto` was given too little room.
 */
export type EncodeErrorCode = "out-of-range" | "too-long" | "invalid-value" | "depth-exceeded" | "buffer-too-small";

/**
 * Thrown by every decoder in this library for malformed input.
 *
 * @example
 * ```ts
 * import { decode, isDecodeError } from "dhcp-leasequery";
 * try {
 *   decode(Uint8Array.of(0x0f, 0x00, 0x00));
 * } catch (e) {
 *   if (isDecodeError(e)) console.log(e.code, e.offset); // "truncated" 1
 * }
 * ```
 */
export class DecodeError extends Error {
  /** Why decoding failed. */
  readonly code: DecodeErrorCode;
  /** Absolute byte offset, from the start of the input, of the offending item. */
  readonly offset: number;
  /** Where in the decoded structure the failure lies; `""` at the top. */
  path: string;
  /** The explanation without the path and offset. */
  readonly reason: string;

  /**
   * Makes a decode error; the decoders throw these, applications rarely need to.
   * @param code - why decoding failed
   * @param offset - absolute byte offset of the offending item
   * @param reason - a sentence saying what is wrong
   * @param path - where in the structure (normally filled in while the error propagates)
   */
  constructor(code: DecodeErrorCode, offset: number, reason: string, path = "") {
    super(reason);
    this.name = "DecodeError";
    this.code = code;
    this.offset = offset;
    this.reason = reason;
    this.path = path;
    this.message = formatMessage(reason, offset, path);
  }

  /** @internal Prepends a path segment while the error propagates outwards. */
  prefixPath(segment: string): this {
    this.path = joinPath(segment, this.path);
    (this as { message: string }).message = formatMessage(this.reason, this.offset, this.path);
    return this;
  }
}

/**
 * Thrown by every encoder in this library for a value it cannot encode.
 * Nothing is written when it is thrown.
 *
 * @example
 * ```ts
 * import { encode, isEncodeError } from "dhcp-leasequery";
 * try {
 *   encode({ msgType: 14, transactionId: 0x1000000, options: [] });
 * } catch (e) {
 *   if (isEncodeError(e)) console.log(e.code, e.path); // "out-of-range" "transactionId"
 * }
 * ```
 */
export class EncodeError extends Error {
  /** Why encoding failed. */
  readonly code: EncodeErrorCode;
  /** Where in the value the failure lies; `""` at the top. */
  path: string;
  /** The explanation without the path. */
  readonly reason: string;

  /**
   * Makes an encode error; the encoders throw these, applications rarely need to.
   * @param code - why encoding failed
   * @param reason - a sentence saying what is wrong
   * @param path - where in the value (normally filled in while the error propagates)
   */
  constructor(code: EncodeErrorCode, reason: string, path = "") {
    super(reason);
    this.name = "EncodeError";
    this.code = code;
    this.reason = reason;
    this.path = path;
    this.message = path ? `${path}: ${reason}` : reason;
  }

  /** @internal Prepends a path segment while the error propagates outwards. */
  prefixPath(segment: string): this {
    this.path = joinPath(segment, this.path);
    (this as { message: string }).message = `${this.path}: ${this.reason}`;
    return this;
  }
}

const DECODE_CODES: ReadonlySet<string> = new Set<DecodeErrorCode>([
  "truncated",
  "length-mismatch",
  "trailing-bytes",
  "depth-exceeded",
  "invalid-value",
  "empty-frame",
]);
const ENCODE_CODES: ReadonlySet<string> = new Set<EncodeErrorCode>([
  "out-of-range",
  "too-long",
  "invalid-value",
  "depth-exceeded",
  "buffer-too-small",
]);

/**
 * Shape guard for {@link DecodeError} that works across bundles and realms
 * (an ESM and a CJS copy of this library each have their own class, so
 * `instanceof` is not relied on).
 *
 * @example
 * ```ts
 * import { decode, isDecodeError } from "dhcp-leasequery";
 * let caught: unknown;
 * try { decode(new Uint8Array(0)); } catch (e) { caught = e; }
 * console.log(isDecodeError(caught)); // true
 * ```
 * @throws never
 */
export function isDecodeError(e: unknown): e is DecodeError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "DecodeError" &&
    DECODE_CODES.has((e as { code?: unknown }).code as string) &&
    typeof (e as { offset?: unknown }).offset === "number" &&
    typeof (e as { path?: unknown }).path === "string"
  );
}

/**
 * Shape guard for {@link EncodeError}; see {@link isDecodeError} for why it is
 * not an `instanceof` test.
 *
 * @example
 * ```ts
 * import { encode, isEncodeError } from "dhcp-leasequery";
 * let caught: unknown;
 * try { encode({ msgType: 256, transactionId: 0, options: [] }); } catch (e) { caught = e; }
 * console.log(isEncodeError(caught)); // true
 * ```
 * @throws never
 */
export function isEncodeError(e: unknown): e is EncodeError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "EncodeError" &&
    ENCODE_CODES.has((e as { code?: unknown }).code as string) &&
    typeof (e as { path?: unknown }).path === "string"
  );
}

function formatMessage(reason: string, offset: number, path: string): string {
  return path ? `${path} (byte ${offset}): ${reason}` : `byte ${offset}: ${reason}`;
}
