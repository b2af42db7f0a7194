import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The slow suite (npm run test:slow): limits on hostile input. One file at a
// time in one forked process, so that the timing ratios are not measured
// against another test file running on the other core; --expose-gc for the
// heap measurements; a young generation large enough that a decode of
// 100,000 options is not timed together with the promotion of its result
// (with the default, the 100,000 case costs 2-4 times more per option than
// the 50,000 one in some runs and not in others: garbage collection, not
// the decoder, as --max-semi-space-size=128 shows).
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/slow/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    execArgv: ["--expose-gc", "--max-semi-space-size=64"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
