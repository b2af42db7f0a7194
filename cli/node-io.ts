/**
 * The Node host of the CLI: process streams, node:fs, and the bundled
 * sample capture found next to the running file.
 * @module
 */
import { createReadStream, existsSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { CliIo, CliOutput } from "./io.js";

function output(stream: NodeJS.WriteStream): CliOutput {
  // A reader that goes away (`| head`) ends the program quietly, as other tools do.
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
  return {
    isTTY: stream.isTTY === true,
    write(text) {
      // Waiting for 'drain' keeps memory bounded when stdout is a slow pipe.
      if (stream.write(text)) return;
      return new Promise((resolve) => stream.once("drain", () => resolve()));
    },
  };
}

/**
 * The sample capture: `./samples/demo.pcapng` next to cli/*.ts when run
 * from source, `../cli/samples/demo.pcapng` from dist/cli.js (the package
 * ships cli/samples).
 */
function samplePath(): string {
  const candidates = ["./samples/demo.pcapng", "../cli/samples/demo.pcapng"].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
}

/**
 * The CLI's host under Node.
 *
 * @example
 * ```ts
 * import { main } from "./main.js";
 * import { nodeIo } from "./node-io.js";
 * process.exitCode = await main(["decode", "17000001"], nodeIo());
 * ```
 * @throws never
 */
export function nodeIo(): CliIo {
  return {
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    stdin: () => process.stdin,
    async stat(path) {
      try {
        const s = await stat(path);
        return { size: s.size, isFile: s.isFile() };
      } catch {
        return undefined;
      }
    },
    readFile: (path, chunkSize) => createReadStream(path, { highWaterMark: chunkSize }),
    writeFile: (path, data) => writeFile(path, data),
    samplePath: samplePath(),
  };
}
