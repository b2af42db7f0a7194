/**
 * The speed benchmark: the library against hand-written baselines, in the
 * same process and the same rounds. Run with `npm run bench` (options after
 * `--`: `--rounds N`, default 7; `--sample MS` per case and round, default
 * 40; `--wall` for wall-clock instead of CPU time; `--json PATH`).
 * Prints the targets table of issue 12 (bench/table.ts: decode, encode,
 * stream and scan against hand-written baselines, the goal and whether it
 * is met), the other figures, and writes bench/results.json, then the
 * scaling section (bench/scaling.ts). `--only scaling` runs only the
 * scaling section, `--only main` only the rest.
 *
 * Every figure is the median over rounds; every ratio is the median of the
 * per-round ratios of two cases measured next to each other in each round.
 * @module
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { decode, decodeDhcpv4, encode, encodeDhcpv4 } from "../src/index.js";
import { FrameDecoder, MessageDecoder } from "../src/stream/index.js";
import { skipMessage } from "../src/v6/codecs.generated.js";
import { scan } from "../src/v6/scan.js";
import { readerOptions } from "../src/wire/decode-options.js";
import { handEncode } from "./baseline/encoder.js";
import { WalkError, walkLength, walkText, walkV4Text, walkView } from "./baseline/walker.js";
import { type Case, type Clock, type Result, ratio, run } from "./harness.js";
import { M1, M2, M3, M3_V4, scaling, stream } from "./messages.js";
import { printScaling, runScaling } from "./scaling.js";
import { formatTargets, missedBecause, PARTS, partKey, TARGETS, type TargetRow } from "./table.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ROUNDS = opt("--rounds", 7);
const SAMPLE_MS = opt("--sample", 40);
const CLOCK: Clock = args.includes("--wall") ? "wall" : "cpu";
const jsonAt = args.includes("--json")
  ? (args[args.indexOf("--json") + 1] as string)
  : fileURLToPath(new URL("results.json", import.meta.url));
const ONLY = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
if (ONLY !== undefined && ONLY !== "main" && ONLY !== "scaling") {
  throw new Error(`--only takes main or scaling, got ${ONLY}`);
}
if (ONLY === "scaling") {
  console.log(
    `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "?"}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  printScaling(runScaling(CLOCK), CLOCK);
  console.log(`\nload average (1 min) after ${(loadavg()[0] as number).toFixed(2)}`);
  process.exit(0);
}

// ------------------------------------------------------------ sanity checks

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`bench sanity check failed: ${what}`);
}
for (const [name, m] of [
  ["M1", M1],
  ["M2", M2],
  ["M3", M3],
] as const) {
  check(isDeepStrictEqual(walkText(m), decode(m)), `hand walker and decode() agree on ${name}`);
  check(scan(m).ok, `scan(${name}) is ok`);
  walkLength(m);
}
const D1 = decode(M1);
const D2 = decode(M2);
const D3 = decode(M3);
for (const [name, d, m] of [
  ["M1", D1, M1],
  ["M2", D2, M2],
  ["M3", D3, M3],
] as const) {
  check(isDeepStrictEqual(handEncode(d as never), m), `hand encoder rebuilds ${name}`);
}
check(isDeepStrictEqual(encode(D1), M1) && isDeepStrictEqual(encode(D3), M3), "encode() rebuilds M1 and M3");
const V4 = decodeDhcpv4(M3_V4);
check(isDeepStrictEqual(encodeDhcpv4(V4), M3_V4), "encodeDhcpv4() rebuilds the DHCPv4 message of M3");
check(isDeepStrictEqual(walkV4Text(M3_V4, 0, M3_V4.length), V4), "hand DHCPv4 walker and decodeDhcpv4() agree");
const DEFAULT_OPTIONS = readerOptions(undefined);
const skip = (m: Uint8Array): number => skipMessage(m, 0, m.length, 0, DEFAULT_OPTIONS);
for (const m of [M1, M2, M3]) check(skip(m) === m.length, "the generated skip reaches the end");
const v4 = (D3.options[0] as { dhcpv4Message?: unknown }).dhcpv4Message;
const v4Decoded = typeof v4 === "object" && v4 !== null && !(v4 instanceof Uint8Array);

const S = stream();
const SCALE = [1, 10, 100, 1000];
const scaled = SCALE.map(scaling);

// ------------------------------------------------------------ stream cases

/** The library: FrameDecoder (src/stream/framer.ts) then decode() per frame. */
function libStream(): number {
  const d = new FrameDecoder();
  let n = 0;
  for (const chunk of S.chunks) {
    for (const f of d.push(chunk)) {
      decode(f);
      n++;
    }
  }
  d.end();
  return n;
}

/** The library's MessageDecoder (framing and decoding in one object). */
function libMessageDecoder(): number {
  const d = new MessageDecoder();
  let n = 0;
  for (const chunk of S.chunks) n += d.push(chunk).length;
  d.end();
  return n;
}

/** The library: FrameDecoder then scan() per frame. */
function libStreamScan(): number {
  const d = new FrameDecoder();
  let n = 0;
  for (const chunk of S.chunks) {
    for (const f of d.push(chunk)) if (scan(f).ok) n++;
  }
  d.end();
  return n;
}

/** Hand-written deframing (carrying a split frame over) with a per-frame callback. */
function handDeframe(each: (m: Uint8Array) => unknown): number {
  let carry: Uint8Array | undefined;
  let n = 0;
  for (const chunk of S.chunks) {
    let b = chunk;
    if (carry !== undefined) {
      const joined = new Uint8Array(carry.length + chunk.length);
      joined.set(carry);
      joined.set(chunk, carry.length);
      b = joined;
      carry = undefined;
    }
    let p = 0;
    while (b.length - p >= 2) {
      const size = ((b[p] as number) << 8) | (b[p + 1] as number);
      if (size === 0) throw new WalkError("empty-frame", p);
      if (b.length - p - 2 < size) break;
      each(b.subarray(p + 2, p + 2 + size));
      n++;
      p += 2 + size;
    }
    if (p < b.length) carry = b.slice(p);
  }
  if (carry !== undefined) throw new WalkError("truncated", 0);
  return n;
}

check(libStream() === S.count && libMessageDecoder() === S.count, "the library deframes every message of S");
check(
  handDeframe(walkText) === S.count && handDeframe(walkView) === S.count && libStreamScan() === S.count,
  "the baselines deframe every message of S",
);

// ------------------------------------------------------------ cases

const cases: Case[] = [
  { name: "decode M1", fn: () => decode(M1) },
  { name: "hand M1", fn: () => walkText(M1) },
  { name: "hand-view M1", fn: () => walkView(M1) },
  { name: "decode M2", fn: () => decode(M2) },
  { name: "hand M2", fn: () => walkText(M2) },
  { name: "hand-view M2", fn: () => walkView(M2) },
  { name: "decode M3", fn: () => decode(M3) },
  { name: "hand M3", fn: () => walkText(M3) },
  { name: "hand-view M3", fn: () => walkView(M3) },
  { name: "encode M1", fn: () => encode(D1) },
  { name: "hand-encode M1", fn: () => handEncode(D1 as never) },
  { name: "encode M2", fn: () => encode(D2) },
  { name: "hand-encode M2", fn: () => handEncode(D2 as never) },
  { name: "encode M3", fn: () => encode(D3) },
  { name: "hand-encode M3", fn: () => handEncode(D3 as never) },
  { name: "scan M1", fn: () => scan(M1) },
  { name: "length-walk M1", fn: () => walkLength(M1) },
  { name: "scan M2", fn: () => scan(M2) },
  { name: "length-walk M2", fn: () => walkLength(M2) },
  { name: "scan M3", fn: () => scan(M3) },
  { name: "length-walk M3", fn: () => walkLength(M3) },
  // The parts of the missed targets (see missedBecause in bench/table.ts).
  { name: "skip M1", fn: () => skip(M1) },
  { name: "skip M2", fn: () => skip(M2) },
  { name: "skip M3", fn: () => skip(M3) },
  { name: "decodeDhcpv4 M3's DHCPv4", fn: () => decodeDhcpv4(M3_V4) },
  { name: "hand M3's DHCPv4", fn: () => walkV4Text(M3_V4, 0, M3_V4.length) },
  { name: "encodeDhcpv4 M3's DHCPv4", fn: () => encodeDhcpv4(V4) },
  { name: "stream S: FrameDecoder+decode", fn: libStream, messages: S.count },
  { name: "stream S: MessageDecoder", fn: libMessageDecoder, messages: S.count },
  { name: "stream S: hand deframe+walk", fn: () => handDeframe(walkText), messages: S.count },
  { name: "stream S: hand deframe+view walk", fn: () => handDeframe(walkView), messages: S.count },
  { name: "stream S: FrameDecoder+scan", fn: libStreamScan, messages: S.count },
  { name: "stream S: hand deframe+length-walk", fn: () => handDeframe(walkLength), messages: S.count },
];
SCALE.forEach((n, i) => {
  const m = scaled[i] as Uint8Array;
  cases.push(
    { name: `decode IAADDR x${n}`, fn: () => decode(m) },
    { name: `hand IAADDR x${n}`, fn: () => walkText(m) },
    { name: `scan IAADDR x${n}`, fn: () => scan(m) },
  );
});

console.log(
  `node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "?"}, load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(
  `tinybench, ${ROUNDS} rounds of ~${SAMPLE_MS} ms per case, ${CLOCK === "cpu" ? "process CPU time" : "wall time"}; DHCPV4_MSG decoded as a DHCPv4 message: ${v4Decoded}`,
);
const loadBefore = loadavg()[0] as number;
const results = run(cases, ROUNDS, SAMPLE_MS, CLOCK);
const loadAfter = loadavg()[0] as number;
const by = new Map(results.map((r) => [r.name, r]));
const get = (name: string): Result => by.get(name) as Result;

// ------------------------------------------------------------ report

const parts: Record<string, { ns: number; ratio: number }> = {};
for (const [lib, base] of PARTS) parts[partKey(lib, base)] = { ns: get(lib).ns, ratio: ratio(get(lib), get(base)) };

const targets: TargetRow[] = TARGETS.map(([target, lib, base, text, limit]) => {
  const a = get(lib);
  const b = get(base);
  const r = ratio(a, b);
  const row: TargetRow = {
    target,
    library: lib,
    baseline: base,
    unit: a.name.startsWith("stream") ? "rate" : "ns",
    ns: a.ns,
    msgPerSec: a.msgPerSec,
    baselineNs: b.ns,
    baselineMsgPerSec: b.msgPerSec,
    ratio: r,
    limit,
    goal: `<= ${limit}x`,
    met: r <= limit,
  };
  if (text !== "") {
    const t = get(text);
    row.text = text;
    row.textNs = t.ns;
    row.textMsgPerSec = t.msgPerSec;
    row.textRatio = ratio(a, t);
  }
  return row;
});

/** Figures with no goal of their own, printed after the targets. */
interface Row {
  target: string;
  library: string;
  baseline: string;
  ns: number;
  msgPerSec: number;
  baselineNs?: number;
  ratio?: number;
  goal: string;
  met: boolean;
}
const rows: Row[] = [];
function rate(target: string, lib: string, base: string): void {
  const a = get(lib);
  rows.push({
    target,
    library: lib,
    baseline: base,
    ns: a.ns,
    msgPerSec: a.msgPerSec,
    baselineNs: get(base).ns,
    ratio: ratio(a, get(base)),
    goal: "- (no target)",
    met: true,
  });
}
rate("deframe + decode S (MessageDecoder)", "stream S: MessageDecoder", "stream S: hand deframe+view walk");
rate("deframe + scan S", "stream S: FrameDecoder+scan", "stream S: hand deframe+length-walk");

/** Growth per 10x of IAADDR count, as a median of per-round ratios. */
const scaleRows = SCALE.slice(1).map((n, i) => {
  const prev = SCALE[i] as number;
  const g = (kind: string) => ratio(get(`${kind} IAADDR x${n}`), get(`${kind} IAADDR x${prev}`));
  return { from: prev, to: n, decode: g("decode"), hand: g("hand"), scan: g("scan") };
});
const scaleOk = scaleRows.every((s) => s.to < 100 || (s.decode < 13 && s.scan < 13));
rows.push({
  target: "decode cost linear in size (x10 IAADDR)",
  library: "decode IAADDR x100 -> x1000",
  baseline: "-",
  ns: get("decode IAADDR x1000").ns,
  msgPerSec: get("decode IAADDR x1000").msgPerSec,
  ratio: scaleRows[scaleRows.length - 1]?.decode ?? 0,
  goal: "~10x per 10x",
  met: scaleOk,
});

const fmtNs = (x: number | undefined) =>
  x === undefined ? "-" : x >= 1e6 ? `${(x / 1e6).toFixed(2)} ms` : `${x.toFixed(0)} ns`;
const fmtRate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`);
console.log("\nAll cases (median over rounds):");
for (const r of results) {
  const spread = `${fmtNs(Math.min(...r.samples))} .. ${fmtNs(Math.max(...r.samples))}`;
  console.log(`  ${r.name.padEnd(38)} ${fmtNs(r.ns).padStart(10)}  ${fmtRate(r.msgPerSec).padStart(11)}   [${spread}]`);
}
console.log(
  "\nTargets (issue 12), medians over rounds; hand-written: the view walker (decode), the hand encoder (encode), the hand deframer + view walker (stream), the length-only walk (scan):\n",
);
for (const line of formatTargets(targets)) console.log(line);
const because = missedBecause(targets, (lib, base) => parts[partKey(lib, base)] as { ns: number; ratio: number });
if (because.length > 0) {
  console.log("\nWhere the missed goals' time goes, measured in the same rounds:");
  for (const line of because) console.log(`  ${line}`);
}
console.log("\nOther figures:");
console.log(
  `  ${"target".padEnd(38)} ${"library".padStart(10)} ${"msg/s".padStart(11)} ${"baseline".padStart(10)} ${"ratio".padStart(7)}  goal`,
);
for (const r of rows) {
  console.log(
    `  ${r.target.padEnd(38)} ${fmtNs(r.ns).padStart(10)} ${fmtRate(r.msgPerSec).padStart(11)} ${fmtNs(r.baselineNs).padStart(10)} ${(r.ratio === undefined ? "-" : `${r.ratio.toFixed(2)}x`).padStart(7)}  ${r.goal}${r.met ? "" : "  (not met)"}`,
  );
}
console.log("\nScaling (CLIENT_DATA with N IAADDR; growth factor per 10x):");
for (const s of scaleRows) {
  console.log(
    `  x${String(s.from).padEnd(4)} -> x${String(s.to).padEnd(5)} decode ${s.decode.toFixed(2)}  hand ${s.hand.toFixed(2)}  scan ${s.scan.toFixed(2)}`,
  );
}
console.log(`\nload average (1 min) before ${loadBefore.toFixed(2)}, after ${loadAfter.toFixed(2)}`);

writeFileSync(
  jsonAt,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpu: `${cpus().length} x ${cpus()[0]?.model ?? "?"}`,
      load: { before: loadBefore, after: loadAfter },
      rounds: ROUNDS,
      sampleMs: SAMPLE_MS,
      clock: CLOCK,
      dhcpv4Decoded: v4Decoded,
      cases: results.map((r) => ({
        name: r.name,
        medianNs: r.ns,
        msgPerSec: r.msgPerSec,
        minNs: Math.min(...r.samples),
        maxNs: Math.max(...r.samples),
        perRoundNs: r.samples,
        callsPerIteration: r.batch,
      })),
      targets,
      parts,
      others: rows,
      scaling: scaleRows,
    },
    null,
    2,
  )}\n`,
);
console.log(`results written to ${jsonAt}`);

if (ONLY !== "main") printScaling(runScaling(CLOCK), CLOCK);
