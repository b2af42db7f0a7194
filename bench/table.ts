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

/** A part measured in the same rounds: its median time and its median per-round ratio to another case. */
export type Part = (library: string, baseline: string) => { ns: number; ratio: number };

/** The [part, compared with] case pairs {@link missedBecause} asks for; run.ts records each in its JSON. */
export const PARTS: readonly (readonly [string, string])[] = [
  ["skip M1", "length-walk M1"],
  ["skip M2", "length-walk M2"],
  ["skip M3", "length-walk M3"],
  ["decodeDhcpv4 M3's DHCPv4", "hand M3's DHCPv4"],
  ["encodeDhcpv4 M3's DHCPv4", "encode M3"],
];

/** The key of a part in the results JSON. */
export const partKey = (library: string, baseline: string): string => `${library} / ${baseline}`;

const share = (part: number, whole: number): string => `${Math.round((100 * part) / whole)}%`;

/**
 * For each missed target, where its time goes, from cases measured in the
 * same rounds: the generated skip alone (scan = skip + the entry's argument
 * checks and result object), the DHCPv4 message of M3 alone, and the text
 * walker (addresses as text, as `decode()` gives them) for decode and the
 * stream.
 */
export function missedBecause(rows: readonly TargetRow[], part: Part): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.met) continue;
    const m = /^(decode|encode|scan) (M\d)$/.exec(r.target);
    const [what, msg] = m === null ? ["stream", ""] : [m[1], m[2]];
    if (what === "scan") {
      const s = part(`skip ${msg}`, r.baseline);
      const walk =
        msg === "M3" ? " (the length walk does not look inside the DHCPv4 message; skip checks all of it)" : "";
      out.push(
        `${r.target}: the generated skip alone is ${fmtRatio(s.ratio)} the length walk${walk}; scan()'s entry (input and options checks, the result object) is the other ${share(r.ns - s.ns, r.ns)}`,
      );
    } else if (msg === "M3" && what === "decode") {
      const v4 = part("decodeDhcpv4 M3's DHCPv4", "hand M3's DHCPv4");
      out.push(
        `${r.target}: its DHCPv4 message alone takes ${fmtNs(v4.ns)} of ${fmtNs(r.ns)} (${share(v4.ns, r.ns)}), ${fmtRatio(v4.ratio)} the hand DHCPv4 walker`,
      );
    } else if (msg === "M3" && what === "encode") {
      const v4 = part("encodeDhcpv4 M3's DHCPv4", r.library);
      out.push(`${r.target}: its DHCPv4 message alone takes ${fmtNs(v4.ns)} of ${fmtNs(r.ns)} (${share(v4.ns, r.ns)})`);
    } else if (r.textRatio !== undefined) {
      out.push(
        `${r.target}: ${fmtRatio(r.textRatio)} the hand walker that gives addresses as text, as decode() does; the rest of the gap to the view walker is formatting addresses`,
      );
    }
  }
  return out;
}
