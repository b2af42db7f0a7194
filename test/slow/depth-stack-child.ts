/**
 * Run by depth-stack.test.ts in a process with a reduced stack: every
 * recursive entry point on messages nested MAX_DECODE_DEPTH deep. Prints
 * one line per chain, then "ok"; a stack overflow exits non-zero.
 */
import { decode, encode, formatMessage, inspectMessage, MAX_DECODE_DEPTH, scan, validate } from "../../src/index.js";
import { clientDataChain, relayChain } from "./nesting.js";

const options = { maxDepth: MAX_DECODE_DEPTH };
for (const [name, chain] of [
  ["relay", relayChain],
  ["client-data", clientDataChain],
] as const) {
  const bytes = chain(MAX_DECODE_DEPTH);
  const s = scan(bytes, options);
  const m = decode(bytes, options);
  const again = encode(m);
  const tree = inspectMessage(m);
  const text = formatMessage(m);
  const diagnostics = validate(m);
  const same = again.length === bytes.length && again.every((x, i) => x === bytes[i]);
  console.log(`${name} ${s.ok} ${same} ${tree.children.length > 0} ${text.split("\n").length} ${diagnostics.length}`);
}
console.log("ok");
