/**
 * The README's TypeScript blocks run and print what the README says, and its
 * option table is exactly the one generated from the declarations.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optionsMarkdownTable } from "../../src/schema/describe.js";
import { OPTION_DEFS } from "../../src/v6/schema.js";
import { OPTION_SUMMARIES } from "../../src/v6/summaries.js";
import { checkLogs, expectationsOf, runExample } from "../helpers/examples.js";

const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

describe("README", () => {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```(?:\n\nprints\n\n```\n([\s\S]*?)```)?/g)];

  it("has TypeScript examples", () => {
    expect(blocks.length).toBeGreaterThan(2);
  });

  blocks.forEach((b, i) => {
    it(`example ${i} runs and prints what the README says`, async () => {
      const code = b[1] ?? "";
      const logs = await runExample(code, `readme${i}`);
      const expected = expectationsOf(code);
      const printed = b[2];
      if (printed !== undefined) {
        // The block after "prints" is the output of the last unchecked console.log.
        const last = expected.lastIndexOf(null);
        expect(last).toBeGreaterThanOrEqual(0);
        expected[last] = { block: printed.replace(/\n$/, "") };
      }
      checkLogs(logs, expected);
    });
  });

  it("shows the option table generated from the declarations", () => {
    const table = readme.match(/<!-- options:start -->\n([\s\S]*?)\n<!-- options:end -->/)?.[1];
    expect(table).toBe(optionsMarkdownTable(OPTION_DEFS, OPTION_SUMMARIES));
  });
});
