import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The browser suite (npm run test:browser): the inspector page in Debian's
// Chromium through playwright-core. Files are *.browser.ts so that the
// default suite (test/**/*.test.ts) never starts a browser. The page is
// built before the tests (global-setup.ts), so it is never stale.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/browser/**/*.browser.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
