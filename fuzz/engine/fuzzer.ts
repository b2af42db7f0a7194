/**
 * The fuzz loop shared by fuzz/driver.ts, fuzz/ci.ts and the unit test:
 * seed, mutate, run, keep what reaches new code, stop on the first broken
 * contract.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CoverageTracker } from "./coverage.js";
import { library } from "./library.js";
import { type MutationContext, mutate } from "./mutate.js";
import { Rng } from "./rng.js";
import { corpusInputs, generator, loadVectors, vectorSeeds } from "./seeds.js";
import type { InputKind } from "./structure.js";
import { bindTarget, loadTarget, ROOT } from "./targets.js";
import { Watchdog } from "./watchdog.js";

export interface FuzzOptions {
  readonly target: string;
  /** Time budget in seconds (the loop stops at whichever budget runs out first). */
  readonly seconds?: number;
  /** Execution budget, counted after the seeds (which always run once each). */
  readonly runs?: number;
  /**
   * Coverage-guided when given: a started tracker (see {@link startCoverage};
   * start it before the library loads). Absent: pure random mutation, much faster.
   */
  readonly tracker?: CoverageTracker;
  /** Write inputs that reach new coverage to fuzz/corpus/<target>/. */
  readonly save?: boolean;
  readonly seed: number;
  /** Longest input made by mutation; default by input kind. */
  readonly maxLen?: number;
  /** Hang timeout for one input, in milliseconds; 0 turns the watchdog off. */
  readonly timeoutMs?: number;
  /** Draw valid messages from the schema-derived arbitraries (default true). */
  readonly generate?: boolean;
  /** Write a crashing input to fuzz/crashes/ (default true). */
  readonly writeCrash?: boolean;
  /** Progress lines; none when absent. */
  readonly log?: (line: string) => void;
  /** Milliseconds between progress lines (default 2000). */
  readonly statusEveryMs?: number;
}

export interface Crash {
  readonly message: string;
  readonly input: Uint8Array;
  /** Where the input was written, when it was. */
  readonly file?: string;
}

export interface FuzzReport {
  readonly target: string;
  readonly mode: "coverage" | "no-coverage";
  readonly seed: number;
  readonly executions: number;
  readonly seconds: number;
  readonly execsPerSecond: number;
  /** Inputs the loop mutates from. */
  readonly corpus: number;
  /** Covered functions and blocks of src/ (coverage mode only). */
  readonly coverageBlocks: number | undefined;
  readonly crash: Crash | undefined;
}

const DEFAULT_MAX_LEN: Record<InputKind, number> = {
  "dhcpv6-message": 4096,
  "dhcpv4-message": 4096,
  "dhcpv6-stream": 8192,
};

/** Inputs per coverage take, from a fresh discovery to a long dry spell. */
const MIN_COVERAGE_BATCH = 32;
const MAX_COVERAGE_BATCH = 1024;
const PLAIN_BATCH = 1024;

function sha(input: Uint8Array): string {
  return createHash("sha1").update(input).digest("hex").slice(0, 16);
}

function show(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}

function hexOf(b: Uint8Array, max = 256): string {
  const s = Buffer.from(b.subarray(0, max)).toString("hex");
  return b.length > max ? `${s}... (${b.length} bytes)` : s;
}

/** Where a target's saved corpus lives. */
export function corpusDir(target: string): string {
  return join(ROOT, "fuzz", "corpus", target);
}

export const CRASH_DIR = join(ROOT, "fuzz", "crashes");

/** Runs the loop until a budget runs out or a contract breaks. */
export async function runFuzzer(o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const module = loadTarget(o.target);
  const run = bindTarget(module, library);
  const kind = module.input;
  const maxLen = o.maxLen ?? DEFAULT_MAX_LEN[kind];
  const rng = new Rng(o.seed);
  const budgetMs = (o.seconds ?? Number.POSITIVE_INFINITY) * 1000;
  const budgetRuns = o.runs ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(budgetMs) && !Number.isFinite(budgetRuns)) throw new Error("give a time or a run budget");

  const vectors = loadVectors(join(ROOT, "vectors"));
  const saved = corpusInputs(corpusDir(o.target));
  const draw = o.generate === false ? undefined : generator(kind, rng);
  const generated = draw ? draw(256) : [];
  const seeds = [...vectorSeeds(kind, vectors), ...saved, ...generated];
  const longest = seeds.reduce((n, s) => Math.max(n, s.length), maxLen);

  const watchdog = o.timeoutMs === 0 ? undefined : new Watchdog(o.target, CRASH_DIR, o.timeoutMs ?? 10_000, longest);
  const tracker = o.tracker;
  const corpus: Uint8Array[] = [];
  const known = new Set<string>();
  let executions = 0;
  let crash: Crash | undefined;
  const started = performance.now();

  const exec = (input: Uint8Array): boolean => {
    watchdog?.enter(input);
    executions++;
    try {
      run(input);
      return true;
    } catch (e) {
      watchdog?.idle();
      crash = recordCrash(o, withStack(run, input, e), input);
      return false;
    }
  };
  const keep = (input: Uint8Array): void => {
    if (input.length > maxLen) return;
    const id = sha(input);
    if (known.has(id)) return;
    known.add(id);
    corpus.push(input);
    if (o.save && tracker) {
      mkdirSync(corpusDir(o.target), { recursive: true });
      writeFileSync(join(corpusDir(o.target), `${id}.bin`), input);
    }
  };

  // Capturing a stack trace is most of the cost of a failed decode (42% of
  // the time of dhcpv6-decode, measured with --cpu-prof), so none is taken
  // while fuzzing; a crashing input is run again with traces on for the report.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // Seeds: all run once; those within maxLen join the corpus (in coverage
    // mode, only those that reach something new).
    for (const s of seeds) {
      tracker?.reset();
      if (!exec(s)) break;
      if (!tracker || tracker.commit(tracker.take()) > 0) keep(s);
    }
    if (corpus.length === 0) corpus.push(new Uint8Array(0));
    const seedExecutions = executions;
    log(
      `${o.target}: ${seeds.length} seeds (${vectorSeeds(kind, vectors).length} from vectors, ${saved.length} saved, ${generated.length} generated), corpus ${corpus.length}${tracker ? `, ${tracker.size} blocks` : ""}`,
    );

    let pool: Uint8Array[] = [];
    /** Set when drawing from the arbitraries ran library code outside an execution. */
    let drew = false;
    const cx: MutationContext = {
      rng,
      kind,
      maxLen,
      other: () => rng.pick(corpus),
    };
    const next = (): Uint8Array => {
      if (draw && rng.oneIn(16)) {
        watchdog?.idle();
        if (pool.length === 0) {
          pool = draw(64);
          drew = true;
        }
        const fresh = pool.pop() as Uint8Array;
        return rng.oneIn(2) ? fresh : mutate(fresh, cx);
      }
      return mutate(rng.pick(corpus), cx);
    };

    // A take costs about as much as 50-100 executions of a small input (the
    // inspector serialises every function that ran), so batches grow while
    // they find nothing new and shrink again when one does.
    let batchSize = tracker ? MIN_COVERAGE_BATCH : PLAIN_BATCH;
    const every = o.statusEveryMs ?? 2000;
    let lastStatus = performance.now();
    const status = (): string => {
      const s = (performance.now() - started) / 1000;
      return `#${executions} exec/s: ${Math.round(executions / s)} corpus: ${corpus.length}${tracker ? ` blocks: ${tracker.size}` : ""} elapsed: ${s.toFixed(0)}s`;
    };
    while (crash === undefined) {
      const elapsed = performance.now() - started;
      const runs = executions - seedExecutions;
      if (elapsed >= budgetMs || runs >= budgetRuns) break;
      const n = Math.min(batchSize, budgetRuns - runs);
      const batch: Uint8Array[] = [];
      for (let i = 0; i < n; i++) batch.push(next());
      if (tracker && drew) tracker.reset();
      drew = false;
      for (const input of batch) if (!exec(input)) break;
      if (crash !== undefined) break;
      if (tracker) {
        if (tracker.novel(tracker.take()) > 0) {
          // Replay the batch input by input to find which ones reached new code.
          for (const input of batch) {
            tracker.reset();
            if (!exec(input)) break;
            if (tracker.commit(tracker.take()) > 0) keep(input);
          }
          batchSize = MIN_COVERAGE_BATCH;
        } else batchSize = Math.min(MAX_COVERAGE_BATCH, batchSize * 2);
      }
      const now = performance.now();
      if (now - lastStatus >= every) {
        lastStatus = now;
        log(status());
      }
    }
    log(status());
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    watchdog?.idle();
    tracker?.stop();
    await watchdog?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    target: o.target,
    mode: tracker ? "coverage" : "no-coverage",
    seed: o.seed,
    executions,
    seconds,
    execsPerSecond: executions / seconds,
    corpus: corpus.length,
    coverageBlocks: tracker?.size,
    crash,
  };
}

/** The error of a second run of `input` with stack traces on, or `first` if that run passes. */
function withStack(run: (data: Uint8Array) => void, input: Uint8Array, first: unknown): unknown {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    run(input);
    return first;
  } catch (e) {
    return e;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function recordCrash(o: FuzzOptions, e: unknown, input: Uint8Array): Crash {
  const message = show(e);
  let file: string | undefined;
  if (o.writeCrash !== false) {
    mkdirSync(CRASH_DIR, { recursive: true });
    file = join(CRASH_DIR, `${o.target}-${sha(input)}.bin`);
    writeFileSync(file, input);
    writeFileSync(`${file}.txt`, `target: ${o.target}\nseed: ${o.seed}\nhex: ${hexOf(input, 1 << 20)}\n\n${message}\n`);
  }
  return file === undefined ? { message, input } : { message, input, file };
}

/** Runs a target once on each input; the first failure, or undefined. */
export function replay(target: string, inputs: readonly Uint8Array[]): { index: number; message: string } | undefined {
  const run = bindTarget(loadTarget(target), library);
  for (let i = 0; i < inputs.length; i++) {
    try {
      run(inputs[i] as Uint8Array);
    } catch (e) {
      return { index: i, message: show(e) };
    }
  }
  return undefined;
}

export { hexOf };
