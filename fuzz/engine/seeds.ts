/**
 * Where inputs come from before mutation: the golden vectors (every
 * `vectors/**\/*.json`, positive and negative, by their `codec`), the saved
 * corpus of a target, and valid messages drawn from the schema-derived
 * fast-check arbitraries.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { arbitraryFor, dhcpv6MessageBytesArbitrary } from "../../src/arbitrary/index.js";
import { hex } from "../../src/index.js";
import { frame } from "../../src/stream/index.js";
import { encodeDhcpv4 } from "../../src/v4/message.js";
import { DHCPV4_MESSAGE_CODEC } from "../../src/v4/message-codec.js";
import type { Rng } from "./rng.js";
import { type InputKind, walk } from "./structure.js";

/** The fields of a vector file the fuzzer uses. */
export interface VectorFile {
  readonly file: string;
  readonly codec: string;
  readonly bytes: Uint8Array;
}

function walkFiles(dir: string, suffix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.sort().flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return walkFiles(p, suffix);
    return f.endsWith(suffix) ? [p] : [];
  });
}

/** Every vector under `root`; files that do not parse or carry no hex are skipped. */
export function loadVectors(root: string): VectorFile[] {
  const out: VectorFile[] = [];
  for (const file of walkFiles(root, ".json")) {
    try {
      const v = JSON.parse(readFileSync(file, "utf8")) as { codec?: unknown; hex?: unknown };
      if (typeof v.codec === "string" && typeof v.hex === "string")
        out.push({ file, codec: v.codec, bytes: hex(v.hex) });
    } catch {
      // Not a vector (a README-like JSON or a file being written by someone else).
    }
  }
  return out;
}

function isStreamCodec(codec: string): boolean {
  return codec.includes("stream") || codec.includes("frame");
}

/** The DHCPv4 messages carried in OPTION_DHCPV4_MSG (87) of DHCPv6 inputs. */
function dhcpv4Inside(v6: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const b of v6) {
    for (const t of walk(b, "dhcpv6-message")) {
      if (
        t.space === "dhcpv6" &&
        t.end <= b.length &&
        ((b[t.start] as number) << 8) + (b[t.start + 1] as number) === 87
      ) {
        out.push(b.slice(t.start + 4, t.end));
      }
    }
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function framed(messages: readonly Uint8Array[]): Uint8Array {
  return concat(messages.filter((m) => m.length > 0 && m.length <= 0xffff).map((m) => frame(m)));
}

/** Seeds for a target whose input is `kind`, from the vectors. */
export function vectorSeeds(kind: InputKind, vectors: readonly VectorFile[]): Uint8Array[] {
  const of = (codec: string) => vectors.filter((v) => v.codec === codec).map((v) => v.bytes);
  const v6 = of("dhcpv6");
  switch (kind) {
    case "dhcpv6-message":
      // Bare option lists also seed: the target decodes every input as one too.
      return [...v6, ...of("dhcpv6-options")];
    case "dhcpv4-message":
      return [...of("dhcpv4"), ...dhcpv4Inside(v6)];
    case "dhcpv6-stream": {
      const out = vectors.filter((v) => isStreamCodec(v.codec)).map((v) => v.bytes);
      for (const m of v6) out.push(framed([m]));
      // Runs of several frames, so that chunk boundaries fall between and across them.
      for (let i = 0; i + 3 <= v6.length; i += 3) out.push(framed(v6.slice(i, i + 3)));
      return out;
    }
  }
}

/** The files of a saved corpus directory (missing directory: none). */
export function corpusInputs(dir: string): Uint8Array[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => !f.startsWith("."))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

/** Small values: many options, short fields; nesting as deep as the decoder's default allows. */
const SHAPE = { maxItems: 4, maxBytes: 24 } as const;

/**
 * A source of valid inputs of `kind`, drawn from the schema-derived
 * arbitraries: `draw(n)` returns n of them.
 */
export function generator(kind: InputKind, rng: Rng): (n: number) => Uint8Array[] {
  const seed = () => rng.u32() | 0;
  switch (kind) {
    case "dhcpv6-message": {
      const arb = fc.oneof(
        dhcpv6MessageBytesArbitrary(SHAPE),
        dhcpv6MessageBytesArbitrary({ ...SHAPE, depthSize: "max", maxItems: 2 }),
      );
      return (n) => fc.sample(arb, { numRuns: n, seed: seed() });
    }
    case "dhcpv4-message": {
      const arb = arbitraryFor(DHCPV4_MESSAGE_CODEC, SHAPE).map((m) => encodeDhcpv4(m));
      return (n) => fc.sample(arb, { numRuns: n, seed: seed() });
    }
    case "dhcpv6-stream": {
      const arb = fc.array(dhcpv6MessageBytesArbitrary(SHAPE), { minLength: 1, maxLength: 4 }).map(framed);
      return (n) => fc.sample(arb, { numRuns: n, seed: seed() });
    }
  }
}
