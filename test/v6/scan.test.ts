/**
 * scan(): validation without decoding. It must agree with decode() on every
 * input (valid exactly when decode returns), report decode's own error,
 * and never throw for malformed bytes. The skipper behind it is checked on
 * its own too, since scan() asks decode() for the error whenever the
 * skipper says no (which would hide a skipper that rejects too much).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dhcpv6MessageBytesArbitrary } from "../../src/arbitrary/index.js";
import { type DecodeOptions, decode, hex, isDecodeError } from "../../src/index.js";
import { skipMessage } from "../../src/v6/codecs.generated.js";
import { scan } from "../../src/v6/scan.js";
import { readerOptions } from "../../src/wire/decode-options.js";
import { applyMutations, byteMutationArbitrary } from "../helpers/byte-mutations.js";

function decodeOutcome(b: Uint8Array, o?: DecodeOptions): { ok: true } | { ok: false; code: string; offset: number } {
  try {
    decode(b, o);
    return { ok: true };
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    return { ok: false, code: e.code, offset: e.offset };
  }
}

/** The skipper alone (scan() without decode()'s second opinion). */
function skipperSays(b: Uint8Array, o?: DecodeOptions): boolean {
  return skipMessage(b, 0, b.length, 0, readerOptions(o)) === b.length;
}

function agree(b: Uint8Array, o?: DecodeOptions): void {
  const d = decodeOutcome(b, o);
  const s = scan(b, o);
  expect(s.ok).toBe(d.ok);
  expect(skipperSays(b, o)).toBe(d.ok);
  if (!s.ok && !d.ok) {
    expect(s.error.code).toBe(d.code);
    expect(s.error.offset).toBe(d.offset);
  }
}

const vectorDir = join(__dirname, "..", "..", "vectors");
const vectors: { name: string; bytes: Uint8Array; options?: DecodeOptions }[] = [];
for (const sub of ["v6", "negative"]) {
  for (const f of readdirSync(join(vectorDir, sub))) {
    if (!f.endsWith(".json")) continue;
    const v = JSON.parse(readFileSync(join(vectorDir, sub, f), "utf8")) as {
      codec?: string;
      hex: string;
      decodeOptions?: DecodeOptions;
    };
    if ((v.codec ?? "dhcpv6") !== "dhcpv6") continue;
    vectors.push({ name: `${sub}/${f}`, bytes: hex(v.hex), ...(v.decodeOptions ? { options: v.decodeOptions } : {}) });
  }
}

// CLIENT_DATA { CLIENTID (DUID-LLT), IAADDR, CLT_TIME } in a LEASEQUERY-DATA
const M2 = hex(
  "11004242 002d0036 0001000e 00010001 2a3b4c5d 00163e004242 0005 0018 20010db8000000010000000000014242 00000e10 00001c20 002e0004 00004242",
);

describe("scan", () => {
  it("gives the header of a well-formed message", () => {
    expect(scan(M2)).toEqual({ ok: true, msgType: 17, transactionId: 0x4242 });
    const relay = hex("0c03 20010db8000000000000000000000001 fe800000000000000000000000000002");
    expect(scan(relay)).toEqual({ ok: true, msgType: 12, hopCount: 3 });
    expect(scan(hex("14800000"))).toEqual({ ok: true, msgType: 20, flags: 0x800000 });
  });

  it("reports decode's error, path included, without throwing", () => {
    const cut = M2.subarray(0, 40);
    const s = scan(cut);
    expect(s.ok).toBe(false);
    if (s.ok) return;
    let thrown: unknown;
    try {
      decode(cut);
    } catch (e) {
      thrown = e;
    }
    expect(isDecodeError(thrown) && thrown.path).toBe(s.error.path);
    expect(isDecodeError(thrown) && thrown.message).toBe(s.error.message);
    expect(scan(new Uint8Array(0))).toMatchObject({ ok: false, error: { code: "truncated", offset: 0 } });
  });

  it("checks nested lists, DUIDs, UTF-8 text, lists and relayed messages", () => {
    // STATUS_CODE with valid and invalid UTF-8
    agree(hex("07000001 000d0004 0000c3a9"));
    agree(hex("07000001 000d0004 0000c328"));
    // DUID-UUID of 17 bytes (one too many), and one of 1 byte
    agree(hex(`07000001 00010013 0004${"11".repeat(17)}`));
    agree(hex("07000001 00010001 00"));
    // ORO of odd length, LQ_CLIENT_LINK of 16 and 24 bytes
    agree(hex("07000001 00060003 000100"));
    agree(hex(`07000001 00300010 ${"20010db8".repeat(4)}`));
    agree(hex(`07000001 00300018 ${"20010db8".repeat(6)}`));
    // RELAY_MSG holding a cut message
    agree(hex("0c00 20010db8000000000000000000000001 fe800000000000000000000000000002 00090002 0100"));
  });

  it("honours maxDepth and keepMalformedOptions as decode does", () => {
    let ia = "";
    for (let i = 0; i < 6; i++) {
      const body = `000000010000000000000000${ia}`;
      ia = `0003${(body.length / 2).toString(16).padStart(4, "0")}${body}`;
    }
    const deep = hex(`0f000001${ia}`);
    agree(deep);
    agree(deep, { maxDepth: 5 });
    // The innermost IA_NA's empty option list is entered at depth 6: the
    // limit counts it, as decode does, though the skipper does not walk it.
    agree(deep, { maxDepth: 6 });
    expect(scan(deep, { maxDepth: 6 }).ok).toBe(false);
    agree(deep, { maxDepth: 7 });
    expect(scan(deep, { maxDepth: 7 }).ok).toBe(true);
    const malformed = hex("0f000001 002e0003 000e10 00070001 ff");
    agree(malformed);
    agree(malformed, { keepMalformedOptions: true });
    agree(hex("0f000001 002e0004 000e"), { keepMalformedOptions: true });
  });

  it("throws only for what decode throws TypeError and RangeError for", () => {
    expect(() => scan("0e000001" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => scan(M2, { maxDepth: 0 })).toThrow(RangeError);
  });

  it("agrees with decode on every vector", () => {
    expect(vectors.length).toBeGreaterThan(10);
    for (const v of vectors) agree(v.bytes, v.options);
  });

  it("agrees with decode on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (b) => {
        agree(b);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it("agrees with decode on generated messages and their mutations", () => {
    fc.assert(
      fc.property(
        fc.oneof(dhcpv6MessageBytesArbitrary({ maxDepth: 4 }), fc.constantFrom(M2, ...vectors.map((v) => v.bytes))),
        fc.array(byteMutationArbitrary, { maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (bytes, mutations, maxDepth) => {
          const b = applyMutations(bytes, mutations);
          agree(b);
          agree(b, { maxDepth });
          agree(b, { keepMalformedOptions: true });
        },
      ),
      { numRuns: 1500, seed: 7 },
    );
  });
});
