import { decode, encode } from "../src/index.js";
import { scan } from "../src/v6/scan.js";
import { M1, M2, M3 } from "./messages.js";

const which = process.argv[2] ?? "d2";
const msgs: Record<string, () => unknown> = {
  d1: () => decode(M1),
  d2: () => decode(M2),
  d3: () => decode(M3),
  e1: () => encode(D1),
  e2: () => encode(D2),
  e3: () => encode(D3),
  s2: () => scan(M2),
  s3: () => scan(M3),
  s1: () => scan(M1),
};
const D1 = decode(M1),
  D2 = decode(M2),
  D3 = decode(M3);
const f = msgs[which]!;
let x: unknown;
const N = Number(process.argv[3] ?? 2_000_000);
for (let i = 0; i < N / 10; i++) x = f();
const t0 = performance.now();
for (let i = 0; i < N; i++) x = f();
const t1 = performance.now();
console.log(which, (((t1 - t0) * 1e6) / N).toFixed(1), "ns", typeof x);
