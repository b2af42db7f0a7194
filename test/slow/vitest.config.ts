import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The slow suite (npm run test:slow): limits on hostile input, proved by
// counting (allocations, bytes copied, work per unit of input) and by the
// heap, never by a clock. One file at a time in forked processes, with
// --expose-gc for the heap measurements (retainedBytes in measure.ts).
// The timeouts only guard against a hang: the counting wraps the
// platform's array methods, which makes the largest cases take seconds.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/slow/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    execArgv: ["--expose-gc"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
