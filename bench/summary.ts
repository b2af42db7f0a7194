/**
 * Medians over several `bench/run.ts` JSON files (one per run), for the
 * figures recorded in bench/README.md:
 * `npx tsx bench/summary.ts a.json b.json c.json`. Prints the targets table
 * in the same form as `npm run bench` (bench/table.ts), each figure and
 * ratio the median of the runs' medians, where the missed goals' time
 * goes (the parts' medians), then the other figures.
 * @module
 */
import { readFileSync } from "node:fs";
import { median } from "./harness.js";
import { formatTargets, missedBecause, partKey, type TargetRow } from "./table.js";

interface Other {
  target: string;
  ns: number;
  msgPerSec: number;
  baselineNs?: number;
  ratio?: number;
  goal: string;
}
interface Run {
  load: { before: number; after: number };
  targets: TargetRow[];
  /** Absent in results written before the parts were recorded. */
  parts?: Record<string, { ns: number; ratio: number }>;
  others: Other[];
  scaling: { from: number; to: number; decode: number; hand: number; scan: number }[];
}

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, "utf8")) as Run);
if (runs.length === 0) throw new Error("usage: tsx bench/summary.ts RESULTS.json...");
const first = runs[0] as Run;
/** The median over runs of one numeric field of row `i` of a table. */
function mid<T>(rowsOf: (r: Run) => T[], i: number, f: (x: T) => number | undefined): number | undefined {
  const xs = runs.map((r) => f(rowsOf(r)[i] as T)).filter((x): x is number => x !== undefined);
  return xs.length ? median(xs) : undefined;
}
console.log(`${runs.length} runs; load (1 min) ${runs.map((r) => r.load.before.toFixed(1)).join(", ")}\n`);
const targets = first.targets.map((t, i): TargetRow => {
  const m = (f: (x: TargetRow) => number | undefined) => mid((r) => r.targets, i, f);
  const ratio = m((x) => x.ratio) as number;
  const row: TargetRow = {
    ...t,
    ns: m((x) => x.ns) as number,
    msgPerSec: m((x) => x.msgPerSec) as number,
    baselineNs: m((x) => x.baselineNs) as number,
    baselineMsgPerSec: m((x) => x.baselineMsgPerSec) as number,
    ratio,
    met: ratio <= t.limit,
  };
  if (t.text !== undefined) {
    row.textNs = m((x) => x.textNs) as number;
    row.textMsgPerSec = m((x) => x.textMsgPerSec) as number;
    row.textRatio = m((x) => x.textRatio) as number;
  }
  return row;
});
for (const line of formatTargets(targets)) console.log(line);
if (runs.every((r) => r.parts !== undefined)) {
  const because = missedBecause(targets, (lib, base) => {
    const each = runs.map((r) => r.parts?.[partKey(lib, base)] as { ns: number; ratio: number });
    return { ns: median(each.map((x) => x.ns)), ratio: median(each.map((x) => x.ratio)) };
  });
  if (because.length > 0)
    console.log(`\nWhere the missed goals' time goes:\n${because.map((l) => `- ${l}`).join("\n")}`);
}

const fmtNs = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} ms` : `${Math.round(x)} ns`);
const fmtRate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);
console.log("\n| other figure | library | msg/s | baseline | ratio | goal |");
console.log("|---|---:|---:|---:|---:|---|");
first.others.forEach((t, i) => {
  const m = (f: (x: Other) => number | undefined) => mid((r) => r.others, i, f);
  const ratio = m((x) => x.ratio);
  const base = m((x) => x.baselineNs);
  console.log(
    `| ${t.target} | ${fmtNs(m((x) => x.ns) as number)} | ${fmtRate(m((x) => x.msgPerSec) as number)} | ${base === undefined ? "-" : fmtNs(base)} | ${ratio === undefined ? "-" : `${ratio.toFixed(2)}x`} | ${t.goal} |`,
  );
});
console.log("\n| IAADDR count | decode growth | hand growth | scan growth |");
console.log("|---|---:|---:|---:|");
first.scaling.forEach((s, i) => {
  const m = (k: "decode" | "hand" | "scan") => median(runs.map((r) => r.scaling[i]?.[k] as number)).toFixed(2);
  console.log(`| ${s.from} -> ${s.to} | ${m("decode")}x | ${m("hand")}x | ${m("scan")}x |`);
});
