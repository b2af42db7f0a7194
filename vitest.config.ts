import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/slow/**"],
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
