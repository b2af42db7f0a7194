/**
 * Hand-assembled DHCPv4 bytes for the unit tests: the layouts of RFC 2131
 * §2 and RFC 2132 §2 written out, independent of the codec under test.
 */
import { type DecodeError, type EncodeError, hex } from "../../src/index.js";
import { decodeDhcpv4, encodeDhcpv4 } from "../../src/v4/message.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";
import type { DecodeOptions } from "../../src/v6/message.js";
import { decodeErrorOf, encodeErrorOf } from "../helpers/errors.js";

/** One option: code, length, data. */
export function opt(code: number, data: number[] | Uint8Array): number[] {
  return [code, data.length, ...data];
}

/**
 * A 236-byte BOOTP header: op 2, htype/hlen as given, xid 1, every address
 * 0.0.0.0, chaddr/sname/file as given (zeros by default).
 */
export function header(
  p: { htype?: number; hlen?: number; chaddr?: number[]; sname?: number[]; file?: number[] } = {},
) {
  const b = new Uint8Array(236);
  b[0] = 2;
  b[1] = p.htype ?? 0;
  b[2] = p.hlen ?? 0;
  b[7] = 1;
  b.set(p.chaddr ?? [], 28);
  b.set(p.sname ?? [], 44);
  b.set(p.file ?? [], 108);
  return [...b];
}

export const COOKIE = [99, 130, 83, 99];

/** Header, cookie and the given options bytes. */
export function message(options: number[], h: number[] = header()): Uint8Array {
  return Uint8Array.from([...h, ...COOKIE, ...options]);
}

/** A fixed-size area: the bytes, then zeros up to `size`. */
export function area(bytes: number[], size: number): number[] {
  return [...bytes, ...new Array(size - bytes.length).fill(0)];
}

/** A message value with zeroed header fields, for encoder tests. */
export function value(options: unknown[], more: Partial<Record<keyof Dhcpv4Message, unknown>> = {}): Dhcpv4Message {
  return {
    op: 2,
    htype: 0,
    hlen: 0,
    hops: 0,
    xid: 1,
    secs: 0,
    flags: 0,
    ciaddr: "0.0.0.0",
    yiaddr: "0.0.0.0",
    siaddr: "0.0.0.0",
    giaddr: "0.0.0.0",
    chaddr: new Uint8Array(16),
    sname: new Uint8Array(64),
    file: new Uint8Array(128),
    options,
    ...more,
  } as Dhcpv4Message;
}

export function decodeError(bytes: Uint8Array, opts?: DecodeOptions): DecodeError {
  return decodeErrorOf(() => decodeDhcpv4(bytes, opts));
}

export function encodeError(m: unknown): EncodeError {
  return encodeErrorOf(() => encodeDhcpv4(m as Dhcpv4Message));
}

export { hex };
