/**
 * How the declarations are executed (src/schema/codec.ts, tlv.ts): the
 * one-pass encoders must give the bytes and the errors of the two-pass
 * size/write contract; the inline struct readers must agree with reading
 * field by field; the skippers behind scan() must agree with read. The
 * two-pass paths are reached here by sizing at depth 1, where no top-level
 * scratch is used.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dhcpv6MessageArbitrary, dhcpv6OptionsArbitrary } from "../../src/arbitrary/index.js";
import {
  type Dhcpv6Message,
  type Dhcpv6Option,
  decode,
  encode,
  encodeOptions,
  hex,
  isDecodeError,
  isEncodeError,
  toHex,
} from "../../src/index.js";
import {
  type AnyCodec,
  bytes,
  type Codec,
  ipv4,
  ipv6,
  list,
  skipperOf,
  struct,
  u8,
  u16,
  u32,
  union,
  utf8,
} from "../../src/schema/codec.js";
import { MESSAGE_CODEC, OPTION_LIST_CODEC } from "../../src/v6/schema.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";

const opts = { maxDepth: 24, keepMalformedOptions: false };

type Outcome = { bytes: string } | { code: string; path: string; message: string };
function outcome(f: () => Uint8Array): Outcome {
  try {
    return { bytes: toHex(f()) };
  } catch (e) {
    if (!isEncodeError(e)) throw e;
    return { code: e.code, path: e.path, message: e.message };
  }
}

/** The two-pass contract: size (at depth 1: no top-level scratch), allocate, write. */
function twoPass(codec: AnyCodec, v: unknown): Uint8Array {
  const out = new Uint8Array(codec.size(v, 1));
  const w = new Writer(out);
  codec.write(w, v);
  expect(w.pos).toBe(out.length);
  return out;
}

function readOutcome(codec: AnyCodec, b: Uint8Array): unknown {
  try {
    return { value: codec.read(new Reader(b, opts)) };
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    return { code: e.code, offset: e.offset, path: e.path };
  }
}

function skips(codec: AnyCodec, b: Uint8Array): number {
  return skipperOf(codec)(b, 0, b.length, 0, opts);
}

/** Every [holder, key] in a value tree, for mutation. */
function slots(v: unknown, out: [Record<string | number, unknown>, string | number][] = []) {
  if (v instanceof Uint8Array || typeof v !== "object" || v === null) return out;
  for (const k of Object.keys(v)) {
    out.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
    slots((v as Record<string, unknown>)[k], out);
  }
  return out;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 6 }),
  fc.constantFrom("2001:db8::1", "192.0.2.1", "::ffff:1.2.3.4", "not-an-address"),
  fc.integer({ min: -2, max: 2 ** 33 }),
  fc.double(),
  fc.uint8Array({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant(new Uint8Array(70000)),
);

describe("one-pass encoding", () => {
  it("writes what size-then-write writes, for generated messages and option lists", () => {
    fc.assert(
      fc.property(dhcpv6MessageArbitrary({ maxDepth: 5 }), (m) => {
        expect(toHex(encode(m))).toBe(toHex(twoPass(MESSAGE_CODEC, m)));
      }),
      { numRuns: 300, seed: 11 },
    );
    fc.assert(
      fc.property(dhcpv6OptionsArbitrary({ maxDepth: 4 }), (o) => {
        expect(toHex(encodeOptions(o))).toBe(toHex(twoPass(OPTION_LIST_CODEC, o)));
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it("throws what size throws, with the same code, path and message", () => {
    fc.assert(
      fc.property(dhcpv6MessageArbitrary({ maxDepth: 4 }), fc.nat(), junk, (generated, pick, value) => {
        const m = structuredClone(generated);
        const all = slots(m);
        if (all.length > 0) {
          const [holder, key] = all[pick % all.length] as [Record<string | number, unknown>, string | number];
          holder[key] = value;
        }
        const two = outcome(() => twoPass(MESSAGE_CODEC, m));
        expect(
          outcome(() => encode(m as Dhcpv6Message)),
          JSON.stringify(m),
        ).toEqual(two);
      }),
      { numRuns: 1500, seed: 13 },
    );
    // 1500 mutated messages, each encoded twice: seconds of CPU, more on a loaded machine.
  }, 60_000);

  it("refuses non-objects and bad containers at the top as size does", () => {
    for (const v of [null, 5, "x", [], { msgType: 300 }, { msgType: 1, transactionId: 1, options: 7 }]) {
      expect(outcome(() => encode(v as never))).toEqual(outcome(() => twoPass(MESSAGE_CODEC, v)));
    }
    for (const v of [null, [null], [{ code: -1 }], [{ code: 9999 }], [{ code: 46, cltTime: "x" }]]) {
      expect(outcome(() => encodeOptions(v as never))).toEqual(outcome(() => twoPass(OPTION_LIST_CODEC, v)));
    }
  });

  it("grows its scratch for large messages and lets it go afterwards", () => {
    const big: Dhcpv6Option[] = [];
    for (let i = 0; i < 5; i++) big.push({ code: 200, data: new Uint8Array(60000).fill(i) });
    const m: Dhcpv6Message = { msgType: 17, transactionId: 1, options: big };
    const b = encode(m);
    expect(b.length).toBe(4 + 5 * 60004);
    expect(decode(b)).toEqual(m);
    const small = encode({ msgType: 17, transactionId: 2, options: [{ code: 46, cltTime: 5 }] });
    expect(toHex(small)).toBe("11000002002e000400000005");
  });

  it("keeps a size re-entered from a foreign codec on the two-pass path", () => {
    // A codec declared elsewhere that sizes a whole option list at depth 0.
    const foreign: Codec<Dhcpv6Option[]> = {
      kind: { type: "bytes" },
      fixed: -1,
      read: (r) => OPTION_LIST_CODEC.read(r),
      size: (v) => OPTION_LIST_CODEC.size(v, 0),
      write: (w, v) => OPTION_LIST_CODEC.write(w, v),
    };
    const u = union("t", u8, { 1: struct({ inner: foreign }) }, struct({ data: bytes() }));
    const v = { t: 1, inner: [{ code: 46, cltTime: 7 }] };
    const out = new Uint8Array(u.size(v as never, 0));
    u.write(new Writer(out), v as never);
    expect(toHex(out)).toBe("01002e000400000007");
    expect(toHex(twoPass(u, v))).toBe("01002e000400000007");
  });

  it("writes what the latest size saw, even after a top-level size of an older state", () => {
    const m: Dhcpv6Message = { msgType: 16, transactionId: 1, options: [{ code: 46, cltTime: 1 }] };
    MESSAGE_CODEC.size(m, 0);
    m.transactionId = 2;
    expect(toHex(twoPass(MESSAGE_CODEC, m))).toBe("10000002002e000400000001");
    const list: Dhcpv6Option[] = [{ code: 46, cltTime: 1 }];
    OPTION_LIST_CODEC.size(list, 0);
    list.push({ code: 46, cltTime: 2 });
    expect(toHex(twoPass(OPTION_LIST_CODEC, list))).toBe("002e000400000001002e000400000002");
  });

  it("writes a value that was not the one last sized with two passes", () => {
    const a: Dhcpv6Message = { msgType: 16, transactionId: 1, options: [{ code: 46, cltTime: 1 }] };
    const b: Dhcpv6Message = { msgType: 16, transactionId: 2, options: [{ code: 46, cltTime: 2 }] };
    const n = MESSAGE_CODEC.size(a, 0);
    MESSAGE_CODEC.size(b, 0);
    const out = new Uint8Array(n);
    MESSAGE_CODEC.write(new Writer(out), a);
    expect(toHex(out)).toBe("10000001002e000400000001");
  });
});

describe("compiled readers and skippers", () => {
  // A fixed non-primitive field in the middle: the field-by-field path.
  const inner = struct({ x: u16 });
  const mixed = struct({ a: u8, b: inner, c: u32, d: list(inner) });
  const tagged = union(
    "kind",
    u16,
    { 1: struct({ addr: ipv6 }), 2: struct({ v4: ipv4, rest: bytes() }), 3: struct({ status: u8, text: utf8 }) },
    mixed,
  );

  it("reads, measures and writes a struct with a nested fixed struct", () => {
    const b = hex("07 0102 00000003 0004 0005");
    const v = mixed.read(new Reader(b, opts));
    expect(v).toEqual({ a: 7, b: { x: 0x102 }, c: 3, d: [{ x: 4 }, { x: 5 }] });
    expect(toHex(twoPass(mixed, v))).toBe(toHex(b));
    const w = new Writer(new Uint8Array(mixed.size(v, 0)));
    mixed.write(w, v);
    expect(toHex(w.b)).toBe(toHex(b));
    expect(skips(mixed, b)).toBe(b.length);
  });

  it("agrees between read and skip on every cut and byte of a layout", () => {
    const samples = [
      hex("0001 20010db8000000000000000000000001"),
      hex("0002 c0000201 aabb"),
      hex("0009 07 0102 00000003 0004 0005"),
      hex("0003 00 41c3a9"),
      hex("0003 00 41c328"),
    ];
    for (const s of samples) {
      for (let cut = 0; cut <= s.length; cut++) {
        const b = s.subarray(0, cut);
        const read = readOutcome(tagged, b) as { value?: unknown };
        const end = skips(tagged, b);
        expect(end >= 0, `cut ${cut} of ${toHex(s)}`).toBe("value" in read);
      }
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        const read = readOutcome(tagged, b) as { value?: unknown };
        const end = skips(tagged, b);
        expect(end >= 0).toBe("value" in read);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it("skips a union of plain structs (the DUID shape) from its size table, ending where read ends", () => {
    // Tag 3 is a hole in the variants and tags from 5 up lie past them: both take the fallback.
    const plain = union(
      "t",
      u16,
      { 1: struct({ a: u16, b: u32, rest: bytes() }), 2: struct({ x: u8 }), 4: struct({ id: bytes(16) }) },
      struct({ data: bytes() }),
    );
    const readEnd = (b: Uint8Array): number => {
      const r = new Reader(b, opts);
      try {
        plain.read(r);
      } catch (e) {
        if (!isDecodeError(e)) throw e;
        return -1;
      }
      return r.pos;
    };
    expect(skips(plain, hex("0001 0001 00000002 aa"))).toBe(9);
    expect(skips(plain, hex("0001 0001 000000"))).toBe(-1);
    expect(skips(plain, hex("0002 07 ff"))).toBe(3);
    expect(skips(plain, hex("0004 000102030405060708090a0b0c0d0e"))).toBe(-1);
    expect(skips(plain, hex("0003"))).toBe(2);
    expect(skips(plain, hex("00"))).toBe(-1);
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2, 3, 4, 5, 300), fc.uint8Array({ maxLength: 20 }), (t, rest) => {
        const b = Uint8Array.of(t >> 8, t & 0xff, ...rest);
        for (const x of [b, b.subarray(0, 1)]) expect(skips(plain, x)).toBe(readEnd(x));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it("encodes a union in one pass as in two", () => {
    for (const v of [
      { kind: 1, addr: "2001:db8::1" },
      { kind: 2, v4: "192.0.2.1", rest: Uint8Array.of(1) },
      { kind: 9, a: 1, b: { x: 2 }, c: 3, d: [] },
      { kind: 3, status: 1, text: "é" },
      { kind: 3, status: 1, text: "\ud800" },
      { kind: 1, addr: "nope" },
      { kind: 70000 },
      { kind: 2, v4: "1.2.3", rest: Uint8Array.of(1) },
      { kind: 9, a: 1, b: { x: -1 }, c: 3, d: [] },
      { kind: 9, a: 1, b: { x: 1 }, c: 3, d: [{ x: 1 }, { x: "a" }] },
      { kind: 9, a: 1, b: { x: 1 }, c: 3, d: 5 },
    ]) {
      const one = outcome(() => {
        const out = new Uint8Array(tagged.size(v as never, 0));
        tagged.write(new Writer(out), v as never);
        return out;
      });
      expect(one).toEqual(outcome(() => twoPass(tagged, v)));
    }
  });

  it("checks a codec declared elsewhere by reading it", () => {
    const even: Codec<number> = {
      kind: { type: "uint", bits: 8 },
      fixed: 1,
      read(r) {
        const x = r.u8("even");
        if (x % 2) throw new Error("odd");
        return x;
      },
      size: () => 1,
      write: (w, v) => w.u8(v),
    };
    const s = struct({ e: even, tail: bytes() });
    expect(skips(s, Uint8Array.of(2, 9))).toBe(2);
    expect(skips(s, Uint8Array.of(3, 9))).toBe(-1);
    const byForeignTag = union("t", even as Codec<number>, { 2: struct({ y: u8 }) }, struct({ data: bytes() }));
    expect(skips(byForeignTag, Uint8Array.of(2, 1))).toBe(2);
    expect(skips(byForeignTag, Uint8Array.of(1, 1))).toBe(-1);
    expect(skips(list(even), Uint8Array.of(2, 4))).toBe(2);
    expect(skips(list(even), Uint8Array.of(2, 5))).toBe(-1);
  });
});
