import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig([
  {
    // One bundle per public entry; fast-check stays external so that only
    // users of `dhcp-leasequery/arbitrary` need it (an optional peer).
    entry: {
      index: "src/index.ts",
      capture: "src/capture/index.ts",
      arbitrary: "src/arbitrary/index.ts",
    },
    external: ["fast-check"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    treeshake: true,
  },
  {
    // The command-line program (`bin` in package.json): one self-contained
    // ESM file for Node. It must not clean: it shares dist/ with the library.
    entry: { cli: "cli/bin.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    define: { __VERSION__: JSON.stringify(version) },
    dts: false,
    sourcemap: false,
    clean: false,
    treeshake: true,
  },
]);
