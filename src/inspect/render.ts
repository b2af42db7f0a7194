/**
 * Shared pieces of the inspection trees: byte rendering.
 * @module
 */
import { toHex } from "../wire/hex.js";

/** Bytes shown in a tree: shown as hex (cut at 64 bytes), plus the text when every byte is printable ASCII. @internal */
export function renderBytes(b: Uint8Array): string {
  if (b.length === 0) return "(empty)";
  const shown = b.length > 64 ? `${toHex(b.subarray(0, 64))}… (${b.length} bytes)` : toHex(b);
  const printable = b.length >= 3 && b.every((x) => x >= 0x20 && x < 0x7f);
  return printable ? `${shown} ("${String.fromCharCode(...b.subarray(0, 64))}")` : shown;
}
