/**
 * The codecs a vector file can name in its `codec` field. A new layer
 * (DHCPv4, streams) registers itself here.
 */
import {
  type DecodeOptions,
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  decodeOptions,
  encode,
  encodeInto,
  encodeOptions,
  encodingLength,
} from "../../src/index.js";
import { decodeDhcpv4, dhcpv4EncodingLength, encodeDhcpv4, encodeDhcpv4Into } from "../../src/v4/message.js";
import type { Dhcpv4Message } from "../../src/v4/schema.js";

export interface VectorCodec {
  decode(bytes: Uint8Array, options?: DecodeOptions): unknown;
  encode(value: unknown): Uint8Array;
  /** Absent when the layer has no separate length/into entry points. */
  encodingLength?(value: unknown): number;
  encodeInto?(value: unknown, dest: Uint8Array, offset: number): number;
}

export const CODECS: Record<string, VectorCodec> = {
  dhcpv6: {
    decode,
    encode: (v) => encode(v as Dhcpv6Message),
    encodingLength: (v) => encodingLength(v as Dhcpv6Message),
    encodeInto: (v, d, o) => encodeInto(v as Dhcpv6Message, d, o),
  },
  dhcpv4: {
    decode: decodeDhcpv4,
    encode: (v) => encodeDhcpv4(v as Dhcpv4Message),
    encodingLength: (v) => dhcpv4EncodingLength(v as Dhcpv4Message),
    encodeInto: (v, d, o) => encodeDhcpv4Into(v as Dhcpv4Message, d, o),
  },
  "dhcpv6-options": {
    decode: decodeOptions,
    encode: (v) => encodeOptions(v as Dhcpv6Option[]),
  },
};
