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
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AnyCodec, Kind, StructCodec } from "../src/schema/codec.js";
import type { OptionDef } from "../src/schema/option.js";
import { DHCPV4_MESSAGE_CODEC } from "../src/v4/message-codec.js";
import { DUID, MESSAGE_CODEC, OPTION_DEFS, OPTION_LIST_CODEC } from "../src/v6/schema.js";
import { pascal } from "./generate-types.js";

/** Where the generated file goes. */
export const GENERATED_CODECS_PATH = fileURLToPath(new URL("../src/v6/codecs.generated.ts", import.meta.url));

/** Layouts declared elsewhere, called through their codec: ref name, the codec, its import. */
const EXTERNAL: readonly { name: string; codec: AnyCodec; ident: string; from: string }[] = [
  {
    name: "dhcpv4-message",
    codec: DHCPV4_MESSAGE_CODEC,
    ident: "DHCPV4_MESSAGE_CODEC",
    from: "../v4/message-codec.js",
  },
];

/** A fixed-size field the generated code reads and writes inline. */
export interface Primitive {
  readonly size: number;
  /** The Reader's name for it in a bounds error. */
  readonly what: string;
  /** The value at `b[p]`, where `p` is an expression. */
  read(p: string): string;
  /** The condition that `x` fits, and the statements writing it at `b[p]`. */
  fits(x: string): string;
  write(x: string, p: string): string[];
  /** A throw of the EncodeError `x` gets, with the path segment `seg` (an expression). */
  fail(x: string, seg: string): string;
}

/** The expression `p + k`, folding a constant already in `p`. */
export function at(p: string, k: number): string {
  const m = /^(\w+) \+ (\d+)$/.exec(p);
  if (m !== null) return at(m[1] as string, Number(m[2]) + k);
  return k === 0 ? p : `${p} + ${k}`;
}

export function primitive(c: AnyCodec): Primitive | undefined {
  const k = c.kind;
  switch (k.type) {
    case "uint": {
      const n = k.bits / 8;
      const mask = k.bits === 32 ? "" : `0x${"ff".repeat(n)}`;
      return {
        size: n,
        what: `${k.bits}-bit field`,
        read: (p) => {
          if (n === 1) return `b[${p}]!`;
          if (n === 2) return `(b[${p}]! << 8) | b[${at(p, 1)}]!`;
          if (n === 3) return `(b[${p}]! << 16) | (b[${at(p, 1)}]! << 8) | b[${at(p, 2)}]!`;
          return `b[${p}]! * 0x1000000 + ((b[${at(p, 1)}]! << 16) | (b[${at(p, 2)}]! << 8) | b[${at(p, 3)}]!)`;
        },
        fits: (x) =>
          k.bits === 32
            ? `typeof ${x} === "number" && ${x} >>> 0 === ${x}`
            : `typeof ${x} === "number" && (${x} & ${mask}) === ${x}`,
        write: (x, p) => {
          const out: string[] = [];
          for (let i = 0; i < n; i++) {
            const shift = 8 * (n - 1 - i);
            out.push(`b[${at(p, i)}] = ${shift === 0 ? x : `${x} >>> ${shift}`};`);
          }
          return out;
        },
        fail: (x, seg) => `throw notUint(${x}, ${k.bits}, ${seg});`,
      };
    }
    case "ipv6":
      return {
        size: 16,
        what: "IPv6 address",
        read: (p) => `ipv6Text(b, ${p})`,
        fits: (x) => `typeof ${x} === "string"`,
        write: () => [],
        fail: (x, seg) => `throw notIPv6(${x}, ${seg});`,
      };
    case "ipv4":
      return {
        size: 4,
        what: "IPv4 address",
        read: (p) => `formatIPv4(b, ${p})`,
        fits: (x) => `typeof ${x} === "string"`,
        write: () => [],
        fail: (x, seg) => `throw notIPv4(${x}, ${seg});`,
      };
    case "bytes":
      if (k.length === undefined) return undefined;
      return {
        size: k.length,
        what: `${k.length}-byte field`,
        read: (p) => `b.subarray(${p}, ${at(p, k.length as number)})`,
        fits: (x) => `${x} instanceof Uint8Array && ${x}.length === ${k.length}`,
        write: (x, p) => [`b.set(${x}, ${p});`],
        fail: (x, seg) => `throw notBytes(${x}, ${k.length}, ${seg});`,
      };
    default:
      return undefined;
  }
}

/**
 * The put of a primitive in an encoder: validate and write `x` at `p`,
 * or throw its error. Addresses are parsed straight into the output (the
 * parse is the validation).
 */
function put(prim: Primitive, c: AnyCodec, x: string, p: string, seg: string): string[] {
  const k = c.kind.type;
  if (k === "ipv6" || k === "ipv4") {
    const parse = k === "ipv6" ? "parseIPv6" : "parseIPv4";
    return [`if (!(${prim.fits(x)} && ${parse}(${x}, b, ${p}))) ${prim.fail(x, seg)}`];
  }
  return [`if (!(${prim.fits(x)})) ${prim.fail(x, seg)}`, ...prim.write(x, p)];
}

/** The TypeScript type of a primitive's value. */
function primitiveType(c: AnyCodec): string {
  const k = c.kind.type;
  return k === "uint" ? "number" : k === "bytes" ? "Uint8Array" : "string";
}

/** Names the generated code takes for itself (locals, parameters, imports). */
const TAKEN: ReadonlySet<string> = new Set([
  ..."b p q t v w e i n o r end depth items item value name len code start raw out why opts".split(" "),
  ..."prefix describe ensureCapacity encoderOf skipperOf skipUtf8 ipv6Text parseIPv6 decodeUtf8 utf8Length".split(" "),
  ..."writeUtf8 notArray notBytes notIPv6 notObject notUint partialItem shortField writeRaw".split(" "),
]);

/** The local an encoder reads field `name` into: the name itself, unless the generated code takes it. */
const localOf = (name: string): string => (TAKEN.has(name) ? `${name}Field` : name);

/** What a struct looks like to the generator: a run of primitives, then at most one other field. */
export interface Shape {
  readonly lead: readonly { name: string; codec: AnyCodec; prim: Primitive; offset: number }[];
  readonly leadSize: number;
  readonly last: { name: string; codec: AnyCodec } | undefined;
}

export function shapeOf(body: AnyCodec): Shape {
  const k = body.kind;
  if (k.type !== "struct") throw new Error(`expected a struct, got ${k.type}`);
  const lead: { name: string; codec: AnyCodec; prim: Primitive; offset: number }[] = [];
  let offset = 0;
  let i = 0;
  for (; i < k.fields.length; i++) {
    const [name, codec] = k.fields[i] as readonly [string, AnyCodec];
    const prim = primitive(codec);
    if (prim === undefined) break;
    lead.push({ name, codec, prim, offset });
    offset += prim.size;
  }
  if (i < k.fields.length - 1) throw new Error("a struct with a non-primitive field before its last is not generated");
  for (const [name] of k.fields) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new Error(`field name ${name} is not an identifier`);
  }
  const lastEntry = k.fields[i];
  return {
    lead,
    leadSize: offset,
    last: lastEntry === undefined ? undefined : { name: lastEntry[0], codec: lastEntry[1] },
  };
}

/** The generated function name of the 1-byte TLV list of `space` (`relay-agent`: `RelayAgentSubOptions`). */
export function subOptionListName(space: string): string {
  return `${pascal(space)}SubOptions`;
}

/** What a non-primitive last field is. */
type Tail =
  | { type: "rest" }
  | { type: "utf8" }
  | { type: "list"; item: Primitive; itemCodec: AnyCodec }
  | { type: "options" }
  | { type: "union"; fn: string }
  | { type: "suboptions"; fn: string }
  | { type: "external"; ident: string };

/** The generated function name of a union codec (found while walking). */
export type Unions = Map<AnyCodec, string>;

function tailOf(c: AnyCodec, unions: Unions): Tail {
  const k = c.kind;
  switch (k.type) {
    case "bytes":
      return { type: "rest" };
    case "utf8":
      return { type: "utf8" };
    case "list": {
      const item = primitive(k.item);
      if (item === undefined) throw new Error("a list of non-primitive items is not generated");
      return { type: "list", item, itemCodec: k.item };
    }
    case "options":
      if (c !== OPTION_LIST_CODEC) throw new Error(`option list ${k.space} is not the DHCPv6 one`);
      return { type: "options" };
    case "options8":
      // A 1-byte TLV list (RFC 3046 §2.0) is generated as a function named after its space.
      if (k.area) throw new Error(`option area ${k.space} is not generated as a field`);
      return { type: "suboptions", fn: subOptionListName(k.space) };
    case "union": {
      const fn = unions.get(c);
      if (fn === undefined) throw new Error(`union ${k.name} has no generated function`);
      return { type: "union", fn };
    }
    case "ref": {
      const target = k.target();
      const fn = unions.get(target);
      if (fn !== undefined) return { type: "union", fn };
      const ext = EXTERNAL.find((e) => e.name === k.name);
      if (ext === undefined || ext.codec !== target) throw new Error(`ref ${k.name} has no generated function`);
      return { type: "external", ident: ext.ident };
    }
    default:
      throw new Error(`no generated code for ${k.type}`);
  }
}

// ---------------------------------------------------------------------------
// Decoding. A struct function reads the region r.pos..r.end of its Reader
// and returns one object literal (code or tag first, then the fields in
// declaration order: the same shape for every value of the layout).
// ---------------------------------------------------------------------------

/**
 * Statements that read a struct at `p` (a const holding r.pos) into an
 * object literal with `head` first, then `return` it. `checked`: the
 * region is known to hold the leading fixed fields (an option-len check).
 */
export function decodeStruct(shape: Shape, head: string, checked: boolean, unions: Unions, cast = ""): string[] {
  const out: string[] = [];
  const { lead, leadSize, last } = shape;
  if (!checked && leadSize > 0) {
    out.push(`if (end - p < ${leadSize}) {`);
    for (const [i, f] of lead.entries()) {
      const error = `shortField(r, ${at("p", f.offset)}, ${f.prim.size}, "${f.prim.what}", "${f.name}")`;
      if (i === lead.length - 1) out.push(`  throw ${error};`);
      else out.push(`  if (end - p < ${f.offset + f.prim.size}) throw ${error};`);
    }
    out.push("}");
  }
  const props = [head, ...lead.map((f) => `${f.name}: ${f.prim.read(at("p", f.offset))}`)];
  if (last === undefined) {
    out.push(`r.pos = ${at("p", leadSize)};`);
    out.push(`return { ${props.join(", ")} }${cast};`);
    return out;
  }
  const q = at("p", leadSize);
  const tail = tailOf(last.codec, unions);
  switch (tail.type) {
    case "rest":
      out.push("r.pos = end;");
      out.push(`return { ${[...props, `${last.name}: b.subarray(${q}, end)`].join(", ")} }${cast};`);
      return out;
    case "list": {
      const n = tail.item.size;
      out.push(
        `if ((end - ${paren(q)}) % ${n} !== 0) throw partialItem(${q}, end - ${paren(q)}, ${n}, "${last.name}");`,
      );
      out.push(`const items: ${primitiveType(tail.itemCodec)}[] = [];`);
      out.push(`for (let i = ${q}; i < end; i += ${n}) items.push(${tail.item.read("i")});`);
      out.push("r.pos = end;");
      out.push(`return { ${[...props, `${last.name}: items`].join(", ")} }${cast};`);
      return out;
    }
    default: {
      let value: string;
      if (tail.type === "utf8") value = `decodeUtf8(b.subarray(${q}, end), ${q})`;
      else if (tail.type === "options") value = "decodeOptionList(r)";
      else if (tail.type === "union") value = `decode${tail.fn}(r)`;
      else if (tail.type === "suboptions") value = `decode${tail.fn}(r)`;
      else value = `${tail.ident}.read(r)`;
      // In an option body `p` is r.pos already; in a union it is past the tag.
      if (tail.type === "utf8") out.push("r.pos = end;");
      else if (q !== "p" || !checked) out.push(`r.pos = ${q};`);
      out.push("try {");
      out.push(`  return { ${[...props, `${last.name}: ${value}`].join(", ")} }${cast};`);
      out.push("} catch (e) {");
      out.push(`  throw prefix(e, "${last.name}");`);
      out.push("}");
      return out;
    }
  }
}

const paren = (e: string): string => (e.includes(" ") ? `(${e})` : e);

// ---------------------------------------------------------------------------
// Encoding: validate and write in one pass into a growable scratch writer
// (see `Encoder` in codec.ts), the first invalid field in wire order
// throwing the interpreter's error with its path.
// ---------------------------------------------------------------------------

export function encodeStruct(shape: Shape, unions: Unions): string[] {
  const out: string[] = [];
  const { lead, leadSize, last } = shape;
  if (leadSize > 0) {
    out.push(`ensureCapacity(w, ${leadSize});`);
    out.push("const b = w.b;");
    out.push("const p = w.pos;");
    // Each field of the value is read once.
    for (const f of lead) {
      const x = localOf(f.name);
      out.push(`const ${x} = v.${f.name};`);
      out.push(...put(f.prim, f.codec, x, at("p", f.offset), JSON.stringify(f.name)));
    }
    out.push(`w.pos = ${at("p", leadSize)};`);
  }
  if (last === undefined) return out;
  const x = `v.${last.name}`;
  const y = localOf(last.name);
  const tail = tailOf(last.codec, unions);
  const seg = JSON.stringify(last.name);
  switch (tail.type) {
    case "rest":
      out.push(`const ${y} = ${x};`);
      out.push(`if (!(${y} instanceof Uint8Array)) throw notBytes(${y}, -1, ${seg});`);
      out.push(`ensureCapacity(w, ${y}.length);`);
      out.push(`w.b.set(${y}, w.pos);`);
      out.push(`w.pos += ${y}.length;`);
      return out;
    case "utf8":
      out.push(`const ${y} = ${x};`);
      out.push("let n: number;");
      out.push("try {");
      out.push(`  n = utf8Length(${y});`);
      out.push("} catch (e) {");
      out.push(`  throw prefix(e, ${seg});`);
      out.push("}");
      out.push("ensureCapacity(w, n);");
      out.push(`w.pos += writeUtf8(${y} as string, w.b, w.pos);`);
      return out;
    case "list": {
      // Each item's error carries `[i]`, then the field's name.
      const n = tail.item.size;
      out.push(`const items = ${x};`);
      out.push(`if (!Array.isArray(items)) throw notArray(items, ${seg});`);
      // Room per item, not for the array's length up front: a sparse array
      // of a huge length fails at its first hole, before any allocation.
      out.push("for (let i = 0; i < items.length; i++) {");
      out.push("  const item: unknown = items[i];");
      out.push(`  ensureCapacity(w, ${n});`);
      out.push("  const b = w.b;");
      out.push("  const q = w.pos;");
      const segExpr = `\`${last.name}[\${i}]\``;
      out.push(...put(tail.item, tail.itemCodec, "item", "q", segExpr).map((l) => `  ${l}`));
      out.push(`  w.pos = q + ${n};`);
      out.push("}");
      return out;
    }
    default: {
      let call: string;
      if (tail.type === "options") call = `encodeOptionList(w, ${x}, depth);`;
      else if (tail.type === "union" || tail.type === "suboptions") call = `encode${tail.fn}(w, ${x}, depth);`;
      else call = `encoderOf(${tail.ident})(w, ${x}, depth);`;
      out.push("try {");
      out.push(`  ${call}`);
      out.push("} catch (e) {");
      out.push(`  throw prefix(e, ${seg});`);
      out.push("}");
      return out;
    }
  }
}

// ---------------------------------------------------------------------------
// Skipping: the offset after a valid value in b[p, end), or -1 exactly
// where decoding would throw.
// ---------------------------------------------------------------------------

/** An expression: where the struct at `p` ends, or -1. */
export function skipStruct(shape: Shape, p: string, end: string, depth: string, unions: Unions): string {
  const { leadSize, last } = shape;
  const q = at(p, leadSize);
  let tail: string;
  if (last === undefined) tail = q;
  else {
    const t = tailOf(last.codec, unions);
    switch (t.type) {
      case "rest":
        tail = end;
        break;
      case "utf8":
        tail = `skipUtf8(b, ${q}, ${end})`;
        break;
      case "list":
        tail = `(${end} - ${paren(q)}) % ${t.item.size} !== 0 ? -1 : ${end}`;
        break;
      case "options":
        tail = `skipOptionList(b, ${q}, ${end}, ${depth}, opts)`;
        break;
      case "union":
      case "suboptions":
        tail = `skip${t.fn}(b, ${q}, ${end}, ${depth}, opts)`;
        break;
      default:
        tail = `skipperOf(${t.ident})(b, ${q}, ${end}, ${depth}, opts)`;
    }
  }
  if (leadSize === 0) return tail;
  return `${end} - ${p} < ${leadSize} ? -1 : ${tail}`;
}

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

/** True when every field is a primitive or the opaque rest: its option-len check is all its skip needs. */
export function plain(shape: Shape): boolean {
  return shape.last === undefined || shape.last.codec.kind.type === "bytes";
}

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
  out.push(`      throw prefix(e, name !== undefined ? \`[\${i}](\${name})\` : \`[\${i}]\`);`);
  out.push("    }");
  out.push("  }");
  out.push("  r.depth = depth;");
  out.push("  return out;");
  out.push("}");
  out.push("");
  // encode the list
  out.push("/**");
  out.push(" * Validates and writes a DHCPv6 option list: declared options from their");
  out.push(" * fields, any option with `data: Uint8Array` (and no declared `data` field) as");
  out.push(" * its bytes.");
  out.push(" * @internal");
  out.push(" */");
  out.push("export function encodeOptionList(w: Writer, v: unknown, depth: number): void {");
  out.push(
    '  if (depth >= MAX_ENCODE_DEPTH) throw new EncodeError("depth-exceeded", "options nested too deep (or cyclic)");',
  );
  out.push("  if (!Array.isArray(v)) {");
  out.push(`    throw new EncodeError("invalid-value", \`expected an array of options, got \${describe(v)}\`);`);
  out.push("  }");
  out.push("  for (let i = 0; i < v.length; i++) {");
  out.push("    const o = v[i] as Record<string, unknown>;");
  out.push("    let name: string | undefined;");
  out.push("    try {");
  out.push('      if (typeof o !== "object" || o === null) {');
  out.push(`        throw new EncodeError("invalid-value", \`expected an option object, got \${describe(o)}\`);`);
  out.push("      }");
  out.push("      const code = o.code;");
  out.push('      if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > 0xffff) {');
  out.push(
    `        throw new EncodeError("out-of-range", \`option code must be 0-65535, got \${describe(code)}\`).prefixPath("code");`,
  );
  out.push("      }");
  out.push("      ensureCapacity(w, 4);");
  out.push("      const start = w.pos;");
  out.push("      w.pos = start + 4;");
  out.push("      // Raw bytes stand for any option, unless its layout has a field named `data`.");
  out.push("      const data = o.data;");
  out.push("      const raw = data instanceof Uint8Array;");
  out.push("      switch (code) {");
  for (const def of defs) {
    const dataField = "data" in (def.body as StructCodec<never>).fields;
    const body = `encode${pascal(def.name)}Body(w, o, depth + 1);`;
    out.push(`        case ${def.code}:`);
    out.push(`          name = "${def.name}";`);
    out.push(dataField ? `          ${body}` : "          if (raw) writeRaw(w, data);");
    if (!dataField) out.push(`          else ${body}`);
    out.push("          break;");
  }
  out.push("        default:");
  out.push("          if (!raw) {");
  out.push(
    `            throw new EncodeError("invalid-value", \`option \${code} has no declared layout, so it needs data: Uint8Array\`);`,
  );
  out.push("          }");
  out.push("          writeRaw(w, data);");
  out.push("      }");
  out.push("      const len = w.pos - start - 4;");
  out.push(
    `      if (len > 0xffff) throw new EncodeError("too-long", \`option-data is \${len} bytes, more than 65535\`);`,
  );
  out.push("      const b = w.b;");
  out.push("      b[start] = code >>> 8;");
  out.push("      b[start + 1] = code;");
  out.push("      b[start + 2] = len >>> 8;");
  out.push("      b[start + 3] = len;");
  out.push("    } catch (e) {");
  out.push(`      throw prefix(e, name !== undefined ? \`[\${i}](\${name})\` : \`[\${i}]\`);`);
  out.push("    }");
  out.push("  }");
  out.push("}");
  out.push("");
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

/** The whole generated file. */
export function generatedCodecs(): string {
  const unions: Unions = new Map<AnyCodec, string>([
    [DUID as AnyCodec, "Duid"],
    [MESSAGE_CODEC as AnyCodec, "Message"],
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
    'import { encoderOf, ensureCapacity, MAX_ENCODE_DEPTH, prefix, skipperOf, skipUtf8 } from "../schema/codec.js";',
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
    ...EXTERNAL.map((e) => `import { ${e.ident} } from "${e.from}";`),
    'import { ipv6Text, parseIPv6 } from "../wire/address.js";',
    'import type { Reader, ReaderOptions } from "../wire/reader.js";',
    'import { decodeUtf8, utf8Length, writeUtf8 } from "../wire/utf8.js";',
    'import { describe, type Writer } from "../wire/writer.js";',
    'import type { Dhcpv6Message, Dhcpv6Option, Duid } from "./types.generated.js";',
    "",
    ...unionFunctions(MESSAGE_CODEC, "Message", "Dhcpv6Message", unions),
    "",
    ...unionFunctions(DUID, "Duid", "Duid", unions),
    "",
    ...optionFunctions(unions),
  ];
  return format(`${tidy(lines).join("\n")}\n`);
}

/**
 * Drops what a generated function does not use: a `const` local (the
 * generic prologue declares `b`, `p`, `end`), and marks an unused parameter
 * with a leading `_` (the signatures are shared by every layout).
 */
export function tidy(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.startsWith("export function ")) {
      out.push(line);
      continue;
    }
    let j = i + 1;
    while (lines[j] !== "}") j++;
    let body = lines.slice(i + 1, j);
    const uses = (name: string, except: string): boolean =>
      body.some((l) => l !== except && new RegExp(`\\b${name}\\b`).test(l));
    body = body.filter((l) => {
      const m = /^\s*const (\w+) = [^;]+;$/.exec(l);
      return m === null || uses(m[1] as string, l);
    });
    const signature = line.replace(/(\(|, )(\w+): /g, (all, sep: string, name: string) =>
      uses(name, "") ? all : `${sep}_${name}: `,
    );
    out.push(signature, ...body, "}");
    i = j;
  }
  return out;
}

/** The text as `biome format` writes it (as the file at `path`), so that `biome check` passes on the committed file. */
export function format(text: string, path = GENERATED_CODECS_PATH): string {
  const biome = fileURLToPath(new URL("../node_modules/.bin/biome", import.meta.url));
  return execFileSync(biome, ["format", `--stdin-file-path=${path}`], {
    input: text,
    encoding: "utf8",
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
}

if (process.argv[1]?.endsWith("generate-codecs.ts")) writeFileSync(GENERATED_CODECS_PATH, generatedCodecs());
