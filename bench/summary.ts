/**
 * Medians over several `bench/run.ts` JSON files (one per run), for the
 * figures recorded in bench/README.md:
 * `npx tsx bench/summary.ts a.json b.json c.json`.
 * @module
 */
import { readFileSync } from "node:fs";
import { median } from "./harness.js";

interface Target {
  target: string;
  ns: number;
  msgPerSec: number;
  baselineNs?: number;
  ratio?: number;
  goal: string;
}
interface Run {
  load: { before: number; after: number };
  targets: Target[];
  scaling: { from: number; to: number; decode: number; hand: number; scan: number }[];
}

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, "utf8")) as Run);
if (runs.length === 0) throw new Error("usage: tsx bench/summary.ts RESULTS.json...");
const first = runs[0] as Run;
const fmtNs = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} ms` : `${Math.round(x)} ns`);
const fmtRate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);
console.log(`${runs.length} runs; load (1 min) ${runs.map((r) => r.load.before.toFixed(1)).join(", ")}\n`);
console.log("| target | library | msg/s | baseline | ratio | goal |");
console.log("|---|---:|---:|---:|---:|---|");
first.targets.forEach((t, i) => {
  const all = runs.map((r) => r.targets[i] as Target);
  const m = (f: (x: Target) => number | undefined) => {
    const xs = all.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
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
