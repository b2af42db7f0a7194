/**
 * One-line descriptions of field layouts, derived from codec kinds; the
 * option tables in the docs are generated from these.
 * @module
 */
import type { AnyCodec } from "./codec.js";

/**
 * Describes a field's layout in a few words, e.g. `u32 seconds`,
 * `IPv6 address`, `list of u16 option-code`.
 * @internal
 */
export function describeCodec(codec: AnyCodec): string {
  const k = codec.kind;
  switch (k.type) {
    case "uint":
      return `u${k.bits}${k.unit ? ` ${k.unit}` : ""}`;
    case "ipv6":
      return "IPv6 address";
    case "ipv4":
      return "IPv4 address";
    case "bytes":
      return k.length === undefined ? "bytes" : `${k.length} bytes`;
    case "utf8":
      return "UTF-8 text";
    case "list":
      return `list of ${describeCodec(k.item)}`;
    case "struct":
      return k.fields.map(([n, c]) => `${n}: ${describeCodec(c)}`).join(", ");
    case "union":
      return k.name;
    case "ref":
      return k.name;
    case "options":
    case "options8":
      return `${k.space} options`;
  }
}

/**
 * A Markdown table of option declarations: code, name, fields, reference.
 * @internal
 */
export function optionsMarkdownTable(
  defs: readonly { code: number; name: string; rfc: string; body: AnyCodec }[],
  summaries: Readonly<Record<number, string>>,
): string {
  const rows = defs.map((d) => {
    const k = d.body.kind;
    const fields =
      k.type === "struct" && k.fields.length > 0
        ? k.fields.map(([n, c]) => `\`${n}\` (${describeCodec(c)})`).join(", ")
        : "(empty)";
    return `| ${d.code} | ${d.name} | ${summaries[d.code] ?? ""} | ${fields} | ${d.rfc} |`;
  });
  return ["| code | name | carries | fields | defined in |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
