/**
 * Decoding and encoding standalone DHCPv4 messages, as carried one per
 * frame on a DHCPv4 Bulk or Active Leasequery connection (RFC 6926 §6.3,
 * RFC 7724). Inside DHCPv6, OPTION_DHCPV4_MSG decodes to the same value.
 * @module
 */
import { EncodeError } from "../errors.js";
import { checkInput, type DecodeOptions, readerOptions } from "../wire/decode-options.js";
import { Reader } from "../wire/reader.js";
import { Writer } from "../wire/writer.js";
import { decodeDhcpv4Message, planDhcpv4, writeDhcpv4 } from "./message-wire.js";
import type { Dhcpv4Message } from "./schema.js";

/**
 * Decodes one DHCPv4 message (the whole of `bytes`): the 236-byte BOOTP
 * header, the magic cookie 99.130.83.99 and the options up to and
 * including the end option (255), with whatever follows the end option
 * kept in its `trailing`. A missing end option is an error (RFC 2131 §3).
 *
 * Opaque byte fields of the result (raw `chaddr`, `sname`, `file`,
 * unknown options' `data`, ...) are views of `bytes`, not copies.
 *
 * @example
 * ```ts
 * import { decodeDhcpv4, hex } from "dhcp-leasequery";
 * const m = decodeDhcpv4(hex("01000000 00000001 0000 0000" + "00".repeat(16) + "00".repeat(208) + "63825363 35010f ff"));
 * console.log(m.xid, m.options); // 1 [ { code: 53, messageType: 15 }, { code: 255 } ]
 * ```
 * @throws DecodeError if the bytes are not a well-formed DHCPv4 message
 * @throws TypeError if `bytes` is not a Uint8Array; RangeError for bad options
 */
export function decodeDhcpv4(bytes: Uint8Array, options?: DecodeOptions | null): Dhcpv4Message {
  checkInput(bytes);
  return decodeDhcpv4Message(new Reader(bytes, readerOptions(options)));
}

/**
 * Encodes a DHCPv4 message. An options area without an end option gets
 * one; a value longer than 255 bytes is split into 255-byte instances
 * (RFC 3396) unless its `split` says otherwise.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, encodeDhcpv4 } from "dhcp-leasequery";
 * console.log(encodeDhcpv4(buildDhcpv4LeaseQueryDone({ xid: 1 })).length); // 244
 * ```
 * @throws EncodeError if the value cannot be encoded; nothing is written
 */
export function encodeDhcpv4(message: Dhcpv4Message): Uint8Array {
  // Planned once and written from the plan: each field of `message` is read once.
  const plan = planDhcpv4(message, 0);
  const out = new Uint8Array(plan.size);
  writeDhcpv4(new Writer(out), plan);
  return out;
}

/**
 * The exact number of bytes {@link encodeDhcpv4} would produce.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, dhcpv4EncodingLength } from "dhcp-leasequery";
 * console.log(dhcpv4EncodingLength(buildDhcpv4LeaseQueryDone({ xid: 1 }))); // 244
 * ```
 * @throws EncodeError if the value cannot be encoded
 */
export function dhcpv4EncodingLength(message: Dhcpv4Message): number {
  return planDhcpv4(message, 0).size;
}

/**
 * Encodes a DHCPv4 message into `dest` at `offset`, for callers that reuse
 * buffers. Returns the number of bytes written.
 *
 * @example
 * ```ts
 * import { buildDhcpv4LeaseQueryDone, encodeDhcpv4Into } from "dhcp-leasequery";
 * const buf = new Uint8Array(300);
 * console.log(encodeDhcpv4Into(buildDhcpv4LeaseQueryDone({ xid: 1 }), buf, 2), buf[2]); // 244 2
 * ```
 * @throws EncodeError `buffer-too-small` if it does not fit, or for an invalid value; nothing is written then
 */
export function encodeDhcpv4Into(message: Dhcpv4Message, dest: Uint8Array, offset = 0): number {
  if (!(dest instanceof Uint8Array)) throw new TypeError("dest must be a Uint8Array");
  const plan = planDhcpv4(message, 0);
  const n = plan.size;
  if (!Number.isInteger(offset) || offset < 0 || offset + n > dest.length) {
    throw new EncodeError("buffer-too-small", `needs ${n} byte(s) at offset ${offset}, dest has ${dest.length}`);
  }
  writeDhcpv4(new Writer(dest, offset), plan);
  return n;
}
