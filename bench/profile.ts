/**
 * One bench case in a tight loop, for a CPU profile: `npm run bench:profile
 * -- d2` prints ns per call; to profile, run it under
 * `node --import tsx --cpu-prof bench/profile.ts d2 3000000` (or bundle it
 * with esbuild first to get line numbers that match the sources).
 * Cases: d1 d2 d3 (decode), e1 e2 e3 (encode), s1 s2 s3 (scan), stream
 * (FrameDecoder then decode over S); the second argument is the call count.
 * @module
 */
import { decode, encode } from "../src/index.js";
import { FrameDecoder } from "../src/stream/index.js";
import { scan } from "../src/v6/scan.js";
import { M1, M2, M3, stream } from "./messages.js";

const D1 = decode(M1);
const D2 = decode(M2);
const D3 = decode(M3);
const cases: Record<string, () => unknown> = {
  d1: () => decode(M1),
  d2: () => decode(M2),
  d3: () => decode(M3),
  e1: () => encode(D1),
  e2: () => encode(D2),
  e3: () => encode(D3),
  s1: () => scan(M1),
  s2: () => scan(M2),
  s3: () => scan(M3),
  stream: (() => {
    const S = stream();
    return () => {
      const d = new FrameDecoder();
      let n = 0;
      for (const chunk of S.chunks) for (const f of d.push(chunk)) n += decode(f).msgType;
      d.end();
      return n;
    };
  })(),
};

const which = process.argv[2] ?? "d2";
const f = cases[which];
if (f === undefined) throw new Error(`unknown case ${which}; one of ${Object.keys(cases).join(" ")}`);
const N = Number(process.argv[3] ?? (which === "stream" ? 50 : 2_000_000));
let x: unknown;
for (let i = 0; i < Math.max(1, N / 10); i++) x = f();
const t0 = performance.now();
for (let i = 0; i < N; i++) x = f();
const t1 = performance.now();
console.log(which, `${(((t1 - t0) * 1e6) / N).toFixed(1)} ns per call`, typeof x);
