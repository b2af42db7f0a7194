/**
 * The near-valid generators and the layout walk under them: each kind
 * changes exactly what it says, and the decoders treat the results as the
 * generators' documentation promises (a cut is always `truncated`, a length
 * off by one nearly always an error, a move keeps the framing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dhcpv4NearValidArbitrary,
  dhcpv6NearValidArbitrary,
  NEAR_VALID_KINDS,
  type NearValid,
  type NearValidKind,
} from "../../src/arbitrary/index.js";
import { layoutOf } from "../../src/arbitrary/layout.js";
import { nearValidOf } from "../../src/arbitrary/near-valid.js";
import {
  type DecodeError,
  decode,
  decodeDhcpv4,
  encode,
  encodeDhcpv4,
  hex,
  isDecodeError,
  messageTypeName,
} from "../../src/index.js";

type Outcome = { ok: true; value: unknown } | { ok: false; error: DecodeError };

function outcome(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (isDecodeError(e)) return { ok: false, error: e };
    throw e;
  }
}

const LAYERS = [
  { name: "DHCPv6", arb: dhcpv6NearValidArbitrary, decode, encode: encode as (m: unknown) => Uint8Array },
  {
    name: "DHCPv4",
    arb: dhcpv4NearValidArbitrary,
    decode: decodeDhcpv4,
    encode: encodeDhcpv4 as (m: unknown) => Uint8Array,
  },
] as const;

function sample(arb: fc.Arbitrary<NearValid>, n: number, seed: number): NearValid[] {
  return fc.sample(arb, { numRuns: n, seed });
}

/** Every option code in a decoded DHCPv6 value, nested ones included, sorted. */
function codes(v: unknown, out: number[] = []): number[] {
  if (Array.isArray(v)) for (const x of v) codes(x, out);
  else if (v !== null && typeof v === "object" && !(v instanceof Uint8Array)) {
    const o = v as Record<string, unknown>;
    if (typeof o.code === "number") out.push(o.code);
    for (const x of Object.values(o)) codes(x, out);
  }
  return out.sort((a, b) => a - b);
}

for (const layer of LAYERS) {
  describe(`${layer.name} near-valid inputs`, () => {
    const all = sample(layer.arb(), 600, 11);
    const of = (k: NearValidKind) => all.filter((v) => v.kind === k);

    it("come in every kind, each made from a valid message and differing from it where `offset` says", () => {
      expect(new Set(all.map((v) => v.kind))).toEqual(new Set(NEAR_VALID_KINDS));
      for (const v of all) {
        expect(outcome(() => layer.decode(v.valid)).ok).toBe(true);
        let first = 0;
        while (first < v.bytes.length && first < v.valid.length && v.bytes[first] === v.valid[first]) first++;
        expect(first, v.description).toBe(v.offset);
        expect(first < v.bytes.length || v.bytes.length !== v.valid.length, v.description).toBe(true);
        expect(v.description.length).toBeGreaterThan(0);
      }
    });

    it("keep the decode contract: a value that re-encodes to the input, or a DecodeError", () => {
      for (const v of all) {
        const r = outcome(() => layer.decode(v.bytes));
        if (r.ok) expect(layer.encode(r.value), v.description).toEqual(v.bytes);
      }
    });

    it("truncated: a proper prefix, always rejected as truncated", () => {
      const cuts = of("truncated");
      expect(cuts.length).toBeGreaterThan(50);
      for (const v of cuts) {
        expect(v.bytes.length).toBeLessThan(v.valid.length);
        expect(v.valid.subarray(0, v.bytes.length)).toEqual(v.bytes);
        const r = outcome(() => layer.decode(v.bytes));
        expect(r.ok ? "decoded" : r.error.code, v.description).toBe("truncated");
      }
    });

    it("length-off: one length field one more or one less, and nearly always rejected", () => {
      const offs = of("length-off");
      expect(offs.length).toBeGreaterThan(50);
      let rejected = 0;
      for (const v of offs) {
        expect(v.bytes.length).toBe(v.valid.length);
        const diff = [...v.bytes.keys()].filter((i) => v.bytes[i] !== v.valid[i]);
        // One byte, or the two bytes of a 16-bit length on a carry (0x00ff -> 0x0100).
        const at = diff[0] as number;
        const oneByte = diff.length === 1 && Math.abs((v.bytes[at] as number) - (v.valid[at] as number)) === 1;
        const u16 = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
        const wide = [at - 1, at].some((i) => i >= 0 && Math.abs(u16(v.bytes, i) - u16(v.valid, i)) === 1);
        expect(diff.length <= 2 && (oneByte || wide), v.description).toBe(true);
        if (!outcome(() => layer.decode(v.bytes)).ok) rejected++;
      }
      expect(rejected / offs.length).toBeGreaterThan(0.9);
    });

    it("option-moved: the same length, and the framing still holds, so it nearly always decodes", () => {
      const moves = of("option-moved");
      expect(moves.length).toBeGreaterThan(50);
      let decoded = 0;
      for (const v of moves) {
        expect(v.bytes.length).toBe(v.valid.length);
        expect(v.description).toMatch(/moved from byte \d+ to before byte \d+/);
        if (outcome(() => layer.decode(v.bytes)).ok) decoded++;
      }
      expect(decoded / moves.length).toBeGreaterThan(0.9);
    });

    it("reserved-value: the same length, one field changed to a value with no name", () => {
      const values = of("reserved-value");
      expect(values.length).toBeGreaterThan(50);
      for (const v of values) {
        expect(v.bytes.length).toBe(v.valid.length);
        expect(v.description).toMatch(/-> \d+ \((reserved|unassigned)\)$/);
      }
      expect(values.some((v) => v.description.endsWith("(reserved)"))).toBe(true);
      expect(values.some((v) => v.description.endsWith("(unassigned)"))).toBe(true);
    });

    it("make only the kinds asked for", () => {
      for (const k of NEAR_VALID_KINDS) {
        const xs = sample(layer.arb({ kinds: [k] }), 40, 5);
        expect(new Set(xs.map((v) => v.kind))).toEqual(new Set([k]));
      }
    });

    it("fall back to the next kind asked for when the message has nothing to move", () => {
      const xs = sample(layer.arb({ kinds: ["option-moved", "truncated"], maxItems: 0 }), 60, 2);
      expect(xs.every((v) => v.kind === "truncated")).toBe(true);
    });

    it("refuse unknown kinds, no kinds, and kinds that the limits make impossible", () => {
      expect(() => layer.arb({ kinds: [] })).toThrow(RangeError);
      expect(() => layer.arb({ kinds: ["bit-flip" as NearValidKind] })).toThrow(RangeError);
      expect(() => layer.arb({ kinds: ["option-moved"], maxItems: 1 })).toThrow(/maxItems 1/);
      expect(() => layer.arb({ kinds: ["length-off", "option-moved"], maxItems: 0 })).toThrow(RangeError);
      expect(() => layer.arb({ kinds: ["option-moved"], maxItems: 2 })).not.toThrow();
    });
  });
}

describe("DHCPv6 specifics", () => {
  it("a moved option keeps every option of the message: the same codes, nested ones included", () => {
    const moves = sample(dhcpv6NearValidArbitrary({ kinds: ["option-moved"] }), 200, 8);
    let compared = 0;
    for (const v of moves) {
      const r = outcome(() => decode(v.bytes));
      if (!r.ok) continue;
      compared++;
      expect(codes(r.value), v.description).toEqual(codes(decode(v.valid)));
    }
    expect(compared).toBeGreaterThan(150);
  });

  it("a reserved msg-type has no name", () => {
    const xs = sample(dhcpv6NearValidArbitrary({ kinds: ["reserved-value"] }), 300, 4).filter((v) => v.offset === 0);
    expect(xs.length).toBeGreaterThan(10);
    for (const v of xs) expect(messageTypeName(v.bytes[0] as number), v.description).toBeUndefined();
  });

  it("nearValidOf gives up only when no kind is possible", () => {
    // LEASEQUERY with no options: nothing to move or resize.
    const bare = hex("0e000001");
    expect(nearValidOf(bare, "dhcpv6", ["option-moved", "length-off"], 0, 1, 2)).toBeUndefined();
    expect(nearValidOf(bare, "dhcpv6", ["option-moved", "truncated"], 0, 1, 2)?.kind).toBe("truncated");
  });
});

describe("the layout walk", () => {
  it("finds the options, lists and named fields of a nested DHCPv6 query where its layout puts them", () => {
    // vectors/v6/leasequery-by-address.json: CLIENTID (DUID-LL) at 4, LQ_QUERY at 18 holding IAADDR at 39 and ORO at 67.
    const b = hex(
      "0e00beef0001000a0003000100005e005301002c003701000000000000000000000000000000000005001820010db8000100000000000000000100000000000000000000060006002e002f0030",
    );
    const l = layoutOf(b, "dhcpv6");
    expect(l.tlvs.map((t) => [t.start, t.end, t.code, t.len.pos])).toEqual([
      [4, 18, 1, 6],
      [18, 77, 44, 20],
      [39, 67, 5, 41],
      [67, 77, 6, 69],
    ]);
    expect(l.lists.map((x) => [x.from, x.to, x.parents.map((p) => p.pos)])).toEqual([
      [4, 77, []],
      [39, 77, [20]],
      // IAADDR's own IAaddr-options (RFC 8415 §21.6), empty here.
      [67, 67, [20, 41]],
    ]);
    expect(l.named.map((n) => [n.pos, n.size, n.what])).toEqual([
      [0, 1, "msgType"],
      [4, 2, "code of dhcpv6 option 1"],
      [8, 2, "duidType"],
      [18, 2, "code of dhcpv6 option 44"],
      [22, 1, "queryType"],
      [39, 2, "code of dhcpv6 option 5"],
      [67, 2, "code of dhcpv6 option 6"],
    ]);
  });

  it("finds DHCPv4 options, the end option and Relay Agent sub-options", () => {
    // vectors/v4/bulk-leasequery-by-relay-id.json from the options field on: 53 at 240, 82 at 243
    // (sub-option 12 at 245), 154 at 251, 155 at 257, end at 263.
    const v4 = new Uint8Array(264);
    v4[0] = 1;
    v4.set([99, 130, 83, 99], 236);
    v4.set(hex("35010e52060c04010203049a045f5e10009b045f5f6180ff"), 240);
    const l = layoutOf(v4, "dhcpv4");
    expect(l.tlvs.map((t) => [t.start, t.code, t.list.space])).toEqual([
      [240, 53, "dhcpv4"],
      [243, 82, "dhcpv4"],
      [245, 12, "relay-agent"],
      [251, 154, "dhcpv4"],
      [257, 155, "dhcpv4"],
    ]);
    expect(l.lists.map((x) => [x.from, x.to, x.area])).toEqual([
      [240, 263, true],
      [245, 251, false],
    ]);
    expect(l.named.map((n) => [n.pos, n.what])).toEqual([
      [0, "op"],
      [240, "code of dhcpv4 option 53"],
      [242, "messageType"],
      [243, "code of dhcpv4 option 82"],
      [245, "code of relay-agent option 12"],
      [251, "code of dhcpv4 option 154"],
      [257, "code of dhcpv4 option 155"],
    ]);
  });

  it("keeps the option whose length runs past its region apart, as where that list stopped", () => {
    // SOLICIT (1) with ORO (6, 2 bytes) at 4, then CLIENTID (1) at 10 announcing 16 bytes of which 2 are there.
    const b = hex("01000001 000600020017 00010010 0003");
    const l = layoutOf(b, "dhcpv6");
    expect(l.tlvs.map((t) => [t.start, t.end, t.code])).toEqual([[4, 10, 6]]);
    expect(l.overruns.map((t) => [t.start, t.end, t.code, t.len.pos, t.list.from])).toEqual([[10, 30, 1, 12, 4]]);
    expect(l.lists[0]?.items.length).toBe(1);
  });

  it("walks a message at a region of the bytes, under the length fields given", () => {
    // A 2-byte frame size at 0 (RFC 5460 §5.1), then SOLICIT (1) with ORO (6) at 6, then a byte past the region.
    const b = hex("000a 01000001 000600020017 ff");
    const frame = { pos: 0, size: 2 as const };
    const l = layoutOf(b, "dhcpv6", { from: 2, to: 12, parents: [frame] });
    expect(l.tlvs.map((t) => [t.start, t.end, t.code, t.len.pos])).toEqual([[6, 12, 6, 8]]);
    expect(l.lists.map((x) => [x.from, x.to, x.parents])).toEqual([[6, 12, [frame]]]);
    expect(l.named.map((n) => [n.pos, n.what])).toEqual([
      [2, "msgType"],
      [6, "code of dhcpv6 option 6"],
    ]);
  });

  it("stops where hostile bytes stop making sense, without throwing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom("dhcpv6", "dhcpv4"), (b, root) => {
        const l = layoutOf(b, root as "dhcpv6" | "dhcpv4");
        for (const t of l.tlvs) expect(t.end).toBeLessThanOrEqual(b.length);
        for (const n of l.named) expect(n.pos + n.size).toBeLessThanOrEqual(b.length);
      }),
      { numRuns: 300, seed: 3 },
    );
    // A relay chain deeper than the walk goes: it stops, with what it found.
    let m = hex("0e000001");
    for (let i = 0; i < 80; i++) {
      const wrapped = new Uint8Array(38 + m.length);
      wrapped[0] = 12;
      wrapped.set([0, 9, m.length >> 8, m.length & 0xff], 34);
      wrapped.set(m, 38);
      m = wrapped;
    }
    expect(layoutOf(m, "dhcpv6").tlvs.length).toBeLessThan(80);
  });
});
