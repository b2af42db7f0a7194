import { defineConfig } from "tsup";

export default defineConfig({
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
});
