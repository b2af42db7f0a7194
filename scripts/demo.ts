/**
 * `npm run demo`: decodes every sample message bundled in vectors/ and prints
 * each as a readable tree with option names, values and RFC references.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { decode, formatMessage, hex } from "../src/index.js";

const root = join(import.meta.dirname, "..", "vectors");
const walk = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : f.endsWith(".json") ? [p] : [];
    });

let shown = 0;
for (const file of walk(root)) {
  const v = JSON.parse(readFileSync(file, "utf8")) as {
    name: string;
    rfc: string;
    codec: string;
    hex: string;
    error?: unknown;
  };
  if (v.error !== undefined || v.codec !== "dhcpv6") continue;
  console.log(`── ${relative(root, file)}: ${v.name} (${v.rfc})`);
  console.log(`   ${v.hex}`);
  console.log(formatMessage(decode(hex(v.hex))));
  console.log();
  shown++;
}
console.log(`${shown} sample message(s) decoded.`);
