/**
 * The struct emitters the codec generators share (scripts/generate-codecs.ts
 * for DHCPv6, scripts/generate-v4-codecs.ts for DHCPv4): what a declared
 * struct looks like to them (a run of fixed-size primitives, then at most
 * one other field), and the straight-line TypeScript that decodes, encodes
 * and skips it, errors built as the reference interpreter builds them. It
 * imports no declarations, so that generating the DHCPv4 file never loads
 * the modules that import it.
 * @module
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AnyCodec } from "../src/schema/codec.js";

/** `"CLT_TIME"`, `"RELAY-FORW"` or `"DHCPv6 message"` to `"CltTime"`, `"RelayForw"`, `"Dhcpv6Message"`. */
export const pascal = (name: string): string =>
  name
    .toLowerCase()
    .split(/[-_ ]/)
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join("");
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
export function put(prim: Primitive, c: AnyCodec, x: string, p: string, seg: string): string[] {
  const k = c.kind.type;
  if (k === "ipv6" || k === "ipv4") {
    const parse = k === "ipv6" ? "parseIPv6" : "parseIPv4";
    return [`if (!(${prim.fits(x)} && ${parse}(${x}, b, ${p}))) ${prim.fail(x, seg)}`];
  }
  return [`if (!(${prim.fits(x)})) ${prim.fail(x, seg)}`, ...prim.write(x, p)];
}

/** The TypeScript type of a primitive's value. */
export function primitiveType(c: AnyCodec): string {
  const k = c.kind.type;
  return k === "uint" ? "number" : k === "bytes" ? "Uint8Array" : "string";
}

/** Names the generated code takes for itself (locals, parameters, imports). */
const TAKEN: ReadonlySet<string> = new Set([
  ..."b p q t v w e i n o r end depth items item value name len code start raw out why opts".split(" "),
  ..."prefix describe ensureCapacity skipUtf8 ipv6Text parseIPv6 decodeUtf8 utf8Length".split(" "),
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
  | { type: "suboptions"; fn: string };

/**
 * What the generator knows of the codecs a layout refers to: the generated
 * function name of a union (or of a layout declared elsewhere whose
 * runtime module exports `decode<fn>`, `encode<fn>` and `skip<fn>`), or
 * {@link OPTION_LIST} for the DHCPv6 option list.
 */
export type Unions = Map<AnyCodec, string>;

/** The {@link Unions} entry of the DHCPv6 option list. */
export const OPTION_LIST = "OptionList";

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
      if (unions.get(c) !== OPTION_LIST) throw new Error(`option list ${k.space} is not the DHCPv6 one`);
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
      const fn = unions.get(k.target());
      if (fn === undefined) throw new Error(`ref ${k.name} has no generated function`);
      return { type: "union", fn };
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
  // No head for a plain struct (the BOOTP header): its first field comes first.
  const props = [...(head === "" ? [] : [head]), ...lead.map((f) => `${f.name}: ${f.prim.read(at("p", f.offset))}`)];
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
      else value = `decode${tail.fn}(r)`;
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

export const paren = (e: string): string => (e.includes(" ") ? `(${e})` : e);

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
      else call = `encode${tail.fn}(w, ${x}, depth);`;
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
      default:
        tail = `skip${t.fn}(b, ${q}, ${end}, ${depth}, opts)`;
    }
  }
  if (leadSize === 0) return tail;
  return `${end} - ${p} < ${leadSize} ? -1 : ${tail}`;
}

/** True when every field is a primitive or the opaque rest: its option-len check is all its skip needs. */
export function plain(shape: Shape): boolean {
  return shape.last === undefined || shape.last.codec.kind.type === "bytes";
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
export function format(text: string, path: string): string {
  const biome = fileURLToPath(new URL("../node_modules/.bin/biome", import.meta.url));
  return execFileSync(biome, ["format", `--stdin-file-path=${path}`], {
    input: text,
    encoding: "utf8",
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
}
