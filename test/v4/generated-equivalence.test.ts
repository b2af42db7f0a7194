/**
 * The generated DHCPv4 body codecs (src/v4/codecs.generated.ts) against the
 * reference interpreter: a DHCPv4 message read and planned with the
 * generated bodies (DHCPV4_BODIES) and with the interpreter's
 * (`interpretedBodies`: readBody and the combinators' size and write)
 * gives the same value or the same DecodeError (code, offset, path,
 * message), the same bytes or the same EncodeError (code, path, message),
 * on valid, split (RFC 3396) and mutated input. The sub-option list and
 * the body checks are compared with the interpreter's codec too: a check
 * passes, or a skip ends at the end, exactly where the interpreter's read
 * succeeds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dhcpv4MessageArbitrary,
  dhcpv4MessageBytesArbitrary,
  dhcpv4NearValidArbitrary,
} from "../../src/arbitrary/index.js";
import { DecodeError, EncodeError } from "../../src/errors.js";
import { type AnyCodec, type Encoder, encodeToScratchWith, ensureCapacity } from "../../src/schema/codec.js";
import type { OptionDef } from "../../src/schema/option.js";
import type { OptionBodies } from "../../src/schema/option-area.js";
import { interpretedBodies } from "../../src/schema/option-area-codec.js";
import {
  decodeBootpHeader,
  decodeRelayAgentSubOptions,
  encodeBootpHeader,
  encodeRelayAgentSubOptions,
  fitsDhcpv4OptionBody,
  skipRelayAgentSubOptions,
} from "../../src/v4/codecs.generated.js";
import { DHCPV4_BODIES, planDhcpv4, readDhcpv4, writeDhcpv4 } from "../../src/v4/message-wire.js";
import { BOOTP_HEADER, DHCPV4_OPTION_DEFS, DHCPV4_OPTION_TABLE } from "../../src/v4/schema.js";
import { type DecodeOptions, readerOptions } from "../../src/wire/decode-options.js";
import { hex } from "../../src/wire/hex.js";
import { Reader } from "../../src/wire/reader.js";
import { badValue, mutateValue } from "../schema/mutate-value.js";
import { splitMessageArbitrary } from "./arbitrary.js";

const INTERPRETED = interpretedBodies(DHCPV4_OPTION_TABLE);

/** The interpreter's sub-option list: the field of option 82's declaration. */
const SUBOPTIONS = (DHCPV4_OPTION_TABLE[82] as OptionDef).body.fields.suboptions as AnyCodec;

/** A decode's result as data: the value, or the error's code, offset, path and message. */
function decodeOutcome(read: (r: Reader) => unknown, bytes: Uint8Array, opts: DecodeOptions): unknown {
  try {
    return { value: read(new Reader(bytes, readerOptions(opts))) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: { code: e.code, offset: e.offset, path: e.path, message: e.message } };
  }
}

const readWith =
  (bodies: OptionBodies) =>
  (r: Reader): unknown =>
    readDhcpv4(r, bodies);

/** An encode's result as data: the bytes, or the error's code, path and message. */
function encodeOutcome(encode: () => { b: Uint8Array; pos: number }): unknown {
  try {
    const w = encode();
    return { bytes: w.b.slice(0, w.pos) };
  } catch (e) {
    if (!(e instanceof EncodeError)) throw e;
    return { error: { code: e.code, path: e.path, message: e.message } };
  }
}

/** A message planned and written with `bodies`. */
const encodeWith = (bodies: OptionBodies, v: unknown) => () =>
  encodeToScratchWith((w, x, depth) => {
    const plan = planDhcpv4(x, depth, bodies);
    ensureCapacity(w, plan.size);
    writeDhcpv4(w, plan);
  }, v);

const listOutcome = (encoder: Encoder, v: unknown): unknown => encodeOutcome(() => encodeToScratchWith(encoder, v));

/** The interpreter as an encoder: `size` (which validates), then `write`. */
const sizeThenWrite =
  (codec: AnyCodec): Encoder =>
  (w, v, depth) => {
    ensureCapacity(w, codec.size(v, depth));
    codec.write(w, v);
  };

const optionsArb: fc.Arbitrary<DecodeOptions> = fc.record({
  maxDepth: fc.integer({ min: 1, max: 4 }),
  keepMalformedOptions: fc.boolean(),
  lenientHeader: fc.boolean(),
});

/** The options field starts after the 240-byte fixed part; most edits go there. */
const OPTIONS_AT = 240;

const validBytes = fc.oneof(
  dhcpv4MessageBytesArbitrary({ maxDepth: 3 }),
  splitMessageArbitrary().map((m) => m.bytes),
);

/** Valid bytes with up to three bytes overwritten (mostly in the option areas) or the end cut. */
const mutatedBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    validBytes,
    fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.option(fc.nat()),
  )
  .map(([valid, edits, cut]) => {
    const b = valid.slice();
    for (const [inOptions, at, v] of edits) {
      // The header and the (maybe overloaded) file and sname fields, or the options field.
      const i = inOptions && b.length > OPTIONS_AT ? OPTIONS_AT + (at % (b.length - OPTIONS_AT)) : at % b.length;
      b[i] = v;
    }
    return cut === null ? b : b.subarray(0, OPTIONS_AT + (cut % (b.length - OPTIONS_AT + 1)));
  });

const inputs: fc.Arbitrary<Uint8Array> = fc.oneof(
  validBytes,
  dhcpv4NearValidArbitrary({ maxDepth: 3 }).map((n) => n.bytes),
  mutatedBytes,
);

/** A message of `options` (hex) after a zero header with the magic cookie. */
function message(options: string): Uint8Array {
  const b = hex(options);
  const out = new Uint8Array(OPTIONS_AT + b.length);
  out.set([99, 130, 83, 99], 236);
  out.set(b, OPTIONS_AT);
  return out;
}

describe("generated DHCPv4 body decoders", () => {
  it("give the interpreter's message value or DecodeError on valid, split and mutated messages", () => {
    fc.assert(
      fc.property(inputs, optionsArb, (bytes, opts) => {
        expect(decodeOutcome(readWith(DHCPV4_BODIES), bytes, opts)).toEqual(
          decodeOutcome(readWith(INTERPRETED), bytes, opts),
        );
      }),
      { numRuns: 600 },
    );
  });

  it("agree with the interpreter for every declared code at every length from 0 to 24, alone and joined", () => {
    // Bodies of one fill byte: 0x00 makes empty sub-options and a status
    // of code 0, 0x01 circuit-ids that run past their option, 0xff
    // unknown sub-options of length 255 and invalid UTF-8.
    for (const def of DHCPV4_OPTION_DEFS) {
      for (let len = 0; len <= 24; len++) {
        for (const fill of ["00", "01", "ff"]) {
          const body = fill.repeat(len);
          const code = def.code.toString(16).padStart(2, "0");
          const n = len.toString(16).padStart(2, "0");
          const half = Math.floor(len / 2);
          const h = half.toString(16).padStart(2, "0");
          const r = (len - half).toString(16).padStart(2, "0");
          const cases = [
            message(`${code}${n}${body} ff`),
            // RFC 3396: the same value in two instances, adjacent and apart.
            message(`${code}${h}${fill.repeat(half)} ${code}${r}${fill.repeat(len - half)} ff`),
            message(`${code}${h}${fill.repeat(half)} 00 ${code}${r}${fill.repeat(len - half)} ff`),
          ];
          for (const bytes of cases) {
            for (const opts of [{}, { keepMalformedOptions: true }, { maxDepth: 1 }]) {
              const what = `${def.name} len ${len} fill ${fill} ${JSON.stringify(opts)}`;
              expect(decodeOutcome(readWith(DHCPV4_BODIES), bytes, opts), what).toEqual(
                decodeOutcome(readWith(INTERPRETED), bytes, opts),
              );
            }
          }
        }
      }
    }
  });

  it("read a bare sub-option list as the interpreter's list codec does", () => {
    const lists = fc.oneof(
      inputs.map((b) => b.subarray(Math.min(OPTIONS_AT, b.length))),
      fc.uint8Array({ maxLength: 40 }),
      fc.array(fc.constantFrom(1, 2, 5, 6, 11, 12, 0, 4, 255), { maxLength: 24 }).map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(lists, optionsArb, (bytes, opts) => {
        expect(decodeOutcome(decodeRelayAgentSubOptions, bytes, opts)).toEqual(
          decodeOutcome((r) => SUBOPTIONS.read(r), bytes, opts),
        );
      }),
      { numRuns: 400 },
    );
  });
});

describe("generated BOOTP header codec", () => {
  it("reads what the interpreter's BOOTP_HEADER reads, or throws its DecodeError, at any length", () => {
    const headers = fc.oneof(
      fc.uint8Array({ minLength: 28, maxLength: 32 }),
      fc.uint8Array({ maxLength: 28 }),
      inputs.map((b) => b.subarray(0, 40)),
    );
    fc.assert(
      fc.property(headers, (bytes) => {
        expect(decodeOutcome(decodeBootpHeader, bytes, {})).toEqual(
          decodeOutcome((r) => BOOTP_HEADER.read(r), bytes, {}),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("writes the interpreter's bytes, or throws its EncodeError, for a header with one place made wrong", () => {
    const interpreted = sizeThenWrite(BOOTP_HEADER);
    const generated: Encoder = (w, v, depth) => encodeBootpHeader(w, v as Record<string, unknown>, depth);
    fc.assert(
      fc.property(dhcpv4MessageArbitrary({ maxDepth: 1 }), fc.nat(), badValue, (m, pick, bad) => {
        const { options: _o, sname: _s, file: _f, chaddr: _c, ...header } = m;
        for (const v of [header, mutateValue(header, pick, bad)]) {
          expect(listOutcome(generated, v)).toEqual(listOutcome(interpreted, v));
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe("generated DHCPv4 body checks", () => {
  /** Whether the interpreter reads `body` as option `code` at `depth` without an error or keeping it raw. */
  function reads(code: number, body: Uint8Array, depth: number, opts: DecodeOptions): boolean {
    const r = new Reader(body, readerOptions(opts));
    r.depth = depth;
    try {
      return !("malformed" in INTERPRETED.read(r, code, body.length, 0));
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return false;
    }
  }

  /** Where the interpreter's sub-option list read of `body` at `depth` ends, or -1 where it throws. */
  function subOptionsEnd(body: Uint8Array, depth: number, opts: DecodeOptions): number {
    const r = new Reader(body, readerOptions(opts));
    r.depth = depth;
    try {
      SUBOPTIONS.read(r);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return -1;
    }
    return r.pos;
  }

  it("pass exactly the bodies the interpreter reads, for every declared code and any body", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DHCPV4_OPTION_DEFS.map((d) => d.code)),
        fc.oneof(
          fc.uint8Array({ maxLength: 24 }),
          fc.array(fc.constantFrom(1, 2, 5, 6, 11, 12, 0, 4, 255), { maxLength: 24 }).map((a) => Uint8Array.from(a)),
        ),
        optionsArb,
        (code, body, opts) => {
          const ro = readerOptions(opts);
          expect(fitsDhcpv4OptionBody(code, body, 0, body.length, 1, ro)).toBe(reads(code, body, 1, opts));
          expect(skipRelayAgentSubOptions(body, 0, body.length, 1, ro)).toBe(subOptionsEnd(body, 1, opts));
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe("generated DHCPv4 body encoders", () => {
  it("write the interpreter's bytes for valid messages", () => {
    fc.assert(
      fc.property(dhcpv4MessageArbitrary({ maxDepth: 3 }), (m) => {
        const out = encodeOutcome(encodeWith(DHCPV4_BODIES, m)) as { bytes: Uint8Array };
        expect(out).toEqual(encodeOutcome(encodeWith(INTERPRETED, m)));
        expect(out.bytes).toBeInstanceOf(Uint8Array);
      }),
      { numRuns: 300 },
    );
  });

  it("throw the interpreter's EncodeError for a message with one place made wrong", () => {
    fc.assert(
      fc.property(dhcpv4MessageArbitrary({ maxDepth: 3 }), fc.nat(), badValue, (m, pick, bad) => {
        const v = mutateValue(m, pick, bad);
        expect(encodeOutcome(encodeWith(DHCPV4_BODIES, v))).toEqual(encodeOutcome(encodeWith(INTERPRETED, v)));
      }),
      { numRuns: 800 },
    );
  });

  it("throw the interpreter's EncodeError for one option with one place made wrong", () => {
    // One option has few places, so that each field of each layout is hit.
    const one = dhcpv4MessageArbitrary({ maxDepth: 3 }).chain((m) => {
      const declared = m.options.filter((o) => DHCPV4_OPTION_TABLE[o.code] !== undefined && !("data" in o));
      return declared.length === 0 ? fc.constant(m) : fc.constantFrom(...declared).map((o) => ({ ...m, options: [o] }));
    });
    fc.assert(
      fc.property(one, fc.nat(), badValue, (m, pick, bad) => {
        const options = mutateValue(m.options, pick, bad);
        const v = { ...m, options };
        expect(encodeOutcome(encodeWith(DHCPV4_BODIES, v))).toEqual(encodeOutcome(encodeWith(INTERPRETED, v)));
      }),
      { numRuns: 1500 },
    );
  });

  it("write a bare sub-option list, or fail, as the interpreter's list codec does", () => {
    const interpreted = sizeThenWrite(SUBOPTIONS);
    const lists = fc.array(
      fc.oneof(
        fc.record({ code: fc.constantFrom(1, 2, 6, 12), data: fc.uint8Array({ maxLength: 4 }) }),
        // Around the 255 bytes a 1-byte length holds.
        fc.record({
          code: fc.constant(1),
          circuitId: fc.integer({ min: 250, max: 260 }).map((n) => new Uint8Array(n)),
        }),
        fc.record({ code: fc.constantFrom(5, 11), address: fc.constantFrom("192.0.2.1", "1.2.3", 7) }),
        fc.record({ code: fc.constantFrom(3, 256, -1, 1.5, "1"), data: fc.uint8Array({ maxLength: 2 }) }),
        fc.record({ code: fc.constantFrom(3, 99) }),
        badValue,
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(fc.oneof(lists, badValue), (v) => {
        expect(listOutcome(encodeRelayAgentSubOptions, v)).toEqual(listOutcome(interpreted, v));
      }),
      { numRuns: 600 },
    );
  });

  it("re-encode what they decoded from mutated input (malformed bodies kept raw) as the interpreter does", () => {
    fc.assert(
      fc.property(inputs, (bytes) => {
        const out = decodeOutcome(readWith(DHCPV4_BODIES), bytes, { keepMalformedOptions: true }) as {
          value?: unknown;
        };
        if (out.value === undefined) return;
        const generated = encodeOutcome(encodeWith(DHCPV4_BODIES, out.value));
        expect(generated).toEqual(encodeOutcome(encodeWith(INTERPRETED, out.value)));
      }),
      { numRuns: 400 },
    );
  });
});
