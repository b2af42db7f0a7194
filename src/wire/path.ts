/**
 * The one grammar of the paths that name a place in a message: the `path`
 * of `DecodeError` and `EncodeError`, of validation diagnostics
 * and of inspection tree nodes, such as
 * `options[2](CLIENT_DATA).options[1](IAADDR).validLifetime`.
 *
 * ```abnf
 * path        = "" / first *rest
 * first       = field / element
 * rest        = "." field / element
 * field       = 1*field-char      ; any character but "." "[" "]" "(" ")"
 * element     = "[" index "]" [ "(" option-name ")" ]
 * index       = "0" / %x31-39 *DIGIT
 * option-name = 1*name-char       ; any character but "(" ")"
 * ```
 *
 * A field is a member of a record (`validLifetime`, `chaddr`); an element is
 * the entry at `index` of a list, followed by the option's name in
 * parentheses when it is an option of a declared code. An element attaches
 * to what precedes it without a dot: `options[2]`, `frames[0]`, `[3][1]`.
 *
 * @module
 */

/**
 * One step of a path: a record's field, or the entry at an index of a list
 * (`name` is the option's declared name, when the entry is one).
 */
export type PathSegment =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "index"; readonly index: number; readonly name?: string };

/**
 * Joins two paths (either may be empty): an inner path that starts with an
 * element attaches without a dot.
 *
 * @example
 * ```ts
 * import { joinPath } from "dhcp-leasequery";
 * console.log(joinPath("options[0](IA_NA)", "iaid")); // "options[0](IA_NA).iaid"
 * console.log(joinPath("options", "[2](CLIENT_DATA)")); // "options[2](CLIENT_DATA)"
 * console.log(joinPath("", "transactionId")); // "transactionId"
 * ```
 * @param outer - the path of the enclosing item ("" at the top)
 * @param inner - the path inside it ("" for the item itself)
 * @returns the path of the inner item from the top
 * @throws never
 */
export function joinPath(outer: string, inner: string): string {
  if (outer === "") return inner;
  if (inner === "") return outer;
  return inner.charCodeAt(0) === 0x5b /* [ */ ? outer + inner : `${outer}.${inner}`;
}

/**
 * The element segment of the entry at `index` of a list: `[index]`.
 *
 * @example
 * ```ts
 * import { indexSegment, joinPath } from "dhcp-leasequery";
 * console.log(joinPath("frames", indexSegment(3))); // "frames[3]"
 * ```
 * @param index - the entry's position, from 0
 * @returns the segment
 * @throws never
 */
export function indexSegment(index: number): string {
  return `[${index}]`;
}

/**
 * The element segment of the option at `index` of an option list:
 * `[index](name)` for a declared option, `[index]` when `name` is absent
 * (an option of an unknown code).
 *
 * @example
 * ```ts
 * import { joinPath, optionSegment } from "dhcp-leasequery";
 * console.log(joinPath("options", optionSegment(2, "CLIENT_DATA"))); // "options[2](CLIENT_DATA)"
 * console.log(optionSegment(5, undefined)); // "[5]"
 * ```
 * @param index - the option's position in its list, from 0
 * @param name - the declared name of its code, if any
 * @returns the segment
 * @throws never
 */
export function optionSegment(index: number, name: string | undefined): string {
  return name ? `[${index}](${name})` : `[${index}]`;
}

/**
 * Whether `ancestor` names the item at `path` or one that holds it: its
 * segments are the first segments of `path`. Compares text, without parsing:
 * the next character after the shared part must start a segment.
 *
 * @example
 * ```ts
 * import { isWithinPath } from "dhcp-leasequery";
 * console.log(isWithinPath("options[2](CLIENT_DATA).options[0]", "options[2](CLIENT_DATA)")); // true
 * console.log(isWithinPath("options[2](CLIENT_DATA)", "options[2]")); // false
 * console.log(isWithinPath("options[12]", "options[1]")); // false
 * console.log(isWithinPath("transactionId", "")); // true
 * ```
 * @param path - a path
 * @param ancestor - the path of a possible container (or the item itself)
 * @returns true when every segment of `ancestor` is the same segment of `path`
 * @throws never
 */
export function isWithinPath(path: string, ancestor: string): boolean {
  if (ancestor === "") return true;
  if (!path.startsWith(ancestor)) return false;
  const next = path[ancestor.length];
  return next === undefined || next === "." || next === "[";
}

/**
 * Writes segments as a path; the inverse of {@link parsePath}.
 *
 * @example
 * ```ts
 * import { formatPath } from "dhcp-leasequery";
 * const p = formatPath([
 *   { kind: "field", name: "options" },
 *   { kind: "index", index: 2, name: "CLIENT_DATA" },
 *   { kind: "field", name: "clientOptions" },
 *   { kind: "index", index: 0 },
 * ]);
 * console.log(p); // "options[2](CLIENT_DATA).clientOptions[0]"
 * ```
 * @param segments - the steps from the top
 * @returns the path ("" for none)
 * @throws never
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    out = joinPath(out, s.kind === "field" ? s.name : optionSegment(s.index, s.name));
  }
  return out;
}

/**
 * Splits a path into its segments, following the grammar in this module's
 * description. For finding the node a path names, or comparing paths step
 * by step rather than as text.
 *
 * @example
 * ```ts
 * import { parsePath } from "dhcp-leasequery";
 * const steps = parsePath("options[2](CLIENT_DATA).options[1](IAADDR).validLifetime");
 * console.log(steps?.length); // 5
 * console.log(steps?.[1]); // { kind: "index", index: 2, name: "CLIENT_DATA" }
 * console.log(parsePath("")?.length); // 0
 * console.log(parsePath("options..x")); // undefined
 * ```
 * @param path - a path as the errors, diagnostics and trees of this library write it
 * @returns the segments, or undefined when `path` does not follow the grammar
 * @throws never
 */
export function parsePath(path: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === "[") {
      const close = path.indexOf("]", i + 1);
      if (close < 0) return undefined;
      const digits = path.slice(i + 1, close);
      if (!/^(?:0|[1-9][0-9]*)$/.test(digits)) return undefined;
      const index = Number(digits);
      if (!Number.isSafeInteger(index)) return undefined;
      i = close + 1;
      if (path[i] === "(") {
        const end = path.indexOf(")", i + 1);
        const name = path.slice(i + 1, end);
        if (end < 0 || name === "" || name.includes("(")) return undefined;
        out.push({ kind: "index", index, name });
        i = end + 1;
      } else {
        out.push({ kind: "index", index });
      }
      continue;
    }
    // A field: first in the path, or after a dot.
    if (out.length > 0) {
      if (c !== ".") return undefined;
      i++;
    }
    const start = i;
    while (i < path.length && !".[]()".includes(path[i] as string)) i++;
    if (i === start) return undefined;
    out.push({ kind: "field", name: path.slice(start, i) });
  }
  return out;
}
