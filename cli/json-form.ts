/**
 * The JSON form of decoded values, shared by `decode --json`, `encode` and
 * the vector files: every Uint8Array is written as `{ "$hex": "..." }`, so
 * that the text reads back into exactly the value the encoders accept.
 * Option objects may carry their name as `"$name"` beside `code`, for
 * readers; it is ignored on the way back.
 * @module
 */
import { hex, indexSegment, joinPath, toHex } from "../src/index.js";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A JSON value that is not in the JSON form; `path` says where (`options[0].interfaceId`). */
export class JsonFormError extends Error {
  override readonly name = "JsonFormError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path === "" ? "the value" : path}: ${reason}`);
  }
}

/** Key of the option name that `decode --json` writes beside `code`. */
export const NAME_KEY = "$name";
const HEX_KEY = "$hex";
const HEX_DIGITS = /^([0-9a-fA-F]{2})*$/;

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
  if (v instanceof Uint8Array) return { [HEX_KEY]: toHex(v) };
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
 * only key is `$hex` becomes a Uint8Array; `$name` keys are dropped.
 *
 * @example
 * ```ts
 * import { fromJsonForm } from "./json-form.js";
 * console.log(fromJsonForm({ code: 18, interfaceId: { $hex: "0102" } })); // { code: 18, interfaceId: Uint8Array(2) [ 1, 2 ] }
 * ```
 * @throws JsonFormError, with the path, for a `$hex` that is not a string of hex digits, a null
 *   (the form has none: absent fields are left out) or a `__proto__` key (never an object's prototype)
 */
export function fromJsonForm(v: Json, path = ""): unknown {
  if (v === null) throw new JsonFormError(path, "null is not a value of the JSON form (leave the field out)");
  if (Array.isArray(v)) return v.map((x, i) => fromJsonForm(x, joinPath(path, indexSegment(i))));
  if (typeof v !== "object") return v;
  if (Object.hasOwn(v, HEX_KEY)) {
    const h = v[HEX_KEY];
    if (Object.keys(v).length !== 1) throw new JsonFormError(path, `an object with ${HEX_KEY} has no other key`);
    const text = typeof h === "string" ? h.replace(/[\s:-]/g, "") : undefined;
    if (text === undefined || !HEX_DIGITS.test(text)) {
      throw new JsonFormError(joinPath(path, HEX_KEY), `must be a string of hex digit pairs, not ${JSON.stringify(h)}`);
    }
    return hex(text);
  }
  // A plain object whose keys are data: a "__proto__" key can never set its prototype.
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, x] of Object.entries(v)) {
    if (k === "__proto__") throw new JsonFormError(joinPath(path, k), "is not a field of any message or option");
    if (k === NAME_KEY) continue;
    out[k] = fromJsonForm(x, joinPath(path, k));
  }
  // The encoders take ordinary objects.
  return { ...out };
}
