/**
 * What the input reader hands on: a message's bytes with where they were
 * found, or a problem of the input itself.
 * @module
 */
import type { DecodeError } from "../src/index.js";
import { hasDhcpv4Cookie } from "../src/v4/layout.js";

/** Where a message was found, for the tree's heading and the JSON `source`. */
export interface Source {
  /** The input: a file path, `-` (stdin), `argument` (hex on the command line) or `sample`. */
  readonly input: string;
  /** `framed` also for hex text of a framed stream. */
  readonly format: "hex" | "raw" | "framed" | "pcap" | "pcapng";
  /** Line (hex), message (framed) or packet (captures) number, from 1 as Wireshark counts packets. */
  readonly number: number;
  /** For captures: the transport and endpoints. */
  readonly capture?: {
    readonly transport: "udp" | "tcp";
    readonly src: string;
    readonly dst: string;
    /** UTC with microseconds, e.g. `2024-05-01T12:00:00.000250Z`; null when the capture has no time. */
    readonly time: string | null;
    /** TCP connection, from 0 like Wireshark's `tcp.stream`; null over UDP. */
    readonly connection: number | null;
    /** Message number within its TCP connection and direction, from 1; null over UDP. */
    readonly message: number | null;
  };
}

/** One message's bytes and where they came from. */
export interface FoundMessage {
  readonly type: "message";
  readonly bytes: Uint8Array;
  readonly source: Source;
  /** Known from the transport (a capture's ports); otherwise detected from the bytes. */
  readonly kind: "dhcpv4" | "dhcpv6" | undefined;
  /** Messages with the same key share a transport, for pairing replies with queries. */
  readonly streamKey: string;
  /** How the message travelled, when the input says so. */
  readonly exchange: "udp" | undefined;
}

/** Something in the input that is not a message: a capture diagnostic, or the input's end with an error. */
export interface InputProblem {
  readonly type: "problem";
  /** `warning` for what a capture skipped; `error` for an input that stops being readable. */
  readonly severity: "warning" | "error";
  readonly input: string;
  readonly message: string;
  /** A DecodeError of the container (capture, framing), with its absolute offset. */
  readonly error?: DecodeError;
}

/** What reading an input yields. */
export type InputItem = FoundMessage | InputProblem;

/** True when the bytes are a DHCPv4 message: the magic cookie after the 236-byte BOOTP header (RFC 2131 §3). */
export function isDhcpv4(b: Uint8Array): boolean {
  return hasDhcpv4Cookie(b);
}
