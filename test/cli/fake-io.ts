/**
 * An in-memory host for the CLI: files in a map, stdin from bytes, stdout
 * and stderr captured as text. The bundled sample capture is read from disk.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CliIo } from "../../cli/io.js";
import { main } from "../../cli/main.js";

export const SAMPLE = join(__dirname, "..", "..", "cli", "samples", "demo.pcapng");

export interface FakeOptions {
  readonly files?: Record<string, Uint8Array | string>;
  readonly stdin?: Uint8Array | string;
  /** Size of the chunks files and stdin are read in (default: what the CLI asks for). */
  readonly chunk?: number;
  readonly stderrTTY?: boolean;
  readonly largeInput?: number;
  /** Records `read` for each chunk handed out and `write` for each stdout write, in order. */
  readonly trace?: string[];
  /** Called with each chunk's size as it is handed out, and with each stdout write. */
  readonly onRead?: (bytes: number) => void;
  readonly onWrite?: (text: string) => void;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files the command wrote. */
  readonly written: Map<string, Uint8Array>;
}

const bytesOf = (x: Uint8Array | string): Uint8Array => (typeof x === "string" ? new TextEncoder().encode(x) : x);

function* chunks(b: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < b.length; at += size) yield b.slice(at, at + size);
}

async function* asyncChunks(
  b: Uint8Array,
  size: number,
  trace?: string[],
  onRead?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for (const c of chunks(b, size)) {
    trace?.push("read");
    onRead?.(c.length);
    yield c;
  }
}

/** Runs the CLI in-process on a fake host. */
export async function runCli(argv: readonly string[], o: FakeOptions = {}): Promise<RunResult> {
  const files = new Map<string, Uint8Array>(Object.entries(o.files ?? {}).map(([k, v]) => [k, bytesOf(v)]));
  files.set(SAMPLE, readFileSync(SAMPLE));
  let stdout = "";
  let stderr = "";
  const written = new Map<string, Uint8Array>();
  const io: CliIo = {
    stdout: {
      write(t) {
        o.trace?.push("write");
        o.onWrite?.(t);
        stdout += t;
      },
    },
    stderr: {
      write(t) {
        stderr += t;
      },
      isTTY: o.stderrTTY ?? false,
    },
    stdin: () => asyncChunks(bytesOf(o.stdin ?? ""), o.chunk ?? 65536),
    stat: async (p) => {
      const f = files.get(p);
      if (f) return { size: f.length, isFile: true };
      return p.endsWith("/") ? { size: 0, isFile: false } : undefined;
    },
    readFile: (p, size) => asyncChunks(files.get(p) as Uint8Array, o.chunk ?? size, o.trace, o.onRead),
    writeFile: async (p, d) => {
      written.set(p, d);
    },
    samplePath: SAMPLE,
    ...(o.largeInput !== undefined ? { largeInput: o.largeInput } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, written };
}
