import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base from "../vitest.config";

// Vitest settings for Stryker runs only (see mutation/README.md).
//
// The slow, randomised suites are left out: property tests, model tests,
// the fuzz-target smoke test, the end-to-end session test and the
// documentation-example runners. Together they are about 90% of the suite's
// time, and Stryker runs every test that covers a mutant for every surviving
// mutant, so with them in a run over src/ does not finish on two shared
// cores. The score is therefore what the deterministic unit and vector tests
// alone detect: a lower bound on what the whole suite detects.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        "test/slow/**",
        "test/properties/**",
        "test/fuzz/**",
        "test/doc-examples.test.ts",
        "test/docs/**",
        "test/session/e2e.test.ts",
        "**/*.prop.test.ts",
        "**/*.model.test.ts",
      ],
      // Instrumented code is several times slower and the machine is shared;
      // Stryker sets its own per-mutant timeout from the dry run, so a
      // generous per-test limit hides no real hang.
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  }),
);
