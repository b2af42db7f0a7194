import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/slow/**"],
    // A timeout only guards against a hang; speed is the benchmark's. The
    // default 5 s failed property tests on a loaded 2-core machine (12.5 s
    // at a load average of 16, where the slowest test, a docs/fuzzing.md
    // example, took 22.5 s).
    testTimeout: 300_000,
    hookTimeout: 300_000,
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
