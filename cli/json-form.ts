/**
 * The JSON form of decoded values, shared by `decode --json`, `encode` and
 * the vector files: every Uint8Array is written as `{ "$hex": "..." }`, so
 * that the text reads back into exactly the value the encoders accept.
 * @module
 */
import { hex, toHex } from "../src/index.js";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * A decoded value in its JSON form: byte fields become `{ "$hex": "..." }`
 * and `undefined` properties are dropped.
 *
 * @example
 * ```ts
 * import { toJsonForm } from "./json-form.js";
 * console.log(JSON.stringify(toJsonForm({ code: 18, interfaceId: Uint8Array.of(1, 2) }))); // {"code":18,"interfaceId":{"$hex":"0102"}}
 * ```
 * @throws never for acyclic values
 */
export function toJsonForm(v: unknown): Json {
  if (v instanceof Uint8Array) return { $hex: toHex(v) };
  if (Array.isArray(v)) return v.map(toJsonForm);
  if (v !== null && typeof v === "object") {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonForm(x);
    return out;
  }
  return v as Json;
}

/**
 * The JSON form back to a value the encoders accept: every object whose
 * only key is `$hex` becomes a Uint8Array.
 *
 * @example
 * ```ts
 * import { fromJsonForm } from "./json-form.js";
 * console.log(fromJsonForm({ code: 18, interfaceId: { $hex: "0102" } })); // { code: 18, interfaceId: Uint8Array(2) [ 1, 2 ] }
 * ```
 * @throws TypeError if a `$hex` string is not hex
 */
export function fromJsonForm(v: Json): unknown {
  if (Array.isArray(v)) return v.map(fromJsonForm);
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$hex") return hex(v.$hex as string);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJsonForm(x);
    return out;
  }
  return v;
}
