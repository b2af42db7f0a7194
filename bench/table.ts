/**
 * The targets table of issue 12, shared by `bench/run.ts` (one run) and
 * `bench/summary.ts` (medians over several runs): one row per case, the
 * library against its hand-written baseline measured in the same rounds,
 * the goal, and whether it is met.
 *
 * Baselines (all in `bench/baseline/`, benchmark code only): decode rows
 * against the view walker (addresses and ids as byte views), with the text
 * walker (addresses as RFC 5952 text, like `decode()`) in its own columns;
 * encode rows against the hand encoder; the stream row against the hand
 * deframer + view walker; scan rows against the length-only walk.
 * @module
 */

/** One row of the targets table, as written to the results JSON. */
export interface TargetRow {
  /** The row's name, e.g. `decode M1`. */
  target: string;
  /** Bench case names of the library and of the baseline (and the text walker). */
  library: string;
  baseline: string;
  text?: string;
  /** `ns`: figures are ns per call; `rate`: messages per second (stream). */
  unit: "ns" | "rate";
  ns: number;
  msgPerSec: number;
  baselineNs: number;
  baselineMsgPerSec: number;
  /** Median of the per-round ratios library / baseline (time). */
  ratio: number;
  textNs?: number;
  textMsgPerSec?: number;
  textRatio?: number;
  /** The goal: ratio <= limit. */
  limit: number;
  goal: string;
  met: boolean;
}

/** The rows: [target, library case, baseline case, text walker case or "", limit]. */
export const TARGETS: readonly (readonly [string, string, string, string, number])[] = [
  ["decode M1", "decode M1", "hand-view M1", "hand M1", 2],
  ["decode M2", "decode M2", "hand-view M2", "hand M2", 2],
  ["decode M3", "decode M3", "hand-view M3", "hand M3", 2],
  ["encode M1", "encode M1", "hand-encode M1", "", 1.5],
  ["encode M2", "encode M2", "hand-encode M2", "", 1.5],
  ["encode M3", "encode M3", "hand-encode M3", "", 1.5],
  [
    "stream S (deframe + decode)",
    "stream S: FrameDecoder+decode",
    "stream S: hand deframe+view walk",
    "stream S: hand deframe+walk",
    1.3,
  ],
  ["scan M1", "scan M1", "length-walk M1", "", 1.3],
  ["scan M2", "scan M2", "length-walk M2", "", 1.3],
  ["scan M3", "scan M3", "length-walk M3", "", 1.3],
];

const fmtNs = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} ms` : `${x.toFixed(0)} ns`);
const fmtRate = (x: number): string =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)} M msg/s` : `${(x / 1e3).toFixed(0)} k msg/s`;
const fmtRatio = (x: number | undefined): string => (x === undefined ? "-" : `${x.toFixed(2)}x`);

/** The table as markdown lines. */
export function formatTargets(rows: readonly TargetRow[]): string[] {
  const figure = (r: TargetRow, ns: number | undefined, rate: number | undefined): string =>
    ns === undefined || rate === undefined ? "-" : r.unit === "rate" ? fmtRate(rate) : fmtNs(ns);
  const lines = [
    "| case | library | hand-written | library / hand | text walker | library / text walker | goal | status |",
    "|---|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.target} | ${figure(r, r.ns, r.msgPerSec)} | ${figure(r, r.baselineNs, r.baselineMsgPerSec)} | ${fmtRatio(r.ratio)} | ${figure(r, r.textNs, r.textMsgPerSec)} | ${fmtRatio(r.textRatio)} | ${r.goal} | ${r.met ? "met" : "missed"} |`,
    );
  }
  return lines;
}
