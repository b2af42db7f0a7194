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

// The `bin` runs from the packed tarball: the CLI bundle is self-contained
// and finds the sample capture the package ships (cli/samples).
{
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "dhcp-leasequery-pack-"));
  try {
    const root = new URL("..", import.meta.url).pathname;
    const [{ filename, files }] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8" }),
    );
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    const bin = pkg.bin["dhcp-leasequery"].replace(/^\.\//, "");
    for (const f of [bin, "cli/samples/demo.pcapng", "LICENSE", "CHANGELOG.md"]) {
      if (!files.some((x) => x.path === f)) throw new Error(`the packed package lacks ${f}`);
    }
    // Source maps would point into src/, which is not shipped.
    const maps = files.filter((x) => x.path.endsWith(".map"));
    if (maps.length > 0) throw new Error(`the packed package holds source maps: ${maps.map((x) => x.path).join(", ")}`);
    // The CLI imports the library's chunks instead of carrying a copy of it.
    const cliCode = readFileSync(new URL(`../${bin}`, import.meta.url), "utf8");
    if (!/from ["']\.\/chunk-[\w-]+\.js["']/.test(cliCode))
      throw new Error(`${bin} does not import the library's chunks`);
    // README images must render on a package page: npm does not resolve relative links, so each
    // is an absolute jsDelivr link to a file of this very version of the package.
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const cdn = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/`;
    for (const [, url] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
      if (!url.startsWith(cdn)) throw new Error(`README image ${url} does not start with ${cdn}`);
      const path = url.slice(cdn.length);
      if (!files.some((x) => x.path === path)) throw new Error(`README image ${path} is not in the packed package`);
    }
    execFileSync("tar", ["-xzf", join(dir, filename), "-C", dir]);
    const cli = join(dir, "package", bin);
    if (!readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n")) throw new Error(`${bin} lacks its #! line`);
    const run = (args) => execFileSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    const brief = run(["--brief"]);
    if (!/LEASEQUERY-REPLY \(15\)/.test(brief) || !/DHCPLEASEACTIVE \(13\)/.test(brief)) {
      throw new Error(`the packed CLI did not decode its sample capture:\n${brief}`);
    }
    if (run(["encode", '{"msgType":23,"transactionId":1,"options":[]}']).trim() !== "17000001") {
      throw new Error("the packed CLI encodes wrongly");
    }
    if (run(["--version"]).trim() !== `dhcp-leasequery ${pkg.version}`)
      throw new Error("the packed CLI's --version is wrong");
    console.log(`bin ${bin} runs from the packed package: ok`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
