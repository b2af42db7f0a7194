/**
 * Inspection scaling on its worst shape: a DHCPV4-RESPONSE (RFC 7341 §7.2)
 * whose DHCPv4 message carries option 55 (RFC 2132 §9.8) as one value in
 * many RFC 3396 runs, each run 1 octet and kept apart from the next by a
 * pad, so that every run is a continuation of its own. Prints the CPU time
 * of decode, inspectMessage and formatMessage at 1, 16 and 64 KB, and the
 * time per KB relative to 1 KB (1.0 = linear).
 *
 * Run with `npx tsx bench/inspect-scaling.ts` (`--rounds N`, default 5).
 * @module
 */
import { decode, formatMessage, inspectMessage } from "../src/index.js";

const args = process.argv.slice(2);
const ROUNDS = args.includes("--rounds") ? Number(args[args.indexOf("--rounds") + 1]) : 5;

/** The worst shape at about `kb` KB: DHCPV4-RESPONSE, DHCPV4_MSG, then 55 in 1-octet runs behind pads. */
function continuationRuns(kb: number): Uint8Array {
  const runs = Math.floor((kb * 1024 - 8 - 240 - 4) / 4);
  const v4 = new Uint8Array(240 + 3 + runs * 4 + 1);
  v4[0] = 2; // op BOOTREPLY
  v4.set([99, 130, 83, 99], 236);
  v4.set([53, 1, 13], 240); // DHCPLEASEACTIVE
  for (let i = 0; i < runs; i++) v4.set([55, 1, (i % 254) + 1, 0], 243 + i * 4);
  v4[v4.length - 1] = 255;
  const out = new Uint8Array(8 + v4.length);
  out.set([21, 0, 0, 0, 0, 87, v4.length >> 8, v4.length & 0xff]);
  out.set(v4, 8);
  return out;
}

function cpuMs(f: () => unknown): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const SIZES = [1, 16, 64];
// Warm-up: every size once, so that the 1 KB figure is not the JIT's.
for (const kb of SIZES) formatMessage(decode(continuationRuns(kb)));
const rows: { kb: number; decode: number; inspect: number; format: number }[] = [];
for (const kb of SIZES) {
  const bytes = continuationRuns(kb);
  const m = decode(bytes);
  const d: number[] = [];
  const ins: number[] = [];
  const fmt: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    d.push(cpuMs(() => decode(bytes)));
    ins.push(cpuMs(() => inspectMessage(m)));
    fmt.push(cpuMs(() => formatMessage(m)));
  }
  rows.push({ kb: bytes.length / 1024, decode: median(d), inspect: median(ins), format: median(fmt) });
}
const base = rows[0] as (typeof rows)[number];
const perKb = (v: number, kb: number, b: number): string => ((v / kb / (b / base.kb)) as number).toFixed(1);
console.log("size KB   decode ms  inspect ms  format ms  | per-KB vs 1 KB: decode inspect format");
for (const r of rows) {
  console.log(
    `${r.kb.toFixed(1).padStart(7)} ${r.decode.toFixed(2).padStart(10)} ${r.inspect.toFixed(2).padStart(11)} ${r.format
      .toFixed(2)
      .padStart(
        10,
      )}  | ${perKb(r.decode, r.kb, base.decode).padStart(6)} ${perKb(r.inspect, r.kb, base.inspect).padStart(7)} ${perKb(r.format, r.kb, base.format).padStart(6)}`,
  );
}
