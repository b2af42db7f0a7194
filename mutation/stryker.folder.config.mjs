// Per-folder Stryker run, one JSON report each, so a long mutation run can be
// split up and partial results survive (run from the repository root, to
// which the paths below are relative):
//   STRYKER_TARGET=wire npx stryker run mutation/stryker.folder.config.mjs
//   STRYKER_TARGET=src/schema/codec.ts npx stryker run mutation/stryker.folder.config.mjs
// A comma-separated list of files or line ranges (src/wire/utf8.ts:42-52)
// re-runs just those mutants; STRYKER_NAME then names the report.
// `node scripts/mutation-score.mjs` combines the reports.
import { readFileSync } from "node:fs";

const base = JSON.parse(readFileSync(new URL("./stryker.config.json", import.meta.url), "utf8"));
const target = process.env.STRYKER_TARGET;
if (!target) throw new Error("set STRYKER_TARGET to a folder under src/ (e.g. wire), a file or a list of ranges");

const targets = target.split(",");
const isFolder = targets.length === 1 && !target.includes(".ts");
const name =
  process.env.STRYKER_NAME ??
  target
    .replace(/^src\//, "")
    .replace(/\.ts$/, "")
    .replaceAll("/", "-")
    .replaceAll(",", "+");
const mutate = isFolder ? [`src/${target}/**/*.ts`, `!src/${target}/index.ts`] : targets;

export default {
  ...base,
  mutate,
  reporters: ["json", "progress"],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: `.stryker-tmp/${name}`,
};
