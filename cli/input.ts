/**
 * Turning the command line's inputs into messages: hex text, raw message
 * files, framed streams and pcap / pcapng captures, each detected or forced
 * with `--format`. Captures and forced framed streams are read chunk by
 * chunk, so memory stays bounded whatever their size.
 * @module
 */
import {
  type CaptureDiagnostic,
  type CapturedDhcpMessage,
  CaptureReader,
  DhcpTrafficExtractor,
  detectCaptureFormat,
} from "../src/capture/index.js";
import { DecodeError, DHCPV4_MAGIC_COOKIE, FrameDecoder, hex } from "../src/index.js";
import type { InputFormat } from "./args.js";
import type { CliIo } from "./io.js";
import { NO_PROGRESS, type Progress, progressFor } from "./progress.js";
import { errorLine } from "./render.js";

/** Where a message was found, for the tree's heading and the JSON `source`. */
export interface Source {
  /** The input: a file path, `-` (stdin), `argument` (hex on the command line) or `sample`. */
  readonly input: string;
  readonly format: "hex" | "raw" | "framed" | "pcap" | "pcapng";
  /** Line (hex), frame (framed) or packet (captures) number, from 0. */
  readonly index: number;
  /** For captures: the transport and endpoints. */
  readonly capture?: {
    readonly transport: "udp" | "tcp";
    readonly src: string;
    readonly dst: string;
    readonly time: string | null;
    readonly connection: number | null;
    readonly frame: number | null;
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

export type InputItem = FoundMessage | InputProblem;

/** How inputs are read. */
export interface ReadOptions {
  readonly format: InputFormat;
  /** true: always report progress; false: never; undefined: for large inputs on a terminal. */
  readonly progress: boolean | undefined;
}

/** A command-line input that names nothing readable: exit status 2. */
export class InputError extends Error {
  override readonly name = "InputError";
}

const CHUNK = 64 * 1024;
const HEX_TEXT = /^[\s0-9a-fA-Fx:-]*$/;

/**
 * True for bytes that are text (printable ASCII and whitespace only): hex
 * lines. A DHCP message never is: its first byte, the message type or the
 * BOOTP op, is a control character.
 */
function isText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (const x of b) if (!((x >= 0x20 && x < 0x7f) || x === 0x09 || x === 0x0a || x === 0x0d)) return false;
  return true;
}

/** True when the bytes are a DHCPv4 message: the magic cookie after the 236-byte BOOTP header (RFC 2131 §3). */
export function isDhcpv4(b: Uint8Array): boolean {
  if (b.length < 240) return false;
  const c = ((b[236] as number) << 24) | ((b[237] as number) << 16) | ((b[238] as number) << 8) | (b[239] as number);
  return c >>> 0 === DHCPV4_MAGIC_COOKIE;
}

/** True when 2-byte message sizes tile the bytes exactly (RFC 5460 §5.1), with no empty message. */
function tilesAsFrames(b: Uint8Array): boolean {
  let at = 0;
  while (at + 2 <= b.length) {
    const n = ((b[at] as number) << 8) | (b[at + 1] as number);
    if (n === 0) return false;
    at += 2 + n;
  }
  return at === b.length && b.length > 0;
}

function message(bytes: Uint8Array, source: Source, streamKey: string): FoundMessage {
  return { type: "message", bytes, source, kind: undefined, streamKey, exchange: undefined };
}

/** Hex text: one message per non-empty line. */
function* hexLines(text: string, input: string): Generator<InputItem> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "" || line.startsWith("#")) continue;
    let bytes: Uint8Array;
    try {
      if (!HEX_TEXT.test(line)) throw new TypeError("not hex text");
      bytes = hex(line);
    } catch (e) {
      const message = `line ${i + 1} is not hex: ${(e as Error).message}`;
      yield { type: "problem", severity: "error", input, message };
      continue;
    }
    yield message(bytes, { input, format: "hex", index: i }, input);
  }
}

/** A framed stream, chunk by chunk: one partial frame is held at most. */
async function* framed(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  progress: Progress,
): AsyncGenerator<InputItem> {
  const d = new FrameDecoder();
  let index = 0;
  try {
    for await (const c of chunks) {
      progress.advance(c.length, index);
      for (const f of d.push(c)) yield message(f, { input, format: "framed", index: index++ }, input);
    }
    d.end();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    yield {
      type: "problem",
      severity: "error",
      input,
      message: `not a valid framed stream: ${errorLine(e)}`,
      error: e,
    };
  } finally {
    progress.done(index);
  }
}

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

function endpoint(e: { address: string; port: number }): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

function captured(m: CapturedDhcpMessage, input: string, format: "pcap" | "pcapng"): FoundMessage {
  const t = m.timestamp;
  const time = t === null ? null : new Date(t.seconds * 1000 + Math.floor(t.nanoseconds / 1e6)).toISOString();
  return {
    type: "message",
    bytes: m.payload,
    kind: m.kind,
    source: {
      input,
      format,
      index: m.packetIndex,
      capture: {
        transport: m.transport,
        src: endpoint(m.src),
        dst: endpoint(m.dst),
        time,
        connection: m.connection,
        frame: m.frameIndex,
      },
    },
    streamKey: m.connection === null ? `${input}:udp` : `${input}:tcp:${m.connection}`,
    exchange: m.transport === "udp" ? "udp" : undefined,
  };
}

function problem(d: CaptureDiagnostic, input: string): InputProblem {
  return { type: "problem", severity: "warning", input, message: d.message };
}

/**
 * A pcap / pcapng capture, chunk by chunk: every DHCP message it carries,
 * and what it had to skip. A malformed capture ends with an error problem.
 */
async function* capture(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  progress: Progress,
): AsyncGenerator<InputItem> {
  const reader = new CaptureReader();
  const extractor = new DhcpTrafficExtractor();
  let found = 0;
  const drain = function* (): Generator<InputItem> {
    for (let p = reader.next(); p !== undefined; p = reader.next()) {
      for (const ev of extractor.packet(p)) {
        const fmt = reader.format as "pcap" | "pcapng";
        if (ev.type === "message") {
          found++;
          yield captured(ev, input, fmt);
        } else if (ev.type === "diagnostic") yield problem(ev, input);
      }
    }
  };
  try {
    for await (const c of chunks) {
      progress.advance(c.length, found);
      reader.push(c);
      yield* drain();
    }
    reader.end();
    yield* drain();
    for (const ev of extractor.finish()) {
      if (ev.type === "message") yield captured(ev, input, reader.format as "pcap" | "pcapng");
      else if (ev.type === "diagnostic") yield problem(ev, input);
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const what = reader.format ?? "pcap or pcapng";
    yield {
      type: "problem",
      severity: "error",
      input,
      message: `not a valid ${what} capture: ${errorLine(e)}`,
      error: e,
    };
  } finally {
    progress.done(found);
  }
}

/** The first chunks of a stream until `n` bytes are in, and the stream with those chunks put back. */
async function peek(
  chunks: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let have = 0;
  let done = false;
  while (have < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    taken.push(r.value);
    have += r.value.length;
  }
  const head = concat(taken);
  const rest = (async function* () {
    yield* taken;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  return { head: head.subarray(0, n), rest };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function collect(chunks: AsyncIterable<Uint8Array>, progress: Progress): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) {
    progress.advance(c.length, 0);
    parts.push(c);
  }
  progress.done(0);
  return concat(parts);
}

/** Reads one byte stream (a file or stdin) in the given or detected format. */
async function* byteInput(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  options: ReadOptions,
  progress: Progress,
): AsyncGenerator<InputItem> {
  const { head, rest } = await peek(chunks, 4);
  const format = options.format;
  if (format === "pcap" || (format === "auto" && detectCaptureFormat(head) !== undefined)) {
    yield* capture(rest, input, progress);
    return;
  }
  if (format === "framed") {
    yield* framed(rest, input, progress);
    return;
  }
  const b = await collect(rest, progress);
  const chosen = format !== "auto" ? format : isText(b) ? "hex" : !isDhcpv4(b) && tilesAsFrames(b) ? "framed" : "raw";
  if (chosen === "hex") yield* hexLines(new TextDecoder().decode(b), input);
  else if (chosen === "framed") yield* framed(once(b), input, NO_PROGRESS);
  else yield message(b, { input, format: "raw", index: 0 }, input);
}

/**
 * Every message of every input, in order. An input is `-` (stdin), a
 * file, or hex text; with no inputs, the bundled sample capture.
 *
 * @throws InputError for an argument that is neither a file nor hex text
 */
export async function* readInputs(
  inputs: readonly string[],
  io: CliIo,
  options: ReadOptions,
): AsyncGenerator<InputItem> {
  const list = inputs.length === 0 ? [io.samplePath] : inputs;
  for (const input of list) {
    if (input === "-") {
      yield* byteInput(io.stdin(), "-", options, progressFor(io, options.progress, undefined));
      continue;
    }
    const info = await io.stat(input);
    if (info?.isFile) {
      const progress = progressFor(io, options.progress, info.size);
      yield* byteInput(io.readFile(input, CHUNK), input === io.samplePath ? "sample" : input, options, progress);
      continue;
    }
    if (info === undefined && HEX_TEXT.test(input) && /[0-9a-fA-F]/.test(input)) {
      yield* hexLines(input, "argument");
      continue;
    }
    throw new InputError(info ? `${input} is not a file` : `${input}: no such file, and not hex text`);
  }
}
