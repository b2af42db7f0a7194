#!/usr/bin/env node
// The registry these machines use serves only the linux binaries of
// packages such as @biomejs/biome and rollup. `npm install` then leaves the
// other platforms' optional packages out of package-lock.json, and `npm ci`
// rejects the lock as out of sync with package.json. This script records
// each missing platform package as an optional entry gated by os/cpu/libc,
// so `npm ci` accepts the lock and skips them on linux-x64-glibc, exactly as
// it would with a complete lock. Run it after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "openharmony", "win32", "sunos", "aix", "netbsd"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];

/** Reads os, cpu and libc off a platform package name like `cli-linux-arm64-musl`. */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return undefined;
  const entry = { os: [os], cpu: [cpu] };
  if (os === "linux") entry.libc = [parts.some((p) => p.startsWith("musl")) ? "musl" : "glibc"];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  if (!pkg.optionalDependencies) continue;
  const base = path === "" ? "node_modules/" : `${path}/node_modules/`;
  for (const [dep, version] of Object.entries(pkg.optionalDependencies)) {
    if (packages[`${base}${dep}`] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    packages[`node_modules/${dep}`] = { version, dev: true, optional: true, ...platform };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: added ${added} platform entries`);
