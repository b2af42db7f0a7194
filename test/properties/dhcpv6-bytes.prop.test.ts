/**
 * Byte-side properties of the DHCPv6 decoder: the losslessness contract
 * (whatever decodes re-encodes to the same bytes), the error contract
 * (decoding any bytes returns a value or throws DecodeError, nothing else),
 * and what truncation does to a valid message.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dhcpv6MessageArbitrary, dhcpv6MessageBytesArbitrary } from "../../src/arbitrary/index.js";
import { type Dhcpv6Option, decode, encode, encodeOptions, OPTION_DEFS } from "../../src/index.js";
import { optionBoundaries, tryDecode } from "./helpers.js";

const RUNS = { numRuns: 300 };
const declared = new Set<number>(OPTION_DEFS.map((d) => d.code));
const unknownCode = fc.integer({ min: 0, max: 0xffff }).filter((c) => !declared.has(c));
const rawOption = fc.record({ code: unknownCode, data: fc.uint8Array({ maxLength: 12 }) });

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The contract for any input: a value that re-encodes to the input, or a DecodeError. */
function checkContract(bytes: Uint8Array): void {
  const r = tryDecode(bytes);
  if (r.ok) expect(encode(r.value)).toEqual(bytes);
  else {
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
    expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
  }
}

describe("encode(decode(b)) gives b back", () => {
  it("for encoded generated messages", () => {
    fc.assert(
      fc.property(dhcpv6MessageBytesArbitrary(), (b) => {
        expect(encode(decode(b))).toEqual(b);
      }),
      RUNS,
    );
  });

  it("for valid messages with unknown options appended", () => {
    fc.assert(
      fc.property(dhcpv6MessageBytesArbitrary(), fc.array(rawOption, { minLength: 1, maxLength: 3 }), (b, extra) => {
        const bytes = concat(b, encodeOptions(extra));
        const m = decode(bytes);
        expect(m.options.slice(-extra.length)).toEqual(extra);
        expect(encode(m)).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it("for valid messages with a top-level option's code rewritten to an unknown one", () => {
    const setup = fc.tuple(dhcpv6MessageArbitrary(), fc.nat(), unknownCode).filter(([m]) => m.options.length > 0);
    fc.assert(
      fc.property(setup, ([m, pick, code]) => {
        const bytes = encode(m);
        const i = pick % m.options.length;
        const at = optionBoundaries(m, bytes.length)[i] as number;
        bytes[at] = code >> 8;
        bytes[at + 1] = code & 0xff;
        const back = decode(bytes);
        // The body is kept as raw bytes, whatever layout it had.
        const raw = back.options[i] as Dhcpv6Option & { data: Uint8Array };
        expect(raw.code).toBe(code);
        expect(raw.data).toEqual(encodeOptions([m.options[i] as Dhcpv6Option]).subarray(4));
        expect(encode(back)).toEqual(bytes);
      }),
      RUNS,
    );
  });
});

describe("decoding arbitrary bytes returns a value or throws DecodeError, nothing else", () => {
  it("for random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), checkContract), { numRuns: 500 });
  });

  it("for random bytes behind a plausible header and option header", () => {
    // Random input rarely gets past the first option header; these do.
    const input = fc
      .tuple(
        fc.constantFrom(14, 15, 16, 17, 22, 12, 20, 200),
        fc.uint8Array({ minLength: 33, maxLength: 33 }),
        fc.constantFrom(...OPTION_DEFS.map((d) => d.code)),
        fc.uint8Array({ maxLength: 60 }),
      )
      .map(([type, header, code, body]) => {
        const headerLen = type === 12 ? 33 : 3;
        return concat(
          Uint8Array.of(type),
          header.subarray(0, headerLen),
          Uint8Array.of(code >> 8, code & 0xff, body.length >> 8, body.length & 0xff),
          body,
        );
      });
    fc.assert(fc.property(input, checkContract), { numRuns: 500 });
  });

  it("for valid messages with a few bytes overwritten", () => {
    const mutated = fc
      .tuple(
        dhcpv6MessageBytesArbitrary(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([b, edits]) => {
        const out = b.slice();
        for (const [at, v] of edits) out[at % out.length] = v;
        return out;
      });
    fc.assert(fc.property(mutated, checkContract), { numRuns: 500 });
  });
});

describe("truncated messages", () => {
  it("decode to the options before the cut when cut between top-level options, else throw truncated", () => {
    const setup = fc.tuple(dhcpv6MessageArbitrary(), fc.nat());
    fc.assert(
      fc.property(setup, ([m, pick]) => {
        const bytes = encode(m);
        const cut = pick % bytes.length; // 0 to length-1: always shorter
        const r = tryDecode(bytes.subarray(0, cut));
        const boundaries = optionBoundaries(m, bytes.length);
        const whole = boundaries.indexOf(cut);
        if (whole >= 0) {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toEqual({ ...m, options: m.options.slice(0, whole) });
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(["truncated", "length-mismatch"]).toContain(r.error.code);
            expect(r.error.offset).toBeLessThanOrEqual(cut);
          }
        }
      }),
      RUNS,
    );
  });
});
