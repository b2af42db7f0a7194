import { startCoverage } from "./engine/coverage.js";

const mode = process.argv[2];
const t = mode !== "plain" ? startCoverage("/work/main/src") : undefined;
const { library } = await import("./engine/library.js");
const { bindTarget, loadTarget } = await import("./engine/targets.js");
const { loadVectors, vectorSeeds } = await import("./engine/seeds.js");
const run = bindTarget(loadTarget("dhcpv6-decode"), library);
const seeds = vectorSeeds("dhcpv6-message", loadVectors("/work/main/vectors"))
  .filter((s) => s.length < 4096)
  .slice(0, 64);
Error.stackTraceLimit = 0;
const every = Number(process.argv[3] ?? 0);
const line: number[] = [];
for (let k = 0; k < 8; k++) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1000) {
    for (const s of seeds) run(s);
    n += seeds.length;
    if (t && every && n % every === 0) t.take();
  }
  line.push(Math.round(n));
}
console.log(mode, every, line.join(" "));
