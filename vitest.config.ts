import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/slow/**"],
    // A timeout only guards against a hang; speed is the benchmark's. The
    // default 5 s failed property tests of test/schema/compiled.test.ts
    // (5.7 s alone) on a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      // Barrels only re-export; their lines are the exports themselves.
      exclude: ["src/index.ts", "src/**/index.ts"],
      reporter: ["text-summary", "text"],
      thresholds: { lines: 95, branches: 95 },
    },
  },
});
