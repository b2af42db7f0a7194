// Loads the built package both ways (ESM import and CJS require) and decodes
// a message with each, so a broken exports map or format fails CI.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const esm = await import("dhcp-leasequery");
const cjs = require("dhcp-leasequery");
const bytes = Uint8Array.from([0x10, 0x12, 0x34, 0x56, 0x00, 0x0d, 0x00, 0x02, 0x00, 0x0b]);
for (const [name, lib] of [
  ["esm", esm],
  ["cjs", cjs],
]) {
  const m = lib.decode(bytes);
  if (m.msgType !== 16 || m.options[0].statusCode !== 11) throw new Error(`${name} build decodes wrongly`);
  if (lib.toHex(lib.encode(m)) !== "10123456000d0002000b") throw new Error(`${name} build encodes wrongly`);
}
// The dual-package hazard: errors from one copy must be recognised by the other's guard.
try {
  cjs.decode(new Uint8Array(0));
} catch (e) {
  if (!esm.isDecodeError(e)) throw new Error("isDecodeError does not recognise the CJS copy's DecodeError");
}
console.log("package loads as ESM and CJS: ok");

// The subpaths load both ways too, and only `arbitrary` may need fast-check.
for (const sub of ["capture", "arbitrary"]) {
  const e = await import(`dhcp-leasequery/${sub}`);
  const c = require(`dhcp-leasequery/${sub}`);
  if (Object.keys(e).length === 0 || Object.keys(e).join() !== Object.keys(c).join()) {
    throw new Error(`dhcp-leasequery/${sub}: ESM and CJS exports differ or are empty`);
  }
}
const { readFileSync } = await import("node:fs");
for (const file of ["dist/index.js", "dist/index.cjs", "dist/capture.js"]) {
  if (readFileSync(new URL(`../${file}`, import.meta.url), "utf8").includes("fast-check")) {
    throw new Error(`${file} refers to fast-check, an optional peer only the arbitrary subpath may use`);
  }
}
console.log("subpaths capture and arbitrary load as ESM and CJS: ok");
