/**
 * Progress of a large input on stderr: one line redrawn on a terminal, a
 * line per step otherwise (only with --progress).
 * @module
 */
import { type CliIo, LARGE_INPUT } from "./io.js";

/** Hears how far the reading has got. */
export interface Progress {
  /** `bytes` more were read; `messages` have been found so far. */
  advance(bytes: number, messages: number): void;
  /** The input is finished. */
  done(messages: number): void;
}

/** Reports nothing. */
export const NO_PROGRESS: Progress = { advance() {}, done() {} };

const MIB = 1024 * 1024;
/** Without a known size, report every this many bytes. */
const STEP_UNKNOWN = 16 * MIB;

const mib = (n: number): string => `${(n / MIB).toFixed(1)} MiB`;

/**
 * The progress reporter of one input of `total` bytes (undefined when
 * unknown, as for stdin). `wanted`: true always reports, false never,
 * undefined reports for inputs of at least `io.largeInput` bytes when
 * stderr is a terminal.
 */
export function progressFor(io: CliIo, wanted: boolean | undefined, total: number | undefined): Progress {
  const large = total !== undefined && total >= (io.largeInput ?? LARGE_INPUT);
  if (wanted === false || (wanted === undefined && !(large && io.stderr.isTTY))) return NO_PROGRESS;
  const tty = io.stderr.isTTY === true;
  // A percent at a time when the size is known.
  const step = total === undefined ? STEP_UNKNOWN : Math.max(1, Math.floor(total / 100));
  let read = 0;
  let next = step;
  let shown = false;
  const line = (messages: number): string =>
    `${total === undefined ? mib(read) : `${mib(read)} of ${mib(total)} (${Math.floor((read / Math.max(total, 1)) * 100)}%)`}, ${messages} message(s)`;
  const show = (text: string): void => {
    shown = true;
    void io.stderr.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
  };
  return {
    advance(bytes, messages) {
      read += bytes;
      if (read < next) return;
      next = read + step;
      show(`reading: ${line(messages)}`);
    },
    done(messages) {
      if (!shown) return;
      show(`read: ${line(messages)}`);
      if (tty) void io.stderr.write("\n");
      shown = false;
    },
  };
}
