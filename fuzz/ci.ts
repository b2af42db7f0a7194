/**
 * The CI entry: every fuzz target for a bounded time, one process each
 * (so a hang, which the driver's watchdog ends by killing its process,
 * fails only that target's run), then a summary table.
 *
 *   npx tsx fuzz/ci.ts                      # 20 s per target, coverage-guided
 *   npx tsx fuzz/ci.ts --seconds 10 --targets dhcpv6-decode,stream-decode
 *   npx tsx fuzz/ci.ts --seed 12345         # replay a CI run's choices
 *
 * Exits 1 when any target broke its contract, hung or could not run; the
 * inputs are in fuzz/crashes/.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, targetNames } from "./engine/targets.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    targets: { type: "string" },
    seed: { type: "string" },
    "no-coverage": { type: "boolean" },
  },
});

const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) {
  process.stderr.write(`--seconds takes a positive number, got ${values.seconds}\n`);
  process.exit(2);
}
const targets = values.targets === undefined ? targetNames() : values.targets.split(",").filter((t) => t !== "");
const unknown = targets.filter((t) => !targetNames().includes(t));
if (unknown.length > 0) {
  process.stderr.write(`unknown target(s): ${unknown.join(", ")}; the targets are: ${targetNames().join(", ")}\n`);
  process.exit(2);
}
const seed = values.seed ?? String(Math.floor(Math.random() * 0xffffffff));

interface Row {
  target: string;
  status: string;
  executions: string;
  execsPerSecond: string;
  corpus: string;
  blocks: string;
}

const rows: Row[] = [];
let failed = false;
process.stdout.write(`fuzz CI: ${targets.length} target(s), ${seconds} s each, seed ${seed}\n`);
for (const target of targets) {
  const args = [
    "--import",
    "tsx",
    join(ROOT, "fuzz", "driver.ts"),
    "--target",
    target,
    "--seconds",
    String(seconds),
    "--seed",
    seed,
    "--json",
    ...(values["no-coverage"] ? ["--no-coverage"] : []),
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    // Startup, the seed corpus and a last coverage replay come on top of the budget.
    timeout: (seconds * 2 + 120) * 1000,
    maxBuffer: 64 << 20,
  });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  const summaryLine = (r.stdout ?? "")
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  const summary = summaryLine ? (JSON.parse(summaryLine) as Record<string, unknown>) : undefined;
  const ok = r.status === 0 && summary?.ok === true;
  if (!ok) {
    failed = true;
    process.stdout.write(`\n--- ${target} failed (exit ${r.status ?? r.signal}) ---\n${out}\n`);
  }
  rows.push({
    target,
    status: ok
      ? "ok"
      : r.status === 1
        ? "CONTRACT BROKEN"
        : r.signal || r.status === 137
          ? "HANG or killed"
          : `error ${r.status}`,
    executions: String(summary?.executions ?? "-"),
    execsPerSecond: String(summary?.execsPerSecond ?? "-"),
    corpus: String(summary?.corpus ?? "-"),
    blocks: String(summary?.coverageBlocks ?? "-"),
  });
  const last = rows[rows.length - 1] as Row;
  process.stdout.write(`${target}: ${last.status}, ${last.executions} executions, ${last.execsPerSecond} exec/s\n`);
}

const header: Row = {
  target: "target",
  status: "status",
  executions: "executions",
  execsPerSecond: "exec/s",
  corpus: "corpus",
  blocks: "blocks",
};
const keys = Object.keys(header) as (keyof Row)[];
const width = (k: keyof Row) => Math.max(...[header, ...rows].map((r) => r[k].length));
process.stdout.write("\n");
for (const r of [header, ...rows]) process.stdout.write(`${keys.map((k) => r[k].padEnd(width(k))).join("  ")}\n`);
if (failed) {
  process.stdout.write(
    `\nfuzz CI failed; crashing inputs are in fuzz/crashes/ (replay: npx tsx fuzz/driver.ts --target T --replay FILE)\n`,
  );
}
process.exitCode = failed ? 1 : 0;
