/**
 * A DecodeError as text: one line with its offset and path, and the bytes
 * around the offset with a caret under it.
 * @module
 */
import type { DecodeError } from "../src/index.js";

/** `error at byte N (path): reason`. */
export function errorLine(e: DecodeError): string {
  return `error at byte ${e.offset}${e.path ? ` (${e.path})` : ""}: ${e.reason}`;
}

/** The bytes around an error offset, with a caret under the byte. */
export function errorContext(bytes: Uint8Array, offset: number): string[] {
  const row = Math.floor(Math.min(offset, Math.max(bytes.length - 1, 0)) / 16) * 16;
  const slice = bytes.subarray(row, row + 16);
  const head = `${row.toString().padStart(6)}  `;
  const line = head + Array.from(slice, (b) => b.toString(16).padStart(2, "0")).join(" ");
  const col = offset - row;
  // An offset at the end of the bytes points just past the last one.
  const caret = `${" ".repeat(head.length + col * 3)}^${offset >= bytes.length ? " (end of message)" : ""}`;
  return [line, caret];
}
