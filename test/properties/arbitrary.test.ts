/**
 * The walker itself: that what it derives from the declarations covers
 * them (every option, every layout, unknown values), stays within its
 * bounds, and refuses layouts it cannot generate, at build time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canNest } from "../../src/arbitrary/analysis.js";
import { dhcpv4MessageArbitrary as dhcpv4MessageRules } from "../../src/arbitrary/dhcpv4-message.js";
import {
  arbitraryFor,
  dhcpv4MessageArbitrary,
  dhcpv6MessageArbitrary,
  dhcpv6MessageBytesArbitrary,
  dhcpv6OptionArbitrary,
  dhcpv6OptionsArbitrary,
} from "../../src/arbitrary/index.js";
import { optionArbitraryFor } from "../../src/arbitrary/walker.js";
import { DUID, decode, encode, isDecodeError, OPTION_DEFS, STATUS_CODE } from "../../src/index.js";
import { type AnyCodec, bytes, type Codec, list, ref, struct, u8, u16, union } from "../../src/schema/codec.js";
import { defineOption, type OptionTable, tableOf } from "../../src/schema/option.js";
import { optionArea } from "../../src/schema/option-area-codec.js";
import { optionList, subOptionList } from "../../src/schema/tlv.js";
import { decodeDhcpv4, encodeDhcpv4 } from "../../src/v4/message.js";
import { DHCPV4_OPTION_DEFS, DHCPV4_OPTION_TABLE, RELAY_AGENT_SUBOPTION_DEFS } from "../../src/v4/schema.js";
import { Reader } from "../../src/wire/reader.js";
import { Writer } from "../../src/wire/writer.js";

type Obj = Record<string, unknown>;

/** Every plain object inside `v` (not descending into byte arrays). */
function objects(v: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(v)) for (const x of v) objects(x, out);
  else if (v !== null && typeof v === "object" && !(v instanceof Uint8Array)) {
    out.push(v as Obj);
    for (const x of Object.values(v)) objects(x, out);
  }
  return out;
}

/** How many option lists deep `v` goes, counted as the decoders count them. */
function listDepth(v: unknown): number {
  if (Array.isArray(v)) return Math.max(0, ...v.map(listDepth));
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return 0;
  let d = 0;
  for (const [k, x] of Object.entries(v)) {
    const inner = listDepth(x);
    d = Math.max(d, k === "options" || k === "suboptions" ? inner + 1 : inner);
  }
  return d;
}

const v6Codes = new Set<number>(OPTION_DEFS.map((d) => d.code));

describe("coverage of the DHCPv6 declarations", () => {
  const options = fc.sample(dhcpv6OptionArbitrary(), { numRuns: 3000, seed: 42 });

  it("generates every declared option code", () => {
    const seen = new Set(options.map((o) => o.code));
    for (const d of OPTION_DEFS) expect(seen, `${d.name} (${d.code})`).toContain(d.code);
  });

  it("generates unknown codes, always as raw { code, data } and never with a declared code", () => {
    const raw = options.filter((o) => "data" in o);
    expect(raw.length).toBeGreaterThan(50);
    for (const o of raw) {
      expect(v6Codes.has(o.code)).toBe(false);
      expect(Object.keys(o).sort()).toEqual(["code", "data"]);
    }
    expect(raw.some((o) => o.code > 255)).toBe(true);
  });

  it("generates every message layout, named and unknown message types", () => {
    const types = new Set(fc.sample(dhcpv6MessageArbitrary(), { numRuns: 1000, seed: 1 }).map((m) => m.msgType));
    for (const t of [12, 13, 20, 21, 14, 15, 16, 17, 22, 23, 7]) expect(types).toContain(t);
    expect([...types].some((t) => t > 23)).toBe(true);
  });

  it("generates every DUID layout and unknown DUID types with the right shapes", () => {
    const duids = fc.sample(arbitraryFor(DUID), { numRuns: 1000, seed: 3 }) as Obj[];
    const types = new Set(duids.map((d) => d.duidType));
    for (const t of [1, 2, 3, 4]) expect(types).toContain(t);
    for (const d of duids) {
      if (d.duidType === 4) expect((d.uuid as Uint8Array).length).toBe(16);
      if (![1, 2, 3, 4].includes(d.duidType as number)) expect(Object.keys(d).sort()).toEqual(["data", "duidType"]);
    }
    expect([...types].some((t) => (t as number) > 4)).toBe(true);
  });

  it("favours named values: every status code appears", () => {
    const codes = new Set(
      objects(fc.sample(dhcpv6OptionsArbitrary(), { numRuns: 3000, seed: 5 }))
        .filter((o) => o.code === 13)
        .map((o) => o.statusCode),
    );
    for (const c of Object.values(STATUS_CODE)) expect(codes).toContain(c);
  });

  it("writes addresses in canonical form, including compressed and IPv4-mapped ones", () => {
    const addrs = objects(fc.sample(dhcpv6MessageArbitrary(), { numRuns: 1000, seed: 6 })).flatMap((o) =>
      [o.linkAddress, o.peerAddress, o.address].filter((a): a is string => typeof a === "string"),
    );
    expect(addrs.some((a) => /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(a))).toBe(true);
    expect(addrs.some((a) => a.includes("::") && !a.startsWith("::ffff:"))).toBe(true);
    expect(addrs.some((a) => a.split(":").length === 8)).toBe(true);
  });

  it("writes well-formed text: non-ASCII and astral characters, never a lone surrogate", () => {
    const texts = objects(fc.sample(dhcpv6OptionsArbitrary(), { numRuns: 3000, seed: 7 }))
      .map((o) => o.statusMessage)
      .filter((s): s is string => typeof s === "string");
    expect(texts.some((s) => /[\u0080-\uffff]/.test(s))).toBe(true);
    expect(texts.some((s) => /[\ud800-\udbff][\udc00-\udfff]/.test(s))).toBe(true);
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const s of texts) expect(s).not.toMatch(lone);
  });

  it("nests messages in RELAY_MSG and LQ_RELAY_DATA", () => {
    const all = objects(fc.sample(dhcpv6MessageArbitrary(), { numRuns: 1000, seed: 8 }));
    expect(all.some((o) => o.code === 9 && typeof (o.relayMessage as Obj).msgType === "number")).toBe(true);
    expect(all.some((o) => o.code === 47 && typeof (o.relayMessage as Obj).msgType === "number")).toBe(true);
  });

  it("encodes every generated message to at most 65535 bytes (one stream frame)", () => {
    const sizes = fc.sample(dhcpv6MessageBytesArbitrary({ maxBytes: 64, maxItems: 6 }), { numRuns: 300, seed: 9 });
    for (const b of sizes) expect(b.length).toBeLessThanOrEqual(0xffff);
  });
});

describe("coverage of the DHCPv4 declarations", () => {
  const messages = fc.sample(dhcpv4MessageArbitrary({ maxBytes: 300, maxItems: 8 }), { numRuns: 1500, seed: 11 });
  const entries = objects(messages);

  it("generates every declared option and sub-option code, pads, and end options with trailing bytes", () => {
    const codes = new Set(entries.map((o) => o.code));
    for (const d of DHCPV4_OPTION_DEFS) expect(codes, d.name).toContain(d.code);
    const sub = new Set(
      entries.filter((o) => Array.isArray(o.suboptions)).flatMap((o) => (o.suboptions as Obj[]).map((s) => s.code)),
    );
    for (const d of RELAY_AGENT_SUBOPTION_DEFS) expect(sub, d.name).toContain(d.code);
    expect(entries.some((o) => o.code === 0 && Object.keys(o).length === 1)).toBe(true);
    expect(entries.some((o) => o.code === 255 && o.trailing instanceof Uint8Array)).toBe(true);
  });

  it("generates Ethernet chaddr text and overloaded file and sname areas, and they round-trip", () => {
    expect(messages.some((m) => typeof m.chaddr === "string")).toBe(true);
    expect(messages.some((m) => m.chaddr instanceof Uint8Array)).toBe(true);
    const file = messages.filter((m) => Array.isArray(m.file));
    const sname = messages.filter((m) => Array.isArray(m.sname));
    expect(file.length).toBeGreaterThan(0);
    expect(sname.length).toBeGreaterThan(0);
    for (const m of [...file, ...sname]) expect(decodeDhcpv4(encodeDhcpv4(m))).toEqual(m);
  });

  it("generates values longer than one 255-byte instance (RFC 3396 split)", () => {
    const long = entries.filter((o) => o.data instanceof Uint8Array && (o.data as Uint8Array).length > 255);
    expect(long.length).toBeGreaterThan(0);
  });
});

describe("depth bound", () => {
  // Wide lists and no depth bias make trees grow until the bound stops them.
  const deep = { depthSize: "max" as const, maxItems: 6, maxBytes: 2 };

  it("never goes past maxDepth, and reaches it", () => {
    for (const maxDepth of [1, 2, 5]) {
      const ms = fc.sample(dhcpv6MessageArbitrary({ ...deep, maxDepth }), { numRuns: 200, seed: maxDepth });
      const depths = ms.map(listDepth);
      expect(Math.max(...depths)).toBe(maxDepth);
      for (const m of ms) expect(decode(encode(m), { maxDepth })).toEqual(m);
      // The bound is tight: one level less rejects the deepest ones.
      const deepest = ms.filter((m) => listDepth(m) === maxDepth);
      if (maxDepth > 1) {
        for (const m of deepest) {
          let code: unknown;
          try {
            decode(encode(m), { maxDepth: maxDepth - 1 });
          } catch (e) {
            code = isDecodeError(e) ? e.code : e;
          }
          expect(code).toBe("depth-exceeded");
        }
      }
    }
  });

  it("counts a single option as sitting in a top-level list", () => {
    const os = fc.sample(dhcpv6OptionArbitrary({ ...deep, maxDepth: 3 }), { numRuns: 200, seed: 2 });
    for (const o of os) expect(listDepth([o]) + 1).toBeLessThanOrEqual(3);
    expect(Math.max(...os.map((o) => listDepth([o])))).toBe(2);
  });

  it("refuses a maxDepth the layout cannot fit, and bad limits", () => {
    expect(() => dhcpv6MessageArbitrary({ maxDepth: 0 })).toThrow(/at least 1 level/);
    expect(() => dhcpv6OptionArbitrary({ maxDepth: 0 })).toThrow(/maxDepth of at least 1/);
    expect(() => dhcpv6MessageArbitrary({ maxDepth: 1001 })).toThrow(RangeError);
    expect(() => dhcpv6MessageArbitrary({ maxDepth: 2.5 })).toThrow(RangeError);
    expect(() => dhcpv6MessageArbitrary({ maxBytes: -1 })).toThrow(RangeError);
    expect(() => dhcpv6MessageArbitrary({ maxItems: 0x10000 })).toThrow(RangeError);
  });

  it("generates flat layouts with maxDepth 0", () => {
    const vs = fc.sample(arbitraryFor(DUID, { maxDepth: 0 }), { numRuns: 20, seed: 1 });
    expect(vs.length).toBe(20);
  });
});

/** Encodes an option area on its own and decodes it again. */
function decodeArea<T>(area: Codec<T>, v: T): T {
  const out = new Uint8Array(area.size(v, 0));
  area.write(new Writer(out), v);
  return area.read(new Reader(out, { maxDepth: 24, keepMalformedOptions: false }));
}

/** A codec whose kind no walker knows (as a future combinator would be). */
const alien = {
  kind: { type: "alien" },
  fixed: 1,
  read: () => 0,
  size: () => 1,
  write: () => {},
} as unknown as Codec<number>;

describe("layouts the walker cannot generate are refused when the arbitrary is built", () => {
  it("an unknown kind, alone or inside a struct, a union or an option", () => {
    expect(() => arbitraryFor(alien)).toThrow(/no generator for codec kind "alien"/);
    expect(() => arbitraryFor(struct({ a: u8, b: alien }))).toThrow(/"alien"/);
    expect(() => arbitraryFor(union("t", u8, { 1: struct({ x: alien }) }, struct({}), "U"))).toThrow(/"alien"/);
    const opts = optionList("test", () => tableOf([defineOption(1, "A", "-", { x: alien })]));
    expect(() => arbitraryFor(opts)).toThrow(/"alien"/);
    const items = { kind: { type: "list", item: alien }, fixed: -1 } as unknown as AnyCodec;
    expect(() => arbitraryFor(items)).toThrow(/"alien"/);
    expect(() => canNest(alien)).toThrow(/"alien"/);
  });

  it("a union whose tag is not an integer", () => {
    const u = union("t", u8, {}, struct({}), "U");
    const bad = { ...u, kind: { ...u.kind, tagCodec: bytes(1) } } as AnyCodec;
    expect(() => arbitraryFor(bad)).toThrow(/tag of kind "bytes"/);
  });

  it("a layout that contains itself with no option list in between", () => {
    const self: AnyCodec = ref("self", () => loop);
    const loop = struct({ a: u8, next: self });
    expect(() => arbitraryFor(loop)).toThrow(/contains itself/);
    const tree: AnyCodec = union("t", u8, { 1: struct({ child: ref("T", () => tree) }) }, struct({}), "T");
    expect(() => arbitraryFor(tree)).toThrow(/refers to itself/);
  });

  it("a recursion through an option list is fine and bounded", () => {
    const table = (): OptionTable => tableOf([defineOption(1, "NEST", "-", { inner: ref("opts", () => opts) })]);
    const opts: Codec<{ code: number }[]> = optionList("nest", table);
    const vs = fc.sample(arbitraryFor(opts, { maxDepth: 4, depthSize: "max", maxItems: 4 }), { numRuns: 50, seed: 1 });
    expect(Math.max(...vs.map((v) => listDepth({ options: v })))).toBeLessThanOrEqual(4);
  });

  it("a single entry of a DHCPv4 option area is an option, never a pad or end", () => {
    const area = optionArea<{ code: number }>("dhcpv4", () => DHCPV4_OPTION_TABLE);
    const codes = fc.sample(optionArbitraryFor(area), { numRuns: 500, seed: 1 }).map((o) => o.code);
    expect(codes).not.toContain(0);
    expect(codes).not.toContain(255);
    expect(codes).toContain(82);
  });

  it("optionArbitraryFor takes only option-list codecs", () => {
    expect(() => optionArbitraryFor(list(u16) as never)).toThrow(/option-list codec/);
  });
});

describe("edge layouts", () => {
  it("a DHCPv4 option area on its own: distinct codes, pads, the end option last, and it round-trips", () => {
    const area = optionArea<Obj & { code: number }>("dhcpv4", () => DHCPV4_OPTION_TABLE);
    const lists = fc.sample(arbitraryFor(area), { numRuns: 300, seed: 1 });
    for (const l of lists) {
      expect(l[l.length - 1]?.code).toBe(255);
      const codes = l
        .slice(0, -1)
        .map((o) => o.code)
        .filter((c) => c !== 0);
      expect(new Set(codes).size).toBe(codes.length);
      expect(decodeArea(area, l)).toEqual(l);
    }
    expect(lists.some((l) => l.some((o) => o.code === 0))).toBe(true);
  });

  it("refuses a DHCPv4 message layout without the fields its rules are about", () => {
    const b = { build: () => fc.constant(0), maxBytes: 1, maxItems: 1, depthSize: "small", depthIdentifier: "x" };
    expect(() => dhcpv4MessageRules(struct({ op: u8 }), 1, b as never)).toThrow(/no field "options"/);
    const noArea = struct({ options: optionList("x", () => tableOf([])) });
    expect(() => dhcpv4MessageRules(noArea, 1, b as never)).toThrow(/no longer an option area/);
  });

  it("a union with a variant for every tag never uses its fallback", () => {
    const variants = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [i, struct({ v: u8 })]));
    const all = union("t", u8, variants, struct({ fallback: u8 }), "All");
    const vs = fc.sample(arbitraryFor(all), { numRuns: 200, seed: 1 }) as Obj[];
    for (const v of vs) expect(Object.keys(v).sort()).toEqual(["t", "v"]);
  });

  it("a sub-option space with every code declared has no raw entries; with none usable its lists are empty", () => {
    const every = Array.from({ length: 256 }, (_, c) => defineOption(c, `C${c}`, "-", { v: u8 }));
    const full = subOptionList<{ code: number }>("full", () => tableOf(every));
    for (const l of fc.sample(arbitraryFor(full), { numRuns: 100, seed: 1 })) {
      for (const o of l) expect("data" in o).toBe(false);
    }
    const nested = Array.from({ length: 256 }, (_, c) =>
      defineOption(c, `N${c}`, "-", { inner: ref("n", () => nestedList) }),
    );
    const nestedList: AnyCodec = subOptionList("nested", () => tableOf(nested));
    expect(fc.sample(arbitraryFor(nestedList, { maxDepth: 1 }), { numRuns: 20, seed: 1 })).toEqual(Array(20).fill([]));
    expect(() => optionArbitraryFor(nestedList, { maxDepth: 1 })).toThrow(/no free code and no option that fits/);
    // With room to nest, every entry is a nesting one, and the innermost lists are empty.
    const lists = fc.sample(arbitraryFor(nestedList, { maxDepth: 3, depthSize: "max" }), { numRuns: 50, seed: 1 });
    for (const l of lists as Obj[][]) for (const o of l) expect(Array.isArray(o.inner)).toBe(true);
    const depth = (l: Obj[]): number => 1 + Math.max(0, ...l.map((o) => depth(o.inner as Obj[])));
    expect(Math.max(...(lists as Obj[][]).map(depth))).toBe(3);
  });

  it("a 16-bit option space with every 8-bit code declared draws unknown codes from the whole range", () => {
    const low = Array.from({ length: 256 }, (_, c) => defineOption(c, `L${c}`, "-", {}));
    const space = optionList<{ code: number; data?: Uint8Array }>("low", () => tableOf(low));
    const raw = fc.sample(arbitraryFor(space), { numRuns: 200, seed: 1 }).flatMap((l) => l.filter((o) => o.data));
    expect(raw.length).toBeGreaterThan(0);
    for (const o of raw) expect(o.code).toBeGreaterThan(255);
  });

  it("a list whose items need more nesting than is left stays empty", () => {
    const opts = optionList("x", () => tableOf([]));
    // `list` itself takes only fixed-size items; a future combinator might not.
    const wide = { kind: { type: "list", item: struct({ o: opts }) }, fixed: -1 } as unknown as AnyCodec;
    expect(fc.sample(arbitraryFor(wide, { maxDepth: 0 }), { numRuns: 20, seed: 1 })).toEqual(Array(20).fill([]));
    expect(fc.sample(arbitraryFor(wide, { maxDepth: 1 }), { numRuns: 50, seed: 1 }).some((l) => l.length > 0)).toBe(
      true,
    );
  });
});
