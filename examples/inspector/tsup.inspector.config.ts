import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { collectSamples } from "./collect-samples.js";

// The repository root: the samples are read from vectors/ and the captures.
const root = fileURLToPath(new URL("../..", import.meta.url));

// The browser inspector (this folder): one classic script, not a
// module, so that index.html works when opened from file:// (browsers block
// module scripts there) and with no server or network. The library is
// bundled from source; the samples are read now and inlined.
export default defineConfig({
  entry: { inspector: "examples/inspector/main.ts" },
  outDir: "examples/inspector/dist",
  format: ["iife"],
  platform: "browser",
  target: "es2022",
  outExtension: () => ({ js: ".js" }),
  define: { __INSPECTOR_SAMPLES__: JSON.stringify(collectSamples(root)) },
  dts: false,
  sourcemap: false,
  splitting: false,
  clean: true,
  treeshake: true,
  minify: false,
});
