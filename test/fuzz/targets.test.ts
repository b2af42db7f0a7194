/**
 * The fuzz targets in the normal suite: each runs on its seeds (every
 * vector, its saved corpus) and a few hundred mutated and generated inputs
 * with a fixed seed, and must keep its contract. Then each target is shown
 * to catch a library that breaks the contract, so that a target that checks
 * nothing cannot pass; and the structure-aware mutators are checked to keep
 * enclosing lengths consistent.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFuzzer } from "../../fuzz/engine/fuzzer.js";
import { library } from "../../fuzz/engine/library.js";
import { type MutationContext, STRUCTURAL_MUTATORS } from "../../fuzz/engine/mutate.js";
import { Rng } from "../../fuzz/engine/rng.js";
import { loadVectors, vectorSeeds } from "../../fuzz/engine/seeds.js";
import { walk } from "../../fuzz/engine/structure.js";
import { bindTarget, loadTarget, ROOT, targetNames } from "../../fuzz/engine/targets.js";
import { decode, hex, isDecodeError } from "../../src/index.js";

const TARGETS = ["dhcpv4-decode", "dhcpv6-decode", "session", "stream-decode", "validate"];

describe("fuzz targets", () => {
  it("are the five documented ones", () => {
    expect(targetNames()).toEqual(TARGETS);
  });

  it("each has the Jazzer.js entry point and says what its input is", () => {
    for (const name of TARGETS) {
      const t = loadTarget(name);
      expect(t.name).toBe(name);
      expect(["dhcpv6-message", "dhcpv4-message", "dhcpv6-stream"]).toContain(t.input);
      // Jazzer.js calls module.exports.fuzz(data) with one Buffer.
      expect(typeof t.fuzz).toBe("function");
      expect(t.fuzz.length).toBe(1);
      // Every export a target calls is one the library has.
      expect(t.needs.filter((k) => library[k] === undefined)).toEqual([]);
    }
  });

  it("a target bound to a library that lacks an export says which, and how to get it", () => {
    const require = createRequire(import.meta.url);
    const { checkNeeds } = require("../../fuzz/targets/support/library.cjs") as {
      checkNeeds(lib: object, needs: readonly string[], target: string): void;
    };
    expect(() => checkNeeds({ decode: () => 0 }, ["decode", "FrameDecoder"], "stream-decode")).toThrow(
      /stream-decode needs FrameDecoder .*npm run build/,
    );
    expect(() => bindTarget(loadTarget("validate"), { ...library, validate: undefined })).toThrow(/needs validate/);
  });

  for (const name of TARGETS) {
    it(`${name}: seeds and 400 mutated inputs keep the contract`, async () => {
      const report = await runFuzzer({
        target: name,
        runs: 400,
        seed: 20240601,
        timeoutMs: 0,
        writeCrash: false,
      });
      expect(report.crash?.message).toBeUndefined();
      // The seeds run first, then the 400.
      expect(report.executions).toBeGreaterThan(400 + 100);
    });
  }
});

/** The library with one export replaced. */
function sabotaged(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...library, ...patch };
}

function runOn(name: string, lib: Record<string, unknown>, inputs: readonly Uint8Array[]): unknown {
  const run = bindTarget(loadTarget(name), lib);
  for (const input of inputs) {
    try {
      run(input);
    } catch (e) {
      return e;
    }
  }
  return undefined;
}

const v6 = vectorSeeds("dhcpv6-message", loadVectors(join(ROOT, "vectors")));
const v4 = vectorSeeds("dhcpv4-message", loadVectors(join(ROOT, "vectors")));
const streams = vectorSeeds("dhcpv6-stream", loadVectors(join(ROOT, "vectors")));

describe("fuzz targets catch a broken library", () => {
  const main = library as Record<string, (...a: unknown[]) => unknown>;

  it("dhcpv6-decode: a TypeError escaping decode", () => {
    const decodeReal = main.decode as (b: Uint8Array, o?: unknown) => unknown;
    const e = runOn(
      "dhcpv6-decode",
      sabotaged({
        decode: (b: Uint8Array, o?: unknown) => {
          if (b.length === 3) throw new TypeError("boom");
          return decodeReal(b, o);
        },
      }),
      [...v6, Uint8Array.of(1, 2, 3)],
    );
    expect(String(e)).toMatch(/ContractViolation: decode threw something other than a DecodeError/);
  });

  it("dhcpv6-decode: an encoder that changes a byte", () => {
    const encodeReal = main.encode as (m: unknown) => Uint8Array;
    const e = runOn(
      "dhcpv6-decode",
      sabotaged({
        encode: (m: unknown) => {
          const out = encodeReal(m).slice();
          out[out.length - 1] = ((out[out.length - 1] ?? 0) + 1) & 0xff;
          return out;
        },
      }),
      v6,
    );
    expect(String(e)).toMatch(/ContractViolation: encode\(decode\(b(, keepMalformedOptions)?\)\).*first difference/);
  });

  it("dhcpv6-decode: a DecodeError whose offset lies past the input", () => {
    const decodeReal = main.decode as (b: Uint8Array, o?: unknown) => unknown;
    const e = runOn(
      "dhcpv6-decode",
      sabotaged({
        decode: (b: Uint8Array, o?: unknown) => {
          try {
            return decodeReal(b, o);
          } catch (err) {
            if (isDecodeError(err)) (err as { offset: number }).offset = b.length + 1;
            throw err;
          }
        },
      }),
      [Uint8Array.of(0x0f, 0, 0)],
    );
    expect(String(e)).toMatch(/offset 4 lies outside the 3-byte input/);
  });

  it("dhcpv4-decode: an encoder that drops the end option", () => {
    const encodeReal = main.encodeDhcpv4 as (m: unknown) => Uint8Array;
    const e = runOn("dhcpv4-decode", sabotaged({ encodeDhcpv4: (m: unknown) => encodeReal(m).subarray(0, -1) }), v4);
    expect(String(e)).toMatch(/ContractViolation: encodeDhcpv4/);
  });

  it("stream-decode: a frame decoder whose errors do not stick", () => {
    const Real = main.FrameDecoder as unknown as new (
      o?: unknown,
    ) => { push(c: Uint8Array): Uint8Array[]; end(): void };
    class Forgetful extends (Real as new (o?: unknown) => object) {
      private fresh: { push(c: Uint8Array): Uint8Array[]; end(): void; readonly error: unknown };
      constructor(o?: unknown) {
        super(o);
        this.fresh = new Real(o) as never;
      }
      push(c: Uint8Array): Uint8Array[] {
        try {
          return this.fresh.push(c);
        } catch (err) {
          this.fresh = new Real() as never;
          throw err;
        }
      }
      end(): void {
        this.fresh.end();
      }
      get error(): unknown {
        return undefined;
      }
      get offset(): number {
        return (this.fresh as unknown as { offset: number }).offset;
      }
      get bufferedBytes(): number {
        return (this.fresh as unknown as { bufferedBytes: number }).bufferedBytes;
      }
    }
    // An empty frame, then a good one: the good one must not come out.
    const e = runOn("stream-decode", sabotaged({ FrameDecoder: Forgetful }), [hex("0000 0004 17000001")]);
    expect(String(e)).toMatch(/ContractViolation: FrameDecoder/);
  });

  it("validate: a rule check that throws", () => {
    const e = runOn(
      "validate",
      sabotaged({
        validate: () => {
          throw new TypeError("boom");
        },
      }),
      v6,
    );
    expect(String(e)).toMatch(/ContractViolation: validate\(message, .*\) threw: TypeError: boom/);
  });

  it("session: a server session that emits a message that cannot be encoded", () => {
    const Real = main.ServerSession as unknown as new (o?: unknown) => { receive(m: unknown, now: number): unknown };
    class Sloppy extends (Real as new (o?: unknown) => { receive(m: unknown, now: number): unknown }) {
      override receive(m: unknown, now: number): unknown {
        const out = super.receive(m, now) as { send: unknown[] };
        return { ...out, send: [...out.send, { msgType: 300, transactionId: 1, options: [] }] };
      }
    }
    const e = runOn("session", sabotaged({ ServerSession: Sloppy }), streams);
    expect(String(e)).toMatch(/ContractViolation: encode of a message sent by ServerSession.receive threw/);
  });
});

describe("structure-aware mutation", () => {
  const byAddress = hex(
    "0e00beef0001000a0003000100005e005301002c003701000000000000000000000000000000000005001820010db8000100000000000000000100000000000000000000060006002e002f0030",
  );

  it("finds every option of a nested query with its length field and enclosing lengths", () => {
    const found = walk(byAddress, "dhcpv6-message").map((t) => [t.start, t.len.pos, t.parents.map((p) => p.pos)]);
    // CLIENTID, LQ_QUERY, then IAADDR and ORO inside LQ_QUERY's query-options.
    expect(found).toEqual([
      [4, 6, []],
      [18, 20, []],
      [39, 41, [20]],
      [67, 69, [20]],
    ]);
  });

  it("keeps every enclosing length right when it duplicates, deletes, swaps or inserts options", () => {
    const rng = new Rng(7);
    const clean = v6.filter((b) => {
      try {
        decode(b);
        return !walk(b, "dhcpv6-message").some((t) => t.space !== "dhcpv6");
      } catch {
        return false;
      }
    });
    expect(clean.length).toBeGreaterThan(20);
    const cx: MutationContext = { rng, kind: "dhcpv6-message", maxLen: 1 << 20, other: () => rng.pick(clean) };
    let changed = 0;
    for (const name of ["duplicateTlv", "deleteTlv", "swapTlvs", "insertForeignTlv"]) {
      const m = STRUCTURAL_MUTATORS[name] as (d: Uint8Array, c: MutationContext) => Uint8Array | undefined;
      for (const b of clean) {
        const out = m(b, cx);
        if (out === undefined) continue;
        changed++;
        expect(() => decode(out), `${name} of ${Buffer.from(b).toString("hex")}`).not.toThrow();
      }
    }
    expect(changed).toBeGreaterThan(100);
  });

  it("walks a DHCPv4 options field from 240, keeping an option whose length lies, with the codes each space declares", () => {
    // RFC 2131 §2-3: 236 header bytes, the cookie, then 53 (1 byte) at 240 and 51 announcing 4 bytes with 2 there.
    const v4 = new Uint8Array(247);
    v4.set([99, 130, 83, 99], 236);
    v4.set(hex("35010d 33040000"), 240);
    const found = walk(v4, "dhcpv4-message");
    expect(found.map((t) => [t.start, t.end, t.codeSize, t.len.pos, t.space])).toEqual([
      [240, 243, 1, 241, "dhcpv4"],
      [243, 249, 1, 244, "dhcpv4"],
    ]);
    expect(found[0]?.known()).toEqual(expect.arrayContaining([51, 52, 53, 82, 151]));
    expect(found[0]?.known()).not.toContain(0);
    expect(walk(v4.subarray(0, 239), "dhcpv4-message")).toEqual([]);
  });

  it("walks DHCPv4 options inside OPTION_DHCPV4_MSG and frames of a stream", () => {
    const spaces = new Set(v6.flatMap((b) => walk(b, "dhcpv6-message").map((t) => t.space)));
    expect(spaces).toEqual(new Set(["dhcpv6", "dhcpv4", "relay-agent"]));
    const framed = walk(hex("0004 17000001 000a 10123456000d0002000b"), "dhcpv6-stream");
    expect(framed.map((t) => [t.space, t.start])).toEqual([
      ["frame", 0],
      ["frame", 6],
      ["dhcpv6", 12],
    ]);
  });
});
