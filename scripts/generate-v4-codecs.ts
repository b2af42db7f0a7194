/**
 * Generates src/v4/codecs.generated.ts: straight-line decode and encode of
 * the BOOTP header (src/v4/layout.ts), and decode, encode and check
 * functions for every DHCPv4 option body and Relay Agent Information
 * sub-option body declared in src/v4/schema.ts, the sub-option list
 * (1-byte code and length, RFC 3046 §2.0), and per space a `switch` on the
 * code that reads, writes or checks a declared body as the reference
 * interpreter's `readBody` (src/schema/tlv-entry.ts) does, errors included
 * (`npm run codecs:generate`). The option area around the bodies (pad,
 * end, RFC 3396 joining, overload) stays in src/schema/option-area.ts,
 * which takes these functions as parameters.
 * test/v4/generated-equivalence.test.ts checks generated == interpreted,
 * test/schema/generated-codecs.test.ts that the committed file is this
 * output.
 * @module
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AnyCodec, StructCodec } from "../src/schema/codec.js";
import type { OptionDef } from "../src/schema/option.js";
import {
  CHADDR_SIZE,
  COOKIE,
  COOKIE_AT,
  FILE_SIZE,
  HLEN_AT,
  OPTIONS_AT,
  OVERLOAD,
  OVERLOADABLE,
  SNAME_SIZE,
} from "../src/v4/layout.js";
import { BOOTP_HEADER, DHCPV4_OPTION_DEFS, RELAY_AGENT_SUBOPTION_DEFS } from "../src/v4/schema.js";
import {
  decodeStruct,
  encodeStruct,
  format,
  pascal,
  plain,
  type Shape,
  shapeOf,
  skipStruct,
  subOptionListName,
  tidy,
  type Unions,
} from "./codegen-struct.js";
import { encodeTlvList } from "./codegen-tlv.js";

/** Where the generated file goes. */
export const GENERATED_V4_CODECS_PATH = fileURLToPath(new URL("../src/v4/codecs.generated.ts", import.meta.url));

/** One space of declared bodies: its declarations, the prefix of its function names, its value types. */
interface Space {
  readonly defs: readonly OptionDef[];
  /** Prefix of the generated names: `""` for options, `RelayAgent` for sub-options. */
  readonly prefix: string;
  /** What a dispatcher is called: `Dhcpv4Option`, `RelayAgentSubOption`. */
  readonly fn: string;
  /** The type of a declared value, and of any value (declared or raw). */
  readonly known: string;
  readonly any: string;
  /** What the doc comments call it. */
  readonly what: string;
}

const OPTIONS: Space = {
  defs: DHCPV4_OPTION_DEFS as unknown as readonly OptionDef[],
  prefix: "",
  fn: "Dhcpv4Option",
  known: "KnownDhcpv4Option",
  any: "KnownDhcpv4Option | Dhcpv4RawOption",
  what: "DHCPv4 option",
};

const SUBOPTIONS: Space = {
  defs: RELAY_AGENT_SUBOPTION_DEFS as unknown as readonly OptionDef[],
  prefix: "RelayAgent",
  fn: "RelayAgentSubOption",
  known: "KnownRelayAgentSubOption",
  any: "RelayAgentSubOption",
  what: "Relay Agent Information sub-option",
};

const bodyFn = (space: Space, def: OptionDef): string => `${space.prefix}${pascal(def.name)}Body`;

/**
 * The length check of a declared body, as `readBody` makes it: the
 * condition that it passes and the one that it fails (both `""` when any
 * length passes), and the reason of a failure.
 */
function lengthCheck(def: OptionDef, shape: Shape): { ok: string; bad: string; why: string } {
  const body = def.body as StructCodec<never>;
  const says = `"its length says"`;
  if (body.fixed >= 0) {
    return {
      ok: `len === ${body.fixed}`,
      bad: `len !== ${body.fixed}`,
      why: `optionLengthWhy("${def.name}", len, ${body.fixed}, 0, 0, ${says})`,
    };
  }
  const min = body.minSize;
  const step = body.itemStep;
  if (min !== shape.leadSize) throw new Error(`${def.name}: minSize disagrees with the generator`);
  const why = `optionLengthWhy("${def.name}", len, -1, ${min}, ${step}, ${says})`;
  const rest = min === 0 ? "len" : `(len - ${min})`;
  const ok: string[] = [];
  const bad: string[] = [];
  if (min > 0) {
    ok.push(`len >= ${min}`);
    bad.push(`len < ${min}`);
  }
  if (step > 0) {
    ok.push(`${rest} % ${step} === 0`);
    bad.push(`${rest} % ${step} !== 0`);
  }
  return { ok: ok.join(" && "), bad: bad.join(" || "), why };
}

/** True when a body's length check is all that can fail in it (its fields are fixed, opaque or a list of whole items). */
function lengthOnly(shape: Shape): boolean {
  return plain(shape) || shape.last?.codec.kind.type === "list";
}

/** The decode and encode function of each declared body of `space`. */
function bodyFunctions(space: Space, unions: Unions): string[] {
  const out: string[] = [];
  for (const def of space.defs) {
    const shape = shapeOf(def.body);
    const fn = bodyFn(space, def);
    out.push(`/** Decodes the data of ${def.name} (${def.rfc}), whose length was checked. @internal */`);
    out.push(`export function decode${fn}(r: Reader): ${space.known} {`);
    out.push("  const b = r.b;");
    out.push("  const p = r.pos;");
    out.push("  const end = r.end;");
    out.push(...decodeStruct(shape, `code: ${def.code}`, true, unions).map((l) => `  ${l}`));
    out.push("}");
    out.push("");
    out.push(`/** Validates and writes the data of ${def.name}. @internal */`);
    out.push(`export function encode${fn}(w: Writer, v: Record<string, unknown>, depth: number): void {`);
    out.push(...encodeStruct(shape, unions).map((l) => `  ${l}`));
    out.push("}");
    out.push("");
  }
  return out;
}

/** The dispatchers of `space`: read, write and check a body by code. */
function dispatchers(space: Space, unions: Unions): string[] {
  const out: string[] = [];
  const defs = space.defs;
  out.push("/**");
  out.push(` * Reads the ${space.what} body of \`code\`, \`len\` bytes at r.pos (bounded by`);
  out.push(" * the caller), as the reference `readBody` does: the length checked against");
  out.push(" * the declared layout (its error at `lenAt`), the body kept raw with");
  out.push(" * `keepMalformedOptions` when it does not decode; an undeclared code as raw bytes.");
  out.push(" * @internal");
  out.push(" */");
  out.push(
    `export function decode${space.fn}Body(r: Reader, code: number, len: number, lenAt: number): ${space.any} {`,
  );
  out.push("  const start = r.pos;");
  out.push("  const end = start + len;");
  out.push("  let name: string;");
  out.push("  let why: string | undefined;");
  out.push("  switch (code) {");
  for (const def of defs) {
    const { bad, why } = lengthCheck(def, shapeOf(def.body));
    out.push(`    case ${def.code}:`);
    out.push(`      name = "${def.name}";`);
    if (bad !== "") out.push(`      if (${bad}) why = ${why};`);
    out.push("      break;");
  }
  out.push("    default:");
  out.push("      r.pos = end;");
  out.push("      return { code, data: r.b.subarray(start, end) };");
  out.push("  }");
  out.push("  if (why !== undefined) return lengthDoesNotFit(r, code, len, lenAt, why);");
  out.push("  const savedEnd = r.end;");
  out.push("  const savedInputEnd = r.inputEnd;");
  out.push("  const depth = r.depth;");
  out.push("  r.end = end;");
  out.push("  r.inputEnd = -1;");
  out.push(`  let o: ${space.known};`);
  out.push("  try {");
  out.push("    switch (code) {");
  for (const def of defs) {
    out.push(`      case ${def.code}:`);
    out.push(`        o = decode${bodyFn(space, def)}(r);`);
    out.push("        break;");
  }
  out.push("      default:");
  out.push(`        throw new Error(\`internal: ${space.what} \${code} has no body decoder\`);`);
  out.push("    }");
  out.push('    if (r.pos !== end) throw leftOver(r.pos, end, name, len, "length");');
  out.push("  } catch (e) {");
  out.push("    r.end = savedEnd;");
  out.push("    r.inputEnd = savedInputEnd;");
  out.push("    r.depth = depth;");
  out.push("    if (!(r.opts.keepMalformedOptions && e instanceof DecodeError)) throw e;");
  out.push("    r.pos = end;");
  out.push("    return { code, data: r.b.subarray(start, end), malformed: e.message };");
  out.push("  }");
  out.push("  r.end = savedEnd;");
  out.push("  r.inputEnd = savedInputEnd;");
  out.push("  return o;");
  out.push("}");
  out.push("");
  out.push(`/** Validates and writes the declared ${space.what} body of \`code\` from the entry \`v\`. @internal */`);
  out.push(
    `export function encode${space.fn}Body(w: Writer, code: number, v: Record<string, unknown>, depth: number): void {`,
  );
  out.push("  switch (code) {");
  for (const def of defs) {
    out.push(`    case ${def.code}:`);
    out.push(`      encode${bodyFn(space, def)}(w, v, depth);`);
    out.push("      return;");
  }
  out.push("    default:");
  out.push(`      throw new Error(\`internal: ${space.what} \${code} has no declared layout\`);`);
  out.push("  }");
  out.push("}");
  out.push("");
  out.push("/**");
  out.push(` * Whether the ${space.what} body of \`code\` in b[s, e) decodes at \`depth\` (as`);
  out.push(" * the decoder's length check and body read would); true for an undeclared code.");
  out.push(" * @internal");
  out.push(" */");
  out.push(
    `export function fits${space.fn}Body(code: number, b: Uint8Array, s: number, e: number, depth: number, opts: ReaderOptions): boolean {`,
  );
  out.push("  const len = e - s;");
  out.push("  switch (code) {");
  for (const def of defs) {
    const shape = shapeOf(def.body);
    const { ok } = lengthCheck(def, shape);
    const parts = ok === "" ? [] : [ok];
    if (!lengthOnly(shape)) parts.push(`(${skipStruct(shape, "s", "e", "depth", unions)}) === e`);
    out.push(`    case ${def.code}:`);
    out.push(`      return ${parts.length === 0 ? "true" : parts.join(" && ")};`);
  }
  out.push("    default:");
  out.push("      return true;");
  out.push("  }");
  out.push("}");
  out.push("");
  out.push(`/** The declared name of ${space.what} \`code\`, if any (for error paths). @internal */`);
  out.push(`export function ${lowerFirst(space.fn)}Name(code: number): string | undefined {`);
  out.push("  switch (code) {");
  for (const def of defs) {
    out.push(`    case ${def.code}:`);
    out.push(`      return "${def.name}";`);
  }
  out.push("    default:");
  out.push("      return undefined;");
  out.push("  }");
  out.push("}");
  out.push("");
  return out;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The 1-byte TLV list of `space` with no pad or end (RFC 3046 §2.0): decode, encode and skip. */
function subOptionList(space: Space, listFn: string): string[] {
  const out: string[] = [];
  const nameOf = `${lowerFirst(space.fn)}Name`;
  out.push("/**");
  out.push(` * Decodes a list of ${space.what}s filling r.pos..r.end (1-byte code and`);
  out.push(" * length, no pad or end, RFC 3046 §2.0); entering it counts one level of nesting.");
  out.push(" * @internal");
  out.push(" */");
  out.push(`export function decode${listFn}(r: Reader): ${space.any}[] {`);
  out.push("  const depth = r.depth;");
  out.push("  if (depth >= r.opts.maxDepth) {");
  out.push(
    `    throw new DecodeError("depth-exceeded", r.pos, \`options nested deeper than maxDepth \${r.opts.maxDepth}\`);`,
  );
  out.push("  }");
  out.push("  r.depth = depth + 1;");
  out.push("  const b = r.b;");
  out.push(`  const out: ${space.any}[] = [];`);
  out.push("  for (let i = 0; r.pos < r.end; i++) {");
  out.push("    const start = r.pos;");
  out.push("    try {");
  out.push("      const end = r.end;");
  out.push("      // The code is complete (the loop runs while a byte is left): the length is what is missing.");
  out.push('      if (end - start < 2) throw shortField(r, start + 1, 1, "sub-option length", "");');
  out.push("      const code = b[start]!;");
  out.push("      const len = b[start + 1]!;");
  out.push("      const bodyStart = start + 2;");
  out.push("      if (end - bodyStart < len) {");
  out.push("        const atInputEnd = end === r.inputEnd;");
  out.push("        const left = 1 + end - bodyStart;");
  out.push("        throw new DecodeError(");
  out.push('          atInputEnd ? "truncated" : "length-mismatch",');
  out.push("          start + 1,");
  out.push("          atInputEnd");
  out.push(`            ? \`sub-option length \${len}: needs \${1 + len} byte(s), the input has \${left} left\``);
  out.push(
    `            : \`sub-option length \${len}: needs \${1 + len} byte(s), its enclosing length leaves \${left}\`,`,
  );
  out.push("        );");
  out.push("      }");
  out.push("      r.pos = bodyStart;");
  out.push(`      out.push(decode${space.fn}Body(r, code, len, start + 1));`);
  out.push("    } catch (e) {");
  out.push(`      const name = ${nameOf}(b[start]!);`);
  out.push("      throw prefix(e, optionSegment(i, name));");
  out.push("    }");
  out.push("  }");
  out.push("  r.depth = depth;");
  out.push("  return out;");
  out.push("}");
  out.push("");
  out.push(
    ...encodeTlvList(
      `encode${listFn}`,
      [
        `Validates and writes a list of ${space.what}s: declared ones from their`,
        "fields, any entry with `data: Uint8Array` (and no declared `data` field) as its bytes.",
      ],
      space.defs,
      (def) => `encode${bodyFn(space, def)}`,
      { width: 1, body: "sub-option data", entry: "entry" },
    ),
  );
  out.push("/**");
  out.push(` * Where the list of ${space.what}s in b[p, end) ends (\`end\`), or -1 where`);
  out.push(" * decoding it would throw under `opts`. `depth` counts the enclosing lists.");
  out.push(" * @internal");
  out.push(" */");
  out.push(
    `export function skip${listFn}(b: Uint8Array, p: number, end: number, depth: number, opts: ReaderOptions): number {`,
  );
  out.push("  if (depth >= opts.maxDepth) return -1;");
  out.push("  while (p < end) {");
  out.push("    if (end - p < 2) return -1;");
  out.push("    const s = p + 2;");
  out.push("    const e = s + b[p + 1]!;");
  out.push("    if (e > end) return -1;");
  out.push("    // A malformed body is kept as raw bytes when the options allow it.");
  out.push(`    if (!fits${space.fn}Body(b[p]!, b, s, e, depth + 1, opts) && !opts.keepMalformedOptions) return -1;`);
  out.push("    p = e;");
  out.push("  }");
  out.push("  return end;");
  out.push("}");
  out.push("");
  return out;
}

/** The BOOTP header (RFC 2131 §2), declared once in src/v4/layout.ts: decode and encode. */
function headerFunctions(unions: Unions): string[] {
  const shape = shapeOf(BOOTP_HEADER);
  if (shape.last !== undefined) throw new Error("the BOOTP header is expected to be fixed fields only");
  const out: string[] = [];
  out.push(`/** Decodes the ${shape.leadSize}-byte BOOTP header (RFC 2131 §2) at r.pos. @internal */`);
  out.push("export function decodeBootpHeader(r: Reader): BootpHeader {");
  out.push("  const b = r.b;");
  out.push("  const p = r.pos;");
  out.push("  const end = r.end;");
  out.push(...decodeStruct(shape, "", false, unions).map((l) => `  ${l}`));
  out.push("}");
  out.push("");
  out.push("/** Validates and writes the BOOTP header fields of the message `v`. @internal */");
  out.push("export function encodeBootpHeader(w: Writer, v: Record<string, unknown>, depth: number): void {");
  out.push(...encodeStruct(shape, unions).map((l) => `  ${l}`));
  out.push("}");
  out.push("");
  return out;
}

/**
 * What the message functions (src/v4/message-wire.ts) and the option area
 * need of the declarations, as literals: the fixed layout of the message
 * (src/v4/layout.ts) and, per declared option, its name and whether its
 * layout has a `data` field. The runtime imports these instead of the
 * declarations, so a bundle of the codecs carries no combinator.
 */
function declarationFacts(): string[] {
  const out: string[] = [];
  const num = (doc: string, name: string, value: number): void => {
    out.push(`/** ${doc} (src/v4/layout.ts). @internal */`);
    out.push(`export const ${name} = ${value};`);
  };
  num("Size of the BOOTP header, op to giaddr", "BOOTP_HEADER_SIZE", BOOTP_HEADER.minSize);
  num("Offset of hlen", "HLEN_AT", HLEN_AT);
  num("Size of chaddr", "CHADDR_SIZE", CHADDR_SIZE);
  num("Size of sname", "SNAME_SIZE", SNAME_SIZE);
  num("Size of file", "FILE_SIZE", FILE_SIZE);
  num("Offset of the magic cookie", "COOKIE_AT", COOKIE_AT);
  num("Offset of the options field, after the magic cookie", "OPTIONS_AT", OPTIONS_AT);
  num("Option overload (RFC 2132 §9.3)", "OVERLOAD", OVERLOAD);
  out.push("/** The magic cookie as octets (RFC 2131 §3, src/v4/layout.ts). @internal */");
  out.push(`export const COOKIE: readonly number[] = [${COOKIE.join(", ")}];`);
  out.push("/**");
  out.push(" * The fields option overload turns into option areas, in the order they");
  out.push(" * are read (src/v4/layout.ts `OVERLOADABLE`).");
  out.push(" * @internal");
  out.push(" */");
  out.push(
    `export const OVERLOADABLE: readonly { readonly name: "file" | "sname"; readonly at: number; readonly size: number; readonly bit: number }[] = [${OVERLOADABLE.map(
      (f) => `{ name: ${JSON.stringify(f.name)}, at: ${f.at}, size: ${f.size}, bit: ${f.bit} }`,
    ).join(", ")}];`,
  );
  out.push("");
  const defs = OPTIONS.defs;
  out.push(
    "/** The name of each declared DHCPv4 option by code, for error paths; a code without one has no layout. @internal */",
  );
  out.push(
    `export const DHCPV4_OPTION_NAMES: Readonly<Record<number, string>> = { ${defs.map((d) => `${d.code}: ${JSON.stringify(d.name)}`).join(", ")} };`,
  );
  out.push("/**");
  out.push(" * The declared DHCPv4 options whose layout has a `data` field: a");
  out.push(" * Uint8Array `data` of theirs is that field, not raw bytes.");
  out.push(" * @internal");
  out.push(" */");
  out.push(
    `export const DHCPV4_DATA_FIELD: Readonly<Record<number, true>> = { ${defs
      .filter((d) => "data" in d.body.fields)
      .map((d) => `${d.code}: true`)
      .join(", ")} };`,
  );
  out.push("");
  return out;
}

/** The whole generated file. */
export function generatedV4Codecs(): string {
  const unions: Unions = new Map<AnyCodec, string>();
  const listFn = subOptionListName("relay-agent");
  const lines: string[] = [
    "// Generated by scripts/generate-v4-codecs.ts from src/v4/schema.ts: do not edit.",
    "/**",
    " * Straight-line DHCPv4 codecs compiled from the declarations in",
    " * src/v4/schema.ts and src/v4/layout.ts (`npm run codecs:generate`): the",
    " * BOOTP header; decode, encode and check for every option body and Relay",
    " * Agent Information sub-option body; the sub-option list; a switch on the",
    " * code per space. The option area (src/schema/option-area.ts) takes the",
    " * body functions as parameters.",
    " * test/v4/generated-equivalence.test.ts checks that they agree with the",
    " * combinators' interpreter on valid and mutated input.",
    " * @module",
    " */",
    'import { DecodeError, EncodeError } from "../errors.js";',
    'import { ensureCapacity, MAX_ENCODE_DEPTH, prefix, skipUtf8 } from "../schema/codec.js";',
    "import {",
    "  leftOver,",
    "  lengthDoesNotFit,",
    "  notArray,",
    "  notBytes,",
    "  notIPv4,",
    "  notUint,",
    "  optionLengthWhy,",
    "  partialItem,",
    "  shortField,",
    "  writeRaw,",
    '} from "../schema/generated-runtime.js";',
    'import { formatIPv4, parseIPv4 } from "../wire/address.js";',
    'import { optionSegment } from "../wire/path.js";',
    'import type { Reader, ReaderOptions } from "../wire/reader.js";',
    'import { decodeUtf8, utf8Length, writeUtf8 } from "../wire/utf8.js";',
    'import { describe, type Writer } from "../wire/writer.js";',
    "import type {",
    "  BootpHeader,",
    "  Dhcpv4RawOption,",
    "  KnownDhcpv4Option,",
    "  KnownRelayAgentSubOption,",
    "  RelayAgentSubOption,",
    '} from "./types.generated.js";',
    "",
    ...declarationFacts(),
    ...headerFunctions(unions),
    ...bodyFunctions(OPTIONS, unions),
    ...dispatchers(OPTIONS, unions),
    ...bodyFunctions(SUBOPTIONS, unions),
    ...dispatchers(SUBOPTIONS, unions),
    ...subOptionList(SUBOPTIONS, listFn),
  ];
  return format(`${tidy(lines).join("\n")}\n`, GENERATED_V4_CODECS_PATH);
}

if (process.argv[1]?.endsWith("generate-v4-codecs.ts")) writeFileSync(GENERATED_V4_CODECS_PATH, generatedV4Codecs());
