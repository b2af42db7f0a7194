#!/usr/bin/env node
// Combines Stryker JSON reports (reports/mutation/*.json, one per folder run)
// into per-folder and total scores, as a markdown table for mutation/README.md.
// `--survivors [path-prefix]` also lists every surviving / uncovered mutant as
// file:line:col status mutator -> replacement: the working list for the area files in mutation/.
// `--dir <dir>` reads reports from another directory.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const valueAfter = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = args[i + 1];
  return v === undefined || v.startsWith("--") ? "" : v;
};
const dir = valueAfter("--dir") || "reports/mutation";
const survivorPrefix = valueAfter("--survivors");

const STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "RuntimeError", "CompileError", "Ignored"];

// A mutant tested by several runs (a folder run, then a re-run of its lines
// after new tests) keeps the result of the newest report. Mutants are matched
// by file, start and end position, mutator and replacement.
const files = new Map();
const reports = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => join(dir, f))
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
for (const path of reports) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  for (const [file, data] of Object.entries(report.files ?? {})) {
    const mutants = files.get(file) ?? new Map();
    for (const m of data.mutants) {
      const { start, end } = m.location;
      const at = `${start.line}:${start.column}-${end.line}:${end.column}`;
      mutants.set(`${at}:${m.mutatorName}:${m.replacement ?? ""}`, m);
    }
    files.set(file, mutants);
  }
}

const empty = () => Object.fromEntries(STATUSES.map((s) => [s, 0]));
const folderOf = (file) => {
  const parts = file.split("/");
  return parts.length > 2 ? parts.slice(0, 2).join("/") : parts[0] === "src" ? file : parts.slice(0, -1).join("/");
};
const byFolder = new Map();
const total = empty();
const survivors = [];
for (const [file, byKey] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const folder = folderOf(file);
  const counts = byFolder.get(folder) ?? empty();
  for (const m of byKey.values()) {
    counts[m.status] += 1;
    total[m.status] += 1;
    const alive = m.status === "Survived" || m.status === "NoCoverage";
    if (alive && survivorPrefix !== undefined && file.startsWith(survivorPrefix)) survivors.push({ file, m });
  }
  byFolder.set(folder, counts);
}

// Stryker's mutation score: detected (killed + timeout) over valid mutants
// (detected + survived + no coverage); runtime/compile errors and ignored are not valid.
const pct = (num, den) => (den === 0 ? "n/a" : `${((100 * num) / den).toFixed(2)}%`);
const score = (c) => pct(c.Killed + c.Timeout, c.Killed + c.Timeout + c.Survived + c.NoCoverage);
const coveredScore = (c) => pct(c.Killed + c.Timeout, c.Killed + c.Timeout + c.Survived);

const header = ["folder", "killed", "timeout", "survived", "no coverage", "errors", "score", "covered score"];
const row = (name, c) => [
  name,
  c.Killed,
  c.Timeout,
  c.Survived,
  c.NoCoverage,
  c.RuntimeError + c.CompileError,
  score(c),
  coveredScore(c),
];
const rows = [...byFolder].sort(([a], [b]) => a.localeCompare(b)).map(([f, c]) => row(f, c));
rows.push(row("**total**", total));
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map(() => " --- ").join("|")}|`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);

if (survivorPrefix !== undefined) {
  console.log(`\n${survivors.length} surviving / uncovered mutant(s):`);
  for (const { file, m } of survivors) {
    const { line, column } = m.location.start;
    const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
    console.log(`${file}:${line}:${column} ${m.status} ${m.mutatorName} -> ${replacement}`);
  }
}
