/**
 * Generates src/v6/codecs.generated.ts: straight-line decode, encode and
 * skip functions for every DHCPv6 layout, written from the declarations in
 * src/v6/schema.ts by walking their `kind` data (`npm run codecs:generate`).
 * One function per layout (an option body, the DUID, the message, the
 * option list), each reading or writing its fields at constant offsets
 * with one bounds check per run of fixed-size fields; the option list
 * dispatches on the code with a `switch`. The combinators stay the
 * declaration language and the reference interpreter:
 * test/schema/generated-equivalence.test.ts checks that both agree, and
 * test/schema/generated-codecs.test.ts that the committed file is this
 * output.
 *
 * A layout declared outside the DHCPv6 schema (the DHCPv4 message inside
 * DHCPV4_MSG, with its RFC 3396 option area) is called through its codec.
 * @module
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AnyCodec, Kind, StructCodec } from "../src/schema/codec.js";
import type { OptionDef } from "../src/schema/option.js";
import { DHCPV4_MESSAGE_CODEC } from "../src/v4/message-codec.js";
import { DUID, MESSAGE_CODEC, OPTION_DEFS, OPTION_LIST_CODEC } from "../src/v6/schema.js";
import {
  at,
  decodeStruct,
  encodeStruct,
  format,
  OPTION_LIST,
  type Primitive,
  pascal,
  plain,
  primitive,
  put,
  type Shape,
  shapeOf,
  skipStruct,
  tidy,
  type Unions,
} from "./codegen-struct.js";
import { encodeTlvList } from "./codegen-tlv.js";

/** Where the generated file goes. */
export const GENERATED_CODECS_PATH = fileURLToPath(new URL("../src/v6/codecs.generated.ts", import.meta.url));

/**
 * Layouts declared elsewhere, called through their runtime functions
 * `decode<fn>`, `encode<fn>` and `skip<fn>` (the same calls as a generated
 * union): ref target, the function suffix, their module.
 */
const EXTERNALS: readonly { codec: AnyCodec; fn: string; from: string }[] = [
  { codec: DHCPV4_MESSAGE_CODEC, fn: "Dhcpv4Message", from: "../v4/message-wire.js" },
];

// ---------------------------------------------------------------------------
// Unions (the DUID, the message): the tag, then a switch on it.
// ---------------------------------------------------------------------------

type UnionKind = Extract<Kind, { type: "union" }>;

function unionParts(codec: AnyCodec): { k: UnionKind; tag: Primitive; cases: [number, Shape][]; fallback: Shape } {
  const k = codec.kind as UnionKind;
  const tag = primitive(k.tagCodec);
  if (tag === undefined) throw new Error(`union ${k.name}: its tag is not a primitive`);
  const cases = [...k.variants.entries()].sort(([a], [b]) => a - b).map(([t, c]) => [t, shapeOf(c)] as [number, Shape]);
  return { k, tag, cases, fallback: shapeOf(k.fallback) };
}

/** Groups tag values whose layouts are the same codec-for-codec, in order. */
function grouped(codec: AnyCodec, cases: [number, Shape][]): [number[], Shape][] {
  const k = codec.kind as UnionKind;
  const out: [number[], Shape, AnyCodec][] = [];
  for (const [t, s] of cases) {
    const c = k.variants.get(t) as AnyCodec;
    const same = out.find(([, , d]) => sameLayout(c, d));
    if (same) same[0].push(t);
    else out.push([[t], s, c]);
  }
  return out.map(([ts, s]) => [ts, s]);
}

/** Two variant structs with the same fields, codec for codec (the relay messages, DHCP4o6). */
function sameLayout(a: AnyCodec, b: AnyCodec): boolean {
  const ka = a.kind as Extract<Kind, { type: "struct" }>;
  const kb = b.kind as Extract<Kind, { type: "struct" }>;
  return (
    ka.fields.length === kb.fields.length &&
    ka.fields.every(([n, c], i) => kb.fields[i]?.[0] === n && kb.fields[i]?.[1] === c)
  );
}

function unionFunctions(codec: AnyCodec, fn: string, type: string, unions: Unions): string[] {
  const { k, tag, cases, fallback } = unionParts(codec);
  const groups = grouped(codec, cases);
  const out: string[] = [];
  const tagName = k.tag;
  // decode
  out.push(`/** Decodes a ${k.name} filling r.pos..r.end. @internal */`);
  out.push(`export function decode${fn}(r: Reader): ${type} {`);
  out.push("  const b = r.b;");
  out.push("  const end = r.end;");
  out.push(`  if (end - r.pos < ${tag.size}) throw shortField(r, r.pos, ${tag.size}, "${tag.what}", "${tagName}");`);
  out.push(`  const t = ${tag.read("r.pos")};`);
  out.push(`  const p = r.pos + ${tag.size};`);
  out.push("  switch (t) {");
  for (const [ts, shape] of groups) {
    for (const t of ts) out.push(`    case ${t}:`);
    out.push("    {");
    // Tags sharing a layout share a case; the literal is cast, as its tag is then a number.
    const head = ts.length === 1 ? `${tagName}: ${ts[0]}` : `${tagName}: t`;
    const cast = ts.length === 1 ? "" : ` as ${type}`;
    out.push(...decodeStruct(shape, head, false, unions, cast).map((l) => `      ${l}`));
    out.push("    }");
  }
  out.push("    default: {");
  out.push(...decodeStruct(fallback, `${tagName}: t`, false, unions).map((l) => `      ${l}`));
  out.push("    }");
  out.push("  }");
  out.push("}");
  out.push("");
  // encode
  out.push(`/** Validates and writes a ${k.name} (see \`Encoder\` in schema/codec.ts). @internal */`);
  out.push(`export function encode${fn}(w: Writer, value: unknown, depth: number): void {`);
  out.push('  if (typeof value !== "object" || value === null) throw notObject(value);');
  out.push("  const v = value as Record<string, unknown>;");
  out.push(`  const t = v.${tagName};`);
  out.push(`  ensureCapacity(w, ${tag.size});`);
  out.push("  {");
  out.push("    const b = w.b;");
  out.push(...put(tag, k.tagCodec, "t", "w.pos", JSON.stringify(tagName)).map((l) => `    ${l}`));
  out.push(`    w.pos += ${tag.size};`);
  out.push("  }");
  out.push("  switch (t) {");
  for (const [ts, shape] of groups) {
    for (const t of ts) out.push(`    case ${t}:`);
    out.push("    {");
    out.push(...encodeStruct(shape, unions).map((l) => `      ${l}`));
    out.push("      return;");
    out.push("    }");
  }
  out.push("    default: {");
  out.push(...encodeStruct(fallback, unions).map((l) => `      ${l}`));
  out.push("    }");
  out.push("  }");
  out.push("}");
  out.push("");
  // skip
  out.push(`/** Where the ${k.name} at \`p\` ends, or -1 where decoding it would throw. @internal */`);
  out.push(
    `export function skip${fn}(b: Uint8Array, p: number, end: number, depth: number, opts: ReaderOptions): number {`,
  );
  out.push(`  if (end - p < ${tag.size}) return -1;`);
  out.push(`  const q = p + ${tag.size};`);
  out.push(`  switch (${tag.read("p")}) {`);
  for (const [ts, shape] of groups) {
    for (const t of ts) out.push(`    case ${t}:`);
    out.push(`      return ${skipStruct(shape, "q", "end", "depth", unions)};`);
  }
  out.push("    default:");
  out.push(`      return ${skipStruct(fallback, "q", "end", "depth", unions)};`);
  out.push("  }");
  out.push("}");
  return out;
}

// ---------------------------------------------------------------------------
// Option bodies and the option list.
// ---------------------------------------------------------------------------

/** The option-len check of a declared option: the condition that it fails, and the call that says why. */
function optionLengthCheck(def: OptionDef, shape: Shape): { bad: string; why: string } {
  const body = def.body as StructCodec<never>;
  if (body.fixed >= 0) return { bad: `len !== ${body.fixed}`, why: `optionLengthWhy(name, len, ${body.fixed}, 0, 0)` };
  const min = body.minSize;
  const step = body.itemStep;
  if (min !== shape.leadSize) throw new Error(`${def.name}: minSize disagrees with the generator`);
  const why = `optionLengthWhy(name, len, -1, ${min}, ${step})`;
  if (step === 0) return { bad: `len < ${min}`, why };
  const rest = min === 0 ? "len" : `(len - ${min})`;
  return { bad: `len < ${min} || ${rest} % ${step} !== 0`, why };
}

function optionFunctions(unions: Unions): string[] {
  const defs = OPTION_DEFS as readonly OptionDef[];
  const out: string[] = [];
  for (const def of defs) {
    const shape = shapeOf(def.body);
    const fn = `${pascal(def.name)}Body`;
    out.push(`/** Decodes the option-data of ${def.name} (${def.rfc}), whose option-len was checked. @internal */`);
    out.push(`export function decode${fn}(r: Reader): Dhcpv6Option {`);
    out.push("  const b = r.b;");
    out.push("  const p = r.pos;");
    out.push("  const end = r.end;");
    out.push(...decodeStruct(shape, `code: ${def.code}`, true, unions).map((l) => `  ${l}`));
    out.push("}");
    out.push("");
    out.push(`/** Validates and writes the option-data of ${def.name}. @internal */`);
    out.push(`export function encode${fn}(w: Writer, v: Record<string, unknown>, depth: number): void {`);
    const enc = encodeStruct(shape, unions);
    out.push(...enc.map((l) => `  ${l}`));
    out.push("}");
    out.push("");
  }
  // decode the list
  out.push("/**");
  out.push(" * Decodes a DHCPv6 option list filling r.pos..r.end (RFC 8415 §21.1): each");
  out.push(" * option-len checked against its declared layout, unknown codes kept raw.");
  out.push(" * @internal");
  out.push(" */");
  out.push("export function decodeOptionList(r: Reader): Dhcpv6Option[] {");
  out.push("  const depth = r.depth;");
  out.push("  if (depth >= r.opts.maxDepth) {");
  out.push(
    `    throw new DecodeError("depth-exceeded", r.pos, \`options nested deeper than maxDepth \${r.opts.maxDepth}\`);`,
  );
  out.push("  }");
  out.push("  r.depth = depth + 1;");
  out.push("  const out: Dhcpv6Option[] = [];");
  out.push("  const b = r.b;");
  out.push("  for (let i = 0; r.pos < r.end; i++) {");
  out.push("    const start = r.pos;");
  out.push("    let name: string | undefined;");
  out.push("    try {");
  out.push('      if (r.end - start < 4) throw shortField(r, start, 4, "option header", "");');
  out.push("      const code = (b[start]! << 8) | b[start + 1]!;");
  out.push("      const len = (b[start + 2]! << 8) | b[start + 3]!;");
  out.push("      r.pos = start + 4;");
  out.push("      // The declared layout's name (for the path), and what its option-len check finds.");
  out.push("      let why: string | undefined;");
  out.push("      switch (code) {");
  for (const def of defs) {
    const { bad, why } = optionLengthCheck(def, shapeOf(def.body));
    out.push(`        case ${def.code}:`);
    out.push(`          name = "${def.name}";`);
    out.push(`          if (${bad}) why = ${why};`);
    out.push("          break;");
  }
  out.push("      }");
  out.push("      if (r.end - r.pos < len) {");
  out.push("        const atInputEnd = r.end === r.inputEnd;");
  out.push("        throw new DecodeError(");
  out.push('          atInputEnd ? "truncated" : "length-mismatch",');
  out.push("          start + 2,");
  out.push(
    `          \`option-len \${len} runs past the \${atInputEnd ? "input" : "enclosing length"} (\${r.end - r.pos} byte(s) left)\`,`,
  );
  out.push("        );");
  out.push("      }");
  out.push("      const bodyEnd = r.pos + len;");
  out.push("      if (name === undefined) {");
  out.push("        out.push({ code, data: b.subarray(r.pos, bodyEnd) });");
  out.push("        r.pos = bodyEnd;");
  out.push("        continue;");
  out.push("      }");
  out.push("      if (why !== undefined) {");
  out.push("        out.push(badOptionLength(r, code, start, bodyEnd, name, why));");
  out.push("        r.pos = bodyEnd;");
  out.push("        continue;");
  out.push("      }");
  out.push("      const savedEnd = r.end;");
  out.push("      const savedInputEnd = r.inputEnd;");
  out.push("      r.end = bodyEnd;");
  out.push("      r.inputEnd = -1;");
  out.push("      let o: Dhcpv6Option;");
  out.push("      try {");
  out.push("        switch (code) {");
  for (const def of defs) {
    out.push(`          case ${def.code}:`);
    out.push(`            o = decode${pascal(def.name)}Body(r);`);
    out.push("            break;");
  }
  out.push("          default:");
  out.push(`            throw new Error(\`internal: option \${code} has no body decoder\`);`);
  out.push("        }");
  out.push("        if (r.pos !== bodyEnd) throw leftOver(r.pos, bodyEnd, name, len);");
  out.push("      } catch (e) {");
  out.push("        r.end = savedEnd;");
  out.push("        r.inputEnd = savedInputEnd;");
  out.push("        if (!(r.opts.keepMalformedOptions && e instanceof DecodeError)) throw e;");
  out.push("        r.depth = depth + 1;");
  out.push("        out.push(keptRaw(code, b, start, bodyEnd, e.message));");
  out.push("        r.pos = bodyEnd;");
  out.push("        continue;");
  out.push("      }");
  out.push("      r.end = savedEnd;");
  out.push("      r.inputEnd = savedInputEnd;");
  out.push("      out.push(o);");
  out.push("    } catch (e) {");
  out.push("      throw prefix(e, optionSegment(i, name));");
  out.push("    }");
  out.push("  }");
  out.push("  r.depth = depth;");
  out.push("  return out;");
  out.push("}");
  out.push("");
  out.push(
    ...encodeTlvList(
      "encodeOptionList",
      [
        "Validates and writes a DHCPv6 option list: declared options from their",
        "fields, any option with `data: Uint8Array` (and no declared `data` field) as",
        "its bytes.",
      ],
      defs,
      (def) => `encode${pascal(def.name)}Body`,
      { width: 2, body: "option-data", entry: "option" },
    ),
  );
  // skip the list
  out.push("/**");
  out.push(" * Where the option list in b[p, end) ends (`end`), or -1 where decoding it");
  out.push(" * would throw under `opts`. `depth` counts the enclosing option lists.");
  out.push(" * @internal");
  out.push(" */");
  out.push(
    "export function skipOptionList(b: Uint8Array, p: number, end: number, depth: number, opts: ReaderOptions): number {",
  );
  out.push("  if (depth >= opts.maxDepth) return -1;");
  out.push("  while (p < end) {");
  out.push("    if (end - p < 4) return -1;");
  out.push("    const s = p + 4;");
  out.push("    const e = s + ((b[p + 2]! << 8) | b[p + 3]!);");
  out.push("    if (e > end) return -1;");
  out.push("    const len = e - s;");
  out.push("    let ok: boolean;");
  out.push("    switch ((b[p]! << 8) | b[p + 1]!) {");
  for (const def of defs) {
    const shape = shapeOf(def.body);
    const body = def.body as StructCodec<never>;
    // A body of no fixed part takes any option-len: only its fields can fail.
    const lenOk = body.fixed >= 0 ? `len === ${body.fixed}` : body.minSize > 0 ? `len >= ${body.minSize}` : "";
    const and = (rest: string): string => (lenOk === "" ? rest : `${lenOk} && ${rest}`);
    let check = lenOk === "" ? "true" : lenOk;
    if (shape.last !== undefined && shape.last.codec === OPTION_LIST_CODEC) {
      const q = at("s", shape.leadSize);
      // An empty nested list (the usual IAADDR) needs only the depth check.
      check = and(`(${q} === e ? depth + 1 < opts.maxDepth : skipOptionList(b, ${q}, e, depth + 1, opts) === e)`);
    } else if (!plain(shape)) {
      check = and(`(${skipStruct(shape, "s", "e", "depth + 1", unions)}) === e`);
    }
    out.push(`      case ${def.code}:`);
    out.push(`        ok = ${check};`);
    out.push("        break;");
  }
  out.push("      default:");
  out.push("        ok = true;");
  out.push("    }");
  out.push("    // A malformed body is kept as raw bytes when the options allow it.");
  out.push("    if (!ok && !opts.keepMalformedOptions) return -1;");
  out.push("    p = e;");
  out.push("  }");
  out.push("  return end;");
  out.push("}");
  return out;
}

/**
 * Which header field follows msg-type, per msg-type: the first field of
 * each variant of the message union, for `scan` (src/v6/scan.ts), so that
 * a new layout needs no edit there and scan imports no declaration.
 */
function headerFieldFunction(): string[] {
  const k = MESSAGE_CODEC.kind as UnionKind;
  const firstOf = (c: AnyCodec): string => {
    const fields = (c.kind as Extract<Kind, { type: "struct" }>).fields;
    const first = fields[0]?.[0];
    if (first !== "transactionId" && first !== "hopCount" && first !== "flags") {
      throw new Error(`message layout starts with ${first}, which scan does not report`);
    }
    return first;
  };
  const fallback = firstOf(k.fallback);
  const byField = new Map<string, number[]>();
  for (const [t, c] of [...k.variants].sort((x, y) => x[0] - y[0])) {
    const f = firstOf(c);
    if (f === fallback) continue;
    byField.set(f, [...(byField.get(f) ?? []), t]);
  }
  const out: string[] = [];
  out.push("/** The header field that follows msg-type in a message of type `t`, as declared. @internal */");
  out.push('export function messageHeaderField(t: number): "transactionId" | "hopCount" | "flags" {');
  out.push("  switch (t) {");
  for (const [f, types] of byField) {
    for (const t of types) out.push(`    case ${t}:`);
    out.push(`      return ${JSON.stringify(f)};`);
  }
  out.push("    default:");
  out.push(`      return ${JSON.stringify(fallback)};`);
  out.push("  }");
  out.push("}");
  out.push("");
  return out;
}

/** The whole generated file. */
export function generatedCodecs(): string {
  const unions: Unions = new Map<AnyCodec, string>([
    [DUID as AnyCodec, "Duid"],
    [MESSAGE_CODEC as AnyCodec, "Message"],
    [OPTION_LIST_CODEC as AnyCodec, OPTION_LIST],
    ...EXTERNALS.map((e): [AnyCodec, string] => [e.codec, e.fn]),
  ]);
  const lines: string[] = [
    "// Generated by scripts/generate-codecs.ts from src/v6/schema.ts: do not edit.",
    "/**",
    " * Straight-line DHCPv6 codecs compiled from the declarations in",
    " * src/v6/schema.ts (`npm run codecs:generate`): decode, encode and skip",
    " * for every option body, the DUID, the message and the option list.",
    " * test/schema/generated-equivalence.test.ts checks that they agree with the",
    " * combinators' interpreter on valid and mutated input.",
    " * @module",
    " */",
    'import { DecodeError, EncodeError } from "../errors.js";',
    'import { ensureCapacity, MAX_ENCODE_DEPTH, prefix, skipUtf8 } from "../schema/codec.js";',
    "import {",
    "  badOptionLength,",
    "  keptRaw,",
    "  leftOver,",
    "  notArray,",
    "  notBytes,",
    "  notIPv6,",
    "  notObject,",
    "  notUint,",
    "  optionLengthWhy,",
    "  partialItem,",
    "  shortField,",
    "  writeRaw,",
    '} from "../schema/generated-runtime.js";',
    ...EXTERNALS.map((e) => `import { decode${e.fn}, encode${e.fn}, skip${e.fn} } from "${e.from}";`),
    'import { ipv6Text, parseIPv6 } from "../wire/address.js";',
    'import { optionSegment } from "../wire/path.js";',
    'import type { Reader, ReaderOptions } from "../wire/reader.js";',
    'import { decodeUtf8, utf8Length, writeUtf8 } from "../wire/utf8.js";',
    'import { describe, type Writer } from "../wire/writer.js";',
    'import type { Dhcpv6Message, Dhcpv6Option, Duid } from "./types.generated.js";',
    "",
    ...unionFunctions(MESSAGE_CODEC, "Message", "Dhcpv6Message", unions),
    "",
    ...headerFieldFunction(),
    "",
    ...unionFunctions(DUID, "Duid", "Duid", unions),
    "",
    ...optionFunctions(unions),
  ];
  return format(`${tidy(lines).join("\n")}\n`, GENERATED_CODECS_PATH);
}

if (process.argv[1]?.endsWith("generate-codecs.ts")) writeFileSync(GENERATED_CODECS_PATH, generatedCodecs());
