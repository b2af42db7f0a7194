/**
 * The JSON form of decoded values used by the vector files: every
 * Uint8Array is written as `{ "$hex": "..." }`.
 */
import { hex, toHex } from "../../src/index.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Decoded value to its JSON form. */
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

/** JSON form back to a value the encoders accept. */
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
