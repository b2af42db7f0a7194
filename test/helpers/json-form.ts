/**
 * The JSON form of decoded values used by the vector files: every
 * Uint8Array is written as `{ "$hex": "..." }`. The CLI reads and writes
 * the same form, so the one implementation lives in cli/json-form.ts.
 */
export { fromJsonForm, type Json, toJsonForm } from "../../cli/json-form.js";
