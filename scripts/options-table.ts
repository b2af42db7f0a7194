/**
 * Prints the README's option table, generated from the declarations
 * (`npm run docs:options`); test/docs/readme.test.ts checks the README
 * holds exactly this output.
 */
import { optionsMarkdownTable } from "../src/schema/describe.js";
import { OPTION_DEFS } from "../src/v6/schema.js";
import { OPTION_SUMMARIES } from "../src/v6/summaries.js";

console.log(optionsMarkdownTable(OPTION_DEFS, OPTION_SUMMARIES));
