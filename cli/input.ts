/**
 * Turning the command line's inputs into messages: hex text, raw message
 * files, framed streams (binary or as hex text) and pcap / pcapng
 * captures, each detected or forced with `--format`. Every kind is read
 * chunk by chunk and never held whole: at most one message's worth of
 * bytes (65,535) while detecting, then one partial frame, line or capture
 * record, whatever the input's size.
 * @module
 */
import {
  type CaptureDiagnostic,
  type CapturedDhcpMessage,
  CaptureReader,
  DhcpTrafficExtractor,
  detectCaptureFormat,
} from "../src/capture/index.js";
import { DecodeError, FrameDecoder, hex } from "../src/index.js";
import type { InputFormat } from "./args.js";
import { errorLine } from "./error-text.js";
import { type FoundMessage, type InputItem, type InputProblem, isDhcpv4, type Source } from "./found.js";
import type { CliIo } from "./io.js";
import { NO_PROGRESS, type Progress, progressFor } from "./progress.js";

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

/** Size of the chunks files are read in. */
export const CHUNK = 64 * 1024;
/**
 * The longest a DHCP message can be: its size travels in 2 bytes, as the
 * UDP length or the TCP message-size (RFC 5460 §5.1). A binary input
 * longer than this is a framed stream or nothing.
 */
export const MAX_MESSAGE = 0xffff;
/** Longest hex text line read (a 65,535-byte message with a separator between bytes fits). */
export const MAX_LINE = 256 * 1024;
/** Bytes looked at to tell text from binary. */
const SNIFF = 512;
const HEX_TEXT = /^[\s0-9a-fA-Fx:-]*$/;

/**
 * True for bytes that are text (printable ASCII and whitespace only): hex
 * lines. A DHCP message or a framed stream practically never is: the
 * message type, the BOOTP op or a small message-size's first byte is a
 * control character.
 */
function isText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (const x of b) if (!((x >= 0x20 && x < 0x7f) || x === 0x09 || x === 0x0a || x === 0x0d)) return false;
  return true;
}

/**
 * Walks the 2-byte message sizes (RFC 5460 §5.1) from the start: `exact`
 * when they tile the bytes to the last one, `prefix` when the last frame
 * only runs past the end, `no` at an empty frame.
 */
function framing(b: Uint8Array): "exact" | "prefix" | "no" {
  let at = 0;
  while (at + 2 <= b.length) {
    const n = ((b[at] as number) << 8) | (b[at + 1] as number);
    if (n === 0) return "no";
    at += 2 + n;
  }
  return at === b.length && b.length > 0 ? "exact" : "prefix";
}

function message(bytes: Uint8Array, source: Source, streamKey: string): FoundMessage {
  return { type: "message", bytes, source, kind: undefined, streamKey, exchange: undefined };
}

function failure(input: string, what: string, e: DecodeError): InputProblem {
  return { type: "problem", severity: "error", input, message: `${what}: ${errorLine(e)}`, error: e };
}

/** A framed stream, chunk by chunk: one partial frame is held at most. */
async function* framed(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  progress: Progress,
): AsyncGenerator<InputItem> {
  const d = new FrameDecoder();
  let count = 0;
  try {
    for await (const c of chunks) {
      progress.advance(c.length, count);
      for (const f of d.push(c)) yield message(f, { input, format: "framed", number: ++count }, input);
    }
    d.end();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    yield failure(input, "not a valid framed stream", e);
  } finally {
    progress.done(count);
  }
}

/** The lines of a text, with their numbers from 1; a line longer than {@link MAX_LINE} ends it with a problem. */
async function* textLines(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  progress: Progress,
): AsyncGenerator<{ line: string; number: number } | InputProblem> {
  const decoder = new TextDecoder();
  let pending = "";
  let number = 0;
  const tooLong = (): InputProblem => ({
    type: "problem",
    severity: "error",
    input,
    message: `line ${number + 1} is longer than ${MAX_LINE} characters`,
  });
  for await (const c of chunks) {
    progress.advance(c.length, number);
    pending += decoder.decode(c, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() as string;
    for (const line of lines) {
      if (line.length > MAX_LINE) {
        yield tooLong();
        return;
      }
      yield { line, number: ++number };
    }
    if (pending.length > MAX_LINE) {
      yield tooLong();
      return;
    }
  }
  pending += decoder.decode();
  if (pending !== "") yield { line: pending, number: ++number };
}

/** The bytes of one hex line; undefined for a blank or `#` comment line. */
function hexLine(line: string): Uint8Array | undefined {
  const text = line.trim();
  if (text === "" || text.startsWith("#")) return undefined;
  if (!HEX_TEXT.test(text)) throw new TypeError("not hex text");
  return hex(text);
}

/**
 * Whether hex text carries a framed stream, from its first line's bytes:
 * when their message sizes tile the line, or when the line opens with a
 * size the line is too short for and whose high byte is 0: a message would
 * start with its type there, and type 0 is not used (RFC 8415 §7.3), so a
 * stream dumped a few bytes a line (`xxd -p`) is recognised.
 */
function isFramedHex(first: Uint8Array): boolean {
  if (isDhcpv4(first)) return false;
  const tiles = framing(first);
  if (tiles === "exact") return true;
  return tiles === "prefix" && first[0] === 0 && first.length >= 2 && 2 + (first[1] as number) > first.length;
}

/**
 * Hex text, line by line: one message a line, or (detected, or forced with
 * `framed`) the bytes of a framed stream across the lines.
 */
async function* hexText(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  progress: Progress,
  mode: "lines" | "framed" | "detect",
): AsyncGenerator<InputItem> {
  let framedStream = mode === "framed";
  let decided = mode !== "detect";
  const d = new FrameDecoder();
  let count = 0;
  try {
    for await (const l of textLines(chunks, input, progress)) {
      if ("type" in l) {
        yield l;
        return;
      }
      let bytes: Uint8Array | undefined;
      try {
        bytes = hexLine(l.line);
      } catch (e) {
        yield {
          type: "problem",
          severity: "error",
          input,
          message: `line ${l.number} is not hex: ${(e as Error).message}`,
        };
        // A stream with a hole in it cannot be framed any further.
        if (framedStream) return;
        continue;
      }
      if (bytes === undefined) continue;
      if (!decided) {
        decided = true;
        framedStream = isFramedHex(bytes);
      }
      if (!framedStream) yield message(bytes, { input, format: "hex", number: l.number }, input);
      else for (const f of d.push(bytes)) yield message(f, { input, format: "framed", number: ++count }, input);
    }
    if (framedStream) d.end();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    yield failure(input, "not a valid framed stream", e);
  } finally {
    progress.done(count);
  }
}

function endpoint(e: { address: string; port: number }): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** A capture timestamp as UTC with microseconds, as Wireshark shows packet times. */
export function captureTime(t: { seconds: number; nanoseconds: number }): string {
  const micros = String(Math.floor(t.nanoseconds / 1000)).padStart(6, "0");
  const d = new Date(t.seconds * 1000);
  // A time the Date range cannot hold is shown as seconds since 1970.
  if (Number.isNaN(d.getTime())) return `${t.seconds}.${micros}`;
  return d.toISOString().replace(/\.\d{3}Z$/, `.${micros}Z`);
}

function captured(m: CapturedDhcpMessage, input: string, format: "pcap" | "pcapng"): FoundMessage {
  return {
    type: "message",
    bytes: m.payload,
    kind: m.kind,
    source: {
      input,
      format,
      number: m.packetIndex + 1,
      capture: {
        transport: m.transport,
        src: endpoint(m.src),
        dst: endpoint(m.dst),
        time: m.timestamp === null ? null : captureTime(m.timestamp),
        connection: m.connection,
        message: m.frameIndex === null ? null : m.frameIndex + 1,
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
    yield failure(input, `not a valid ${reader.format ?? "pcap or pcapng"} capture`, e);
  } finally {
    progress.done(found);
  }
}

/**
 * The first chunks of a stream until more than `n` bytes are in (at most
 * `n` plus one chunk is held), and the stream with those chunks put back.
 * `whole` when the stream ended first: `head` is then all of it.
 */
async function peek(
  chunks: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; whole: boolean; rest: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let have = 0;
  let whole = false;
  while (have <= n) {
    const r = await it.next();
    if (r.done) {
      whole = true;
      break;
    }
    taken.push(r.value);
    have += r.value.length;
  }
  const head = concat(taken);
  const rest = (async function* () {
    yield* taken;
    if (whole) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  return { head, whole, rest };
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

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

/**
 * A binary input that is not a capture: one raw message, or a framed
 * stream. Up to {@link MAX_MESSAGE} bytes it is framed when the sizes
 * tile it exactly (and it is not DHCPv4); longer, it can only be a framed
 * stream, which is then read on chunk by chunk.
 */
async function* rawOrFramed(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  format: "raw" | "auto",
  progress: Progress,
): AsyncGenerator<InputItem> {
  const { head, whole, rest } = await peek(chunks, MAX_MESSAGE);
  if (whole) {
    progress.advance(head.length, 0);
    progress.done(1);
    if (format === "auto" && !isDhcpv4(head) && framing(head) === "exact")
      yield* framed(once(head), input, NO_PROGRESS);
    else yield message(head, { input, format: "raw", number: 1 }, input);
    return;
  }
  if (format === "auto" && !isDhcpv4(head) && framing(head) !== "no") {
    yield* framed(rest, input, progress);
    return;
  }
  progress.done(0);
  const what = format === "raw" ? "" : "not a framed stream, and ";
  yield {
    type: "problem",
    severity: "error",
    input,
    message: `${what}longer than a DHCP message can be (${MAX_MESSAGE} bytes)`,
  };
}

/** Reads one byte stream (a file or stdin) in the given or detected format. */
async function* byteInput(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  options: ReadOptions,
  progress: Progress,
): AsyncGenerator<InputItem> {
  const { head, rest } = await peek(chunks, SNIFF);
  const format = options.format;
  if (format === "pcap" || (format === "auto" && detectCaptureFormat(head) !== undefined)) {
    yield* capture(rest, input, progress);
  } else if (format === "hex") {
    yield* hexText(rest, input, progress, "lines");
  } else if (format !== "raw" && isText(head)) {
    yield* hexText(rest, input, progress, format === "framed" ? "framed" : "detect");
  } else if (format === "framed") {
    yield* framed(rest, input, progress);
  } else {
    yield* rawOrFramed(rest, input, format, progress);
  }
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
      const mode = options.format === "framed" ? "framed" : options.format === "hex" ? "lines" : "detect";
      yield* hexText(once(new TextEncoder().encode(input)), "argument", NO_PROGRESS, mode);
      continue;
    }
    throw new InputError(info ? `${input} is not a file` : `${input}: no such file, and not hex text`);
  }
}
