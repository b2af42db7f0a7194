import { readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

/** The public entries; each gets ESM, CJS and types. */
const library = {
  index: "src/index.ts",
  capture: "src/capture/index.ts",
  arbitrary: "src/arbitrary/index.ts",
};

// fast-check stays external so that only users of `dhcp-leasequery/arbitrary`
// need it (an optional peer). No source maps: they would point into src/,
// which the package does not ship, and were 2.0 of its 3.3 MB.
const shared: Options = { external: ["fast-check"], target: "es2022", treeshake: true, sourcemap: false };

export default defineConfig([
  {
    // ESM: the library and the command-line program (`bin` in package.json)
    // in one build, so that the CLI imports the library's chunks instead of
    // carrying a copy. Its `#!/usr/bin/env node` line is cli/bin.ts's own
    // (esbuild keeps an entry's hashbang).
    ...shared,
    entry: { ...library, cli: "cli/bin.ts" },
    format: ["esm"],
    platform: "node",
    define: { __VERSION__: JSON.stringify(version) },
    dts: { entry: library },
    splitting: true,
    clean: true,
  },
  {
    // CJS for require(): the library only (the CLI uses top-level await).
    ...shared,
    entry: library,
    format: ["cjs"],
    dts: { entry: library },
    clean: false,
  },
]);
