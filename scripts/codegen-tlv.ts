/**
 * The TLV list encoder the codec generators share: one emitter for the
 * DHCPv6 option list (2-byte code and length, RFC 8415 §21.1) and the
 * DHCPv4 sub-option lists (1-byte code and length, RFC 3046 §2.0), the
 * widths and error words given as a format, as the runtime's `tlvList`
 * takes them (src/schema/tlv.ts). It imports no declarations.
 * @module
 */
import type { StructCodec } from "../src/schema/codec.js";
import type { OptionDef } from "../src/schema/option.js";

/** The widths of a TLV list and the words of its errors. */
export interface TlvListFormat {
  /** Bytes of the code, and as many of the length (1 or 2). */
  readonly width: 1 | 2;
  /** What the length error calls the body: `option-data`, `sub-option data`. */
  readonly body: string;
  /** What the raw-bytes comment calls an entry: `option`, `entry`. */
  readonly entry: string;
}

/** The largest value of a field of `width` bytes, as written in the generated code and in its errors. */
const limit = (width: 1 | 2): { hex: string; dec: number } =>
  width === 2 ? { hex: "0xffff", dec: 65535 } : { hex: "0xff", dec: 255 };

/** Statements writing the code and length (`width` bytes each) at `b[start]`. */
function header(width: 1 | 2): string[] {
  if (width === 1) return ["      b[start] = code;", "      b[start + 1] = len;"];
  return [
    "      b[start] = code >>> 8;",
    "      b[start + 1] = code;",
    "      b[start + 2] = len >>> 8;",
    "      b[start + 3] = len;",
  ];
}

/**
 * The generated encoder of a TLV list: `fn(w, v, depth)` validates and
 * writes each entry, a declared one through its body encoder
 * (`bodyOf(def)`), any entry with `data: Uint8Array` (unless its layout has
 * a field named `data`) as its bytes; errors carry the entry's path.
 */
export function encodeTlvList(
  fn: string,
  doc: readonly string[],
  defs: readonly OptionDef[],
  bodyOf: (def: OptionDef) => string,
  format: TlvListFormat,
): string[] {
  const head = 2 * format.width;
  const { hex, dec } = limit(format.width);
  const out = ["/**", ...doc.map((l) => ` * ${l}`), " * @internal", " */"];
  out.push(`export function ${fn}(w: Writer, v: unknown, depth: number): void {`);
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
  out.push(`      if (typeof code !== "number" || !Number.isInteger(code) || code < 0 || code > ${hex}) {`);
  out.push(
    `        throw new EncodeError("out-of-range", \`option code must be 0-${dec}, got \${describe(code)}\`).prefixPath("code");`,
  );
  out.push("      }");
  out.push(`      ensureCapacity(w, ${head});`);
  out.push("      const start = w.pos;");
  out.push(`      w.pos = start + ${head};`);
  out.push(`      // Raw bytes stand for any ${format.entry}, unless its layout has a field named \`data\`.`);
  out.push("      const data = o.data;");
  out.push("      const raw = data instanceof Uint8Array;");
  out.push("      switch (code) {");
  for (const def of defs) {
    const dataField = "data" in (def.body as StructCodec<never>).fields;
    const body = `${bodyOf(def)}(w, o, depth + 1);`;
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
  out.push(`      const len = w.pos - start - ${head};`);
  out.push(
    `      if (len > ${hex}) throw new EncodeError("too-long", \`${format.body} is \${len} bytes, more than ${dec}\`);`,
  );
  out.push("      const b = w.b;");
  out.push(...header(format.width));
  out.push("    } catch (e) {");
  out.push("      throw prefix(e, optionSegment(i, name));");
  out.push("    }");
  out.push("  }");
  out.push("}");
  out.push("");
  return out;
}
