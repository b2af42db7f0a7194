"use strict";
/**
 * Fuzz target: the stream framer (RFC 5460 §5.1, RFC 7653 §6.1) feeding the
 * DHCPv6 decoder: `FrameDecoder` and `MessageDecoder`.
 *
 * The input is a byte stream; the target cuts it into chunks (whole, one
 * byte at a time, or random sizes including empty chunks, chosen from the
 * input's own hash so a rerun cuts it the same way) and checks:
 * - only DecodeError escapes `push` and `end`, with an offset inside the
 *   stream and the path `frames[i]...` of the frame at fault;
 * - the frames equal those of an independent reference parse, and so does
 *   the error (code and offset); `bufferedBytes` is exactly the partial
 *   frame held, never more than one frame; `offset` counts the bytes pushed;
 * - the messages equal `decode` of each frame, up to the first bad frame or
 *   message, whose error is re-based to the stream; `encodeFramed` of each
 *   message gives its frame back byte for byte;
 * - errors stick: once failed, every `push` and `end` throws the same error;
 * - a fresh decoder still works after any failure.
 */
const {
  ContractViolation,
  attempt,
  checkDecodeError,
  expect,
  expectBytes,
  expectEqual,
  fromHex,
  inputRandom,
  mustNotThrow,
} = require("./support/contract.cjs");
const { lazyFuzz } = require("./support/library.cjs");

const NAME = "stream-decode";
const NEEDS = ["FrameDecoder", "MessageDecoder", "MAX_FRAME_SIZE", "encodeFramed", "decode", "isDecodeError"];
/** Two good frames: LEASEQUERY-DONE with a status, then an empty LEASEQUERY-DATA. */
const CANARY = "000a10123456000d0002000b00040f000001";

/**
 * The frames of `data` by the letter of RFC 5460 §5.1, written apart from
 * the library so the two can be compared.
 * @param {Uint8Array} data
 * @param {boolean} allowEmpty
 */
function reference(data, allowEmpty) {
  /** @type {Uint8Array[]} */
  const frames = [];
  /** @type {number[]} */
  const starts = [];
  /** @type {{ code: string, offset: number } | undefined} */
  let error;
  let p = 0;
  while (p < data.length) {
    if (data.length - p < 2) {
      error = { code: "truncated", offset: p };
      break;
    }
    const size = ((data[p] ?? 0) << 8) | (data[p + 1] ?? 0);
    if (size === 0 && !allowEmpty) {
      error = { code: "empty-frame", offset: p };
      break;
    }
    if (p + 2 + size > data.length) {
      error = { code: "truncated", offset: p };
      break;
    }
    frames.push(data.subarray(p + 2, p + 2 + size));
    starts.push(p);
    p += 2 + size;
  }
  return { frames, starts, end: p, error };
}

/**
 * @param {Uint8Array} data
 * @param {() => number} rand
 * @returns {Uint8Array[]}
 */
function cut(data, rand) {
  const mode = rand() % 4;
  if (mode === 0) return [data];
  if (mode === 1 && data.length <= 4096) return Array.from(data, (_, i) => data.subarray(i, i + 1));
  const max = mode === 2 ? 8 : 300;
  const out = [];
  for (let p = 0; p < data.length; ) {
    const n = rand() % (max + 1);
    out.push(data.subarray(p, p + n));
    p += n;
  }
  if (rand() % 4 === 0) out.push(data.subarray(0, 0));
  return out;
}

/** The path rule of DecodeError: a segment, then `[...]` directly or `.name`. */
function joinPath(/** @type {string} */ segment, /** @type {string} */ rest) {
  if (rest === "") return segment;
  return rest.startsWith("[") ? segment + rest : `${segment}.${rest}`;
}

/**
 * Feeds `chunks` to `decoder`, checking stickiness; returns what came out
 * and the error it stopped on.
 * @param {any} lib
 * @param {{ push(c: Uint8Array): unknown[], end(): void, readonly error: unknown, readonly offset: number, readonly bufferedBytes: number }} decoder
 * @param {Uint8Array[]} chunks
 * @param {number} total
 * @param {string} what
 * @param {(pushed: number) => void} [afterPush]
 */
function feed(lib, decoder, chunks, total, what, afterPush) {
  /** @type {unknown[]} */
  const out = [];
  let pushed = 0;
  for (const c of chunks) {
    const stored = decoder.error;
    try {
      const got = decoder.push(c);
      expect(stored === undefined, `${what}.push returned after the decoder had failed`);
      for (const x of got) out.push(x);
    } catch (e) {
      if (e instanceof ContractViolation) throw e;
      checkDecodeError(lib, e, total, `${what}.push`);
      expect(stored === undefined || e === stored, `${what}.push threw a different error after failing`);
      expect(decoder.error === e, `${what}.error is not the error push threw`);
    }
    // A failed decoder refuses chunks, so only those pushed before count.
    if (stored === undefined) pushed += c.length;
    expect(decoder.offset === pushed, `${what}.offset is ${decoder.offset} after ${pushed} bytes`);
    expect(
      decoder.bufferedBytes >= 0 && decoder.bufferedBytes <= lib.MAX_FRAME_SIZE,
      `${what} holds ${decoder.bufferedBytes} bytes, more than one frame`,
    );
    if (decoder.error === undefined && afterPush) afterPush(pushed);
  }
  const stored = decoder.error;
  try {
    decoder.end();
    expect(stored === undefined, `${what}.end returned after the decoder had failed`);
  } catch (e) {
    if (e instanceof ContractViolation) throw e;
    checkDecodeError(lib, e, total, `${what}.end`);
    expect(stored === undefined || e === stored, `${what}.end threw a different error after failing`);
  }
  const error = decoder.error;
  if (error !== undefined) {
    // Sticky: the same error again, also for a good chunk.
    for (const again of [() => decoder.push(Uint8Array.of(0, 4, 0x10, 0, 0, 1)), () => decoder.end()]) {
      try {
        again();
        throw new ContractViolation(`${what} accepted more input after failing`);
      } catch (e) {
        if (e instanceof ContractViolation) throw e;
        expect(e === error, `${what} threw a different error after failing`);
      }
    }
  }
  return { out, error: /** @type {any} */ (error) };
}

/**
 * @param {any} lib
 * @returns {(data: Uint8Array) => void}
 */
function make(lib) {
  const canary = fromHex(CANARY);
  const canaryMessages = [lib.decode(canary.subarray(2, 12)), lib.decode(canary.subarray(14))];

  function stillWorks() {
    const frames = new lib.FrameDecoder();
    const got = mustNotThrow(
      () => [...frames.push(canary.subarray(0, 5)), ...frames.push(canary.subarray(5))],
      "a fresh FrameDecoder after a failure",
    );
    mustNotThrow(() => frames.end(), "end() of a fresh FrameDecoder after a failure");
    expect(got.length === 2, "a fresh FrameDecoder after a failure lost frames");
    const messages = new lib.MessageDecoder();
    const ms = mustNotThrow(() => messages.push(canary), "a fresh MessageDecoder after a failure");
    expectEqual(ms, canaryMessages, "a fresh MessageDecoder after a failure");
  }

  return (data) => {
    const rand = inputRandom(data);
    const allowEmpty = (rand() & 7) === 0;
    const lenient = (rand() & 3) === 0;
    const chunks = cut(data, rand);
    const ref = reference(data, allowEmpty);
    const ends = ref.starts.map((s, i) => s + 2 + /** @type {Uint8Array} */ (ref.frames[i]).length);

    // Frames.
    const frames = new lib.FrameDecoder({ allowEmptyFrames: allowEmpty });
    let boundary = 0;
    let k = 0;
    const f = feed(lib, frames, chunks, data.length, "FrameDecoder", (pushed) => {
      while (k < ends.length && /** @type {number} */ (ends[k]) <= pushed) boundary = /** @type {number} */ (ends[k++]);
      const want = pushed - boundary;
      expect(
        frames.bufferedBytes === want,
        `FrameDecoder holds ${frames.bufferedBytes} bytes, the partial frame is ${want}`,
      );
    });
    expect(
      f.out.length === ref.frames.length,
      `FrameDecoder gave ${f.out.length} frames, the reference ${ref.frames.length}`,
    );
    f.out.forEach((fr, i) => {
      expectBytes(/** @type {Uint8Array} */ (fr), /** @type {Uint8Array} */ (ref.frames[i]), `frame ${i}`);
    });
    if (ref.error === undefined)
      expect(f.error === undefined, `FrameDecoder failed on a well-framed stream: ${f.error?.message}`);
    else {
      expect(
        f.error !== undefined,
        `FrameDecoder accepted a stream the reference rejects (${ref.error.code} at ${ref.error.offset})`,
      );
      expect(
        f.error.code === ref.error.code &&
          f.error.offset === ref.error.offset &&
          f.error.path === `frames[${ref.frames.length}]`,
        `FrameDecoder error ${f.error.code} at ${f.error.offset} (${f.error.path}), the reference ${ref.error.code} at ${ref.error.offset}`,
      );
    }

    // Messages: decode of each frame up to the first failure.
    const options = lenient
      ? { allowEmptyFrames: allowEmpty, keepMalformedOptions: true }
      : { allowEmptyFrames: allowEmpty };
    /** @type {unknown[]} */
    const want = [];
    /** @type {{ code: string, offset: number, path: string } | undefined} */
    let wantError;
    for (let i = 0; i < ref.frames.length; i++) {
      const body = /** @type {Uint8Array} */ (ref.frames[i]);
      const r = attempt(lib, () => lib.decode(body, options), body.length, `decode of frame ${i}`);
      if (!r.ok) {
        const at = /** @type {number} */ (ref.starts[i]) + 2;
        wantError = { code: r.error.code, offset: at + r.error.offset, path: joinPath(`frames[${i}]`, r.error.path) };
        break;
      }
      want.push(r.value);
    }
    if (wantError === undefined && ref.error !== undefined) {
      wantError = { ...ref.error, path: `frames[${ref.frames.length}]` };
    }
    const messages = new lib.MessageDecoder(options);
    const m = feed(lib, messages, chunks, data.length, "MessageDecoder");
    expectEqual(m.out, want, "MessageDecoder messages vs decode of each frame");
    if (wantError === undefined)
      expect(m.error === undefined, `MessageDecoder failed on a good stream: ${m.error?.message}`);
    else {
      expect(m.error !== undefined, `MessageDecoder accepted a stream with a bad frame or message (${wantError.code})`);
      expect(
        m.error.code === wantError.code && m.error.offset === wantError.offset && m.error.path === wantError.path,
        `MessageDecoder error ${m.error.code} at ${m.error.offset} (${m.error.path}), expected ${wantError.code} at ${wantError.offset} (${wantError.path})`,
      );
    }
    m.out.forEach((msg, i) => {
      const start = /** @type {number} */ (ref.starts[i]);
      const framed = mustNotThrow(() => lib.encodeFramed(msg), `encodeFramed(message ${i})`);
      expectBytes(framed, data.subarray(start, /** @type {number} */ (ends[i])), `encodeFramed(message ${i})`);
    });

    if (f.error !== undefined || m.error !== undefined) stillWorks();
  };
}

module.exports.name = NAME;
module.exports.input = "dhcpv6-stream";
module.exports.needs = NEEDS;
module.exports.make = make;
module.exports.fuzz = lazyFuzz(NAME, NEEDS, make);
