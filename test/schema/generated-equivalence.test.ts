/**
 * The generated DHCPv6 codecs (src/v6/codecs.generated.ts) against the
 * reference interpreter (the combinators' own read, size and write of
 * MESSAGE_CODEC and OPTION_LIST_CODEC): on valid and mutated input, the
 * same value or the same DecodeError (code, offset, path, message), the
 * same bytes or the same EncodeError (code, path), and a skip that ends
 * where the interpreter's read ends, or -1 where that read fails.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dhcpv6MessageArbitrary,
  dhcpv6MessageBytesArbitrary,
  dhcpv6NearValidArbitrary,
  dhcpv6OptionArbitrary,
} from "../../src/arbitrary/index.js";
import { DecodeError, EncodeError } from "../../src/errors.js";
import { type AnyCodec, type Encoder, encodeToScratchWith, ensureCapacity } from "../../src/schema/codec.js";
import {
  decodeMessage,
  decodeOptionList,
  encodeMessage,
  encodeOptionList,
  skipMessage,
  skipOptionList,
} from "../../src/v6/codecs.generated.js";
import { encodingLength } from "../../src/v6/message.js";
import { MESSAGE_CODEC, OPTION_DEFS, OPTION_LIST_CODEC } from "../../src/v6/schema.js";
import { type DecodeOptions, readerOptions } from "../../src/wire/decode-options.js";
import { hex } from "../../src/wire/hex.js";
import { Reader } from "../../src/wire/reader.js";
import { badValue, mutateValue } from "./mutate-value.js";

/** A decode's result as data: the value, or the error's code, offset, path and message. */
function decodeOutcome(read: (r: Reader) => unknown, bytes: Uint8Array, opts: DecodeOptions): unknown {
  try {
    return { value: read(new Reader(bytes, readerOptions(opts))) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: { code: e.code, offset: e.offset, path: e.path, message: e.message } };
  }
}

/** An encode's result as data: the bytes, or the error's code and path. */
function encodeOutcome(encoder: Encoder, value: unknown): unknown {
  try {
    const w = encodeToScratchWith(encoder, value);
    return { bytes: w.b.slice(0, w.pos) };
  } catch (e) {
    if (!(e instanceof EncodeError)) throw e;
    return { error: { code: e.code, path: e.path, message: e.message } };
  }
}

/** The interpreter as an encoder: `size` (which validates), then `write`. */
const interpretedEncoder =
  (codec: AnyCodec): Encoder =>
  (w, v, depth) => {
    ensureCapacity(w, codec.size(v, depth));
    codec.write(w, v);
  };

/** Where the interpreter's read of `bytes` ends, or -1 where it throws a DecodeError: what a skipper must answer. */
function readEnd(codec: AnyCodec, bytes: Uint8Array, opts: DecodeOptions): number {
  const r = new Reader(bytes, readerOptions(opts));
  try {
    codec.read(r);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return -1;
  }
  return r.pos;
}

const optionsArb: fc.Arbitrary<DecodeOptions> = fc.record({
  maxDepth: fc.integer({ min: 1, max: 6 }),
  keepMalformedOptions: fc.boolean(),
  lenientHeader: fc.boolean(),
});

/** Valid bytes with up to three bytes overwritten or the end cut: mostly malformed, sometimes in new ways. */
const mutatedBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    dhcpv6MessageBytesArbitrary({ maxDepth: 5 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.option(fc.nat()),
  )
  .map(([valid, edits, cut]) => {
    const b = valid.slice();
    for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
    return cut === null ? b : b.subarray(0, cut % (b.length + 1));
  });

const inputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  dhcpv6MessageBytesArbitrary({ maxDepth: 5 }),
  dhcpv6NearValidArbitrary({ maxDepth: 5 }).map((n) => n.bytes),
  mutatedBytes,
  fc.uint8Array({ maxLength: 64 }),
);

describe("generated DHCPv6 decoders", () => {
  it("give the interpreter's value or DecodeError on valid and mutated messages", () => {
    fc.assert(
      fc.property(inputs, optionsArb, (bytes, opts) => {
        expect(decodeOutcome(decodeMessage, bytes, opts)).toEqual(
          decodeOutcome((r) => MESSAGE_CODEC.read(r), bytes, opts),
        );
      }),
      { numRuns: 600 },
    );
  });

  it("give the interpreter's value or DecodeError on bare option lists", () => {
    // A message's bytes past its 4-byte header are an option list, and any bytes are tried too.
    const lists = fc.oneof(
      inputs.map((b) => b.subarray(Math.min(4, b.length))),
      fc.uint8Array({ maxLength: 48 }),
    );
    fc.assert(
      fc.property(lists, optionsArb, (bytes, opts) => {
        expect(decodeOutcome(decodeOptionList, bytes, opts)).toEqual(
          decodeOutcome((r) => OPTION_LIST_CODEC.read(r), bytes, opts),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("agree on hand-made edge cases", () => {
    const cases: [string, DecodeOptions][] = [
      ["", {}],
      ["0c", {}], // RELAY-FORW cut after msg-type
      [`0c01${"00".repeat(20)}`, {}], // cut inside link-address
      ["14 0000", {}], // DHCPV4-QUERY cut inside flags
      ["01123456 0001 0003 0004 ab", {}], // CLIENTID: DUID-UUID cut short
      [`01123456 0001 0014 0004 ${"11".repeat(18)}`, {}], // DUID-UUID with 2 bytes left over
      [`01123456 0001 0014 0004 ${"11".repeat(18)}`, { keepMalformedOptions: true }],
      ["01123456 0006 0003 000100", {}], // ORO of 3 bytes
      ["01123456 000d 0003 0000ff", { keepMalformedOptions: true }], // STATUS_CODE, invalid UTF-8
      ["01123456 002d 0008 002d 0004 002d 0000", { maxDepth: 2 }], // nested past maxDepth
      ["01123456 002d 0008 002d 0004 002d 0000", { maxDepth: 2, keepMalformedOptions: true }],
      ["01123456 0009 0004 0c00", {}], // RELAY_MSG holding a cut relay message
      ["01123456 00ff 0002 ab", {}], // unknown option running past the input
    ];
    for (const [text, opts] of cases) {
      const bytes = hex(text);
      expect(decodeOutcome(decodeMessage, bytes, opts), text).toEqual(
        decodeOutcome((r) => MESSAGE_CODEC.read(r), bytes, opts),
      );
      const ro = readerOptions(opts);
      expect(skipMessage(bytes, 0, bytes.length, 0, ro), text).toBe(readEnd(MESSAGE_CODEC, bytes, opts));
    }
  });
});

describe("generated DHCPv6 option-len checks", () => {
  it("agree with the interpreter for every declared code at every option-len from 0 to 40", () => {
    // Bodies of all-zero and all-ones bytes: zeros make nested lists of
    // empty options and DUIDs of type 0, ones make unknown codes and bad UTF-8.
    for (const def of OPTION_DEFS) {
      for (let len = 0; len <= 40; len++) {
        for (const fill of [0x00, 0xff]) {
          const bytes = new Uint8Array(8 + len).fill(fill);
          bytes.set([0x01, 0x12, 0x34, 0x56, def.code >> 8, def.code & 0xff, len >> 8, len & 0xff]);
          for (const opts of [{}, { keepMalformedOptions: true }]) {
            const what = `${def.name} len ${len} fill ${fill} ${JSON.stringify(opts)}`;
            const generated = decodeOutcome(decodeMessage, bytes, opts);
            expect(generated, what).toEqual(decodeOutcome((r) => MESSAGE_CODEC.read(r), bytes, opts));
            const ro = readerOptions(opts);
            const end = skipMessage(bytes, 0, bytes.length, 0, ro);
            expect(end, what).toBe(readEnd(MESSAGE_CODEC, bytes, opts));
            expect(end === bytes.length, what).toBe((generated as { value?: unknown }).value !== undefined);
          }
        }
      }
    }
  });
});

describe("generated DHCPv6 skippers", () => {
  it("end where the interpreter's read ends, which is the end exactly when decoding succeeds", () => {
    fc.assert(
      fc.property(inputs, optionsArb, (bytes, opts) => {
        const ro = readerOptions(opts);
        const end = skipMessage(bytes, 0, bytes.length, 0, ro);
        expect(end).toBe(readEnd(MESSAGE_CODEC, bytes, opts));
        const decoded = decodeOutcome(decodeMessage, bytes, opts) as { value?: unknown };
        expect(end === bytes.length).toBe(decoded.value !== undefined);
        const list = bytes.subarray(Math.min(4, bytes.length));
        expect(skipOptionList(list, 0, list.length, 0, ro)).toBe(readEnd(OPTION_LIST_CODEC, list, opts));
      }),
      { numRuns: 600 },
    );
  });
});

describe("generated DHCPv6 encoders", () => {
  it("write the interpreter's bytes for valid messages, and encodingLength is their length", () => {
    fc.assert(
      fc.property(dhcpv6MessageArbitrary({ maxDepth: 5 }), (m) => {
        const out = encodeOutcome(encodeMessage, m) as { bytes: Uint8Array };
        expect(out).toEqual(encodeOutcome(interpretedEncoder(MESSAGE_CODEC), m));
        expect(out.bytes).toBeInstanceOf(Uint8Array);
        expect(encodingLength(m)).toBe(out.bytes.length);
      }),
      { numRuns: 400 },
    );
  });

  it("throw the interpreter's EncodeError for a value with one place made wrong", () => {
    fc.assert(
      fc.property(dhcpv6MessageArbitrary({ maxDepth: 5 }), fc.nat(), badValue, (m, pick, bad) => {
        const v = mutateValue(m, pick, bad);
        expect(encodeOutcome(encodeMessage, v)).toEqual(encodeOutcome(interpretedEncoder(MESSAGE_CODEC), v));
        const options = (v as { options?: unknown }).options;
        expect(encodeOutcome(encodeOptionList, options)).toEqual(
          encodeOutcome(interpretedEncoder(OPTION_LIST_CODEC), options),
        );
      }),
      { numRuns: 600 },
    );
  });

  it("throw the interpreter's EncodeError for one option with one place made wrong", () => {
    // One option has few places, so that each field of each layout is hit.
    fc.assert(
      fc.property(dhcpv6OptionArbitrary({ maxDepth: 3 }), fc.nat(), badValue, (o, pick, bad) => {
        const options = [mutateValue(o, pick, bad)];
        expect(encodeOutcome(encodeOptionList, options)).toEqual(
          encodeOutcome(interpretedEncoder(OPTION_LIST_CODEC), options),
        );
      }),
      { numRuns: 1500 },
    );
  });

  it("re-encode what they decoded from mutated input (raw malformed options kept) as the interpreter does", () => {
    fc.assert(
      fc.property(inputs, (bytes) => {
        const out = decodeOutcome(decodeMessage, bytes, { keepMalformedOptions: true }) as { value?: unknown };
        if (out.value === undefined) return;
        const generated = encodeOutcome(encodeMessage, out.value) as { bytes?: Uint8Array };
        expect(generated).toEqual(encodeOutcome(interpretedEncoder(MESSAGE_CODEC), out.value));
        expect(generated.bytes).toEqual(bytes);
      }),
      { numRuns: 400 },
    );
  });
});
