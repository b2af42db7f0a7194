/** Messages from vectors/ (hand-written hex, independent of the codec) for the CLI tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "vectors");

/** The hex of vector `name` (e.g. `v6/leasequery-by-address.json`). */
export function vectorHex(name: string): string {
  return (JSON.parse(readFileSync(join(root, name), "utf8")) as { hex: string }).hex;
}

/** The bytes of vector `name`. */
export function vectorBytes(name: string): Uint8Array {
  return Uint8Array.from(Buffer.from(vectorHex(name), "hex"));
}
