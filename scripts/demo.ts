/**
 * `npm run demo`: decodes every sample message bundled in vectors/, prints
 * a handful as full trees (option names, values, units, RFC references,
 * byte ranges) and the rest one line each, then runs the command-line
 * program on the capture it bundles (cli/samples/demo.pcapng).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { main } from "../cli/main.js";
import { nodeIo } from "../cli/node-io.js";
import {
  type DecodeError,
  decode,
  decodeDhcpv4,
  formatTree,
  hex,
  inspectDhcpv4,
  inspectMessage,
  type TreeNode,
} from "../src/index.js";

const root = join(import.meta.dirname, "..", "vectors");
const walk = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : f.endsWith(".json") ? [p] : [];
    });

/** Shown in full: a query and its reply, a DHCP4o6 LEASEQUERY-DATA, a DHCPv4 bulk query. */
const FULL = new Set([
  "v6/leasequery-by-address.json",
  "v6/leasequery-reply-by-address.json",
  "v4/dhcp4o6-leasequery-data-unassigned.json",
  "v4/bulk-leasequery-by-relay-id.json",
]);

function treeOf(codec: string, bytes: Uint8Array): TreeNode {
  return codec === "dhcpv4" ? inspectDhcpv4(decodeDhcpv4(bytes)) : inspectMessage(decode(bytes));
}

let decoded = 0;
let rejected = 0;
const lines: string[] = [];
for (const file of walk(root)) {
  const v = JSON.parse(readFileSync(file, "utf8")) as { name: string; rfc: string; codec: string; hex: string };
  const name = relative(root, file);
  const bytes = hex(v.hex);
  try {
    const tree = treeOf(v.codec, bytes);
    decoded++;
    if (FULL.has(name)) {
      console.log(`── ${name}: ${v.name} (${v.rfc})`);
      console.log(formatTree(tree, { offsets: true }));
      console.log();
    } else lines.push(`  ${name.padEnd(52)} ${tree.label}, ${bytes.length} bytes`);
  } catch (e) {
    // The negative vectors: the error names its byte offset and path.
    rejected++;
    const d = e as DecodeError;
    // Paths through 24 nested options are long; their end says enough here.
    const path = d.path.length > 70 ? `…${d.path.slice(-60)}` : d.path;
    lines.push(`  ${name.padEnd(52)} rejected at byte ${d.offset}${path ? ` (${path})` : ""}: ${d.reason}`);
  }
}
console.log(`── the other vectors, one line each:`);
for (const l of lines) console.log(l);
console.log(`\n${decoded} sample message(s) decoded, ${rejected} malformed one(s) rejected with their byte offset.\n`);

// From a clone there is no bin link for npx: the headings name commands that work here.
console.log("── the command line on its bundled capture: node dist/cli.js --brief (after npm run build)");
await main(["--brief"], nodeIo());
console.log("\n── node dist/cli.js validate");
await main(["validate"], nodeIo());
