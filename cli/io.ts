/**
 * What the CLI needs from its host, passed in so that `main` runs the same
 * under Node (see node-io.ts) and in tests (fake streams and files).
 * @module
 */

/** An output stream. `write` may return a promise to ask the caller to wait (back-pressure). */
export interface CliOutput {
  write(text: string): void | Promise<void>;
  /** True when a terminal reads it (progress then redraws one line). */
  readonly isTTY?: boolean;
}

/** A file as `stat` sees it. */
export interface FileInfo {
  readonly size: number;
  readonly isFile: boolean;
}

/** The host: standard streams, files, and where the bundled sample capture is. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Standard input, chunk by chunk. */
  stdin(): AsyncIterable<Uint8Array>;
  /** What is at `path`, or undefined if nothing is. */
  stat(path: string): Promise<FileInfo | undefined>;
  /** The file at `path`, in chunks of at most `chunkSize` bytes (each a fresh buffer). */
  readFile(path: string, chunkSize: number): AsyncIterable<Uint8Array>;
  /** Writes `data` to `path`, replacing it. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Path of the capture decoded when no input is given. */
  readonly samplePath: string;
  /** Inputs at least this many bytes long report progress on stderr (default {@link LARGE_INPUT}). */
  readonly largeInput?: number;
}

/** Default size from which an input counts as large: 32 MiB. */
export const LARGE_INPUT = 32 * 1024 * 1024;
