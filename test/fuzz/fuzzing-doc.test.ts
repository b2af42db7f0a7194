/**
 * The TypeScript blocks of fuzz/README.md run (against the sources, as the
 * README's do) and print what their comments say.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLogs, expectationsOf, runExample } from "../helpers/examples.js";

const page = readFileSync(join(__dirname, "..", "..", "fuzz", "README.md"), "utf8");
const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

describe("fuzz/README.md", () => {
  it("has the four examples", () => {
    expect(blocks).toHaveLength(4);
  });

  blocks.forEach((code, i) => {
    it(`example ${i} runs and prints what it says`, async () => {
      const logs = await runExample(code, `fuzzing${i}`);
      checkLogs(logs, expectationsOf(code));
    });
  });
});
