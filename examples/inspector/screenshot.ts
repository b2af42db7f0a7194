/**
 * Writes examples/inspector/screenshot.png (the picture in the README):
 * builds the page, opens it in Debian's Chromium from file://, opens the
 * bundled demo capture, picks the UDP Bulk-only query that `validate`
 * flags, and selects a field. Run: `npx tsx examples/inspector/screenshot.ts`
 * (needs `bash scripts/install-chromium.sh` once).
 * @module
 */
import { statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { build } from "tsup";
import config from "./tsup.inspector.config.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = `${here}screenshot.png`;

if (typeof config === "function" || Array.isArray(config)) {
  throw new Error("tsup.inspector.config.ts should export one options object");
}
await build({ ...config, silent: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 } });
  await page.goto(pathToFileURL(`${here}index.html`).href);
  await page.waitForSelector("html[data-ready=true]");
  await page.click("#sample-capture");
  // The third message: a LEASEQUERY by relay id over UDP, which RFC 5460 §5.3 allows only over TCP.
  await page.locator("#message-list button").nth(2).click();
  await page
    .getByRole("treeitem", { name: /^LQ_QUERY \(44\)/ })
    .locator(":scope > .row")
    .click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}: ${statSync(out).size} bytes`);
} finally {
  await browser.close();
}
