/**
 * The in-project fuzz driver.
 *
 *   npx tsx fuzz/driver.ts --target dhcpv6-decode --seconds 60
 *   npx tsx fuzz/driver.ts --target dhcpv6-decode --seconds 600 --no-coverage
 *   npx tsx fuzz/driver.ts --target dhcpv6-decode --replay fuzz/crashes/dhcpv6-decode-0123456789abcdef.bin
 *   npx tsx fuzz/driver.ts --list
 *
 * Exit status: 0 when the budget ran out with every contract kept, 1 on a
 * broken contract (the input is in fuzz/crashes/), 2 for bad arguments,
 * 137 when the watchdog killed a hang. See fuzz/README.md.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startCoverage } from "./engine/coverage.js";
import { ROOT, targetNames } from "./engine/targets.js";

const USAGE = `usage: npx tsx fuzz/driver.ts --target NAME [--seconds N] [--runs N] [--no-coverage] [--save]
                                [--seed N] [--max-len N] [--timeout SECONDS] [--no-generate] [--json]
       npx tsx fuzz/driver.ts --target NAME --replay FILE|DIR...
       npx tsx fuzz/driver.ts --list`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} takes a non-negative number, got ${v}`);
  return n;
}

function inputsOf(paths: readonly string[]): { path: string; bytes: Uint8Array }[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => !f.startsWith(".") && !f.endsWith(".txt"))
          .sort()
          .map((f) => ({ path: join(p, f), bytes: new Uint8Array(readFileSync(join(p, f))) }))
      : [{ path: p, bytes: new Uint8Array(readFileSync(p)) }],
  );
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.list) {
    for (const t of targetNames()) process.stdout.write(`${t}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const target = values.target ?? fail("--target is required");
  if (!targetNames().includes(target)) fail(`no target "${target}"; the targets are: ${targetNames().join(", ")}`);

  const tracker = values["no-coverage"] || values.replay ? undefined : startCoverage(join(ROOT, "src"));
  // Only now load the engine, and with it the library: V8 instruments blocks
  // of functions compiled after coverage starts.
  const { hexOf, replay, runFuzzer } = await import("./engine/fuzzer.js");

  if (values.replay) {
    const inputs = inputsOf(positionals);
    if (inputs.length === 0) fail("--replay needs files or directories");
    const failure = replay(
      target,
      inputs.map((i) => i.bytes),
    );
    if (failure === undefined) {
      process.stdout.write(`${target}: ${inputs.length} input(s) keep the contract\n`);
      return 0;
    }
    const input = inputs[failure.index] as { path: string; bytes: Uint8Array };
    process.stdout.write(
      `${target}: ${input.path} breaks the contract\nhex: ${hexOf(input.bytes)}\n${failure.message}\n`,
    );
    return 1;
  }

  const seconds = positiveNumber("seconds", values.seconds);
  const runs = positiveNumber("runs", values.runs);
  const seed = positiveNumber("seed", values.seed) ?? Math.floor(Math.random() * 0xffffffff);
  const maxLen = positiveNumber("max-len", values["max-len"]);
  const timeout = positiveNumber("timeout", values.timeout);
  const report = await runFuzzer({
    target,
    ...(seconds === undefined && runs === undefined ? { seconds: 60 } : {}),
    ...(seconds === undefined ? {} : { seconds }),
    ...(runs === undefined ? {} : { runs }),
    ...(tracker === undefined ? {} : { tracker }),
    save: values.save === true,
    seed,
    ...(maxLen === undefined ? {} : { maxLen }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
    generate: !values["no-generate"],
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const summary = {
    target: report.target,
    mode: report.mode,
    seed: report.seed,
    executions: report.executions,
    seconds: Number(report.seconds.toFixed(1)),
    execsPerSecond: Math.round(report.execsPerSecond),
    corpus: report.corpus,
    coverageBlocks: report.coverageBlocks ?? null,
    ok: report.crash === undefined,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(
      `${report.target} (${report.mode}, seed ${report.seed}): ${report.executions} executions in ${summary.seconds} s, ${summary.execsPerSecond} exec/s, corpus ${report.corpus}${report.coverageBlocks === undefined ? "" : `, ${report.coverageBlocks} blocks`}\n`,
    );
  }
  if (report.crash) {
    process.stdout.write(
      `\nCONTRACT BROKEN by ${report.crash.file ?? "an input"}\nhex: ${hexOf(report.crash.input)}\n${report.crash.message}\n` +
        `reproduce: npx tsx fuzz/driver.ts --target ${target} --replay ${report.crash.file ?? "<file>"}\n`,
    );
    return 1;
  }
  return 0;
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      target: { type: "string" },
      seconds: { type: "string" },
      runs: { type: "string" },
      "no-coverage": { type: "boolean" },
      save: { type: "boolean" },
      seed: { type: "string" },
      "max-len": { type: "string" },
      timeout: { type: "string" },
      "no-generate": { type: "boolean" },
      replay: { type: "boolean" },
      json: { type: "boolean" },
      list: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
