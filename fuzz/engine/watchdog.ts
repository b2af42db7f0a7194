/**
 * Hang detection. The fuzz loop is synchronous, so a decoder stuck in a
 * loop would stop it for good; a worker thread watches a counter the loop
 * bumps before each execution, along with a copy of the input. If the
 * counter stands still for the timeout, the worker writes the input to the
 * crash directory, says so on stderr and kills the process (exit status
 * 137), which is all a thread can do to a stuck main thread.
 */
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { shared, timeoutMs, crashDir, target } = workerData;
const state = new Int32Array(shared, 0, 4);
const bytes = new Uint8Array(shared, 16);
let last = -1;
let since = Date.now();
setInterval(() => {
  const count = Atomics.load(state, 0);
  if (count !== last || Atomics.load(state, 2) === 0) {
    last = count;
    since = Date.now();
    return;
  }
  if (Date.now() - since < timeoutMs) return;
  const input = Buffer.from(bytes.subarray(0, Atomics.load(state, 1)));
  const name = target + "-timeout-" + crypto.createHash("sha1").update(input).digest("hex").slice(0, 16);
  fs.mkdirSync(crashDir, { recursive: true });
  fs.writeFileSync(path.join(crashDir, name + ".bin"), input);
  fs.writeSync(2, "\\nfuzz: " + target + ": one input ran for over " + timeoutMs + " ms (a hang); saved to " + path.join(crashDir, name + ".bin") + "\\n");
  process.kill(process.pid, "SIGKILL");
}, Math.min(250, timeoutMs));
`;

export class Watchdog {
  private readonly state: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly worker: Worker;

  /**
   * @param maxInput - the longest input that will be run (its copy must fit)
   */
  constructor(target: string, crashDir: string, timeoutMs: number, maxInput: number) {
    const shared = new SharedArrayBuffer(16 + maxInput);
    this.state = new Int32Array(shared, 0, 4);
    this.bytes = new Uint8Array(shared, 16);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, timeoutMs, crashDir, target } });
    this.worker.unref();
  }

  /** Records the input about to run. */
  enter(input: Uint8Array): void {
    const n = Math.min(input.length, this.bytes.length);
    this.bytes.set(n === input.length ? input : input.subarray(0, n));
    Atomics.store(this.state, 1, n);
    Atomics.store(this.state, 2, 1);
    Atomics.add(this.state, 0, 1);
  }

  /** Marks time spent outside target code (loading, saving, printing). */
  idle(): void {
    Atomics.store(this.state, 2, 0);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
